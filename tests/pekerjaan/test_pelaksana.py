"""Running a job (`pekerjaan.pelaksana`) with kinds of its own ("uji.*"): a refusal or an
error leaves nothing written; a lost database is tried again later, then given up; a file
is stored through the storage API and streamed to its owner only, with an audit entry; a
finished job run again is left alone; a deactivated owner's job fails."""

import datetime
import logging
import os
import tempfile

import pytest
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from pekerjaan import pelaksana
from pekerjaan.jenis import Hasil, PekerjaanGagal, jenis_pekerjaan
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from pekerjaan.tasks import jalankan_tugas

from .antrean import kerjakan_antrean

PESAN_TOLAK = "Baris 3: tanggal tidak dikenal."
ISI = b"no;nama\n1;Ni Luh Uji\n2;I Made Uji\n"


def _tulis(p, progres, penanda: str) -> None:
    """What a job writes before it ends: an audit entry, and its progress."""
    progres(1, total=4, langkah="Menulis", segera=True)
    catat_peristiwa(Peristiwa.LIHAT, pelaku=p.pemilik, data={"penanda": penanda})


@jenis_pekerjaan("uji.tolak", "Uji tolak")
def _tolak(p, progres):
    _tulis(p, progres, "tolak")
    raise PekerjaanGagal(PESAN_TOLAK, ringkasan={"baris": ["rinci"]})


@jenis_pekerjaan("uji.galat", "Uji galat")
def _galat(p, progres):
    _tulis(p, progres, "galat")
    raise ZeroDivisionError("rahasia internal")


@jenis_pekerjaan("uji.putus", "Uji putus")
def _putus(p, progres):
    _tulis(p, progres, "putus")
    raise OperationalError("server closed the connection unexpectedly")


@jenis_pekerjaan("uji.berkas", "Uji berkas")
def _berkas(p, progres):
    _tulis(p, progres, "berkas")
    progres(4, langkah="Menyusun berkas")
    return Hasil(
        ringkasan={"baris": ["Dua baris diekspor."], "jejak": {"jumlah": 2}},
        berkas=ISI,
        nama_berkas="x.csv",
        tipe="text/csv",
    )


@jenis_pekerjaan("uji.berkas_objek", "Uji berkas objek")
def _berkas_objek(p, progres):
    """A file object rather than bytes (an export written to a temporary file)."""
    f = tempfile.TemporaryFile()  # noqa: SIM115 - the runner reads it after the return
    f.write(ISI)
    f.seek(0)
    return Hasil(berkas=f, nama_berkas="Rekap Desember 2026.csv", tipe="text/csv")


@jenis_pekerjaan("uji.tanpa_nama", "Uji tanpa nama")
def _tanpa_nama(p, progres):
    return Hasil(berkas=ISI)


@jenis_pekerjaan("uji.batas_waktu", "Uji batas waktu")
def _batas_waktu(p, progres):
    """A real error of the database's own: a statement cancelled by its timeout."""
    _tulis(p, progres, "batas_waktu")
    with connection.cursor() as c:
        c.execute("SET LOCAL statement_timeout = '50ms'")
        c.execute("SELECT pg_sleep(2)")


def _penanda(penanda: str):
    return JejakAudit.objects.filter(additional_data__penanda=penanda)


def _mulai(jenis: str, oleh) -> Pekerjaan:
    p = pelaksana.mulai(jenis=jenis, oleh=oleh)
    assert p.status == StatusPekerjaan.MENUNGGU and p.tugas_id
    return p


def _jalankan_semua(p: Pekerjaan) -> Pekerjaan:
    assert kerjakan_antrean() == 1
    p.refresh_from_db()
    return p


def test_mulai_mengantrekan_tugas(pk):
    p = _mulai("uji.berkas", pk)
    tugas = DBTaskResult.objects.get(pk=p.tugas_id)
    assert tugas.status == "READY"
    assert tugas.task_path == jalankan_tugas.module_path
    assert tugas.args_kwargs["args"] == [str(p.pk)]
    assert p.unit_id == pk.unit_id and p.pemilik == pk


def test_jenis_tak_dikenal_ditolak_saat_mulai(pk):
    with pytest.raises(PekerjaanGagal):
        pelaksana.mulai(jenis="uji.tidak-ada", oleh=pk)
    assert not Pekerjaan.objects.exists() and not DBTaskResult.objects.exists()


