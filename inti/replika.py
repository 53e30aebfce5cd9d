"""Report reads from a streaming replica (issue 15, part 7; README, "Production").

With `DATABASE_REPLIKA_URL` set, settings add the database alias `replika` (a hot standby of
the primary) and the router `bapas.router.RouterReplika` sends a read there only inside a
report scope: a view decorated with `baca_replika` (the dashboard, the monthly report, the
regional views and the large exports), or code inside `lingkup_laporan()`. Every write, and
every read outside a scope, goes to the primary (`default`).

Inside a scope the primary is still read when:
- the user wrote recently: a request with a method other than GET, HEAD, OPTIONS or TRACE
  sets a signed cookie (`ReplikaLengketMiddleware`) that pins the browser's reads to the
  primary for `REPLIKA_LENGKET_DETIK` seconds, so a user never reads back their own write
  stale;
- the replica is behind by more than `REPLIKA_JEDA_MAKS_DETIK` seconds, or out of reach
  (a warning in the log, once per change): checked at most every `REPLIKA_PERIKSA_DETIK`
  seconds per process, so a request pays for no lag query, only for Django's usual health
  check of a persistent connection;
- a transaction is open on the primary (a report writing to the trail reads what it wrote).

A replica lost while a report (GET or HEAD) reads it, after the scope's check, fails the
view with a database error: when the replica then refuses a new connection, the view runs
once more on the primary. (A streamed export already being sent cannot start again.)

The scope's choice is made once, when it is entered, and kept for the rows a streamed
export reads while it is being sent.
"""

import contextlib
import functools
import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db import Error as GalatBasisData
from django.http import StreamingHttpResponse

ALIAS = "replika"
KUKI_LENGKET = "bapas_lengket"
_GARAM = "inti.replika.lengket"
# Requests that may read back what they wrote: every other method pins the browser.
METODE_AMAN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

log = logging.getLogger("bapas.replika")

# The alias a report scope reads from (None: no scope, or the scope reads the primary).
_alias_lingkup: ContextVar[str | None] = ContextVar("bapas_alias_laporan", default=None)
# This request's reads stay on the primary (the user wrote within the window).
_lengket: ContextVar[bool] = ContextVar("bapas_replika_lengket", default=False)


class _Status:
    """The replica's last check in this process: when, and whether it could be read."""

    waktu = float("-inf")
    layak = False
    jeda: float | None = None


_status = _Status()

# Seconds the replica is behind the primary: 0 while it has replayed everything it received
# and its WAL receiver runs; otherwise the age of the last transaction it replayed (NULL
# when it replayed none since it started: unknown, so too far behind). A paused replay, a
# lost primary or a broken stream therefore all count as lag.
SQL_JEDA = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
         AND EXISTS (SELECT FROM pg_stat_wal_receiver) THEN 0
    ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
END
"""


def replika_dikonfigurasi() -> bool:
    return ALIAS in settings.DATABASES


def jeda_replika() -> float:
    """The replica's lag in seconds (infinite when unknown); raises a database error when
    it cannot be reached."""
    koneksi = connections[ALIAS]
    if koneksi.vendor != "postgresql":
        koneksi.ensure_connection()
        return 0.0
    koneksi.close_if_health_check_failed()  # a connection the replica's restart broke
    try:
        with koneksi.cursor() as c:
            c.execute(SQL_JEDA)
            (jeda,) = c.fetchone()
    except GalatBasisData:
        with contextlib.suppress(GalatBasisData):
            koneksi.close()  # the next check connects again
        raise
    return float("inf") if jeda is None else float(jeda)


def sambung_replika(*, baru: bool = False) -> None:
    """The replica's connection, checked as Django checks a persistent one before a request
    uses it (CONN_HEALTH_CHECKS: once per request) and opened if need be; `baru`: closed
    first and opened again."""
    koneksi = connections[ALIAS]
    if baru:
        with contextlib.suppress(GalatBasisData):
            koneksi.close()
    koneksi.close_if_health_check_failed()
    koneksi.ensure_connection()


def replika_hidup() -> bool:
    """After a database error in a report: whether the replica still answers (a fresh
    connection); if not, it is out of reach for the next REPLIKA_PERIKSA_DETIK."""
    try:
        sambung_replika(baru=True)
    except GalatBasisData as exc:
        _catat_status(False, None, f"terputus ({type(exc).__name__})")
        return False
    return True


def _catat_status(layak: bool, jeda: float | None, sebab: str = "") -> None:
    if layak != _status.layak or _status.waktu == float("-inf"):
        if layak:
            log.info("Replika dipakai untuk laporan (jeda %.1f detik).", jeda or 0.0)
        else:
            log.warning("Replika tidak dipakai, laporan dibaca dari primary: %s", sebab)
    _status.waktu, _status.layak, _status.jeda = time.monotonic(), layak, jeda


def periksa_replika(*, paksa: bool = False) -> bool:
    """Whether the replica may serve reports now: reachable and at most
    REPLIKA_JEDA_MAKS_DETIK behind. The lag is queried at most every REPLIKA_PERIKSA_DETIK
    seconds in this process (`paksa`: now); in between, a usable replica's connection gets
    only Django's health check (once per request, as for the primary)."""
    sekarang = time.monotonic()
    segar = sekarang - _status.waktu < settings.REPLIKA_PERIKSA_DETIK
    if segar and not paksa:
        if not _status.layak:
            return False
        try:
            sambung_replika()
        except GalatBasisData as exc:
            _catat_status(False, None, f"tak terjangkau ({type(exc).__name__})")
            return False
        return True
    try:
        jeda = jeda_replika()
    except GalatBasisData as exc:
        _catat_status(False, None, f"tak terjangkau ({type(exc).__name__})")
        return False
    maks = settings.REPLIKA_JEDA_MAKS_DETIK
    if jeda > maks:
        _catat_status(False, jeda, f"tertinggal {jeda:.1f} detik (batas {maks} detik)")
        return False
    _catat_status(True, jeda)
    return True


