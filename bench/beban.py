"""A load test with locust: 50 PKs and 5 Kasi at once, against gunicorn and PostgreSQL on a
national-size database (issue 15, part 3).

locust is in the `bench` extra: `.venv/bin/pip install -c requirements.lock -e ".[bench]"`.
Run from the repository root:

    .venv/bin/python bench/beban.py [--run-time 4m] [--spawn-rate 1] [--workers 8]
                                    [--isi-ulang] [--skala S]

This one file is both the runner (run as a script, as above) and the locustfile (locust
imports it; the user classes are defined only then, so the runner never loads gevent).

The runner:

1. prepares the database DATABASE_URL names (default
   postgres://postgres@127.0.0.1:5432/beban_bench; its name must contain "bench"): created,
   migrated and filled by `manage.py data_sintetis --skala S` when it does not exist or
   holds no office (about four minutes at --skala 1: 90 offices, 3,000 PKs, 200,000
   clients, 9.9 million attendance rows, 2 million audit entries); a filled one is reused
   as it is (migrated first); `--isi-ulang` drops it and fills it anew. It is left in
   place for the next run;
2. picks the users: the five offices with the most running clients, their Kasi, and in
   each the ten PKs with the most running clients; sets their password to a known one and
   clears any login lockout of theirs; gives each PK a group session today (a programme
   of their office with active participants, 09:00 office time, made through
   `services.sesi_buat` as the PK) unless they already have one, so that attendance can
   be recorded (the synthetic data has no session today); and brings the next report of
   some of each PK's clients forward to today (`services.jadwal_lapor_setel`) so that each
   agenda holds at least 25 reports due by Sunday (a report moves a weekly client's due
   date past the week, so each run uses some up);
3. starts gunicorn (gunicorn.conf.py, `--workers` sync workers, default 8 on this 2-core
   machine: with 4, the light pages queued behind the dashboards (~0.5 s of work each)
   and their p95 was 3 to 4 times higher in the same conditions, bench/README.md; more
   processes let the kernel share the cores among the requests instead), the development
   settings with DEBUG off, persistent connections
   (CONN_MAX_AGE=60) and static files from the finders, on a free local port;
4. runs locust headless, bounded: `-u 56 -r 1 --run-time 4m` (55 logged-in users and one
   anonymous visitor; one user started a second, so the logins are spread over the first
   minute as a morning's would be, and the full load holds for the last three), CSV stats
   to /tmp/beban-<time>_stats.csv;
5. stops gunicorn and prints a table per request type: requests, failures, p50, p95, p99
   and max, from every request's own time as locust measured it (nearest-rank; locust's
   CSV rounds to the 10 ms above 100 ms and to the 100 ms above 1 s), with PASS/FAIL
   against p95 <= 500 ms and no failure over the whole run; the same table for the full
   load alone (the requests after the last user started: no login); and the load
   average before and after, and the share of the cores the machine, gunicorn, the
   PostgreSQL backends, locust and everything else used over the run (the machine is
   shared: the last figure is other people's work).

The users (think time 2 to 5 s, uniformly, between actions):

- each PK opens the login page, logs in (the POST is its own type), then, weighted: the
  agenda (3), the caseload (2), a wajib lapor recorded as reported from the agenda's
  "lapor hari ini" button (2; the agenda is opened first when none is at hand), the
  attendance form of their session today, read and saved back with every participant
  present (1: the GET and the POST are two types, with a think time between);
- each Kasi opens the login page, logs in, then: the office dashboard (its default
  period) (2), the client list (2), the partner list (1), the monthly report (1);
- one anonymous visitor opens the login page every 1 to 2 s: the baseline in the same run.

A POST must answer with a redirect (302) and a page with 200, else it counts as a
failure. bench/README.md records the last run.
"""

import argparse
import datetime
import html.parser
import json
import math
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zoneinfo
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
URL_BAWAAN = "postgres://postgres@127.0.0.1:5432/beban_bench"
SANDI = "beban-bench-2026!"  # set on the test's own users, in the bench database only
TARGET_P95_MS = 500
JUMLAH_KANTOR = 5
PK_PER_KANTOR = 10
LAPOR_PER_PK = 25  # reports due by Sunday on each PK's agenda at the start
ENV_AKUN = "BEBAN_AKUN"  # the JSON file the runner writes and the locustfile reads
ENV_SAMPEL = "BEBAN_SAMPEL"  # the JSON file of every request the locustfile writes at the end

