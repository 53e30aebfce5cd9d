"""The attendance rollup (models.RekapKehadiran, and its sums per office, month, outcome and
reason, models.RekapKehadiranKantor, for the regional and national views): kept in step
with the attendance rows in the same transaction, recounted and rebuilt by
`manage.py rekap_kehadiran`. Every change to RekapKehadiran goes through `tambahkan`,
which adds the same change to the office cells.

What changes a count, and how the rollup follows:
- An attendance row written: sesi_catat_kehadiran, the one writer of Kehadiran (lapor_catat
  and the outreach days go through it), passes every row it wrote with the stored row it
  replaced to `rekap_terapkan`.
- A field of the grain changed on a row's parent: a session's programme, kind, mode or start
  (its month), a client's village (their kabupaten) or category, whoever saves it
  (sesi_ubah, klien_ubah, the admin). The signals connected by `pantau_perubahan` notice
  the change against the values the instance was loaded with (no query), lock the parent,
  recount its rows before and after the save and apply the difference (a lock, two grouped
  reads and an upsert; a save that changes nothing of the grain costs nothing). A
  programme's type and partner are not copied into the rollup (read through `program`),
  so a programme needs no watching.
- An attendance row deleted (with its client or session, by cascade; no service deletes
  one): subtracted on pre_delete, two queries per row.
Writes that go around the model's save() and delete() (QuerySet.update of those fields, raw
SQL, a Kehadiran bulk_create elsewhere) are not followed, nor is a save that writes back a
stale value (an instance loaded before someone else changed the same field of the grain
looks unchanged): `rekap_kehadiran --periksa` finds what they leave behind and
`--bangun-ulang` repairs it.

Concurrency. A count changes by one statement, `INSERT ... ON CONFLICT (the grain) DO UPDATE
SET jumlah = jumlah + EXCLUDED.jumlah`, the same on PostgreSQL and SQLite (no read of the
count in Python). On PostgreSQL the cell's row lock makes two transactions adding to the same
cell add one after the other (the second re-reads the committed count), and a cell new to
both is inserted by one and updated by the other: no increment is lost. The cells of a
statement are sorted, so two statements lock the cells they share in the same order. A
parent whose grain changes is locked FOR UPDATE before its rows are recounted: that lock
waits for any transaction still writing attendance rows for it (their foreign key holds a
KEY SHARE lock), and holds back new ones until the change is committed, so no row is counted
under both the old and the new value. SQLite has one writer at a time.

A cell that drops to zero is kept (a later save reuses it); the check reads a zero cell as
an absent one, and a rebuild leaves them out.
"""

import datetime
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Case, Count, DateField, When
from django.db.models.functions import Cast, TruncMonth
from django.db.models.signals import post_init, post_save, pre_delete, pre_save
from django.utils import timezone

from akun.models import Unit, ZonaWaktu
from klien.models import Klien

from .models import Kehadiran, RekapKehadiran, RekapKehadiranKantor, Sesi


class Kunci(NamedTuple):
    """One cell of the grain (RekapKehadiran's columns without the count)."""

    unit_id: int
    bulan: datetime.date
    program_id: int | None
    jenis_sesi: str
    moda: str
    kabupaten_id: int
    kategori: str
    hasil: str
    alasan: str


# The grain read from an attendance row: each column of the rollup and the lookup that
# reaches it from Kehadiran (besides `bulan`, the session's month in the office's time zone).
# A filter on the rows behind a cell uses the same lookups.
DIMENSI: dict[str, str] = {
    "unit_id": "unit_id",
    "program_id": "sesi__program_id",
    "jenis_sesi": "sesi__jenis",
    "moda": "sesi__moda",
    "kabupaten_id": "klien__desa__kecamatan__kabupaten_id",
    "kategori": "klien__kategori",
    "hasil": "hasil",
    "alasan": "alasan",
}
KOLOM = Kunci._fields  # the order of the upsert's columns


class KunciKantor(NamedTuple):
    """One cell of RekapKehadiranKantor: RekapKehadiran's cells summed over everything but
    the office, month, outcome and reason."""

    unit_id: int
    bulan: datetime.date
    hasil: str
    alasan: str


KOLOM_KANTOR = KunciKantor._fields


def ke_kantor(sel: Mapping[Kunci, int]) -> Counter[KunciKantor]:
    """The office cells of `sel` (fine cells → their sums per office cell)."""
    hasil: Counter[KunciKantor] = Counter()
    for k, n in sel.items():
        hasil[KunciKantor(k.unit_id, k.bulan, k.hasil, k.alasan)] += n
    return hasil


