"""Reads of attendance that are more than a lookup: who a session is about, and the
consecutive-miss count (kept apart from selectors.py, which the calendar work owns)."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from klien.models import Klien

from .models import Kehadiran, Peserta
from .pilihan import HASIL_HADIR, HasilHadir


def mangkir(hari_ini: datetime.date) -> Q:
    """A missed contact: an absence not accepted, or one still awaiting evidence after its
    deadline (it then counts as not accepted). An accepted absence (izin) and one awaiting
    evidence within its deadline are not misses; nor do they end a run of misses."""
    return Q(hasil=HasilHadir.TIDAK_HADIR) | Q(
        hasil=HasilHadir.MENUNGGU_KETERANGAN, batas_keterangan__lt=hari_ini
    )


def mangkir_berturut(
    klien_ids: Iterable[int], hari_ini: datetime.date | None = None
) -> dict[int, int]:
    """Per client, the misses since their last attendance (sessions and reports alike, all
    kinds). One query whatever the number of clients; a client without misses is 0."""
    hari_ini = hari_ini or timezone.localdate()
    ids = list(klien_ids)
    hadir_terakhir = (
        Kehadiran.objects.filter(klien=OuterRef("klien"), hasil__in=HASIL_HADIR)
        .order_by("-sesi__mulai")
        .values("sesi__mulai")[:1]
    )
    rows = (
        Kehadiran.objects.filter(klien_id__in=ids)
        .annotate(hadir_terakhir=Subquery(hadir_terakhir))
        .filter(Q(hadir_terakhir__isnull=True) | Q(sesi__mulai__gt=F("hadir_terakhir")))
        .filter(mangkir(hari_ini))
        .order_by()
        .values("klien_id")
        .annotate(n=Count("pk"))
    )
    hasil = dict.fromkeys(ids, 0)
    hasil.update({r["klien_id"]: r["n"] for r in rows})
    return hasil


def peserta_pada(program_id: int, tanggal: datetime.date):
    """The enrolments of a programme on `tanggal` (enrolled by then, not yet left)."""
    return Peserta.objects.filter(program_id=program_id, tanggal_masuk__lte=tanggal).filter(
        Q(tanggal_keluar__isnull=True) | Q(tanggal_keluar__gte=tanggal)
    )


def klien_sesi(sesi) -> list[Klien]:
    """Who a session's attendance is about: a group session's participants on its day, an
    individual session's client. One query."""
    if sesi.kelompok:
        tanggal = timezone.localdate(sesi.mulai)
        ids = peserta_pada(sesi.program_id, tanggal).values("klien_id")
        return list(Klien.objects.filter(pk__in=ids))
    return list(Klien.objects.filter(pk=sesi.klien_id))
