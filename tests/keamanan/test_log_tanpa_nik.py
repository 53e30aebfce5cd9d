"""No NIK in logs or error reports (UU 27/2022): bapas/log.py and bapas/pelaporan.py.

A view fails after a NIK was posted or searched for. The log line with its traceback and
the mail to ADMINS must still say where it failed, and must not contain the NIK: not in
the POST or GET values, the query string, the frame variables, nor the exception message
(PostgreSQL repeats the duplicate values in it). Each test also shows that, without the
protection, the same record and the same request do carry the NIK, so the checks bite.
"""

import copy
import io
import logging
import logging.config
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse
from django.utils.log import configure_logging
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from bapas.log import SAMARAN, PenyaringLog, samarkan
from bapas.pelaporan import PelaporGalat
from bapas.settings import base
from klien import services
from klien.filters import KlienFilter
from klien.models import Klien
from tests.klien.factories import data_form_klien

NIK = "5107015505900001"
NAMA = "Ni Luh Sekar Rahasia"


class _Tangkap(logging.Handler):
    """Keeps the records of django.request as they arrive, before any filter of the
    project's handlers has masked them (to show what an unprotected handler would see)."""

    def __init__(self):
        super().__init__()
        self.rekaman: list[logging.LogRecord] = []

    def emit(self, record):
        self.rekaman.append(copy.copy(record))


