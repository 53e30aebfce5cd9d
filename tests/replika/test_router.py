"""The replica's router, report scope and pin, without a replica (issue 15, part 7).

The decisions only: which alias a read or a write goes to inside and outside a report scope,
after the user's own write, with the replica behind or out of reach. `replika_dikonfigurasi`
and the replica's connection are stubbed; tests/replika/test_integrasi.py runs the same
code against a real streaming replica.
"""

import logging
import os
import subprocess
import sys

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, OperationalError
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse

from akun.models import User
from bapas.router import RouterReplika
from inti import replika
from jejak.models import JejakAudit
from klien.models import Klien

router = RouterReplika()


@pytest.fixture(autouse=True)
def status_bersih():
    replika.lupakan_status()
    yield
    replika.lupakan_status()


@pytest.fixture
def terkonfigurasi(monkeypatch):
    """A replica in the settings (its connection stubbed where a test needs it)."""
    monkeypatch.setattr(replika, "replika_dikonfigurasi", lambda: True)


@pytest.fixture
def replika_sehat(terkonfigurasi, monkeypatch):
    """A reachable replica, 1 s behind; counts the lag queries."""
    kueri = []

    def jeda():
        kueri.append(1)
        return 1.0

    monkeypatch.setattr(replika, "jeda_replika", jeda)
    monkeypatch.setattr(replika, "sambung_replika", lambda **kw: None)
    return kueri


# --- the router -------------------------------------------------------------------------


def test_di_luar_lingkup_semua_ke_primary(terkonfigurasi):
    assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Klien) == DEFAULT_DB_ALIAS


def test_di_dalam_lingkup_baca_ke_replika_tulis_ke_primary():
    with replika.lingkup_laporan(replika.ALIAS):
        assert router.db_for_read(Klien) == "replika"
        assert router.db_for_read(User) == "replika"
        assert router.db_for_write(Klien) == DEFAULT_DB_ALIAS
        # identity, lockouts and the trail: always the primary (a report writes its entry)
        assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
        assert router.db_for_read(JejakAudit) == DEFAULT_DB_ALIAS
        assert router.db_for_write(JejakAudit) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS  # the scope is over


@pytest.mark.django_db(transaction=True)
def test_transaksi_terbuka_di_primary_membaca_primary():
    """Inside a transaction on the primary a report reads what it has just written."""
    from django.db import transaction

    with replika.lingkup_laporan(replika.ALIAS):
        with transaction.atomic():
            assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Klien) == "replika"


def test_relasi_dan_migrasi():
    class Baris:
        def __init__(self, db):
            self._state = type("S", (), {"db": db})()

    assert router.allow_relation(Baris("default"), Baris("replika")) is True
    assert router.allow_relation(Baris("replika"), Baris("replika")) is True
    assert router.allow_relation(Baris("default"), Baris("lain")) is None
    assert router.allow_migrate("replika", "klien") is False
    assert router.allow_migrate("default", "klien") is None  # migrated as always


# --- the scope's choice -----------------------------------------------------------------


def test_tanpa_replika_lingkup_membaca_primary():
    """Without DATABASE_REPLIKA_URL (the test settings) a report scope is inert."""
    assert not replika.replika_dikonfigurasi()
    with replika.lingkup_laporan() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS


def test_lingkup_memilih_replika_yang_sehat(replika_sehat):
    with replika.lingkup_laporan() as alias:
        assert alias == "replika"
        assert router.db_for_read(Klien) == "replika"


def test_pengguna_yang_baru_menulis_membaca_primary(replika_sehat):
    with replika.lengket(), replika.lingkup_laporan() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS


@override_settings(REPLIKA_JEDA_MAKS_DETIK=10)
def test_replika_tertinggal_diganti_primary(terkonfigurasi, monkeypatch, caplog):
    monkeypatch.setattr(replika, "jeda_replika", lambda: 42.0)
    with (
        caplog.at_level(logging.WARNING, logger="bapas.replika"),
        replika.lingkup_laporan() as alias,
    ):
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS
    assert "tertinggal 42.0 detik" in caplog.text


