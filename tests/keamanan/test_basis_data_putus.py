"""The database out of reach: a 503 page, not a 500 (issue 15, part 4).

Django wraps psycopg2's errors in its own; a lost connection is psycopg2's bare
OperationalError (libpq's "server closed the connection unexpectedly", no SQLSTATE), or
the server's 57P01 when it shuts down. bench/db_restart.py restarts a real PostgreSQL
under load against gunicorn.
"""

import logging
import os
import subprocess
import sys

import psycopg2
import psycopg2.errors
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from bapas import basisdata
from bapas.basisdata import tak_terjangkau
from klien import services
from klien.models import Klien, RiwayatStatus
from tests.akun.test_settings import PROD_OK
from tests.klien.factories import data_form_klien

SQL = "INSERT INTO klien_klien (nik) VALUES (%s)"
NIK = "5107015505900001"
PESAN_DRIVER = f"server closed the connection unexpectedly\n{SQL} {NIK}"


def _galat(asal: Exception, jenis=OperationalError) -> Exception:
    """`asal` wrapped as Django wraps a driver's error."""
    try:
        raise asal
    except Exception as exc:
        try:
            raise jenis(*exc.args) from exc
        except Exception as dibungkus:
            return dibungkus


def _putus() -> Exception:
    return _galat(psycopg2.OperationalError(PESAN_DRIVER))


@pytest.fixture(autouse=True)
def _awal_pemadaman():
    """Each test starts with no outage noted (the flag is per process)."""
    basisdata._sedang_putus = False
    yield
    basisdata._sedang_putus = False


def _klien_http(user) -> Client:
    c = Client(raise_request_exception=False)  # a 500 is a result here, not a crash
    c.force_login(user)
    return c


@pytest.fixture
def klien_http(kasi):
    return _klien_http(kasi)


def _periksa_503(resp) -> str:
    assert resp.status_code == 503
    assert resp["Retry-After"] == str(basisdata.COBA_LAGI_DETIK)
    isi = resp.content.decode()
    assert "Layanan sementara tidak tersedia" in isi
    assert "tidak ada data yang berubah" in isi
    for bocor in ("Traceback", "INSERT", NIK, "server closed", "OperationalError"):
        assert bocor not in isi
    return isi


@pytest.mark.parametrize(
    ("galat", "putus"),
    [
        (_putus(), True),
        (_galat(psycopg2.errors.AdminShutdown("terminating connection")), True),
        (_galat(psycopg2.errors.CannotConnectNow("the database system is starting up")), True),
        (_galat(psycopg2.errors.ConnectionFailure("connection failure")), True),
        (_galat(psycopg2.InterfaceError("connection already closed"), jenis=Exception), False),
        # the server answered: a statement failed, the connection is fine
        (_galat(psycopg2.errors.QueryCanceled("canceling statement due to timeout")), False),
        (_galat(psycopg2.errors.DeadlockDetected("deadlock detected")), False),
        (_galat(psycopg2.IntegrityError("duplicate key"), jenis=IntegrityError), False),
        # SQLite's "database is locked" is not PostgreSQL's lost connection
        (_galat(Exception("database is locked")), False),
        (OperationalError("no cause"), False),
        (RuntimeError("bukan basis data"), False),
        (None, False),
    ],
)
def test_hanya_sambungan_putus_dianggap_tak_terjangkau(galat, putus):
    assert tak_terjangkau(galat) is putus


def test_interface_error_sambungan_tertutup_tak_terjangkau():
    from django.db import InterfaceError

    assert tak_terjangkau(_galat(psycopg2.InterfaceError("closed"), jenis=InterfaceError))


