"""What a large client export costs a worker: memory and time, for CSV and XLSX.

Run from the repository root (a throwaway SQLite file unless DATABASE_URL is set):

    .venv/bin/python bench/ekspor_memori.py [rows ...]     # default: 20000 200000

For each size, one office gets that many clients (bulk_create, kept in the database for the
next run), and a Kasi of that office downloads the unfiltered client list through the view
(`klien:klien-ekspor`, `klien:klien-ekspor-xlsx`), reading the body piece by piece as a
WSGI server would. Each measurement runs in a fresh process, after one small warm-up
export, and reports:

- the time of the request and the whole body;
- the process's peak RSS growth over the export (`resource.getrusage`, ru_maxrss);
- the peak of Python allocations during the export (`tracemalloc`, in a second run,
  since tracing slows Python down).

Flat memory means these stay the same from 20,000 to 200,000 rows. The figures go to
stdout; the README's "Benchmarks" section records the last run.
"""

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-ekspor-memori.sqlite3")
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# the immediate download at every size (above the threshold the view starts a background
# job, which writes through the same writers)
os.environ.setdefault("EKSPOR_LATAR_AMBANG", str(10**9))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from akun.models import Kanwil, Peran, Unit, User  # noqa: E402
from klien.models import Klien  # noqa: E402
from wilayah.models import Desa, Provinsi  # noqa: E402

URL = {"csv": "klien:klien-ekspor", "xlsx": "klien:klien-ekspor-xlsx"}
BATCH = 5000


def _kasi(n: int) -> User:
    return User.objects.get(username=f"kasi-bench-ekspor-{n}")


def _siapkan(n: int) -> None:
    """An office with exactly `n` clients and its Kasi (created once, kept)."""
    bali = Provinsi.objects.get(nama__iexact="Bali")
    kanwil, _ = Kanwil.objects.get_or_create(nama="Kanwil Bali (bench)", provinsi=bali)
    unit, _ = Unit.objects.get_or_create(
        nama=f"Bapas Bench Ekspor {n}", defaults={"kelas": "II", "kanwil": kanwil}
    )
    User.objects.get_or_create(
        username=f"kasi-bench-ekspor-{n}", defaults={"peran": Peran.KASI, "unit": unit}
    )
    pk, _ = User.objects.get_or_create(
        username=f"pk-bench-ekspor-{n}",
        defaults={"peran": Peran.PK, "unit": unit},
    )
    ada = Klien.objects.filter(unit=unit).count()
    if ada == n:
        return
    Klien.objects.filter(unit=unit).delete()
    desa = Desa.objects.filter(kecamatan__kabupaten__nama="Karangasem").order_by("pk").first()
    awal = time.perf_counter()
    for mulai in range(0, n, BATCH):
        Klien.objects.bulk_create(_klien(unit, pk, desa, range(mulai, min(mulai + BATCH, n))))
    print(f"  {n} clients created in {time.perf_counter() - awal:.0f} s", flush=True)


def _klien(unit, pk, desa, nomor):
    import datetime

    for i in nomor:
        mulai = datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 300)
        k = Klien(
            unit=unit,
            pk_pembimbing=pk,
            desa=desa,
            no_register=f"BENCH-{i:06d}",
            nama=f"I Made Bench Ekspor {i}",
            nik=f"5107{i:012d}",
            jenis_kelamin="L",
            tanggal_lahir=datetime.date(1990, 5, 15),
            agama="HINDU",
            perkara="Pencurian",
            program="PB",
            kategori="DEWASA",
            tanggal_mulai=mulai,
            tanggal_ekspirasi=mulai + datetime.timedelta(days=365),
            status="AKTIF",
        )
        k.hitung_batas_tahap()
        yield k


def _unduh(client: Client, url: str, query: dict) -> int:
    """One export through the view, its body read piece by piece; its size in bytes."""
    resp = client.get(url, query)
    if resp.status_code != 200:
        raise SystemExit(f"{url}: {resp.status_code}")
    ukuran = 0
    for potongan in resp.streaming_content:
        ukuran += len(potongan)
    resp.close()
    return ukuran


def ukur(format: str, n: int, *, jejak_memori: bool) -> dict:
    """In this (fresh) process: warm up, then one export of the office with `n` clients."""
    client = Client()
    client.force_login(_kasi(n))
    url = reverse(URL[format])
    _unduh(client, url, {"q": "tidak-ada-yang-bernama-ini"})  # imports, caches, first query
    if jejak_memori:
        tracemalloc.start()
    rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    awal = time.perf_counter()
    ukuran = _unduh(client, url, {})
    detik = time.perf_counter() - awal
    hasil = {
        "format": format,
        "baris": n,
        "detik": detik,
        "bytes": ukuran,
        "rss_naik_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_awal,
    }
    if jejak_memori:
        hasil["puncak_python_kib"] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    return hasil


def _anak(format: str, n: int, jejak_memori: bool) -> dict:
    perintah = [sys.executable, __file__, "--ukur", format, str(n)]
    if jejak_memori:
        perintah.append("--tracemalloc")
    keluar = subprocess.run(perintah, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(keluar.stdout.strip().splitlines()[-1])


def main(ukuran: list[int]) -> None:
    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", "bali", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)
    for n in ukuran:
        _siapkan(n)
    connection.close()
    for format in URL:
        for n in ukuran:
            tanpa = _anak(format, n, False)
            dengan = _anak(format, n, True)
            print(
                f"{format:4} {n:7,d} rows: {tanpa['detik']:6.1f} s, "
                f"{tanpa['bytes'] / 2**20:5.1f} MiB sent, "
                f"RSS +{tanpa['rss_naik_kib'] / 1024:5.1f} MiB, "
                f"Python peak {dengan['puncak_python_kib'] / 1024:5.1f} MiB "
                f"(traced run {dengan['detik']:.1f} s)",
                flush=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--ukur"]:
        hasil = ukur(sys.argv[2], int(sys.argv[3]), jejak_memori="--tracemalloc" in sys.argv)
        print(json.dumps(hasil))
    else:
        main([int(a) for a in sys.argv[1:]] or [20_000, 200_000])