def urutan(k: Kunci) -> tuple:
    """A sort key for cells (the cells without a programme after those with one)."""
    return (k.unit_id, k.bulan, k.program_id is None, k.program_id or 0, *k[3:])


def bulan_dari(mulai: datetime.datetime, zona: str) -> datetime.date:
    """The first day of the month of `mulai` in the time zone `zona`."""
    return timezone.localtime(mulai, zoneinfo.ZoneInfo(zona)).date().replace(day=1)


def _bulan_sesi() -> Cast:
    """`bulan_dari` in SQL: the session's month in its office's time zone."""
    return Cast(
        Case(
            *(
                When(
                    unit__zona_waktu=zona,
                    then=TruncMonth(
                        "sesi__mulai", tzinfo=zoneinfo.ZoneInfo(zona), output_field=DateField()
                    ),
                )
                for zona in ZonaWaktu.values
            ),
            output_field=DateField(),
        ),
        output_field=DateField(),
    )


def hitung(qs) -> Counter[Kunci]:
    """The cells of the attendance rows in `qs` (a Kehadiran queryset), counted by the
    database in one grouped query."""
    lookup = [DIMENSI[k] for k in KOLOM if k != "bulan"]
    baris = (
        qs.order_by()
        .annotate(rekap_bulan=_bulan_sesi())
        .values_list("rekap_bulan", *lookup)
        .annotate(n=Count("pk"))
    )
    hasil: Counter[Kunci] = Counter()
    for bulan, *lain, n in baris:
        hasil[Kunci(lain[0], bulan, *lain[1:])] += n
    return hasil


# --- Writing counts ----------------------------------------------------------------------

# Rows per statement at most (SQLite allows 32766 parameters): a session's cells are far
# fewer, so a save is one statement; a large recount (a client's whole history) a few.
BARIS_PER_PERNYATAAN = 1000


def _upsert_sql(n: int, dengan_program: bool) -> str:
    qn = connection.ops.quote_name
    tabel = qn(RekapKehadiran._meta.db_table)
    kolom = [RekapKehadiran._meta.get_field(k.removesuffix("_id")).column for k in KOLOM]
    unik = [c for c in kolom if dengan_program or c != "program_id"]
    satu = "(" + ", ".join(["%s"] * (len(kolom) + 1)) + ")"
    jumlah = qn("jumlah")
    # Only the model's own names go into the text; every value is a parameter.
    return " ".join(
        [
            f"INSERT INTO {tabel} ({', '.join(map(qn, kolom))}, {jumlah})",
            f"VALUES {', '.join([satu] * n)}",
            f"ON CONFLICT ({', '.join(map(qn, unik))})",
            f"WHERE {qn('program_id')} IS {'NOT NULL' if dengan_program else 'NULL'}",
            f"DO UPDATE SET {jumlah} = {tabel}.{jumlah} + EXCLUDED.{jumlah}",
        ]
    )


def _upsert_kantor_sql(n: int) -> str:
    qn = connection.ops.quote_name
    tabel = qn(RekapKehadiranKantor._meta.db_table)
    kolom = [
        RekapKehadiranKantor._meta.get_field(k.removesuffix("_id")).column for k in KOLOM_KANTOR
    ]
    satu = "(" + ", ".join(["%s"] * (len(kolom) + 1)) + ")"
    jumlah = qn("jumlah")
    return " ".join(
        [
            f"INSERT INTO {tabel} ({', '.join(map(qn, kolom))}, {jumlah})",
            f"VALUES {', '.join([satu] * n)}",
            f"ON CONFLICT ({', '.join(map(qn, kolom))})",
            f"DO UPDATE SET {jumlah} = {tabel}.{jumlah} + EXCLUDED.{jumlah}",
        ]
    )


def tambahkan(delta: Mapping[Kunci, int]) -> None:
    """Add `delta` to the cells (a cell not yet stored is inserted with it): one statement
    for the cells of programmes and one for the others, each only when it has cells; then
    the same change summed to the office cells (RekapKehadiranKantor), one more statement.
    Always in this order (fine cells with a programme, without, office cells), each sorted,
    so two transactions lock the cells they share in the same order."""
    sel = {k: n for k, n in delta.items() if n}
    for dengan_program in (True, False):  # always this order: see the module's docstring
        kunci = sorted((k for k in sel if (k.program_id is not None) == dengan_program), key=urutan)
        for i in range(0, len(kunci), BARIS_PER_PERNYATAAN):
            potong = kunci[i : i + BARIS_PER_PERNYATAAN]
            with connection.cursor() as c:
                c.execute(
                    _upsert_sql(len(potong), dengan_program),
                    [v for k in potong for v in (*k, sel[k])],
                )
    kantor = {k: n for k, n in ke_kantor(sel).items() if n}
    kunci_kantor = sorted(kantor)
    for i in range(0, len(kunci_kantor), BARIS_PER_PERNYATAAN):
        potong = kunci_kantor[i : i + BARIS_PER_PERNYATAAN]
        with connection.cursor() as c:
            c.execute(
                _upsert_kantor_sql(len(potong)),
                [v for k in potong for v in (*k, kantor[k])],
            )