class _PelaporPolos(ExceptionReporter):
    """Django's stock reporter and filter: what the mail would hold without bapas.pelaporan."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filter = SafeExceptionReporterFilter()


@pytest.fixture
def log_dasar(settings):
    """The logging of bapas.settings.base (dev and prod use it), its console written into
    a StringIO, mail to ADMINS through the locmem backend; the test logging is restored
    afterwards."""
    settings.ADMINS = [("Admin TI", "ti@bapas.example.go.id")]
    keluaran = io.StringIO()
    konfigurasi = copy.deepcopy(base.LOGGING)
    konfigurasi["handlers"]["console"]["stream"] = keluaran
    configure_logging(django_settings.LOGGING_CONFIG, konfigurasi)
    tangkap = _Tangkap()
    logging.getLogger("django.request").addHandler(tangkap)
    yield keluaran, tangkap
    logging.getLogger("django.request").removeHandler(tangkap)
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


class GalatDriver(Exception):
    """Stands for a psycopg2 error, which Django wraps in one of its DatabaseErrors."""


def _klien_buat_bentrok(*, unit, oleh, data):
    """klien_buat failing in the database with PostgreSQL's wording, which quotes the row's
    values. (A plain unique-constraint race is an IntegrityError, which the view turns into
    a message on the form; any other database error is an unexpected 500.)"""
    nik = data["nik"]
    pesan = (
        'duplicate key value violates unique constraint "klien_nik_unik_per_unit"\n'
        f"DETAIL:  Key (unit_id, nik)=({unit.pk}, {nik}) already exists.\n"
    )
    try:
        raise GalatDriver(pesan)
    except GalatDriver as exc:
        raise DatabaseError(pesan) from exc


def _periksa_bersih(teks: str, *rahasia: str) -> None:
    for r in rahasia:
        assert r not in teks


def test_galat_setelah_nik_dikirim_tidak_membocorkan_nik(client, pk, desa, monkeypatch, log_dasar):
    keluaran, tangkap = log_dasar
    monkeypatch.setattr(services, "klien_buat", _klien_buat_bentrok)
    client.raise_request_exception = False
    client.force_login(pk)

    resp = client.post(reverse("klien:klien-create"), data_form_klien(desa, nama=NAMA, nik=NIK))

    assert resp.status_code == 500
    _periksa_bersih(resp.content.decode(), NIK, NAMA)
    assert not Klien.objects.exists()
    # The log: the line, the traceback with both chained exceptions, the masked detail.
    log = keluaran.getvalue()
    assert "Internal Server Error: /klien/baru/" in log
    assert "Traceback (most recent call last)" in log
    assert "GalatDriver" in log and "django.db.utils.DatabaseError" in log
    assert f"DETAIL:  {SAMARAN}" in log
    _periksa_bersih(log, NIK, NAMA)
    # The mail to the admins: where it failed and which fields were sent, not their values.
    [surat] = mail.outbox
    assert surat.subject.endswith("Internal Server Error: /klien/baru/")
    assert "_klien_buat_bentrok" in surat.body and "DatabaseError" in surat.body
    assert "nik = '********************'" in surat.body
    assert "http://testserver/klien/baru/" in surat.body
    _periksa_bersih(surat.subject + surat.body, NIK, NAMA)

    # Not vacuous: the same record unfiltered, and Django's stock report of the same
    # request, both carry the NIK (exception text, POST, frame variables).
    [rekaman] = tangkap.rekaman
    assert NIK in logging.Formatter().format(copy.copy(rekaman))
    polos = _PelaporPolos(rekaman.request, *rekaman.exc_info, is_email=True)
    teks_polos = polos.get_traceback_text()
    assert f"Key (unit_id, nik)=({pk.unit_id}, {NIK})" in teks_polos
    assert f"nik = '{NIK}'" in teks_polos and f"nama = '{NAMA}'" in teks_polos  # POST
    assert NAMA in polos.get_traceback_html()  # the `data` dict among the frame variables
    # The HTML version of the project's report (include_html) is masked as well.
    html = PelaporGalat(rekaman.request, *rekaman.exc_info, is_email=True).get_traceback_html()
    assert "_klien_buat_bentrok" in html
    _periksa_bersih(html, NIK, NAMA)


def test_galat_saat_mencari_nik_tidak_membocorkan_nik(client, kasi, monkeypatch, log_dasar):
    keluaran, tangkap = log_dasar

    def cari_gagal(self, queryset, name, value):
        raise RuntimeError(f"pencarian {value!r} gagal")

    monkeypatch.setattr(KlienFilter, "cari", cari_gagal)
    client.raise_request_exception = False
    client.force_login(kasi)
    url = reverse("klien:klien-list")

    resp = client.get(
        url, {"q": NIK, "status": "AKTIF"}, HTTP_REFERER=f"http://testserver{url}?q={NIK}"
    )

    assert resp.status_code == 500
    log = keluaran.getvalue()
    assert "Internal Server Error: /klien/" in log and "RuntimeError" in log
    _periksa_bersih(log, NIK)
    [surat] = mail.outbox
    assert "cari_gagal" in surat.body
    assert "q = '********************'" in surat.body
    assert f"Request URL: http://testserver/klien/?{SAMARAN}" in surat.body
    assert "QUERY_STRING = '********************'" in surat.body
    assert "HTTP_REFERER = '********************'" in surat.body
    _periksa_bersih(surat.subject + surat.body, NIK)

    # Not vacuous: the stock report shows the NIK in the URL, GET, META and the message.
    [rekaman] = tangkap.rekaman
    teks_polos = _PelaporPolos(rekaman.request, *rekaman.exc_info, is_email=True)
    teks_polos = teks_polos.get_traceback_text()
    for bocor in (f"?q={NIK}", f"q = '{NIK}'", f"QUERY_STRING = 'q={NIK}", f"'{NIK}' gagal"):
        assert bocor in teks_polos


def test_nik_di_alamat_halaman_404_disamarkan(client, pk, log_dasar):
    keluaran, tangkap = log_dasar
    client.force_login(pk)

    resp = client.get(reverse("klien:klien-detail", kwargs={"pk": int(NIK)}))

    assert resp.status_code == 404
    log = keluaran.getvalue()
    assert f"Not Found: /klien/{SAMARAN}/" in log
    _periksa_bersih(log, NIK)
    assert not mail.outbox  # a warning, not an error
    [rekaman] = tangkap.rekaman
    assert NIK in rekaman.getMessage()


def test_galat_tanpa_request_juga_tersamar(log_dasar):
    """An error logged outside a request (a management command, a background job)."""
    keluaran, _tangkap = log_dasar
    try:
        raise ValueError(f"Key (unit_id, nik)=(1, {NIK}) already exists")
    except ValueError:
        logging.getLogger("django.db.backends").exception("impor gagal pada NIK %s", NIK)
    assert "impor gagal pada NIK" in keluaran.getvalue()
    [surat] = mail.outbox
    assert "ValueError" in surat.body and "Request data not supplied" in surat.body
    _periksa_bersih(keluaran.getvalue() + surat.subject + surat.body, NIK)


def test_setiap_handler_logging_menyaring_data_pribadi(log_dasar):
    """A new handler in settings.LOGGING without the filter fails here; so does one of
    Django's default handlers left on its loggers (they would carry no filter)."""
    assert base.LOGGING["filters"]["tanpa_data_pribadi"] == {"()": "bapas.log.PenyaringLog"}
    for nama, handler in base.LOGGING["handlers"].items():
        assert "tanpa_data_pribadi" in handler.get("filters", []), nama
    _keluaran, tangkap = log_dasar
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    handlers = {
        h
        for lg in loggers
        for h in lg.handlers
        if h is not tangkap
        and not type(h).__module__.startswith("_pytest")
        # writes nothing (a library's default, e.g. WeasyPrint's): its records still
        # propagate to the root logger's filtered handler
        and type(h) is not logging.NullHandler
    }
    assert handlers
    for h in handlers:
        assert any(isinstance(f, PenyaringLog) for f in h.filters), h