def test_view_yang_kehilangan_basis_data_menjawab_503(klien_http, monkeypatch, caplog):
    def gagal(*args, **kwargs):
        raise _putus()

    monkeypatch.setattr("klien.views.daftar_tersaring", gagal)
    with caplog.at_level(logging.INFO, logger="bapas.basisdata"):
        pertama = klien_http.get(reverse("klien:klien-list"))
        kedua = klien_http.get(reverse("klien:klien-list"))
    _periksa_503(pertama)
    _periksa_503(kedua)
    # one WARNING for the outage, without the driver's text (the SQL, its values)
    [catatan] = caplog.records
    assert catatan.levelno == logging.WARNING
    assert "503" in catatan.getMessage() and catatan.exc_info is None
    assert "INSERT" not in catatan.getMessage() and NIK not in catatan.getMessage()

    # the database back: its return is noted once, and the next outage warned about again
    monkeypatch.undo()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bapas.basisdata"):
        assert klien_http.get(reverse("klien:klien-list")).status_code == 200
        assert klien_http.get(reverse("klien:klien-list")).status_code == 200
    assert [r.getMessage() for r in caplog.records] == ["Basis data terjangkau kembali"]


def test_middleware_sesi_yang_kehilangan_basis_data_menjawab_503(klien_http, monkeypatch):
    # SESSION_SAVE_EVERY_REQUEST: SessionMiddleware writes the session after the view, so
    # the error comes from a middleware (through handler500), not from the view
    def gagal(self, must_create=False):
        raise _putus()

    monkeypatch.setattr(SessionStore, "save", gagal)
    _periksa_503(klien_http.get(reverse("klien:klien-list")))
    monkeypatch.undo()
    # the session read for the user (AuthenticationMiddleware, OTPMiddleware): before the view
    monkeypatch.setattr(SessionStore, "load", gagal)
    _periksa_503(klien_http.get(reverse("klien:klien-list")))


def test_sesi_gagal_disimpan_karena_basis_data_putus_503_bukan_400(klien_http):
    # the session store catches the DatabaseError of its UPDATE and raises UpdateError, which
    # SessionMiddleware turns into SessionInterrupted (a 400 "bad request")
    def putus_saat_sesi_disimpan(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE") and "django_session" in sql:
            raise _putus()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(putus_saat_sesi_disimpan):
        _periksa_503(klien_http.get(reverse("klien:klien-list")))


def test_galat_lain_tetap_500(klien_http, monkeypatch):
    def gagal(*args, **kwargs):
        raise _galat(psycopg2.errors.QueryCanceled("canceling statement due to timeout"))

    monkeypatch.setattr("klien.views.daftar_tersaring", gagal)
    resp = klien_http.get(reverse("klien:klien-list"))
    assert resp.status_code == 500
    assert "Terjadi kesalahan pada server" in resp.content.decode()
    assert not resp.has_header("Retry-After")

    def rusak(*args, **kwargs):
        raise RuntimeError("bukan basis data")

    monkeypatch.setattr("klien.views.daftar_tersaring", rusak)
    assert klien_http.get(reverse("klien:klien-list")).status_code == 500


def test_putus_di_pernyataan_kedua_layanan_tidak_menulis_apa_pun(pk, desa):
    """klien_buat writes the client, then its intake history: the connection lost after the
    first write leaves neither (the service's atomic block is rolled back)."""
    klien_http = _klien_http(pk)
    tulis: list[str] = []

    def putus_setelah_klien(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            if tulis:
                raise _putus()  # (a wrapper runs outside Django's wrapping of driver errors)
            if "klien_klien" in sql:
                tulis.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(putus_setelah_klien):
        resp = klien_http.post(reverse("klien:klien-create"), data_form_klien(desa, nik=NIK))
    _periksa_503(resp)
    assert tulis, "the client's INSERT ran before the failure"
    assert not Klien.objects.exists()
    assert not RiwayatStatus.objects.exists()
    # and the same form is accepted once the database is back
    resp = klien_http.post(reverse("klien:klien-create"), data_form_klien(desa, nik=NIK))
    assert resp.status_code == 302 and Klien.objects.count() == 1
    assert services.klien_buat  # the real service ran both times (nothing patched)


def test_produksi_memeriksa_sambungan_persisten():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CONN_MAX_AGE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "bapas.settings.prod", **PROD_OK})
    keluaran = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "d = s.DATABASES['default']; "
            "print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'], d['ATOMIC_REQUESTS'], "
            "s.MIDDLEWARE[0])",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert keluaran == ["True", "60", "False", "bapas.basisdata.BasisDataTakTerjangkauMiddleware"]
