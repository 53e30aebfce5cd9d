"""The same file imported several times at once (issue 10, finding 4): one import at a time
per office; the others are refused with a message and an audit entry, never a 500 from the
unique register number (`transaction=True`: each thread has its own connection and sees
only committed rows). The page starts a background job; the imports run at the same time
in the jobs, as several workers would run them."""

import contextlib
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from jejak.models import JejakAudit, Peristiwa
from klien import impor
from klien.impor import ImporDitolak, baca_berkas, klien_impor
from klien.models import Klien
from pekerjaan import pelaksana
from pekerjaan.models import StatusPekerjaan
from tests.klien.test_impor import _csv
from tests.pekerjaan.antrean import impor as impor_pekerjaan
from tests.pekerjaan.antrean import pekerjaan_dari

URL = reverse("klien:klien-impor")
pytestmark = pytest.mark.django_db(transaction=True)
PESAN = "Impor lain untuk kantor ini sedang berjalan"


@pytest.fixture
def pk_ber_nip(pk):
    pk.nip = "198503122010121001"
    pk.save()
    return pk


def _di_utas(kerja):
    """Run `kerja` in a thread with its own database connection, closed afterwards."""
    hasil = {}

    def jalan():
        try:
            hasil["nilai"] = kerja()
        except BaseException as exc:
            hasil["galat"] = exc
        finally:
            connections.close_all()

    utas = threading.Thread(target=jalan)
    utas.start()
    return utas, hasil


def test_impor_kedua_saat_kantor_terkunci_ditolak(kasi, pk_ber_nip, desa, monkeypatch):
    """The lock path, on SQLite and PostgreSQL: while one import holds the office (paused
    inside its transaction, before it reads anything), a second is refused at once and
    writes nothing; the first then finishes as if alone."""
    masuk, lepas = threading.Event(), threading.Event()
    asli = impor.PemetaBaris.__init__

    def tahan(self, unit):
        if threading.current_thread() is not threading.main_thread():
            masuk.set()
            assert lepas.wait(20)
        asli(self, unit)

    monkeypatch.setattr(impor.PemetaBaris, "__init__", tahan)
    utas, hasil = _di_utas(
        lambda: klien_impor(unit=kasi.unit, oleh=kasi, rows=baca_berkas(_csv(desa)))
    )
    try:
        assert masuk.wait(20)
        with pytest.raises(ImporDitolak, match=PESAN):
            klien_impor(unit=kasi.unit, oleh=kasi, rows=baca_berkas(_csv(desa)))
    finally:
        lepas.set()
        utas.join(30)
    assert "galat" not in hasil, hasil
    assert hasil["nilai"].dibuat == 5 and Klien.objects.count() == 5


def test_impor_yang_ditolak_menjadi_pesan_dan_jejak(client, kasi, desa, monkeypatch):
    """A refused import fails its job with the refusal's message, on the job's page and in
    the trail, after the page's entry for the start."""
    dipanggil = []

    def sibuk(**kwargs):
        dipanggil.append(len(kwargs["rows"]))
        raise ImporDitolak(PESAN + ".")

    monkeypatch.setattr("klien.latar.klien_impor", sibuk)
    client.force_login(kasi)
    p, halaman = impor_pekerjaan(client, _csv(desa))
    assert dipanggil == [5]  # the file's five rows reached the import
    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == PESAN + "."
    assert PESAN in halaman.content.decode()
    dimulai, gagal = JejakAudit.objects.filter(jenis=Peristiwa.IMPOR).order_by("pk")
    assert dimulai.additional_data["hasil"] == "dimulai"
    assert gagal.additional_data == {
        "pekerjaan": str(p.pk),
        "berkas": "klien.csv",
        "hasil": "gagal",
        "alasan": PESAN + ".",
        "kesalahan": 0,
    }
    assert not Klien.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: a refused import cannot write its trail entry "
    "until the running one commits (the lock path is tested above)",
)
def test_berkas_sama_diimpor_empat_kali_bersamaan(kasi, pk_ber_nip, desa, monkeypatch):
    """Four uploads of one file at the same moment, through the page, and their four jobs
    run at the same moment, each in its own connection (four workers). Each import waits
    (up to 2 s) at a barrier before it reads what exists, so without the lock all four read
    "nothing there yet" and race to insert the same register numbers (before the lock: an
    IntegrityError, a 500 for three of them, none in the trail)."""
    serentak = threading.Barrier(4)
    asli = impor.PemetaBaris.__init__

    def bersama(self, unit):
        with contextlib.suppress(threading.BrokenBarrierError):
            serentak.wait(timeout=2)
        asli(self, unit)

    monkeypatch.setattr(impor.PemetaBaris, "__init__", bersama)
    klien = []
    for _ in range(4):
        c = Client(raise_request_exception=False)  # a 500 is a result here, not a crash
        c.force_login(kasi)
        klien.append(c)
    utas = [_di_utas(lambda c=c: c.post(URL, {"berkas": _csv(desa)})) for c in klien]
    for u, _ in utas:
        u.join(60)
    hasil = [h for _, h in utas]
    assert not [h["galat"] for h in hasil if "galat" in h]
    kode = [h["nilai"].status_code for h in hasil]
    assert kode == [302] * 4, kode
    semua = [pekerjaan_dari(h["nilai"]) for h in hasil]
    assert len({p.pk for p in semua}) == 4

    # the four jobs at once, as four workers would run them
    utas = [_di_utas(lambda p=p: pelaksana.jalankan(str(p.pk))) for p in semua]
    for u, _ in utas:
        u.join(60)
    hasil = [h for _, h in utas]
    assert not [h["galat"] for h in hasil if "galat" in h]
    for p in semua:
        p.refresh_from_db()
    status = sorted(p.status for p in semua)
    assert set(status) <= {StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL}, status
    assert Klien.objects.count() == 5
    selesai = [p for p in semua if p.status == StatusPekerjaan.SELESAI]
    gagal = [p for p in semua if p.status == StatusPekerjaan.GAGAL]
    assert sum(p.ringkasan["dibuat"] for p in selesai) == 5
    # a job that came after the first one's commit skipped its rows; the others were
    # refused by the lock, with its message (not a system error, not a unique violation)
    assert all(p.ringkasan["dibuat"] + p.ringkasan["dilewati"] == 5 for p in selesai)
    for p in gagal:
        assert PESAN in p.pesan_galat, p.pesan_galat

    jejak = [e.additional_data for e in JejakAudit.objects.filter(jenis=Peristiwa.IMPOR)]
    assert len(jejak) == 8  # each upload's start and each job's end
    assert sorted(j["pekerjaan"] for j in jejak if j["hasil"] == "dimulai") == sorted(
        str(p.pk) for p in semua
    )
    berhasil = [j for j in jejak if j["hasil"] == "berhasil"]
    assert sum(j["dibuat"] for j in berhasil) == 5
    assert sorted(j["pekerjaan"] for j in berhasil) == sorted(str(p.pk) for p in selesai)
    ditolak = [j for j in jejak if j["hasil"] == "gagal"]
    assert sorted(j["pekerjaan"] for j in ditolak) == sorted(str(p.pk) for p in gagal)
    assert all(PESAN in j["alasan"] for j in ditolak)