def test_replika_tak_terjangkau_diganti_primary(terkonfigurasi, monkeypatch, caplog):
    def mati():
        raise OperationalError("connection refused")

    monkeypatch.setattr(replika, "jeda_replika", mati)
    with caplog.at_level(logging.WARNING, logger="bapas.replika"):
        assert replika.alias_untuk_laporan() == DEFAULT_DB_ALIAS
        assert replika.alias_untuk_laporan() == DEFAULT_DB_ALIAS  # cached: no second try
    assert caplog.text.count("tak terjangkau (OperationalError)") == 1


def test_jeda_diperiksa_sekali_per_jendela(replika_sehat, monkeypatch):
    """The lag is queried at most every REPLIKA_PERIKSA_DETIK per process."""
    with override_settings(REPLIKA_PERIKSA_DETIK=5):
        for _ in range(20):
            assert replika.alias_untuk_laporan() == "replika"
        assert len(replika_sehat) == 1
        replika._status.waktu -= 6  # the last check was 6 s ago
        assert replika.alias_untuk_laporan() == "replika"
        assert len(replika_sehat) == 2


def test_koneksi_putus_di_antara_pemeriksaan(replika_sehat, monkeypatch, caplog):
    """Between lag checks a broken connection to the replica still sends reports to the
    primary (Django's health check of the connection fails)."""
    assert replika.alias_untuk_laporan() == "replika"

    def putus(**kw):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(replika, "sambung_replika", putus)
    with caplog.at_level(logging.WARNING, logger="bapas.replika"):
        assert replika.alias_untuk_laporan() == DEFAULT_DB_ALIAS
    assert "tak terjangkau" in caplog.text
    assert len(replika_sehat) == 1


# --- the decorator ----------------------------------------------------------------------


def test_dekorator_dan_isi_berurutan(replika_sehat):
    """A streamed export's rows, read after the view returned, still come from the scope's
    alias; the view's own reads too; after the response, the primary."""
    dilihat = []

    def potongan():
        for _ in range(3):
            dilihat.append(router.db_for_read(Klien))
            yield b"x"

    @replika.baca_replika
    def view(request):
        dilihat.append(router.db_for_read(Klien))
        return StreamingHttpResponse(potongan())

    response = view(RequestFactory().get("/"))
    assert dilihat == ["replika"]
    assert b"".join(response.streaming_content) == b"xxx"
    assert dilihat == ["replika"] * 4
    assert router.db_for_read(Klien) == DEFAULT_DB_ALIAS


class _ViewPutus:
    """A report whose first run loses the replica (as a query on it would), and whose
    runs on the primary succeed; records where each run read."""

    def __init__(self):
        self.baca = []

    def __call__(self, request):
        self.baca.append(router.db_for_read(Klien))
        if self.baca[-1] == "replika":
            raise OperationalError("server closed the connection unexpectedly")
        return HttpResponse("laporan")


def test_replika_putus_di_tengah_laporan_diulang_di_primary(replika_sehat, monkeypatch, caplog):
    view = _ViewPutus()
    dicoba = []

    def mati(**kw):
        dicoba.append(kw)
        raise OperationalError("connection refused")

    monkeypatch.setattr(replika, "sambung_replika", mati)
    with caplog.at_level(logging.WARNING, logger="bapas.replika"):
        response = replika.baca_replika(view)(RequestFactory().get("/"))
    assert response.content == b"laporan"
    assert view.baca == ["replika", DEFAULT_DB_ALIAS]
    assert dicoba == [{"baru": True}]
    assert "terputus (OperationalError)" in caplog.text
    # the next report reads the primary without trying the replica
    assert replika.alias_untuk_laporan() == DEFAULT_DB_ALIAS


