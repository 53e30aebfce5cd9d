"""The client import as a background job, end to end (issue 15's acceptance): 5,000 rows
through the upload page and a real worker process, its progress page while it runs, a
failing row that leaves nothing written, and a worker killed half-way (nothing written;
the next worker takes the job up again and it succeeds, once).

The worker is `manage.py pekerja` in its own process against this test's PostgreSQL
database, so the rows are committed (a transactional test). PostgreSQL only: the killed
worker's job is found by its released advisory lock, and progress shows while the job's
transaction is open, both PostgreSQL's (SQLite has one writer at a time)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tasks_db.models import DBTaskResult

from jejak.models import JejakAudit, Peristiwa
from klien.models import Klien
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from tests.klien.test_impor import KOLOM, _baris
from tests.pekerjaan.antrean import impor, pekerjaan_dari

AKAR = Path(__file__).resolve().parents[2]
BARIS = 5000

pg_saja = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="PostgreSQL only: a killed worker's job is found by its advisory lock",
)


def _csv(desa, n=BARIS, **rusak_di) -> SimpleUploadedFile:
    rows = [_baris(desa, i, **rusak_di.get(str(i), {})) for i in range(1, n + 1)]
    return SimpleUploadedFile("klien-5000.csv", ("\n".join([KOLOM, *rows]) + "\n").encode())


def _pekerja() -> subprocess.Popen:
    """`manage.py pekerja` on this test's database and media folder, in its own process."""
    db = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bapas.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "pekerja", "--interval", "0.2", "--no-startup-delay"],
        cwd=AKAR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _tunggu(syarat, batas: float, pekerja: subprocess.Popen):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        if pekerja.poll() is not None:
            raise AssertionError(f"the worker exited: {pekerja.stdout.read().decode()[-3000:]}")
        time.sleep(0.2)
    raise AssertionError("timed out")


def _berhenti(pekerja: subprocess.Popen) -> None:
    if pekerja.poll() is None:
        pekerja.send_signal(signal.SIGTERM)
        try:
            pekerja.wait(30)
        except subprocess.TimeoutExpired:
            pekerja.kill()
            pekerja.wait()


@pg_saja
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_pekerja_dibunuh_di_tengah_lalu_diulang(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    p = pekerjaan_dari(client.post("/klien/impor/", {"berkas": _csv(desa)}))
    assert p.status == StatusPekerjaan.MENUNGGU
    assert not Klien.objects.exists()

    pekerja = _pekerja()
    try:
        # half-way through: its progress is visible while its transaction is still open
        def separuh():
            p.refresh_from_db()
            return p.status == "berjalan" and p.total and p.progres > p.total * 0.6

        _tunggu(separuh, 180, pekerja)
        halaman = client.get(f"/pekerjaan/{p.pk}/status/", headers={"HX-Request": "true"})
        html = halaman.content.decode()
        assert halaman.status_code == 200
        assert 'hx-trigger="every 2s"' in html  # still polling
        assert f'max="{2 * BARIS}"' in html and "Sedang berjalan" in html
        pekerja.send_signal(signal.SIGKILL)
        pekerja.wait(10)
    finally:
        _berhenti(pekerja)

    # nothing of the killed attempt is left: no client, no history, no trail of the import
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (StatusPekerjaan.BERJALAN, 1)
    assert not Klien.objects.exists()
    assert not JejakAudit.objects.filter(jenis=Peristiwa.IMPOR, additional_data__hasil="berhasil")
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "RUNNING"

    # the next worker finds the job left by the dead one (its lock is free) and runs it again
    pekerja = _pekerja()
    try:
        _tunggu(lambda: Pekerjaan.objects.get(pk=p.pk).status == "selesai", 240, pekerja)
    finally:
        _berhenti(pekerja)
    p.refresh_from_db()
    assert p.percobaan == 2
    assert p.ringkasan["dibuat"] == BARIS and p.progres == p.total == 2 * BARIS
    assert Klien.objects.filter(unit=kasi.unit).count() == BARIS
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1  # the killed attempt's
    assert JejakAudit.objects.filter(jenis=Peristiwa.IMPOR, additional_data__hasil="berhasil")
    halaman = client.get(p.get_absolute_url()).content.decode()
    assert "5000 klien diimpor, 0 sudah ada dan dilewati." in halaman

    # delivered once more (a duplicate task, a retry): done already, nothing happens
    from pekerjaan.pelaksana import jalankan

    assert jalankan(str(p.pk)) == "dilewati: sudah selesai"
    assert Klien.objects.count() == BARIS


@pytest.mark.slow
def test_5000_baris_dengan_satu_baris_salah_tidak_ada_yang_ditulis(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    p, halaman = impor(client, _csv(desa, **{"4999": {"tanggal_lahir": "31/02/1990"}}))
    assert p.status == StatusPekerjaan.GAGAL
    assert not Klien.objects.exists()
    assert p.ringkasan["jumlah_kesalahan"] == 1
    assert p.ringkasan["kesalahan"][0] | {"alasan": ""} == {
        "baris": 5000,  # the header is row 1
        "kolom": "tanggal_lahir",
        "judul": p.ringkasan["kesalahan"][0]["judul"],
        "alasan": "",
    }
    html = halaman.content.decode()
    assert "Pekerjaan gagal; tidak ada data yang berubah." in html
    assert "tanggal_lahir" in html and "<td" in html
    gagal = JejakAudit.objects.get(jenis=Peristiwa.IMPOR, additional_data__hasil="gagal")
    assert gagal.additional_data["kesalahan"] == 1
    assert gagal.actor == kasi
