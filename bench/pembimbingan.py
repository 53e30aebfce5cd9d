"""The PK's two busiest moments, on PostgreSQL: saving a 40-person session's attendance, and
opening the agenda (and the caseload's first page) with 150 clients.

Run from the repository root against a throwaway PostgreSQL database (dropped and made
anew each run; its name must contain "bench"):

    .venv/bin/python bench/pembimbingan.py [runs]

The setup goes through the services (schedules, reports, a 40-person programme, sessions),
so the rows are what the application writes. Each save is timed on its own session:

- first save: 40 new rows (their audit entries, the standing of each client);
- repeat: the same form sent again (a double tap): nothing to write;
- change: five outcomes changed to absent (five rows, and five clients' standings written).

Pages are fetched with Django's test client (the whole view, middleware and template, no
network). Times are wall-clock milliseconds, median and worst of `runs` runs; queries are
counted per request or call. bench/README.md records the last run.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bapas_bench_pembimbingan")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DEBUG", "false")

import django
import psycopg2

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from akun.models import Kanwil, Peran, Unit, User  # noqa: E402
from klien.models import Klien  # noqa: E402
from pembimbingan import services  # noqa: E402
from pembimbingan.models import Program  # noqa: E402
from pembimbingan.pilihan import HasilHadir, JenisProgram, JenisSesi, PolaLapor  # noqa: E402
from pembimbingan.services import HasilKehadiran  # noqa: E402
from wilayah.models import Desa, Provinsi  # noqa: E402

KLIEN = 150
PESERTA = 40


def _pastikan_basis_data() -> None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("This benchmark is for PostgreSQL: set DATABASE_URL=postgres://...")
    if "bench" not in db["NAME"]:
        sys.exit(f"The benchmark drops its database: {db['NAME']!r} is not named as a bench one.")
    c = psycopg2.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres"
    )
    c.autocommit = True
    with c.cursor() as cur:  # a fresh database each run: the figures compare
        cur.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{db["NAME"]}"')
    c.close()


def _siapkan() -> tuple[User, Program]:
    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", "bali", verbosity=0)
    bali = Provinsi.objects.get(nama__iexact="Bali")
    kanwil, _ = Kanwil.objects.get_or_create(nama="Kanwil Bali (bench)", provinsi=bali)
    unit, _ = Unit.objects.get_or_create(
        nama="Bapas Bench Pembimbingan", defaults={"kelas": "II", "kanwil": kanwil}
    )
    desa = list(Desa.objects.filter(kecamatan__kabupaten__nama="Karangasem")[:30])
    unit.wilayah_kerja.add(desa[0].kecamatan.kabupaten)
    pk, _ = User.objects.get_or_create(
        username="pk-bench-pembimbingan",
        defaults={"peran": Peran.PK, "unit": unit, "nip": "198503122010121098"},
    )
    kasi, _ = User.objects.get_or_create(
        username="kasi-bench-pembimbingan",
        defaults={"peran": Peran.KASI, "unit": unit, "nip": "198503122010121097"},
    )
    program = Program.objects.filter(unit=unit).first()
    if program is not None:
        return pk, program
    from tests.klien.factories import KlienFactory  # the bench's clients, as the tests make them

    hari_ini = timezone.localdate()
    klien = [
        KlienFactory(
            pk_pembimbing=pk,
            desa=desa[i % len(desa)],
            nama=f"I Made Bench {i:03d}",
            no_register=f"BENCH-P-{i:03d}",
            nik=f"5107011505{i:06d}",
            tanggal_mulai=hari_ini - datetime.timedelta(days=120),
        )
        for i in range(KLIEN)
    ]
    for i, k in enumerate(klien):
        # due dates spread over the last and the next fortnight; a fifth missed once
        tempo = hari_ini + datetime.timedelta(days=(i % 28) - 14)
        services.jadwal_lapor_setel(klien=k, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=tempo)
        if i % 5 == 0 and tempo <= hari_ini:
            services.lapor_catat(
                klien=Klien.objects.get(pk=k.pk),
                oleh=pk,
                jatuh_tempo=tempo,
                hasil=HasilKehadiran(HasilHadir.TIDAK_HADIR),
            )
    program = services.program_buat(
        oleh=kasi,
        data={
            "nama": "Budidaya ikan (bench)",
            "jenis": JenisProgram.KEMANDIRIAN,
            "tanggal_mulai": hari_ini - datetime.timedelta(days=60),
            "kapasitas": PESERTA,
        },
    )
    for k in klien[:PESERTA]:
        services.peserta_daftar(
            program=program, klien=k, oleh=pk, tanggal_masuk=program.tanggal_mulai
        )
    return pk, program


def _ukur(fungsi) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as q:
        mulai = time.perf_counter()
        fungsi()
        ms = (time.perf_counter() - mulai) * 1000
    return ms, len(q.captured_queries)


def _ringkas(nama: str, hasil: list[tuple[float, int]]) -> str:
    ms = [h[0] for h in hasil]
    query = sorted({h[1] for h in hasil})
    return f"| {nama} | {statistics.median(ms):.1f} | {max(ms):.1f} | {'/'.join(map(str, query))} |"


def main(runs: int) -> None:
    _pastikan_basis_data()
    pk, program = _siapkan()
    peserta = list(program.peserta.values_list("klien_id", flat=True))
    if len(peserta) != PESERTA:
        sys.exit(f"expected {PESERTA} participants, found {len(peserta)}")
    semua_hadir = dict.fromkeys(peserta, HasilKehadiran(HasilHadir.HADIR))
    ubah = {
        **semua_hadir,
        **dict.fromkeys(peserta[:5], HasilKehadiran(HasilHadir.TIDAK_HADIR)),
    }
    simpan, ulang, ganti = [], [], []
    for i in range(runs):
        [sesi] = services.sesi_buat(
            oleh=pk,
            jenis=JenisSesi.KELOMPOK,
            program=program,
            # each later than any before (an earlier run's too): its absences count
            mulai=timezone.now() - datetime.timedelta(seconds=runs - i),
        )
        # a session at a time: each save reads the participants and standings anew
        simpan.append(_ukur(lambda s=sesi: services.sesi_catat_kehadiran(
            sesi=s, oleh=pk, hasil=semua_hadir, versi=0)))  # fmt: skip
        ulang.append(_ukur(lambda s=sesi: services.sesi_catat_kehadiran(
            sesi=s, oleh=pk, hasil=semua_hadir, versi=1)))  # fmt: skip
        ganti.append(_ukur(lambda s=sesi: services.sesi_catat_kehadiran(
            sesi=s, oleh=pk, hasil=ubah, versi=1)))  # fmt: skip
        # back to all present, so the next run's standings start where this one did
        services.sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=semua_hadir, versi=2)

    client = Client()
    client.force_login(pk)
    halaman = {}
    for nama in ("pembimbingan:agenda", "klien:caseload"):
        url = reverse(nama)
        if client.get(url).status_code != 200:  # warm: templates compiled, caches filled
            sys.exit(f"{url} did not answer 200")
        halaman[nama] = [_ukur(lambda u=url: client.get(u)) for _ in range(runs)]

    jumlah = Klien.objects.filter(pk_pembimbing=pk).count()
    print(f"PostgreSQL {connection.pg_version // 10000}, {jumlah} clients, {runs} runs")
    print("| measurement | median ms | worst ms | queries |")
    print("|---|---|---|---|")
    print(_ringkas(f"attendance, first save of {PESERTA}", simpan))
    print(_ringkas(f"attendance, same {PESERTA} sent again", ulang))
    print(_ringkas(f"attendance, 5 of {PESERTA} changed", ganti))
    print(_ringkas(f"agenda page, PK with {jumlah} clients", halaman["pembimbingan:agenda"]))
    print(_ringkas("caseload page 1 (20 of them)", halaman["klien:caseload"]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