def test_galat_lain_tidak_diulang(replika_sehat):
    """The replica still answers (the error was the primary's), or the request may have
    written (POST): the error goes on to the 503 page, the view is not run twice."""
    view = _ViewPutus()
    with pytest.raises(OperationalError):
        replika.baca_replika(view)(RequestFactory().get("/"))
    assert view.baca == ["replika"]
    view = _ViewPutus()
    with pytest.raises(OperationalError):
        replika.baca_replika(view)(RequestFactory().post("/"))
    assert view.baca == ["replika"]


NAMA_LAPORAN = [
    ("laporan:dashboard", {}),
    ("laporan:dashboard-ekspor", {"tabel": "kehadiran", "format": "csv"}),
    ("laporan:kehadiran-list", {}),
    ("laporan:bulanan", {}),
    ("laporan:bulanan-pdf", {}),
    ("laporan:bulanan-xlsx", {}),
    ("laporan:ringkasan-wilayah", {}),
    ("laporan:wilayah", {}),
    ("laporan:wilayah-ekspor", {"tabel": "kantor", "format": "csv"}),
    ("klien:klien-ekspor", {}),
    ("klien:klien-ekspor-xlsx", {}),
]


@pytest.mark.parametrize(("nama", "kwargs"), NAMA_LAPORAN)
def test_laporan_membaca_replika(nama, kwargs):
    """The dashboard, the monthly and regional reports and the large exports are report
    scopes (their permission checked first, on the primary)."""
    assert getattr(resolve(reverse(nama, kwargs=kwargs)).func, "baca_replika", False)


@pytest.mark.parametrize("nama", ["klien:klien-list", "klien:caseload", "akun:beranda"])
def test_halaman_kerja_tidak_membaca_replika(nama):
    assert not getattr(resolve(reverse(nama)).func, "baca_replika", False)


# --- the pin after a write --------------------------------------------------------------


def _middleware(dicatat):
    def view(request):
        dicatat.append(replika._lengket.get())
        return HttpResponse("ok")

    return replika.ReplikaLengketMiddleware(view)


def test_tanpa_replika_tanpa_kuki():
    dicatat = []
    response = _middleware(dicatat)(RequestFactory().post("/"))
    assert replika.KUKI_LENGKET not in response.cookies
    assert dicatat == [False]


@override_settings(REPLIKA_LENGKET_DETIK=60)
def test_tulis_menyematkan_ke_primary_selama_jendela(terkonfigurasi):
    rf = RequestFactory()
    dicatat = []
    mw = _middleware(dicatat)
    assert replika.KUKI_LENGKET not in mw(rf.get("/")).cookies
    with time_machine.travel("2026-06-01 10:00:00+00:00", tick=False) as waktu:
        response = mw(rf.post("/"))
        kuki = response.cookies[replika.KUKI_LENGKET]
        assert kuki["max-age"] == 60
        assert kuki["httponly"] and kuki["samesite"] == "Lax"

        def dapat(nilai: str):
            r = rf.get("/")
            r.COOKIES[replika.KUKI_LENGKET] = nilai
            mw(r)

        waktu.shift(59)
        dapat(kuki.value)
        waktu.shift(2)  # 61 s after the write: the replica again
        dapat(kuki.value)
        dapat("1")  # an unsigned cookie pins nothing
    assert dicatat == [False, True, True, False, False]
    assert replika._lengket.get() is False  # nothing leaks out of the request


def test_pengaturan_lengket_harus_melebihi_jeda():
    """Settings refuse a pin shorter than the lag a replica may have when it is read."""
    kode = "import bapas.settings.base"
    env = {**os.environ, "REPLIKA_LENGKET_DETIK": "12", "REPLIKA_JEDA_MAKS_DETIK": "10"}
    hasil = subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True)  # noqa: S603
    assert hasil.returncode == 1
    assert "REPLIKA_LENGKET_DETIK harus lebih besar" in hasil.stderr
    env["REPLIKA_LENGKET_DETIK"] = "16"
    assert subprocess.run([sys.executable, "-c", kode], env=env).returncode == 0  # noqa: S603
