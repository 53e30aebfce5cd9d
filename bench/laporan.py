"""National figures on a national-size database, against gunicorn and PostgreSQL (issue 12).

Run from the repository root:

    .venv/bin/python bench/laporan.py [runs] [--isi-ulang] [--skala S]

The database is DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/bapas_bench_laporan;
its name must contain "bench"). When it does not exist it is created, migrated and filled by
`manage.py data_sintetis --skala S` (default 1: 90 offices, 200,000 clients, ~10,000,000
attendance rows; about four minutes); a database already filled is used as it is, and
`--isi-ulang` drops it and fills it anew.

gunicorn serves the application (gunicorn.conf.py, bound to a free local port, one worker
unless GUNICORN_WORKERS says otherwise) with the development settings and DEBUG off,
persistent database connections (CONN_MAX_AGE=60, as in production) and static files from
the finders, so no collectstatic is needed. Each user gets a session made directly in the
session store, with the keys a login leaves (and a verified second factor where the role
must have one), so no login form is driven.

Measured, each after warm-up requests (two per gunicorn worker), `runs` times, wall clock
over HTTP on localhost (the request sent to the last byte of the body read):

  (a) the login page;
  (b) one office's dashboard for the last 12 months, as its Kasi (the largest office);
  (c) the national dashboard for the last 12 months, as the national user (`laporan:wilayah`);
  (d) the same national aggregate (attendance rate per office per month, 12 months) as a
      plain SQL join over the attendance rows (kehadiran ⋈ sesi ⋈ unit, GROUP BY), timed
      by the client on the same machine (the result is ~1,000 rows);
  (e) the regional summary (`laporan:ringkasan-wilayah`) as the Kanwil user with the most
      offices, and as the national user.

It prints p50/p95 and the ratios b/a, c/a, e/a (targets: at most 3) and d/c (target: at
least 20). bench/README.md records the last run.
"""

import argparse
import datetime
import http.client
import math
import os
import socket
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bapas_bench_laporan")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("CONN_MAX_AGE", "60")
# One worker: the requests are sent one at a time, and a single warm worker answers them all
# (with several, the kernel may hand a measured request to one that has not served yet).
os.environ.setdefault("GUNICORN_WORKERS", "1")

import django

django.setup()

import basis_data_nasional  # noqa: E402 - bench/, beside this script
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.oath import totp  # noqa: E402

from akun.models import Peran, Unit, User  # noqa: E402
from akun.otp import otp_wajib  # noqa: E402
from akun.otp import services as otp  # noqa: E402
from akun.otp.models import PerangkatTOTP  # noqa: E402
from akun.signals import KUNCI_WAKTU_MASUK  # noqa: E402
from pembimbingan.models import Kehadiran  # noqa: E402

# Warm-up requests per page: two for each gunicorn worker (each compiles its templates and
# opens its database connection once).
AKAR = Path(__file__).resolve().parent.parent
PEMANASAN = 2 * int(os.environ["GUNICORN_WORKERS"])
TARGET_RASIO_HALAMAN = 3.0  # (b), (c), (e) p50 within 3x of the login page's
TARGET_RASIO_SQL = 20.0  # (c) at least 20x faster than the plain SQL join (d)
NASIONAL_SQL = """
    SELECT s.unit_id,
           date_trunc('month', s.mulai AT TIME ZONE u.zona_waktu)::date AS bulan,
           count(*) FILTER (WHERE k.hasil IN ('hadir', 'hadir_tidak_mengikuti_arahan')),
           count(*)
      FROM pembimbingan_kehadiran k
      JOIN pembimbingan_sesi s ON s.id = k.sesi_id
      JOIN akun_unit u ON u.id = s.unit_id
     WHERE s.mulai >= %s AND s.mulai < %s
     GROUP BY 1, 2
"""


def _siapkan_basis_data(isi_ulang: bool, skala: float) -> None:
    basis_data_nasional.siapkan(isi_ulang=isi_ulang, skala=skala)