def test_penolakan_tidak_meninggalkan_tulisan(client, pk):
    p = _jalankan_semua(_mulai("uji.tolak", pk))

    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == PESAN_TOLAK
    assert p.ringkasan == {"baris": ["rinci"]}
    assert p.percobaan == 1 and p.selesai is not None
    assert not _penanda("tolak").exists()  # the audit entry it wrote was rolled back
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "SUCCESSFUL"

    client.force_login(pk)
    teks = client.get(p.get_absolute_url()).content.decode()
    assert "Pekerjaan gagal; tidak ada data yang berubah." in teks
    assert PESAN_TOLAK in teks
    assert 'hx-trigger="every 2s"' not in teks


def test_galat_tak_terduga_dicatat_di_log_dan_tidak_menulis(client, pk, caplog):
    with caplog.at_level(logging.ERROR, logger="pekerjaan"):
        p = _jalankan_semua(_mulai("uji.galat", pk))

    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat.startswith("Terjadi kesalahan pada sistem, dan tidak ada data")
    assert "rahasia internal" not in p.pesan_galat  # the user reads no internals
    assert not _penanda("galat").exists()
    (catatan,) = [r for r in caplog.records if r.name == "pekerjaan"]
    assert catatan.levelno == logging.ERROR
    assert str(p.pk) in catatan.getMessage()
    assert catatan.exc_info and catatan.exc_info[0] is ZeroDivisionError

    client.force_login(pk)
    teks = client.get(p.get_absolute_url()).content.decode()
    assert "Pekerjaan gagal; tidak ada data yang berubah." in teks
    assert "Terjadi kesalahan pada sistem" in teks


def test_basis_data_putus_diulang_nanti_lalu_menyerah(pk, settings):
    settings.PEKERJAAN_PERCOBAAN_MAKS = 3
    p = _mulai("uji.putus", pk)
    tugas_pertama = p.tugas_id
    sebelum = timezone.now()

    p = _jalankan_semua(p)

    assert p.status == StatusPekerjaan.MENUNGGU
    assert p.percobaan == 1
    assert p.pesan_galat == ""
    assert p.langkah == "Basis data sementara tidak terjangkau; dicoba lagi."
    assert p.tugas_id and p.tugas_id != tugas_pertama
    baru = DBTaskResult.objects.get(pk=p.tugas_id)
    assert baru.status == "READY"
    assert baru.run_after > sebelum + datetime.timedelta(seconds=25)  # 30 s after attempt 1
    assert baru.args_kwargs["args"] == [str(p.pk)]
    assert DBTaskResult.objects.get(pk=tugas_pertama).status == "SUCCESSFUL"
    assert not _penanda("putus").exists()
    assert kerjakan_antrean() == 0  # not yet: its time has not come

    # the attempts that follow (as the worker would run them when their time comes)
    assert pelaksana.jalankan(str(p.pk)) == "diulang"
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (StatusPekerjaan.MENUNGGU, 2)
    assert pelaksana.jalankan(str(p.pk)) == "gagal: basis data"
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (StatusPekerjaan.GAGAL, 3)
    assert p.pesan_galat == "Basis data tidak terjangkau setelah beberapa percobaan."
    assert not _penanda("putus").exists()
    # one task queued per retry (two), none after giving up
    assert DBTaskResult.objects.filter(status="READY").count() == 2


def test_berkas_hasil_disimpan_dan_diunduh(client, pk, pk_lain):
    p = _jalankan_semua(_mulai("uji.berkas", pk))

    assert p.status == StatusPekerjaan.SELESAI, p.pesan_galat
    assert (p.progres, p.total) == (4, 4)
    assert (p.nama_hasil, p.tipe_hasil) == ("x.csv", "text/csv")
    assert p.berkas_hasil.name.startswith("pekerjaan/hasil/")
    assert p.berkas_hasil.name.endswith("x.csv")
    assert default_storage.exists(p.berkas_hasil.name)
    with default_storage.open(p.berkas_hasil.name, "rb") as f:
        assert f.read() == ISI
    assert _penanda("berkas").count() == 1  # what a job writes is kept when it succeeds

    client.force_login(pk)
    halaman = client.get(p.get_absolute_url()).content.decode()
    url = reverse("pekerjaan:unduh", args=[p.pk])
    assert f'href="{url}"' in halaman and "Unduh x.csv" in halaman
    assert "Dua baris diekspor." in halaman

    sebelum = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).count()
    resp = client.get(url)
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == ISI
    assert resp["Content-Type"] == "text/csv"
    assert resp["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert resp["Cache-Control"] == "private, no-store"
    assert resp["X-Content-Type-Options"] == "nosniff"
    entri = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)
    assert entri.count() == sebelum + 1
    e = entri.latest("pk")
    assert e.additional_data == {"pekerjaan": str(p.pk), "berkas": "x.csv", "jumlah": 2}
    assert (e.actor_id, e.unit_id) == (pk.pk, pk.unit_id)

    client.force_login(pk_lain)
    assert client.get(url).status_code == 404
    assert entri.count() == sebelum + 1  # a refused download is not an export


