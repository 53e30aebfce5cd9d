"""What the audit trail costs a large client import: time and queries, with and without it.

Run from the repository root (a throwaway SQLite file unless DATABASE_URL is set):

    .venv/bin/python bench/impor_jejak.py [rows]

Both variants import the same rows into the same database inside a transaction that is
rolled back, so neither sees the other's clients. The figures go to stdout; the README's
"Benchmarks" section records the last run.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-impor-jejak.sqlite3")

import django

django.setup()

from auditlog.context import disable_auditlog  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from akun.models import Kanwil, Peran, Unit, User  # noqa: E402
from jejak.models import JejakAudit  # noqa: E402
from klien.impor import klien_impor  # noqa: E402
from wilayah.models import Desa, Provinsi  # noqa: E402


class _Batal(Exception):
    pass


def _siapkan():
    call_command("migrate", verbosity=0)
    call_command("muat_wilayah", "bali", verbosity=0)
    bali = Provinsi.objects.get(nama__iexact="Bali")
    kanwil, _ = Kanwil.objects.get_or_create(nama="Kanwil Bali (bench)", provinsi=bali)
    unit, _ = Unit.objects.get_or_create(
        nama="Bapas Bench", defaults={"kelas": "II", "kanwil": kanwil}
    )
    desa = Desa.objects.filter(kecamatan__kabupaten__nama="Karangasem").first()
    unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    pk, _ = User.objects.get_or_create(
        username="pk-bench",
        defaults={"peran": Peran.PK, "unit": unit, "nip": "198503122010121099"},
    )
    return unit, pk, desa


def _rows(desa, n: int) -> list[dict]:
    return [
        {
            "no_register": f"BENCH-{i}",
            "nama": f"I Made Bench {i}",
            "kategori": "DEWASA",
            "jenis_kelamin": "L",
            "tanggal_lahir": "1990-05-15",
            "agama": "Hindu",
            "desa": desa.nama,
            "kecamatan": desa.kecamatan.nama,
            "kabupaten": desa.kecamatan.kabupaten.nama,
            "perkara": "Pencurian",
            "program": "PB",
            "tanggal_mulai": "2025-01-01",
            "tanggal_ekspirasi": "2025-12-31",
            "nip_pk": "198503122010121099",
            "nik": f"51070115059{i:05d}",
        }
        for i in range(n)
    ]


class _Hitung:
    """Counts the queries sent (no log kept, so no limit)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def _ukur(unit, pk, rows, *, jejak: bool) -> tuple[float, int, int]:
    hasil = {}
    hitung = _Hitung()
    sebelum = JejakAudit.objects.count()
    try:
        with transaction.atomic(), connection.execute_wrapper(hitung):
            awal = time.perf_counter()
            if jejak:
                h = klien_impor(unit=unit, oleh=pk, rows=rows)
            else:
                with disable_auditlog():
                    h = klien_impor(unit=unit, oleh=pk, rows=rows)
            hasil["detik"] = time.perf_counter() - awal
            if not (h.berhasil and h.dibuat == len(rows)):
                raise SystemExit(f"import refused: {h.kesalahan[:3]}")
            hasil["entri"] = JejakAudit.objects.count() - sebelum
            raise _Batal
    except _Batal:
        pass
    return hasil["detik"], hitung.n, hasil["entri"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    unit, pk, desa = _siapkan()
    rows = _rows(desa, n)
    print(f"database: {connection.vendor}; rows: {n}")
    for jejak in (False, True):
        detik, query, entri = _ukur(unit, pk, rows, jejak=jejak)
        label = "with audit trail   " if jejak else "without audit trail"
        print(f"{label}: {detik:6.2f} s, {query:6d} queries, {entri:5d} trail entries")


if __name__ == "__main__":
    main()
