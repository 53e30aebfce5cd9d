"""PostgreSQL restarted under load, against gunicorn (issue 15, part 4).

Run from the repository root (as root or as a user who may run initdb; root runs the
cluster as the `postgres` user):

    .venv/bin/python bench/db_restart.py [--detik 30] [--padam 5] [--utas 4]

A private PostgreSQL cluster (initdb and pg_ctl of the newest /usr/lib/postgresql/*/bin) is
made in a temporary directory on a free port; its database is migrated and filled with the
Bali regions and the demo (manage.py migrate, muat_wilayah bali, muat_demo: the development
settings, DEBUG on for the demo only). gunicorn (gunicorn.conf.py, 2 workers, DEBUG off,
persistent connections CONN_MAX_AGE=60 with health checks, as in production) serves it.

`--utas` threads then send GETs for `--detik` seconds, alternating the login page (`/masuk/`)
and a PK's caseload (`/klien/beban-kasus/`, with a session made in the session store). A
third of the way in the cluster is stopped (`pg_ctl stop -m fast`), left down `--padam` seconds, and
started again. Printed: the requests and their statuses, the 503s while the database was
down, any other error (must be 0: no 500, no refused connection), the time from the database
accepting connections again to the first 200 of the caseload (and any 503 for a request
sent after that), the WARNING lines of bapas.basisdata in gunicorn's log, and whether
gunicorn's master and worker PIDs are the same as before. The cluster and gunicorn are
removed on exit. Exit status 1 when a check fails.
"""

import argparse
import collections
import contextlib
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))
# the private cluster, shared with the replica test
from tests.replika.kluster import Kluster, port_bebas  # noqa: E402

NAMA_DB = "bapas_bench_restart"