def test_unduh_tanpa_berkas_404(client, pk):
    p = _jalankan_semua(_mulai("uji.tolak", pk))
    client.force_login(pk)
    assert client.get(reverse("pekerjaan:unduh", args=[p.pk])).status_code == 404


def test_dijalankan_lagi_setelah_selesai_tidak_mengubah_apa_pun(pk):
    p = _jalankan_semua(_mulai("uji.berkas", pk))
    assert p.status == StatusPekerjaan.SELESAI
    sebelum = Pekerjaan.objects.filter(pk=p.pk).values().get()
    jejak = JejakAudit.objects.count()

    assert pelaksana.jalankan(str(p.pk)) == "dilewati: sudah selesai"

    assert Pekerjaan.objects.filter(pk=p.pk).values().get() == sebelum
    assert JejakAudit.objects.count() == jejak
    assert _penanda("berkas").count() == 1

    # a failed one too
    gagal = _jalankan_semua(_mulai("uji.tolak", pk))
    sebelum = Pekerjaan.objects.filter(pk=gagal.pk).values().get()
    assert pelaksana.jalankan(str(gagal.pk)) == "dilewati: sudah selesai"
    assert Pekerjaan.objects.filter(pk=gagal.pk).values().get() == sebelum


def test_pemilik_dinonaktifkan_pekerjaannya_gagal(client, pk, kasi):
    p = _mulai("uji.berkas", pk)
    type(pk).objects.filter(pk=pk.pk).update(is_active=False)

    p = _jalankan_semua(p)

    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == "Akun yang memulai pekerjaan ini sudah dinonaktifkan."
    assert not p.berkas_hasil
    assert not _penanda("berkas").exists()  # the job's function never ran


def test_berkas_dari_objek_berkas(client, pk):
    p = _jalankan_semua(_mulai("uji.berkas_objek", pk))
    assert p.status == StatusPekerjaan.SELESAI, p.pesan_galat
    assert p.nama_hasil == "Rekap Desember 2026.csv"
    assert p.berkas_hasil.name.endswith("/Rekap_Desember_2026.csv")  # a safe stored name
    client.force_login(pk)
    resp = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert b"".join(resp.streaming_content) == ISI
    assert resp["Content-Disposition"] == 'attachment; filename="Rekap Desember 2026.csv"'


def test_berkas_tanpa_nama_disimpan_sebagai_hasil(client, pk):
    """A kind that gives a file and no name: stored and offered as "hasil" (the fallback
    of the runner and of the download), not failed."""
    p = _jalankan_semua(_mulai("uji.tanpa_nama", pk))
    assert p.status == StatusPekerjaan.SELESAI, p.pesan_galat
    assert p.berkas_hasil.name.endswith("/hasil")
    client.force_login(pk)
    resp = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == ISI
    assert resp["Content-Disposition"] == 'attachment; filename="hasil"'
    assert resp["Content-Type"] == "application/octet-stream"


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="PostgreSQL only: a statement timeout",
)
def test_pg_galat_basis_data_sungguhan_diulang(pk):
    """The database itself cancels a statement (psycopg's QueryCanceled, Django's
    OperationalError): the job's writes are rolled back, the connection goes on, and the
    job waits for its next attempt."""
    p = _jalankan_semua(_mulai("uji.batas_waktu", pk))
    assert (p.status, p.percobaan) == (StatusPekerjaan.MENUNGGU, 1)
    assert p.langkah == "Basis data sementara tidak terjangkau; dicoba lagi."
    assert not _penanda("batas_waktu").exists()
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "READY"
    with connection.cursor() as c:  # the timeout went with the job's transaction
        c.execute("SHOW statement_timeout")
        assert c.fetchone()[0] != "50ms"


def test_jenis_yang_tidak_dikenal_lagi_gagal_dengan_alasannya(client, pk):
    """A job queued by a version that knew its kind, run by one that does not."""
    p = Pekerjaan.objects.create(jenis="uji.dihapus", pemilik=pk, unit=pk.unit)
    pelaksana.antrekan(p)

    p = _jalankan_semua(p)

    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == "Jenis pekerjaan ini tidak dikenal lagi oleh sistem."
    client.force_login(pk)
    teks = client.get(p.get_absolute_url()).content.decode()
    assert "uji.dihapus" in teks  # its code stands for its title
    assert "tidak dikenal lagi" in teks