def test_logging_produksi_menyamarkan_nik():
    """bapas.settings.prod, started as production starts: an error with a NIK in its message
    and arguments reaches stderr masked, traceback included."""
    skrip = textwrap.dedent(
        f"""
        import logging
        import django

        django.setup()
        try:
            raise ValueError("Key (unit_id, nik)=(1, {NIK}) already exists")
        except ValueError:
            logging.getLogger("django.request").error(
                "Internal Server Error: /klien/%s/", "{NIK}", exc_info=True
            )
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="bapas.settings.prod",
        SECRET_KEY="uji-" + "k" * 60,
        ALLOWED_HOSTS="bapas.example.go.id",
        OTP_KUNCI_ENKRIPSI="wX7bYk0yU3kQ1vN2m9rGd4hT6pL8sE5cA0jF2iZ1oKg=",  # production needs one
        LOG_LEVEL="WARNING",
    )
    hasil = subprocess.run(  # noqa: S603
        [sys.executable, "-c", skrip],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr
    assert f"Internal Server Error: /klien/{SAMARAN}/" in hasil.stderr
    assert f"ValueError: Key (unit_id, nik)=({SAMARAN})" in hasil.stderr
    _periksa_bersih(hasil.stdout + hasil.stderr, NIK)


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        (f"nik {NIK}.", f"nik {SAMARAN}."),
        ("5107 0155 0590 0001", SAMARAN),
        ("5107-0155-0590-0001", SAMARAN),
        ("510701550590000", SAMARAN),  # 15 digits: a NIK missing one
        ("510701550590000123", SAMARAN),
        ("x" + NIK + "y", "x" + SAMARAN + "y"),
        ("DETAIL:  Failing row contains (7, REG-1, Ni Luh, 5107...).\nberikutnya", ""),
        ("Key (unit_id, nama)=(1, I Wayan Rahasia) already exists.", "Key (unit_id, nama)=("),
        # not personal data: left alone
        ("telepon 0812-3456-7890", "telepon 0812-3456-7890"),
        ("2025-01-31 12:00:00,123", "2025-01-31 12:00:00,123"),
        ("/klien/123/ubah/", "/klien/123/ubah/"),
    ],
)
def test_samarkan(teks, hasil):
    tersamar = samarkan(teks)
    if hasil:
        assert tersamar.startswith(hasil)
    assert NIK not in tersamar and "Rahasia" not in tersamar and "Ni Luh" not in tersamar
    assert samarkan(tersamar) == tersamar


def test_penyaring_log_tidak_pernah_menggagalkan_pencatatan():
    rekaman = logging.LogRecord("x", logging.ERROR, __file__, 1, "%s %s", (NIK,), None)
    assert PenyaringLog().filter(rekaman) is True  # the format string wants two arguments
    assert NIK not in rekaman.getMessage()
