"""The demo data, loaded once per test process and put back from a snapshot afterwards.

`jalankan_demo` takes seconds; the browser tests and the crawl each need a fresh copy of it.
`muat_demo(n)` runs the real demo the first time a process asks for `n` clients, then keeps
every row of every Django table (whatever the demo's steps wrote, m2m tables included) and
the files its rows name. Every later call DELETEs every row of every table and puts the
snapshot's rows back:

- PostgreSQL: COPY the rows back, reset the sequences. DELETE, not TRUNCATE: a few thousand
  rows go in 10 ms where one TRUNCATE of the ~50 tables takes 200 ms, and TRUNCATE refuses
  tables with foreign-key checks pending in the transaction. (The trail's triggers, which
  refuse both, are installed by migrations only, which tests do not run; with them
  pytest-django's own flush after a transactional test would fail as well.)
- SQLite: INSERT the rows back as stored (read with a unary `+`, so Django's type
  converters never touch them).

Foreign keys are checked at the end of the transaction (Django makes them deferrable), so the
order of the tables does not matter. The restore runs in `transaction.atomic()`: inside a
`db` test it is undone with the test; with `transactional_db` (the live server) it is
committed and flushed after the test like any other row.

Restoring wipes every row the test made before it, and the first load refuses a database
that already holds rows: request the demo before any fixture that writes
(`def test_x(demo, live_server, ...)`, `def dunia(demo)`), never after `pk`, `unit`, ...

The snapshot is keyed by the number of clients and today's date (the demo's dates are
relative to today), so a run that crosses midnight or travels in time loads it afresh.
"""

import copy
import io
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from inti.demo import DemoKonteks, jalankan_demo

# Filled when the test database is created (post_migrate), before any test writes.
TABEL_BAWAAN = frozenset({ContentType._meta.db_table, Permission._meta.db_table})


@dataclass
class Snapshot:
    ctx: DemoKonteks
    tabel: dict[str, object]  # table -> COPY text (PostgreSQL) or (columns, rows) (SQLite)
    berkas: list[tuple[Storage, str, bytes]]  # (storage, name, content) of every FileField


_SNAPSHOT: dict[tuple[int, object], Snapshot] = {}


def muat_demo(jumlah_klien: int) -> DemoKonteks:
    """The demo with `jumlah_klien` clients per office, in the current test's database.

    Returns a copy of the demo's context every call, so a test may change its objects."""
    kunci = (jumlah_klien, timezone.localdate())
    snapshot = _SNAPSHOT.get(kunci)
    if snapshot is None:
        _pastikan_kosong()
        ctx = jalankan_demo(jumlah_klien=jumlah_klien)
        snapshot = _SNAPSHOT[kunci] = Snapshot(copy.deepcopy(ctx), _baca_tabel(), _baca_berkas())
        return ctx
    pulihkan(snapshot)
    return copy.deepcopy(snapshot.ctx)


def _tabel() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _pastikan_kosong() -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as c:
        berisi = []
        for t in _tabel():
            c.execute(f"SELECT 1 FROM {qn(t)} LIMIT 1")  # noqa: S608 (Django's own table names)
            if c.fetchone() and t not in TABEL_BAWAAN:
                berisi.append(t)
    assert not berisi, (
        "muat_demo: the first load needs an empty database, so the snapshot holds the demo's "
        f"rows only; these tables already have rows: {', '.join(berisi)}. Request the demo "
        "fixture before any fixture that writes rows (e.g. `def test_x(demo, pk)`)."
    )


def _kolom_sqlite(c, tabel: str) -> list[str]:
    """The stored columns (generated ones, hidden 2 and 3, cannot be inserted)."""
    c.execute(f"PRAGMA table_xinfo({connection.ops.quote_name(tabel)})")
    return [baris[1] for baris in c.fetchall() if baris[6] == 0]


def _baca_tabel() -> dict[str, object]:
    qn = connection.ops.quote_name
    isi: dict[str, object] = {}
    with connection.cursor() as c:
        for t in _tabel():
            if connection.vendor == "postgresql":
                buf = io.StringIO()
                c.copy_expert(f"COPY {qn(t)} TO STDOUT", buf)
                if buf.tell():
                    isi[t] = buf.getvalue()
            else:
                kolom = _kolom_sqlite(c, t)
                daftar = ", ".join(f"+{qn(k)}" for k in kolom)
                c.execute(f"SELECT {daftar} FROM {qn(t)}")  # noqa: S608 (Django's own names)
                baris = c.fetchall()
                if baris:
                    isi[t] = (kolom, baris)
    return isi


def _field_berkas():
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f


def _baca_berkas() -> list[tuple[Storage, str, bytes]]:
    berkas = []
    for model, f in _field_berkas():
        nama = model._base_manager.exclude(**{f.attname: ""}).exclude(**{f.attname: None})
        for n in nama.values_list(f.attname, flat=True).distinct():
            if f.storage.exists(n):
                with f.storage.open(n, "rb") as b:
                    berkas.append((f.storage, n, b.read()))
    return berkas


def pulihkan(snapshot: Snapshot) -> None:
    """Every table back to the snapshot's rows, and the snapshot's files back in storage."""
    qn = connection.ops.quote_name
    semua = _tabel()
    with transaction.atomic(), connection.cursor() as c:
        for t in semua:
            c.execute(f"DELETE FROM {qn(t)}")  # noqa: S608 (Django's own table names)
        if connection.vendor == "postgresql":
            for t, data in snapshot.tabel.items():
                c.copy_expert(f"COPY {qn(t)} FROM STDIN", io.StringIO(data))
            model = apps.get_models(include_auto_created=True)
            urutan = connection.ops.sequence_reset_sql(no_style(), model)
            if urutan:
                c.execute("\n".join(urutan))
        else:
            for t, (kolom, baris) in snapshot.tabel.items():
                nama = ", ".join(qn(k) for k in kolom)
                tanda = ", ".join(["%s"] * len(kolom))
                c.executemany(f"INSERT INTO {qn(t)} ({nama}) VALUES ({tanda})", baris)  # noqa: S608
    # the content types' ids are the snapshot's now, not those a flush after a
    # transactional test created; the manager's cache would still hold those
    ContentType.objects.clear_cache()
    for storage, nama, isi in snapshot.berkas:
        if not storage.exists(nama):
            disimpan = storage.save(nama, ContentFile(isi))
            assert disimpan == nama, (nama, disimpan)
