"""The database out of reach: a 503 page instead of a 500 (issue 15, part 4).

When PostgreSQL restarts, a request that needs it fails with `OperationalError` (the server
closed the connection, or refuses new ones) or `InterfaceError` (the connection is already
closed). Such a request gets the "service temporarily unavailable" page, HTTP 503 with
`Retry-After`; nothing was written, as every service writes inside its own atomic block
(ATOMIC_REQUESTS is off, and a transaction the server lost is never committed).

Django converts an exception to a response at each middleware layer, so a middleware sees
only the view's exceptions (`process_exception`); one raised by another middleware (the
session saved in SessionMiddleware, the user loaded in AuthenticationMiddleware) reaches the
500 handler (bapas.errors.server_error), or the 400 one when the session store turned it into
SessionInterrupted; both ask `tanggapan_jika_tak_terjangkau` as well.

Only a lost or refused connection is "unreachable": a statement timeout, a deadlock or a
serialization failure is also an OperationalError in psycopg2, but the server answered, so
it stays a 500 and is reported as one. One WARNING per outage and worker, without the
driver's message (the SQL and its parameters can be in it); its end is logged at INFO.
"""

import logging

import psycopg2
import psycopg2.errors
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait (a restart of PostgreSQL takes a few).
COBA_LAGI_DETIK = 10

# What psycopg2 raises for a connection the server dropped or refused: libpq's own failures
# (connection refused, server closed the connection unexpectedly) are the bare
# OperationalError, without a SQLSTATE; the server's are class 08 (connection exception) and
# 57P01-57P03 (shutting down, crashed, starting up).
KODE_PUTUS = ("57P01", "57P02", "57P03")
KELAS_PUTUS = (
    psycopg2.errors.ConnectionException,
    psycopg2.errors.ConnectionFailure,
    psycopg2.errors.AdminShutdown,
    psycopg2.errors.CrashShutdown,
    psycopg2.errors.CannotConnectNow,
)

_sedang_putus = False


def tak_terjangkau(exc: BaseException | None) -> bool:
    """Whether `exc` says the database cannot be reached (not that a statement failed)."""
    if isinstance(exc, InterfaceError):
        return True  # "connection already closed"
    if not isinstance(exc, OperationalError):
        return False
    asal = exc.__cause__
    if not isinstance(asal, psycopg2.OperationalError):
        return False  # not PostgreSQL's driver (SQLite's "database is locked" stays a 500)
    if asal.pgcode:
        return asal.pgcode.startswith("08") or asal.pgcode in KODE_PUTUS
    return type(asal) is psycopg2.OperationalError or isinstance(asal, KELAS_PUTUS)


def halaman_503() -> HttpResponse:
    """The page, from a standalone template: no context processor, session or user."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(COBA_LAGI_DETIK)
    response["Cache-Control"] = "no-store"
    return response


def _penyebab_putus(exc: BaseException | None) -> BaseException | None:
    """The lost connection behind `exc`, itself or among the exceptions it was raised from or
    while handling: the session store turns a failed save into UpdateError, which
    SessionMiddleware raises as SessionInterrupted (a 400) with the OperationalError inside."""
    dilihat = set()
    while exc is not None and id(exc) not in dilihat:
        if tak_terjangkau(exc):
            return exc
        dilihat.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def tanggapan_jika_tak_terjangkau(request, exc: BaseException | None) -> HttpResponse | None:
    """The 503 response for an unreachable database (logged once per outage), else None."""
    global _sedang_putus
    exc = _penyebab_putus(exc)
    if exc is None:
        return None
    if not _sedang_putus:
        _sedang_putus = True
        kode = getattr(exc.__cause__, "pgcode", None) or "-"  # the driver's text stays out
        logger.warning(
            "Basis data tak terjangkau (%s, SQLSTATE %s): permintaan dijawab 503",
            type(exc).__name__,
            kode,
        )
    response = halaman_503()
    response._has_been_logged = True  # no ERROR line with the driver's message (log_response)
    return response


class BasisDataTakTerjangkauMiddleware:
    """Answers 503 when the view finds the database out of reach; notes its return."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _sedang_putus
        response = self.get_response(request)
        # back once a request used the database (the login page needs none: not a sign)
        if _sedang_putus and response.status_code < 500 and connection.connection is not None:
            _sedang_putus = False
            logger.info("Basis data terjangkau kembali")
        return response

    def process_exception(self, request, exception):
        return tanggapan_jika_tak_terjangkau(request, exception)