def _isi(k: Kehadiran) -> tuple[str, str]:
    return k.hasil, k.alasan


def rekap_terapkan(pasangan: Iterable[tuple[Kehadiran | None, Kehadiran]]) -> None:
    """Bring the rollup in step with attendance rows just written: each pair is (the stored
    row it replaced, or None for a new one; the row as written, with its id). Only the
    outcome and the reason of a row can differ from what it replaced (the session and the
    client are the row's key), so a pair moves one count from the old cell to the new one,
    and a new row adds one.

    Two queries whatever the number of rows (none when no count moves): the grain of the
    written rows (their sessions' and clients' columns, one joined read), and one upsert."""
    berubah = [(lama, baru) for lama, baru in pasangan if lama is None or _isi(lama) != _isi(baru)]
    if not berubah:
        return
    for lama, baru in berubah:
        if baru.pk is None or (
            lama is not None and (lama.sesi_id, lama.klien_id) != (baru.sesi_id, baru.klien_id)
        ):
            raise ValueError("rekap_terapkan: pairs of the same saved row")
    dimensi = {
        pk: (zona, mulai, lain)
        for pk, zona, mulai, *lain in Kehadiran.objects.filter(
            pk__in=[b.pk for _l, b in berubah]
        ).values_list(
            "pk",
            "unit__zona_waktu",
            "sesi__mulai",
            *(DIMENSI[k] for k in KOLOM if k not in ("bulan", "hasil", "alasan")),
        )
    }
    delta: Counter[Kunci] = Counter()
    for lama, baru in berubah:
        zona, mulai, (unit_id, *sesi_klien) = dimensi[baru.pk]
        dasar = (unit_id, bulan_dari(mulai, zona), *sesi_klien)
        if lama is not None:
            delta[Kunci(*dasar, *_isi(lama))] -= 1
        delta[Kunci(*dasar, *_isi(baru))] += 1
    tambahkan(delta)


# --- Parents whose fields are in the grain, and deleted rows --------------------------------

# Per parent model: the fields of the grain it holds, and its attendance rows' key to it.
INDUK: dict[type, tuple[tuple[str, ...], str]] = {
    Sesi: (("program_id", "jenis", "moda", "mulai"), "sesi_id"),
    Klien: (("desa_id", "kategori"), "klien_id"),
}
_AWAL = "_rekap_awal"  # the grain's values as loaded (or last saved)
_LAMA = "_rekap_lama"  # the parent's cells before the save, while it is being saved


def _nilai(instance, model) -> dict:
    return {f: instance.__dict__[f] for f in INDUK[model][0] if f in instance.__dict__}


def _saat_dimuat(sender, instance, **kwargs) -> None:
    instance.__dict__[_AWAL] = _nilai(instance, sender)