def _pengguna() -> dict[str, User]:
    """The Kasi of the office with the most attendance rows, the Kanwil user whose region has
    the most offices, the national user."""
    unit_id = (
        Kehadiran.objects.order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("unit_id", flat=True)[0]
    )
    kanwil_id = (
        Unit.objects.order_by()
        .values("kanwil_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "kanwil_id")
        .values_list("kanwil_id", flat=True)[0]
    )
    return {
        "kasi": User.objects.filter(peran=Peran.KASI, unit_id=unit_id, is_active=True).first(),
        "kanwil": User.objects.filter(peran=Peran.KANWIL, kanwil_id=kanwil_id).first(),
        "pusat": User.objects.filter(peran=Peran.PUSAT, is_active=True).order_by("pk").first(),
    }


def _sesi(user: User) -> str:
    """A session as a login leaves it (and, where the role needs one, a verified second
    factor, as the code page leaves it); returns its key."""
    data = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "akun.backends.UnitAwareBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        KUNCI_WAKTU_MASUK: timezone.now().timestamp(),
    }
    if user.otp_aktif or otp_wajib(user):
        perangkat = PerangkatTOTP.objects.filter(user=user, confirmed=True).first()
        if perangkat is None:
            perangkat = otp.totp_calon(user=user)
            kode = totp(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits)
            otp.totp_konfirmasi(user=user, perangkat=perangkat, kode=f"{kode:06d}")
        data[DEVICE_ID_SESSION_KEY] = perangkat.persistent_id
    sesi = import_module(settings.SESSION_ENGINE).SessionStore()
    sesi.update(data)
    sesi.create()
    return sesi.session_key


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(port: int) -> subprocess.Popen:
    # (open as long as the server runs; the access log shows each request's own time)
    log = open(f"/tmp/bench-laporan-gunicorn-{port}.log", "w")  # noqa: SIM115, S108
    proses = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn)
        [
            str(AKAR / ".venv" / "bin" / "gunicorn"),
            "bapas.wsgi:application",
            "-c",
            "gunicorn.conf.py",
        ],
        cwd=AKAR,
        env={**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        time.sleep(0.1)
        try:
            if _minta(port, "/healthz", None)[0] == 200:
                return proses
        except OSError:
            continue
    proses.terminate()
    sys.exit(f"gunicorn did not answer on port {port} (see {log.name})")


def _minta(port: int, path: str, sesi: str | None) -> tuple[int, float, int]:
    """GET `path`; (status, milliseconds to the body's last byte, body bytes)."""
    kepala = {"Host": "127.0.0.1"}
    if sesi:
        kepala["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={sesi}"
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    mulai = time.perf_counter()
    c.request("GET", path, headers=kepala)
    r = c.getresponse()
    isi = r.read()
    ms = (time.perf_counter() - mulai) * 1000
    c.close()
    return r.status, ms, len(isi)


def _ukur_http(port: int, path: str, sesi: str | None, runs: int) -> list[float]:
    hasil = []
    for i in range(PEMANASAN + runs):
        status, ms, _n = _minta(port, path, sesi)
        if status != 200:
            sys.exit(f"GET {path} answered {status}, not 200")
        if i >= PEMANASAN:
            hasil.append(ms)
    return hasil


def _ukur_sql(dari: datetime.datetime, sampai: datetime.datetime, runs: int) -> list[float]:
    hasil = []
    with connection.cursor() as c:
        for i in range(PEMANASAN + runs):
            mulai = time.perf_counter()
            c.execute(NASIONAL_SQL, [dari, sampai])
            c.fetchall()
            if i >= PEMANASAN:
                hasil.append((time.perf_counter() - mulai) * 1000)
    return hasil


def persentil(nilai: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    urut = sorted(nilai)
    return urut[max(0, math.ceil(p / 100 * len(urut)) - 1)]


def _periode() -> tuple[datetime.date, datetime.date]:
    """The last 12 months: the first day of the month 11 months back, and of this month."""
    bulan_ini = timezone.localdate().replace(day=1)
    awal = bulan_ini
    for _ in range(11):
        awal = (awal - datetime.timedelta(days=1)).replace(day=1)
    return awal, bulan_ini


def _url(nama: str, **query) -> str | None:
    try:
        url = reverse(nama)
    except NoReverseMatch:
        return None
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=20)
    parser.add_argument("--isi-ulang", action="store_true", help="drop and fill the database anew")
    parser.add_argument("--skala", type=float, default=1.0, help="scale of a new fill (default 1)")
    args = parser.parse_args()

    _siapkan_basis_data(args.isi_ulang, args.skala)
    pengguna = _pengguna()
    sesi = {peran: _sesi(u) for peran, u in pengguna.items()}
    awal, akhir = _periode()
    periode = {"dari": f"{awal:%Y-%m}", "sampai": f"{akhir:%Y-%m}"}
    halaman = {
        "a": ("login page", _url("akun:login"), None),
        "b": (f"office dashboard, 12 months, Kasi of {pengguna['kasi'].unit}",
              _url("laporan:dashboard", **periode), sesi["kasi"]),
        "c": ("national dashboard, 12 months, national user",
              _url("laporan:wilayah", **periode), sesi["pusat"]),
        "e1": (f"regional summary, Kanwil user ({pengguna['kanwil'].kanwil})",
               _url("laporan:ringkasan-wilayah"), sesi["kanwil"]),
        "e2": ("regional summary, national user", _url("laporan:ringkasan-wilayah"),
               sesi["pusat"]),
    }  # fmt: skip

    port = _port_bebas()
    server = _gunicorn(port)
    hasil: dict[str, list[float]] = {}
    try:
        for kunci, (_nama, url, kuki) in halaman.items():
            if url is None:
                print(f"({kunci}) skipped: its URL name does not resolve (not built yet?)")
                continue
            hasil[kunci] = _ukur_http(port, url, kuki, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=30)
    zona = timezone.get_current_timezone()
    hasil["d"] = _ukur_sql(
        datetime.datetime.combine(awal, datetime.time(), tzinfo=zona),
        datetime.datetime.combine(
            (akhir + datetime.timedelta(days=31)).replace(day=1), datetime.time(), tzinfo=zona
        ),
        args.runs,
    )
    halaman["d"] = ("plain SQL: attendance per office per month, 12 months", "", None)

    n = {
        "unit": Unit.objects.count(),
        "kehadiran": Kehadiran.objects.count(),
        "klien": pengguna["kasi"].unit.klien.count(),
    }
    print(
        f"PostgreSQL {connection.pg_version // 10000}, {n['unit']} offices, "
        f"{n['kehadiran']:,} attendance rows; the Kasi's office has {n['klien']:,} clients; "
        f"period {periode['dari']} to {periode['sampai']}; {args.runs} runs after "
        f"{PEMANASAN} warm-up"
    )
    print("| | measurement | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for kunci in ("a", "b", "c", "d", "e1", "e2"):
        if kunci in hasil:
            print(
                f"| ({kunci}) | {halaman[kunci][0]} | {persentil(hasil[kunci], 50):.1f} | "
                f"{persentil(hasil[kunci], 95):.1f} |"
            )
    p50 = {k: persentil(v, 50) for k, v in hasil.items()}
    print()
    for kunci in ("b", "c", "e1", "e2"):
        if kunci in p50:
            rasio = p50[kunci] / p50["a"]
            cek = "met" if rasio <= TARGET_RASIO_HALAMAN else "NOT met"
            print(f"{kunci}/a = {rasio:.1f} (target <= {TARGET_RASIO_HALAMAN:g}: {cek})")
    if "c" in p50:
        rasio = p50["d"] / p50["c"]
        cek = "met" if rasio >= TARGET_RASIO_SQL else "NOT met"
        print(f"d/c = {rasio:.1f} (target >= {TARGET_RASIO_SQL:g}: {cek})")


if __name__ == "__main__":
    main()
