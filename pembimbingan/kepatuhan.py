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


def _mangkir_sejak_hadir(ids: list[int], hari_ini: datetime.date):
    """The misses of the clients since their last attendance (the run that counts)."""
    hadir_terakhir = (
        Kehadiran.objects.filter(klien=OuterRef("klien"), hasil__in=HASIL_HADIR)
        .order_by("-sesi__mulai")
        .values("sesi__mulai")[:1]
    )
    return (
        Kehadiran.objects.filter(klien_id__in=ids)
        .annotate(hadir_terakhir=Subquery(hadir_terakhir))
        .filter(Q(hadir_terakhir__isnull=True) | Q(sesi__mulai__gt=F("hadir_terakhir")))
        .filter(mangkir(hari_ini))
        .order_by()
    )


def mangkir_berturut(
    klien_ids: Iterable[int], hari_ini: datetime.date | None = None
) -> dict[int, int]:
    """Per client, the misses since their last attendance (sessions and reports alike, all
    kinds). One query whatever the number of clients; a client without misses is 0."""
    ids = list(klien_ids)
    rows = (
        _mangkir_sejak_hadir(ids, hari_ini or timezone.localdate())
        .values("klien_id")
        .annotate(n=Count("pk"))
    )
    hasil = dict.fromkeys(ids, 0)
    hasil.update({r["klien_id"]: r["n"] for r in rows})
    return hasil


def tanggal_mangkir(
    klien_ids: Iterable[int], hari_ini: datetime.date | None = None
) -> dict[int, list[datetime.date]]:
    """Per client, the dates of the misses counted by `mangkir_berturut`, oldest first (the
    dates a warning or a ground for revocation names). One query."""
    ids = list(klien_ids)
    hasil: dict[int, list[datetime.date]] = {i: [] for i in ids}
    # The clients' attendances and misses (a few hundred rows for a page of clients), the
    # run since the last attendance followed here: the same run as _mangkir_sejak_hadir
    # counts (a miss at the very time of an attendance does not count: present sorts after
    # it), without a correlated subquery per row (slow on an office's whole history).
    rows = (
        Kehadiran.objects.filter(klien_id__in=ids)
        .filter(Q(hasil__in=HASIL_HADIR) | mangkir(hari_ini or timezone.localdate()))
        .order_by()
        .values_list("klien_id", "sesi__mulai", "hasil")
    )
    for klien_id, mulai, hasil_hadir in sorted(rows, key=lambda r: (r[1], r[2] in HASIL_HADIR)):
        if hasil_hadir in HASIL_HADIR:
            hasil[klien_id] = []
        else:
            hasil[klien_id].append(timezone.localdate(mulai))
    return hasil


def peserta_pada(program_id: int, tanggal: datetime.date):
    """The enrolments of a programme on `tanggal` (enrolled by then, not yet left)."""
    return Peserta.objects.filter(program_id=program_id, tanggal_masuk__lte=tanggal).filter(
        Q(tanggal_keluar__isnull=True) | Q(tanggal_keluar__gte=tanggal)
    )


def klien_sesi(sesi) -> list[Klien]:
    """Who a session's attendance is about: a group session's participants on its day, an
    outreach day's registered clients, an individual session's client. One query, with each
    client's village (the forms tell namesakes apart by it)."""
    klien = Klien.objects.select_related("desa")
    if sesi.kelompok:
        tanggal = timezone.localdate(sesi.mulai)
        ids = peserta_pada(sesi.program_id, tanggal).values("klien_id")
        return list(klien.filter(pk__in=ids))
    if sesi.layanan_pos:
        return list(klien.filter(pendaftaran_pos__sesi_id=sesi.pk))
    return list(klien.filter(pk=sesi.klien_id))
