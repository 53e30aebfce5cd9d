"""Bulk loading on PostgreSQL: rows streamed with COPY, a table's secondary indexes and its
foreign-key and unique constraints set aside while it fills and built again afterwards
(each rebuilt constraint checks every row), and the sequences moved past the ids written.

Everything runs in the caller's transaction: PostgreSQL's DDL is transactional, so a load
that fails leaves the tables, their indexes and their constraints as they were. CHECK
constraints stay in place during the load and check each row as it arrives.
"""

import datetime
import io
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection

# Rows per COPY buffer: a few tens of MiB of text at most.
BARIS_PER_SALINAN = 200_000


def _teks(nilai) -> str:
    """One value in COPY's text format."""
    if nilai is None:
        return r"\N"
    if nilai is True:
        return "t"
    if nilai is False:
        return "f"
    if isinstance(nilai, int | float):
        return str(nilai)
    if isinstance(nilai, datetime.datetime | datetime.date):
        return nilai.isoformat()
    return (
        str(nilai)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def salin(tabel: str, kolom: Sequence[str], baris: Iterable[Sequence]) -> int:
    """COPY `baris` (tuples in the order of `kolom`) into `tabel`; returns the row count."""
    qn = connection.ops.quote_name
    perintah = f"COPY {qn(tabel)} ({', '.join(map(qn, kolom))}) FROM STDIN"
    jumlah = 0
    buf = io.StringIO()
    isi = 0
    with connection.cursor() as c:
        for b in baris:
            buf.write("\t".join(map(_teks, b)))
            buf.write("\n")
            isi += 1
            if isi == BARIS_PER_SALINAN:
                buf.seek(0)
                c.copy_expert(perintah, buf)
                jumlah += isi
                buf, isi = io.StringIO(), 0
        if isi:
            buf.seek(0)
            c.copy_expert(perintah, buf)
            jumlah += isi
    return jumlah


def id_berikutnya(tabel: str) -> int:
    """The first id free for rows written with explicit ids (after any row already there)."""
    with connection.cursor() as c:
        c.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {connection.ops.quote_name(tabel)}")  # noqa: S608 (a model's table name)
        return c.fetchone()[0]


def lepas_indeks(tabel: str) -> list[str]:
    """Drop the secondary indexes and the foreign-key and unique constraints of `tabel`
    (not its primary key, not its CHECK constraints); returns the statements that put each
    back exactly as it was (from the catalogue's own definitions)."""
    qn = connection.ops.quote_name
    with connection.cursor() as c:
        c.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = %s::regclass AND contype IN ('f', 'u')
             ORDER BY contype DESC, conname
            """,
            [tabel],
        )
        kendala = c.fetchall()
        c.execute(
            """
            SELECT ci.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
              JOIN pg_class ci ON ci.oid = i.indexrelid
             WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
             ORDER BY ci.relname
            """,
            [tabel],
        )
        indeks = c.fetchall()
        for nama, _def in kendala:
            c.execute(f"ALTER TABLE {qn(tabel)} DROP CONSTRAINT {qn(nama)}")
        for nama, _def in indeks:
            c.execute(f"DROP INDEX {qn(nama)}")
    # indexes first, then unique constraints (their own index), then foreign keys
    return [d for _n, d in indeks] + [
        f"ALTER TABLE {qn(tabel)} ADD CONSTRAINT {qn(nama)} {d}"
        for nama, d in sorted(kendala, key=lambda k: not k[1].startswith("UNIQUE"))
    ]


def pasang_indeks(perintah: Iterable[str]) -> None:
    with connection.cursor() as c:
        for p in perintah:
            c.execute(p)


def setel_urutan(models: Iterable) -> None:
    """Move each model's id sequence past its largest id (rows were written with ids)."""
    with connection.cursor() as c:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            c.execute(sql)
