"""The client flows per office and month (models.RekapKlien), kept in step with the clients.

A client counts in one intake cell (office, month of tanggal_mulai, MASUK) and, once ended,
in one ending cell (office, month of tanggal_berakhir, its status). The signals connected
by `pantau_perubahan` compare a saved client with the values it was loaded with (no query)
and add the difference (one upsert, only when one of those four fields changed); a deleted
client is subtracted (its stored values, read before the delete). As with
pembimbingan.rekap, writes that go around the model's save() and delete() (QuerySet.update
of those fields, raw SQL) are not followed: `manage.py rekap_klien --periksa` finds what
they leave behind and `--bangun-ulang` repairs it. A count changes by `INSERT ... ON
CONFLICT DO UPDATE SET jumlah = jumlah + EXCLUDED.jumlah` (no read in Python), so two saves
at once both count.
"""

import contextlib
import datetime
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_init, post_save, pre_delete

from .models import MASUK, Klien, RekapKlien
from .pilihan import STATUS_BERAKHIR

_FIELD = ("unit_id", "tanggal_mulai", "tanggal_berakhir", "status")
_AWAL = "_rekap_klien_awal"  # the values a client was loaded with (in its __dict__)
_TANGGAL = Klien._meta.get_field("tanggal_mulai")


class SelKlien(NamedTuple):
    unit_id: int
    bulan: datetime.date
    peristiwa: str


def _bulan(tanggal) -> datetime.date:
    """The first day of the month of a date as a client may hold it before the save has
    converted it (a datetime or an ISO string assigned to the field is stored as the date
    DateField.to_python makes of it)."""
    return _TANGGAL.to_python(tanggal).replace(day=1)


def sel_dari(nilai: Mapping) -> Counter[SelKlien]:
    """The cells one client counts in, from its values (`_FIELD`)."""
    sel: Counter[SelKlien] = Counter()
    if nilai.get("unit_id") is None or nilai.get("tanggal_mulai") is None:
        return sel
    sel[SelKlien(nilai["unit_id"], _bulan(nilai["tanggal_mulai"]), MASUK)] += 1
    if nilai.get("status") in STATUS_BERAKHIR and nilai.get("tanggal_berakhir"):
        sel[SelKlien(nilai["unit_id"], _bulan(nilai["tanggal_berakhir"]), nilai["status"])] += 1
    return sel


def _upsert_sql(n: int) -> str:
    qn = connection.ops.quote_name
    tabel = qn(RekapKlien._meta.db_table)
    kolom = ", ".join(map(qn, ("unit_id", "bulan", "peristiwa")))
    jumlah = qn("jumlah")
    # only the model's own names go into the text; every value is a parameter
    return " ".join(
        [
            f"INSERT INTO {tabel} ({kolom}, {jumlah})",
            f"VALUES {', '.join(['(%s, %s, %s, %s)'] * n)}",
            f"ON CONFLICT ({kolom})",
            f"DO UPDATE SET {jumlah} = {tabel}.{jumlah} + EXCLUDED.{jumlah}",
        ]
    )


_tunda = threading.local()


@contextlib.contextmanager
def ditunda():
    """Inside it, the saves' changes are gathered and written in one statement at its end
    (a client import: one upsert for the whole file, not one per row). Use it inside the
    transaction of those saves."""
    if getattr(_tunda, "delta", None) is not None:  # already gathering
        yield
        return
    _tunda.delta = Counter()
    try:
        yield
        delta = _tunda.delta
    finally:
        _tunda.delta = None
    tambahkan(delta)


def tambahkan(delta: Mapping[SelKlien, int]) -> None:
    """Add `delta` to the cells, in one statement (sorted: two saves lock shared cells in
    the same order); inside `ditunda`, gathered for its end."""
    tunda = getattr(_tunda, "delta", None)
    if tunda is not None:
        tunda.update(delta)
        return
    sel = sorted((k, n) for k, n in delta.items() if n)
    if sel:
        with connection.cursor() as c:
            c.execute(_upsert_sql(len(sel)), [v for k, n in sel for v in (*k, n)])


def _nilai(instance) -> dict:
    """The loaded values of the fields that place a client in the cells (a field deferred
    by .only()/.defer() is left out: reading it here would load it)."""
    return {f: instance.__dict__[f] for f in _FIELD if f in instance.__dict__}


def _saat_dimuat(sender, instance, **kwargs) -> None:
    instance.__dict__[_AWAL] = _nilai(instance) if instance.pk else {}


