"""EXPLAIN (ANALYZE, BUFFERS) of the queries issue 15's indexes are for (bench/README.md).

Run from the repository root against a filled benchmark database (bench/laporan.py fills
one; its name must contain "bench"), before and after `migrate klien 0008 jejak 0005`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bapas_bench_laporan \\
        .venv/bin/python bench/indeks.py [TERM ...]

It prints, for the office with the most clients, as its Kasi: (a) the client list's first
page (the page's own queryset, ordered by nama, pk; 25 rows), (b) the audit trail's text
search for each TERM (default: one of that office's clients' full name, then first name)
and its paginator's count through the
page's own filter, first page of 50, and (c) the trail table's indexes and the cost of
writing 10,000 entries (rolled back). Each query runs
twice; the second run's plan is printed (a warm cache, as on a working server).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bapas.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bapas_bench_laporan")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from akun.models import Peran, User  # noqa: E402
from jejak.filters import JejakFilter  # noqa: E402
from jejak.models import JejakAudit  # noqa: E402
from klien.ekspor import RELASI_DAFTAR  # noqa: E402
from klien.models import Klien  # noqa: E402


def rencana(judul: str, qs, *, hitung: bool = False) -> None:
    """The plan of `qs`, or with `hitung` of the paginator's COUNT(*) over it."""
    sql, param = qs.query.sql_with_params()
    if hitung:
        sql = f"SELECT COUNT(*) FROM ({sql}) AS q"  # noqa: S608 (Django's own SQL)
    with connection.cursor() as c:
        for _ in range(2):
            c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, param)
            baris = [r[0] for r in c.fetchall()]
    print(f"\n### {judul}\n")
    print("\n".join(baris))


def main() -> None:
    if "bench" not in connection.settings_dict["NAME"] or connection.vendor != "postgresql":
        sys.exit("A PostgreSQL database whose name contains 'bench'.")
    unit_id = Klien.objects.values("unit_id").annotate(n=Count("pk")).order_by("-n")[0]["unit_id"]
    kasi = User.objects.filter(unit_id=unit_id, peran=Peran.KASI).first()
    contoh = Klien.objects.filter(unit_id=unit_id).order_by("pk")[0].nama
    kata_kata = sys.argv[1:] or [contoh, contoh.split()[0]]
    print(
        f"office {unit_id}: {Klien.objects.filter(unit_id=unit_id).count()} clients, "
        f"{JejakAudit.objects.filter(unit_id=unit_id).count()} trail entries"
    )
    daftar = Klien.objects.for_user(kasi).select_related(*RELASI_DAFTAR).order_by("nama", "pk")
    rencana("(a) client list, first page", daftar[:25])
    for kata in kata_kata:
        # the office's trail as its reader sees it (JejakAudit.for_user: for_unit_of)
        jejak = JejakFilter(
            {"data": kata},
            queryset=JejakAudit.objects.filter(unit_id=unit_id).select_related(
                "actor", "content_type"
            ),
            user=kasi,
        ).qs
        n = jejak.count()
        rencana(f"(b) trail text search {kata!r} ({n} entries), first page", jejak[:50])
        rencana(f"(b) trail text search {kata!r}: the page's count", jejak, hitung=True)
    with connection.cursor() as c:
        c.execute(
            "SELECT indexname, indexdef, pg_relation_size(indexname::regclass) FROM pg_indexes "
            "WHERE tablename = 'jejak_jejakaudit' ORDER BY indexname"
        )
        indeks = c.fetchall()
    ukuran = sum(r[2] for r in indeks) / 2**20
    print(f"\n### (c) jejak_jejakaudit: {len(indeks)} indexes, {ukuran:.0f} MB\n")
    for nama, definisi, besar in indeks:
        print(f"{nama}: {definisi.split(' USING ', 1)[1]} ({besar / 2**20:.0f} MB)")
    # the write every client-page view makes, 10,000 times over (copies of the office's
    # latest entries), in a transaction rolled back: the trail keeps nothing of it
    kolom = ", ".join(
        connection.ops.quote_name(f.column)
        for f in JejakAudit._meta.concrete_fields
        if not f.primary_key
    )
    sql = (
        f"INSERT INTO jejak_jejakaudit ({kolom}) SELECT {kolom} FROM jejak_jejakaudit "  # noqa: S608
        "WHERE unit_id = %s ORDER BY timestamp DESC LIMIT 10000"
    )
    with transaction.atomic(), connection.cursor() as c:
        c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, [unit_id])
        baris = [r[0] for r in c.fetchall()]
        transaction.set_rollback(True)
    print("\n### (c) 10,000 trail entries written (rolled back)\n")
    print("\n".join(baris))


if __name__ == "__main__":
    main()