def lupakan_status() -> None:
    """The next scope checks the replica again (tests; after a failover)."""
    _status.waktu, _status.layak, _status.jeda = float("-inf"), False, None


def alias_untuk_laporan() -> str:
    """The alias a report scope entered now reads from."""
    if not replika_dikonfigurasi() or _lengket.get() or not periksa_replika():
        return DEFAULT_DB_ALIAS
    return ALIAS


def alias_baca() -> str:
    """Where a read goes now (the router's answer): the scope's alias, unless a transaction
    is open on the primary; the primary outside a scope."""
    alias = _alias_lingkup.get()
    if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


@contextlib.contextmanager
def lingkup_laporan(alias: str | None = None):
    """Reads inside go to the replica when it may serve them (`alias_untuk_laporan`, or the
    `alias` given); yields the alias chosen."""
    if alias is None:
        alias = alias_untuk_laporan()
    token = _alias_lingkup.set(alias)
    try:
        yield alias
    finally:
        _alias_lingkup.reset(token)


def _dalam_lingkup(alias: str, isi):
    """A streamed response's chunks, each produced inside the scope (its rows are read only
    while it is sent, after the view returned)."""
    iterator = iter(isi)
    while True:
        with lingkup_laporan(alias):
            try:
                potongan = next(iterator)
            except StopIteration:
                return
        yield potongan


def baca_replika(view):
    """A report view: its reads (not its writes, such as the trail's entry for an export)
    go to the replica when it may serve them."""

    @functools.wraps(view)
    def _view(request, *args, **kwargs):
        alias = DEFAULT_DB_ALIAS
        try:
            with lingkup_laporan() as alias:
                response = view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            if alias != ALIAS or request.method not in ("GET", "HEAD") or replika_hidup():
                raise
            # the replica went away while this report read it (after the scope's check):
            # the report once more on the primary, as the next ones will be
            alias = DEFAULT_DB_ALIAS
            with lingkup_laporan(alias):
                response = view(request, *args, **kwargs)
        if isinstance(response, StreamingHttpResponse) and alias != DEFAULT_DB_ALIAS:
            response.streaming_content = _dalam_lingkup(alias, response.streaming_content)
        return response

    _view.baca_replika = True  # kept by the decorators around it (functools.wraps)
    return _view


@contextlib.contextmanager
def lengket(nilai: bool = True):
    """This context's report scopes read the primary (the middleware's pin; tests)."""
    token = _lengket.set(nilai)
    try:
        yield
    finally:
        _lengket.reset(token)


class ReplikaLengketMiddleware:
    """A user's own writes are never read back stale: after a request that may write (any
    method but GET, HEAD, OPTIONS and TRACE) the browser gets a signed cookie, and while it
    is younger than REPLIKA_LENGKET_DETIK its report scopes read the primary. Inert (no
    cookie) without a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replika_dikonfigurasi():
            return self.get_response(request)
        batas = settings.REPLIKA_LENGKET_DETIK
        menulis = request.method not in METODE_AMAN
        disematkan = menulis or (
            request.get_signed_cookie(KUKI_LENGKET, default=None, salt=_GARAM, max_age=batas)
            is not None
        )
        with lengket(disematkan):
            response = self.get_response(request)
        if menulis:
            response.set_signed_cookie(
                KUKI_LENGKET,
                "1",
                salt=_GARAM,
                max_age=batas,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