def _siapkan_django(url: str) -> tuple[str, str]:
    """Migrates and fills the database; returns (a PK's session key, the session cookie)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bapas.settings.dev", "DATABASE_URL": url}
    manage = [sys.executable, "manage.py"]
    for perintah in (["migrate", "-v0"], ["muat_wilayah", "bali"], ["muat_demo"]):
        subprocess.run(  # noqa: S603
            manage + perintah,
            cwd=AKAR,
            env={**env, "DEBUG": "true"},
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    from akun.models import Peran, User
    from bench.laporan import _sesi

    pk = User.objects.filter(peran=Peran.PK, is_active=True).order_by("pk").first()
    sesi = _sesi(pk)
    connections.close_all()
    return sesi, settings.SESSION_COOKIE_NAME


def _pid_gunicorn(master: int) -> tuple[int, ...]:
    anak = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return (master, *sorted(int(p) for p in anak))


def _minta(port: int, path: str, kuki: str | None) -> int:
    kepala = {"Host": "127.0.0.1"}
    if kuki:
        kepala["Cookie"] = kuki
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        c.request("GET", path, headers=kepala)
        r = c.getresponse()
        r.read()
        return r.status
    finally:
        c.close()


def _gunicorn(port: int, url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bapas.settings.dev",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "INFO",
    }
    proses = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn)
        [
            str(AKAR / ".venv" / "bin" / "gunicorn"),
            "bapas.wsgi:application",
            "-c",
            "gunicorn.conf.py",
        ],
        cwd=AKAR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        time.sleep(0.1)
        try:
            if _minta(port, "/healthz", None) == 200:
                return proses
        except OSError:
            continue
    proses.terminate()
    sys.exit(f"gunicorn did not answer on port {port} (see {log})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detik", type=float, default=30.0, help="length of the load (s)")
    parser.add_argument("--padam", type=float, default=5.0, help="seconds the database is down")
    parser.add_argument("--utas", type=int, default=4, help="client threads")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bapas-db-restart-"))
    kluster = Kluster(tmp, port_bebas())
    url = f"postgres://postgres@127.0.0.1:{kluster.port}/{NAMA_DB}"
    server = None
    try:
        kluster.buat()
        kluster.mulai()
        import psycopg2

        c = psycopg2.connect(
            host="127.0.0.1", port=kluster.port, user="postgres", dbname="postgres"
        )
        c.autocommit = True
        c.cursor().execute(f"CREATE DATABASE {NAMA_DB}")
        c.close()
        mulai_siap = time.monotonic()
        sesi, nama_kuki = _siapkan_django(url)
        print(f"cluster on port {kluster.port}; migrated and demo loaded in "
              f"{time.monotonic() - mulai_siap:.0f} s")  # fmt: skip
        port = port_bebas()
        server = _gunicorn(port, url, tmp / "gunicorn.log")
        for _ in range(10):  # warm each worker (templates compiled, connection opened)
            _minta(port, "/klien/beban-kasus/", f"{nama_kuki}={sesi}")
        pid_awal = _pid_gunicorn(server.pid)

        halaman = [("/masuk/", None), ("/klien/beban-kasus/", f"{nama_kuki}={sesi}")]
        hasil: list[tuple[float, float, str, int | str]] = []  # (sent, done, path, status)
        kunci = threading.Lock()
        awal = time.monotonic()
        selesai = awal + args.detik

        def klien(n: int) -> None:
            i = n
            while time.monotonic() < selesai:
                path, kuki = halaman[i % 2]
                i += 1
                t0 = time.monotonic() - awal
                try:
                    status: int | str = _minta(port, path, kuki)
                except OSError as exc:
                    status = type(exc).__name__
                with kunci:
                    hasil.append((t0, time.monotonic() - awal, path, status))

        utas = [threading.Thread(target=klien, args=(n,)) for n in range(args.utas)]
        for u in utas:
            u.start()
        time.sleep(args.detik / 3)
        t_henti = time.monotonic() - awal
        kluster.henti()
        t_mati = time.monotonic() - awal
        time.sleep(args.padam)
        kluster.mulai()
        t_kembali = time.monotonic() - awal  # pg_ctl -w: accepting connections
        for u in utas:
            u.join()
        pid_akhir = _pid_gunicorn(server.pid)
        log = (tmp / "gunicorn.log").read_text()
        peringatan = log.count("Basis data tak terjangkau")
        kembali = log.count("Basis data terjangkau kembali")
        jejak_galat = log.count("Traceback")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with contextlib.suppress(subprocess.CalledProcessError):  # not running
            kluster.henti()
        shutil.rmtree(tmp, ignore_errors=True)

    status = collections.Counter(s for *_, s in hasil)
    saat_padam = [s for t0, t1, _, s in hasil if t1 >= t_henti and t0 <= t_kembali]
    lain = collections.Counter((p, s) for *_, p, s in hasil if s not in (200, 503))
    sesudah = [
        t1 for t0, t1, p, s in hasil if p.startswith("/klien/") and s == 200 and t1 > t_kembali
    ]
    pulih = min(sesudah) - t_kembali if sesudah else None
    login_padam = collections.Counter(
        s for t0, t1, p, s in hasil if p == "/masuk/" and t0 >= t_mati and t1 <= t_kembali
    )
    print(f"load: {args.utas} threads, {args.detik:.0f} s; database stopped at {t_henti:.1f} s "
          f"(down at {t_mati:.1f} s), back at {t_kembali:.1f} s")  # fmt: skip
    print(f"requests: {len(hasil)}; statuses: {dict(sorted(status.items(), key=str))}")
    print(f"during the outage: {len(saat_padam)} requests, {saat_padam.count(503)} answered 503; "
          f"the login page while down: {dict(login_padam)}")  # fmt: skip
    print(f"other errors (not 200 or 503): {sum(lain.values())} {dict(lain) or ''}")
    print(
        "first 200 of the caseload after the database was back: "
        + (f"{pulih * 1000:.0f} ms" if pulih is not None else "never")
    )
    telat = [s for t0, _, _, s in hasil if t0 > t_kembali and s == 503]
    print(f"503s for requests sent after the database was back: {len(telat)}")
    print(f"gunicorn log: {peringatan} WARNING 'Basis data tak terjangkau', {kembali} INFO "
          f"'terjangkau kembali', {jejak_galat} tracebacks")  # fmt: skip
    print(f"gunicorn PIDs unchanged: {pid_awal == pid_akhir} {pid_awal}")
    gagal = (
        lain or telat or pulih is None or pulih > 5 or pid_awal != pid_akhir or 503 not in status
    )
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