def _sebelum_disimpan(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance.__dict__.pop(_LAMA, None)
    if raw or instance._state.adding:
        return  # a new parent has no attendance rows yet
    field, fk = INDUK[sender]
    if update_fields is not None:
        nama = {f.removesuffix("_id") for f in field} | set(field)
        if nama.isdisjoint(update_fields):
            return
    awal = instance.__dict__.get(_AWAL, {})
    sekarang = _nilai(instance, sender)
    if all(f in awal and awal[f] == v for f, v in sekarang.items()):
        return  # (a field still deferred is not written by this save)
    if connection.in_atomic_block:  # (services always are; see the module's docstring)
        list(sender._base_manager.select_for_update().filter(pk=instance.pk).values_list("pk"))
    lama = hitung(Kehadiran.objects.filter(**{fk: instance.pk}))
    if lama:
        instance.__dict__[_LAMA] = lama


def _setelah_disimpan(sender, instance, created=False, raw=False, **kwargs) -> None:
    lama = instance.__dict__.pop(_LAMA, None)
    instance.__dict__[_AWAL] = _nilai(instance, sender)
    if lama is None:
        return
    delta = hitung(Kehadiran.objects.filter(**{INDUK[sender][1]: instance.pk}))
    delta.subtract(lama)
    tambahkan(delta)


def _sebelum_kehadiran_dihapus(sender, instance, **kwargs) -> None:
    delta = hitung(Kehadiran.objects.filter(pk=instance.pk))
    tambahkan({k: -n for k, n in delta.items()})


def pantau_perubahan() -> None:
    """Connect the signals above (PembimbinganConfig.ready())."""
    for model in INDUK:
        uid = f"rekap_kehadiran_{model._meta.label_lower}"
        post_init.connect(_saat_dimuat, sender=model, dispatch_uid=uid)
        pre_save.connect(_sebelum_disimpan, sender=model, dispatch_uid=uid)
        post_save.connect(_setelah_disimpan, sender=model, dispatch_uid=uid)
    pre_delete.connect(_sebelum_kehadiran_dihapus, sender=Kehadiran, dispatch_uid="rekap_kehadiran")


# --- Check and rebuild -------------------------------------------------------------------


class Perbedaan(NamedTuple):
    kunci: Kunci | KunciKantor
    tersimpan: int
    hitungan: int


def tersimpan(qs) -> Counter[Kunci]:
    """The stored cells of `qs` (a RekapKehadiran queryset), zero cells left out."""
    return Counter(
        {
            Kunci(*baris[:-1]): baris[-1]
            for baris in qs.exclude(jumlah=0).values_list(*KOLOM, "jumlah")
        }
    )


def tersimpan_kantor(qs) -> Counter[KunciKantor]:
    """The stored office cells of `qs` (a RekapKehadiranKantor queryset), zero cells left
    out."""
    return Counter(
        {
            KunciKantor(*baris[:-1]): baris[-1]
            for baris in qs.exclude(jumlah=0).values_list(*KOLOM_KANTOR, "jumlah")
        }
    )


def perbedaan(unit_ids: Iterable[int] | None = None) -> list[Perbedaan]:
    """The cells where the rollup differs from a recount of the attendance rows, office by
    office (two queries per office: the recount, one grouped query, and the stored cells).
    On PostgreSQL, outside a transaction, all of it reads one snapshot (REPEATABLE READ), so
    saves made meanwhile show no false difference."""
    sendiri = not connection.in_atomic_block
    with transaction.atomic():
        if sendiri and connection.vendor == "postgresql":
            with connection.cursor() as c:  # the first statement of the transaction
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        kantor = Unit.objects.order_by("pk").values_list("pk", flat=True)
        if unit_ids is not None:
            kantor = kantor.filter(pk__in=list(unit_ids))
        hasil = []
        for unit_id in kantor:
            hitungan = hitung(Kehadiran.objects.filter(unit_id=unit_id))
            ada = tersimpan(RekapKehadiran.objects.filter(unit_id=unit_id))
            hasil += [
                Perbedaan(k, ada[k], hitungan[k])
                for k in sorted(set(hitungan) | set(ada), key=urutan)
                if ada[k] != hitungan[k]
            ]
            hitungan_kantor = ke_kantor(hitungan)
            ada_kantor = tersimpan_kantor(RekapKehadiranKantor.objects.filter(unit_id=unit_id))
            hasil += [
                Perbedaan(k, ada_kantor[k], hitungan_kantor[k])
                for k in sorted(set(hitungan_kantor) | set(ada_kantor))
                if ada_kantor[k] != hitungan_kantor[k]
            ]
    return hasil


@transaction.atomic
def bangun_ulang() -> int:
    """Replace the whole rollup with a recount of the attendance rows, in one transaction;
    returns the number of cells written. On PostgreSQL the table is locked against writes
    first (reads go on): a save waits until the rebuild is committed and then adds its own
    change to the rebuilt cells, which could not have counted its uncommitted rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            for model in (RekapKehadiran, RekapKehadiranKantor):
                c.execute(
                    f"LOCK TABLE {connection.ops.quote_name(model._meta.db_table)} "
                    "IN EXCLUSIVE MODE"
                )
    RekapKehadiran.objects.all().delete()
    RekapKehadiranKantor.objects.all().delete()
    ditulis = 0
    for unit_id in Unit.objects.order_by("pk").values_list("pk", flat=True):
        sel = hitung(Kehadiran.objects.filter(unit_id=unit_id))
        RekapKehadiran.objects.bulk_create(
            [
                RekapKehadiran(**k._asdict(), jumlah=n)
                for k, n in sorted(sel.items(), key=lambda p: urutan(p[0]))
            ],
            batch_size=BARIS_PER_PERNYATAAN,
        )
        RekapKehadiranKantor.objects.bulk_create(
            [
                RekapKehadiranKantor(**k._asdict(), jumlah=n)
                for k, n in sorted(ke_kantor(sel).items())
            ],
            batch_size=BARIS_PER_PERNYATAAN,
        )
        ditulis += len(sel)
    return ditulis