def _setelah_disimpan(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    asal = {} if created else instance.__dict__.get(_AWAL, {})
    baru = _nilai(instance)
    if created or any(asal.get(f, baru[f]) != baru[f] for f in baru):
        hilang = [f for f in _FIELD if f not in baru]
        if hilang:  # deferred and so not written by this save: the same before and after
            lain = type(instance)._base_manager.filter(pk=instance.pk).values(*hilang).get()
            baru |= lain
            asal = {**lain, **asal}
        delta = sel_dari(baru)
        if not created:
            delta.subtract(sel_dari({**baru, **asal}))
        tambahkan(delta)
    instance.__dict__[_AWAL] = baru


def _sebelum_dihapus(sender, instance, **kwargs) -> None:
    """A deleted client leaves its cells: its values as stored (the instance may be stale
    or loaded without them), read in the delete's own transaction."""
    nilai = type(instance)._base_manager.filter(pk=instance.pk).values(*_FIELD).first()
    if nilai:
        delta: Counter[SelKlien] = Counter()
        delta.subtract(sel_dari(nilai))
        tambahkan(delta)


def pantau_perubahan() -> None:
    """Connect the signals (KlienConfig.ready)."""
    post_init.connect(_saat_dimuat, sender=Klien, dispatch_uid="rekap_klien_dimuat")
    post_save.connect(_setelah_disimpan, sender=Klien, dispatch_uid="rekap_klien_disimpan")
    pre_delete.connect(_sebelum_dihapus, sender=Klien, dispatch_uid="rekap_klien_dihapus")


# --- Recount, check, rebuild -----------------------------------------------------------


def hitung(qs) -> Counter[SelKlien]:
    """The cells of the clients in `qs`, counted by the database (two grouped queries)."""
    hasil: Counter[SelKlien] = Counter()
    for unit_id, bulan, n in (
        qs.order_by().values_list("unit_id", TruncMonth("tanggal_mulai")).annotate(n=Count("pk"))
    ):
        hasil[SelKlien(unit_id, _bulan(bulan), MASUK)] += n
    for unit_id, bulan, status, n in (
        qs.filter(status__in=STATUS_BERAKHIR, tanggal_berakhir__isnull=False)
        .order_by()
        .values_list("unit_id", TruncMonth("tanggal_berakhir"), "status")
        .annotate(n=Count("pk"))
    ):
        hasil[SelKlien(unit_id, _bulan(bulan), status)] += n
    return hasil


def tersimpan(qs) -> Counter[SelKlien]:
    """The stored cells of `qs` (a RekapKlien queryset), zero cells left out."""
    return Counter(
        {
            SelKlien(u, b, p): n
            for u, b, p, n in qs.exclude(jumlah=0).values_list(
                "unit_id", "bulan", "peristiwa", "jumlah"
            )
        }
    )


class Perbedaan(NamedTuple):
    sel: SelKlien
    tersimpan: int
    hitungan: int


def perbedaan(unit_ids: Iterable[int] | None = None) -> list[Perbedaan]:
    """The cells where the stored flows differ from a recount of the clients (one
    snapshot on PostgreSQL, as pembimbingan.rekap.perbedaan)."""
    sendiri = not connection.in_atomic_block
    with transaction.atomic():
        if sendiri and connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        klien, rekap = Klien.objects.all(), RekapKlien.objects.all()
        if unit_ids is not None:
            unit_ids = list(unit_ids)
            klien, rekap = klien.filter(unit_id__in=unit_ids), rekap.filter(unit_id__in=unit_ids)
        hitungan, ada = hitung(klien), tersimpan(rekap)
        return [
            Perbedaan(k, ada[k], hitungan[k])
            for k in sorted(set(hitungan) | set(ada))
            if ada[k] != hitungan[k]
        ]


@transaction.atomic
def bangun_ulang() -> int:
    """Replace the flows with a recount of the clients (the table locked against writes on
    PostgreSQL first, as pembimbingan.rekap.bangun_ulang); returns the cells written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(
                f"LOCK TABLE {connection.ops.quote_name(RekapKlien._meta.db_table)} "
                "IN EXCLUSIVE MODE"
            )
    RekapKlien.objects.all().delete()
    sel = hitung(Klien.objects.all())
    RekapKlien.objects.bulk_create(
        [
            RekapKlien(unit_id=k.unit_id, bulan=k.bulan, peristiwa=k.peristiwa, jumlah=n)
            for k, n in sorted(sel.items())
        ],
        batch_size=1000,
    )
    return len(sel)