# The page types, in the table's order (locust's `name=` of each request).
LOGIN_GET = "login page (GET)"
LOGIN_POST = "login (POST)"
PK_AGENDA = "PK: agenda"
PK_BEBAN = "PK: caseload"
PK_LAPOR = "PK: wajib lapor (POST)"
PK_HADIR_FORM = "PK: attendance form"
PK_HADIR_SIMPAN = "PK: attendance save (POST)"
KASI_DASBOR = "Kasi: dashboard"
KASI_KLIEN = "Kasi: client list"
KASI_MITRA = "Kasi: partner list"
KASI_BULANAN = "Kasi: monthly report"
JENIS = (
    LOGIN_GET, LOGIN_POST, PK_AGENDA, PK_BEBAN, PK_LAPOR, PK_HADIR_FORM, PK_HADIR_SIMPAN,
    KASI_DASBOR, KASI_KLIEN, KASI_MITRA, KASI_BULANAN,
)  # fmt: skip


class Formulir(html.parser.HTMLParser):
    """The forms of a page: each as {"action", "method", "isian"}; an input's value, a
    radio's or checkbox's only when checked, a select's selected (else first) option, a
    textarea's text."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._pilihan_pertama: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                 "isian": {}}
            )  # fmt: skip
            return
        if not self.forms:
            return
        isian = self.forms[-1]["isian"]
        nama = a.get("name")
        if tag == "input" and nama:
            jenis = (a.get("type") or "text").lower()
            if jenis in ("radio", "checkbox"):
                if "checked" in a:
                    isian[nama] = a.get("value") or "on"
            elif jenis not in ("submit", "button", "file"):
                isian[nama] = a.get("value") or ""
        elif tag == "select" and nama:
            self._select, self._pilihan_pertama = nama, None
        elif tag == "option" and self._select:
            nilai = a.get("value") or ""
            if self._pilihan_pertama is None:
                self._pilihan_pertama = nilai
                isian.setdefault(self._select, nilai)
            if "selected" in a:
                isian[self._select] = nilai
        elif tag == "textarea" and nama:
            self._textarea = nama
            isian[nama] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["isian"][self._textarea] += data


def formulir(teks: str) -> list[dict]:
    p = Formulir()
    p.feed(teks)
    return p.forms


# ---------------------------------------------------------------------------------------
# The locustfile: loaded only by locust (which has imported gevent and itself by then).

if __name__ != "__main__":
    from locust import HttpUser, between, events, task

    _AKUN = json.loads(Path(os.environ[ENV_AKUN]).read_text()) if ENV_AKUN in os.environ else {}
    _ANTRE = {"pk": list(_AKUN.get("pk", [])), "kasi": list(_AKUN.get("kasi", []))}
    _LAPOR = re.compile(
        r'<form method="post" action="(/pembimbingan/klien/\d+/lapor/)">.*?'
        r'name="jatuh_tempo" value="([0-9-]+)"',
        re.S,
    )

    _SAMPEL: list[tuple[float, str, float, bool]] = []
    _PENUH: list[float] = []

    @events.request.add_listener
    def _catat(request_type, name, response_time, exception, **_kw):
        _SAMPEL.append((time.time(), name, response_time, exception is not None))

    @events.spawning_complete.add_listener
    def _semua_mulai(user_count, **_kw):
        _PENUH.append(time.time())

    @events.quitting.add_listener
    def _simpan(environment, **_kw):
        if ENV_SAMPEL in os.environ:
            isi = {"penuh": _PENUH[0] if _PENUH else None, "sampel": _SAMPEL}
            Path(os.environ[ENV_SAMPEL]).write_text(json.dumps(isi))

    def _csrf(teks: str) -> str:
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', teks)
        return m.group(1) if m else ""

    class _Pengguna(HttpUser):
        abstract = True
        wait_time = between(2, 5)
        peran = ""

        def on_start(self):
            if not _ANTRE[self.peran]:
                raise RuntimeError(f"more {self.peran} users than the runner prepared")
            self.akun = _ANTRE[self.peran].pop(0)
            r = self._get("/masuk/", LOGIN_GET)
            self._post(
                "/masuk/",
                LOGIN_POST,
                {
                    "csrfmiddlewaretoken": _csrf(r.text),
                    "username": self.akun["username"],
                    "password": _AKUN["sandi"],
                },
            )

        def _get(self, url: str, nama: str):
            with self.client.get(url, name=nama, catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"status {r.status_code}")
                return r

        def _post(self, url: str, nama: str, data: dict):
            with self.client.post(
                url, data=data, name=nama, allow_redirects=False, catch_response=True
            ) as r:
                if r.status_code != 302:
                    r.failure(f"status {r.status_code}, not a redirect")
                return r

    class PK(_Pengguna):
        fixed_count = JUMLAH_KANTOR * PK_PER_KANTOR
        peran = "pk"
        lapor: list[tuple[str, str]] = []

        @task(3)
        def agenda(self):
            r = self._get("/pembimbingan/agenda/", PK_AGENDA)
            self.lapor = _LAPOR.findall(r.text)
            self.csrf = _csrf(r.text)

        @task(2)
        def beban_kasus(self):
            self._get("/klien/beban-kasus/", PK_BEBAN)

        @task(2)
        def wajib_lapor(self):
            if not self.lapor:
                self.agenda()
                if not self.lapor:
                    return
                self.wait()
            url, tempo = self.lapor.pop(random.randrange(len(self.lapor)))  # noqa: S311
            data = {
                "csrfmiddlewaretoken": self.csrf,
                "jatuh_tempo": tempo,
                "hasil": "hadir",
                "kembali": "/pembimbingan/agenda/",
            }
            self._post(url, PK_LAPOR, data)

        @task(1)
        def kehadiran(self):
            url = f"/pembimbingan/sesi/{self.akun['sesi']}/kehadiran/"
            with self.client.get(url, name=PK_HADIR_FORM, catch_response=True) as r:
                form = next((f for f in formulir(r.text) if "versi" in f["isian"]), None)
                if r.status_code != 200 or form is None:
                    r.failure(f"status {r.status_code}, attendance form: {form is not None}")
                    return
            isian = form["isian"]
            for nama in list(isian):
                if nama.startswith("hasil_"):
                    isian[nama] = "hadir"
                    isian["alasan_" + nama[6:]] = ""
            self.wait()
            self._post(url, PK_HADIR_SIMPAN, isian)

    class Kasi(_Pengguna):
        fixed_count = JUMLAH_KANTOR
        peran = "kasi"

        @task(2)
        def dasbor(self):
            self._get("/laporan/dasbor/", KASI_DASBOR)

        @task(2)
        def klien(self):
            self._get("/klien/", KASI_KLIEN)

        @task(1)
        def mitra(self):
            self._get("/pokmas/mitra/", KASI_MITRA)

        @task(1)
        def bulanan(self):
            self._get("/laporan/bulanan/", KASI_BULANAN)

    class Pengunjung(HttpUser):
        """The baseline: the login page, anonymous, in the same run."""

        fixed_count = 1
        wait_time = between(1, 2)

        @task
        def halaman_masuk(self):
            with self.client.get("/masuk/", name=LOGIN_GET, catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"status {r.status_code}")


# ---------------------------------------------------------------------------------------
# The runner.


def _siapkan(isi_ulang: bool, skala: float) -> dict:
    """The database filled, the users picked and ready; returns what the locustfile needs
    and a description of the data."""
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    import basis_data_nasional  # bench/, beside this script
    from axes.models import AccessAttempt
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.db.models import Count, Q

    from akun.models import Peran, Unit, User
    from jejak.models import JejakAudit
    from klien.models import Klien
    from klien.querysets import STATUS_BERJALAN
    from pembimbingan import services
    from pembimbingan.models import JadwalLapor, Kehadiran, Program, Sesi
    from pembimbingan.pilihan import JenisSesi, PolaLapor, StatusPeserta

    mulai = time.monotonic()
    if basis_data_nasional.siapkan(isi_ulang=isi_ulang, skala=skala):
        print(f"filled in {time.monotonic() - mulai:.0f} s")

    berjalan = Q(status__in=STATUS_BERJALAN)
    kantor = list(
        Klien.objects.filter(berjalan)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_id")
        .values_list("unit_id", flat=True)[:JUMLAH_KANTOR]
    )
    kasi = [
        User.objects.filter(peran=Peran.KASI, unit_id=u, is_active=True).order_by("pk").first()
        for u in kantor
    ]
    pk = []
    for u in kantor:
        pk += list(
            User.objects.filter(peran=Peran.PK, unit_id=u, is_active=True)
            .annotate(
                n=Count("klien_bimbingan", filter=Q(klien_bimbingan__status__in=STATUS_BERJALAN))
            )
            .order_by("-n", "pk")[:PK_PER_KANTOR]
        )
    semua = kasi + pk
    sandi = make_password(SANDI)
    User.objects.filter(pk__in=[u.pk for u in semua]).update(password=sandi)
    AccessAttempt.objects.filter(username__in=[u.username for u in semua]).delete()

    # a group session today for each PK (office time), on a programme no other PK uses
    sesi_pk: dict[int, int] = {}
    dipakai: set[int] = set()
    for p in pk:
        zona = zoneinfo.ZoneInfo(p.unit.zona_waktu)
        hari_ini = datetime.datetime.now(zona).date()
        mulai = datetime.datetime.combine(hari_ini, datetime.time(9), tzinfo=zona)
        ada = (
            Sesi.objects.filter(pk_pencatat=p, jenis=JenisSesi.KELOMPOK, mulai=mulai)
            .values_list("pk", "program_id")
            .first()
        )
        if ada:
            sesi_pk[p.pk], _ = ada
            dipakai.add(ada[1])
            continue
        program = (
            Program.objects.filter(unit_id=p.unit_id)
            .exclude(pk__in=dipakai)
            .annotate(n=Count("peserta", filter=Q(peserta__status=StatusPeserta.AKTIF)))
            .filter(n__gte=10)
            .exclude(sesi__mulai=mulai)
            .order_by("-n", "pk")
            .first()
        )
        if program is None:
            sys.exit(f"No programme with active participants left for {p.username}")
        dipakai.add(program.pk)
        sesi_pk[p.pk] = services.sesi_buat(
            oleh=p, jenis=JenisSesi.KELOMPOK, mulai=mulai, program=program
        )[0].pk

    # reports due by Sunday on each PK's agenda: a report moves a weekly client's due date
    # past this week, so earlier runs use them up; others are brought forward to today
    # through the service, as a PK setting a client's schedule would
    dimajukan = 0
    for p in pk:
        hari_ini = datetime.datetime.now(zoneinfo.ZoneInfo(p.unit.zona_waktu)).date()
        minggu = hari_ini + datetime.timedelta(days=6 - hari_ini.weekday())
        milik = Klien.objects.for_user(p).filter(berjalan)
        kurang = LAPOR_PER_PK - milik.filter(tanggal_lapor_berikutnya__lte=minggu).count()
        if kurang <= 0:
            continue
        calon = (
            JadwalLapor.objects.filter(klien__in=milik.filter(tanggal_lapor_berikutnya__gt=minggu))
            .exclude(pola=PolaLapor.TANGGAL_TERTENTU)
            .filter(klien__tanggal_ekspirasi__gte=hari_ini)
            .select_related("klien")
            .order_by("klien_id")[:kurang]
        )
        for j in calon:
            services.jadwal_lapor_setel(klien=j.klien, oleh=p, pola=j.pola, berikutnya=hari_ini)
            dimajukan += 1
    if dimajukan:
        print(f"{dimajukan} clients' next report brought forward to today")

    data = {
        "kantor": Unit.objects.count(),
        "pk": User.objects.filter(peran=Peran.PK).count(),
        "klien": Klien.objects.count(),
        "berjalan": Klien.objects.filter(berjalan).count(),
        "sesi": Sesi.objects.count(),
        "kehadiran": Kehadiran.objects.count(),
        "jejak": JejakAudit.objects.count(),
        "postgresql": connection.pg_version // 10000,
        "kantor_uji": [str(Unit.objects.get(pk=u)) for u in kantor],
    }
    akun = {
        "sandi": SANDI,
        "pk": [{"username": p.username, "sesi": sesi_pk[p.pk]} for p in pk],
        "kasi": [{"username": k.username} for k in kasi],
    }
    connection.close()
    return {"akun": akun, "data": data}


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    proses = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn)
        [str(AKAR / ".venv" / "bin" / "gunicorn"), "bapas.wsgi:application", "-c",
         "gunicorn.conf.py"],
        cwd=AKAR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(300):
        time.sleep(0.1)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proses
        except OSError:
            continue
    proses.terminate()
    sys.exit(f"gunicorn did not answer on port {port} (see {log})")


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used."""
    try:
        kolom = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(kolom[11]) + int(kolom[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_mesin() -> tuple[float, float]:
    """(busy, total) CPU seconds of the machine since boot, all cores."""
    kolom = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    total = sum(kolom[:8]) / os.sysconf("SC_CLK_TCK")
    return total - (kolom[3] + kolom[4]) / os.sysconf("SC_CLK_TCK"), total


class CpuBasisData(threading.Thread):
    """Samples, every 2 s, the CPU seconds of the PostgreSQL backends connected to the bench
    database (the gunicorn workers' connections, renewed each CONN_MAX_AGE): the last
    figure seen of each backend, summed at the end (a backend's last 2 s may be missed)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.terlihat: dict[int, float] = {}
        self.berhenti = threading.Event()

    def run(self):
        import psycopg2
        from django.conf import settings

        db = settings.DATABASES["default"]
        c = psycopg2.connect(
            host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
        )
        c.autocommit = True
        with c.cursor() as cur:
            while not self.berhenti.wait(2):
                cur.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
                for (pid,) in cur.fetchall():
                    self.terlihat[pid] = max(self.terlihat.get(pid, 0.0), _cpu(pid))
        c.close()

    def hasil(self) -> float:
        self.berhenti.set()
        self.join(timeout=10)
        return sum(self.terlihat.values())


def _cpu_gunicorn(master: int) -> float:
    """CPU seconds of gunicorn's master and workers, as they are now."""
    anak = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return _cpu(master) + sum(_cpu(int(p)) for p in anak)


def persentil(nilai: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    urut = sorted(nilai)
    return urut[max(0, math.ceil(p / 100 * len(urut)) - 1)]


def _tabel(sampel: list[tuple[str, float, bool]], semua: bool = True) -> tuple[list[str], bool]:
    """The per-type table of (type, ms, failed) samples, and whether every type passed (with
    `semua`, a type without a request fails)."""
    per_jenis: dict[str, list[tuple[float, bool]]] = {}
    for nama, ms, gagal in sampel:
        per_jenis.setdefault(nama, []).append((ms, gagal))
    keluar = [
        "| request type | requests | failures | p50 ms | p95 ms | p99 ms | max ms | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    lulus = True
    for nama in [*JENIS, *sorted(set(per_jenis) - set(JENIS))]:
        if nama not in per_jenis:
            keluar.append(f"| {nama} | 0 | | | | | | {'FAIL' if semua else '-'} |")
            lulus &= not semua
            continue
        ms = [m for m, _g in per_jenis[nama]]
        gagal = sum(g for _m, g in per_jenis[nama])
        p95 = persentil(ms, 95)
        ok = gagal == 0 and p95 <= TARGET_P95_MS
        lulus &= ok
        keluar.append(
            f"| {nama} | {len(ms)} | {gagal} | {persentil(ms, 50):.0f} | {p95:.0f} | "
            f"{persentil(ms, 99):.0f} | {max(ms):.0f} | {'PASS' if ok else 'FAIL'} |"
        )
    return keluar, lulus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--run-time", default="4m", help="locust's --run-time (default 4m)")
    parser.add_argument("--workers", type=int, default=8, help="gunicorn sync workers")
    parser.add_argument("--spawn-rate", type=float, default=1.0, help="users started per s")
    parser.add_argument("--isi-ulang", action="store_true", help="drop and fill the database")
    parser.add_argument("--skala", type=float, default=1.0, help="scale of a new fill")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
    os.environ.setdefault("DATABASE_URL", URL_BAWAAN)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("CONN_MAX_AGE", "60")

    siap = _siapkan(args.isi_ulang, args.skala)
    d = siap["data"]
    cap = time.strftime("%Y%m%d-%H%M%S")
    berkas_akun = Path(f"/tmp/beban-{cap}-akun.json")  # noqa: S108
    berkas_akun.write_text(json.dumps(siap["akun"]))
    berkas_sampel = Path(f"/tmp/beban-{cap}-sampel.json")  # noqa: S108
    csv_awalan = f"/tmp/beban-{cap}"  # noqa: S108
    pengguna = len(siap["akun"]["pk"]) + len(siap["akun"]["kasi"]) + 1

    port = _port_bebas()
    log = Path(f"/tmp/beban-{cap}-gunicorn.log")  # noqa: S108
    server = _gunicorn(port, args.workers, log)
    beban_awal = os.getloadavg()
    mesin_awal = _cpu_mesin()
    locust_cpu = os.times()
    gunicorn_awal = _cpu_gunicorn(server.pid)
    cpu_db = CpuBasisData()
    cpu_db.start()
    try:
        subprocess.run(  # noqa: S603
            [str(AKAR / ".venv" / "bin" / "locust"), "-f", __file__, "--headless",
             "-H", f"http://127.0.0.1:{port}", "-u", str(pengguna),
             "-r", str(args.spawn_rate), "--run-time", args.run_time, "--csv", csv_awalan,
             "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
            cwd=AKAR,
            env={**os.environ, ENV_AKUN: str(berkas_akun), ENV_SAMPEL: str(berkas_sampel)},
            check=False,
        )  # fmt: skip
    finally:
        beban_akhir = os.getloadavg()
        mesin_akhir = _cpu_mesin()
        locust_cpu = sum(os.times()[2:4]) - sum(locust_cpu[2:4])
        cpu_gunicorn = _cpu_gunicorn(server.pid) - gunicorn_awal
        cpu_pg = cpu_db.hasil()
        server.terminate()
        server.wait(timeout=30)
    catatan = json.loads(berkas_sampel.read_text())
    sampel = [(nama, ms, gagal) for _t, nama, ms, gagal in catatan["sampel"]]
    baris, lulus = _tabel(sampel)
    penuh = catatan["penuh"]
    baris_penuh, _ = _tabel(
        [(nama, ms, gagal) for t, nama, ms, gagal in catatan["sampel"] if penuh and t >= penuh],
        semua=False,
    )
    print()
    print(
        f"PostgreSQL {d['postgresql']}; {d['kantor']} offices, {d['pk']:,} PKs, "
        f"{d['klien']:,} clients ({d['berjalan']:,} running), {d['sesi']:,} sessions, "
        f"{d['kehadiran']:,} attendance rows, {d['jejak']:,} audit entries; users from "
        f"{', '.join(d['kantor_uji'])}"
    )
    print(
        f"gunicorn: {args.workers} sync workers; locust: {pengguna} users "
        f"({len(siap['akun']['pk'])} PK, {len(siap['akun']['kasi'])} Kasi, 1 anonymous), "
        f"spawn rate {args.spawn_rate:g}/s, run time {args.run_time}, think time 2-5 s "
        f"(anonymous 1-2 s); {os.cpu_count()} cores; load average "
        f"{beban_awal[0]:.2f} at the start, {beban_akhir[0]:.2f} / {beban_akhir[1]:.2f} "
        f"(1 / 5 min) at the end"
    )
    sibuk = mesin_akhir[0] - mesin_awal[0]
    detik = (mesin_akhir[1] - mesin_awal[1]) / (os.cpu_count() or 1)
    print(
        f"CPU over the run ({detik:.0f} s): machine {sibuk / detik:.2f} of {os.cpu_count()} "
        f"cores busy; gunicorn {cpu_gunicorn / detik:.2f}, PostgreSQL backends "
        f"{cpu_pg / detik:.2f}, locust {locust_cpu / detik:.2f}; everything else "
        f"{(sibuk - cpu_gunicorn - cpu_pg - locust_cpu) / detik:.2f}"
    )
    print(f"stats: {csv_awalan}_stats.csv; gunicorn log: {log}")
    print()
    print("The whole run (judged):")
    print()
    print("\n".join(baris))
    print()
    if penuh:
        print(
            f"Full load only: the {catatan['sampel'][-1][0] - penuh:.0f} s after the last user "
            "started (no logins):"
        )
        print()
        print("\n".join(baris_penuh))
        print()
    print(
        f"target p95 <= {TARGET_P95_MS} ms per type and no failure: {'met' if lulus else 'NOT met'}"
    )
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
