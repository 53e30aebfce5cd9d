"""Reads of pidana kerja sosial: a client's pace through the hours, and the lists built on it.

The pace rule (`Laju.tertinggal`): a client whose window is still open and whose hours are not
all done is *behind* when the hours worked fall more than one working day (8 hours) short of
an even spread of the ordered hours over the window:

    selesai < diputus × hari_berjalan / hari_jangka − 8

where hari_jangka is the days from the start to the window's end (both included) and
hari_berjalan the days from the start to today (both included, at most hari_jangka). A
240-hour order over 180 days is behind after 30 days with less than 32 hours worked; the
flag comes as soon as the gap passes a day's work, long before the window closes. (An order
always fits its window at 8 hours a day: services.putusan_simpan refuses one that does not; so
a client within a day's work of the spread can still finish in time.)
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from klien.pilihan import StatusKlien

from .models import PutusanKerjaSosial

SELISIH_TERTINGGAL = Decimal(8)  # hours: one full working day behind an even spread


@dataclass(frozen=True)
class Laju:
    """Where a client stands in their order on `hari_ini`."""

    putusan: PutusanKerjaSosial
    jam_selesai: Decimal
    hari_ini: datetime.date

    @property
    def jam_diputus(self) -> int:
        return self.putusan.jam_diputus

    @property
    def jam_sisa(self) -> Decimal:
        return max(Decimal(self.jam_diputus) - self.jam_selesai, Decimal(0))

    @property
    def selesai(self) -> bool:
        return self.jam_sisa == 0

    @property
    def hari_jangka(self) -> int:
        return (self.putusan.batas_akhir - self.putusan.tanggal_mulai).days + 1

    @property
    def hari_berjalan(self) -> int:
        hari = (self.hari_ini - self.putusan.tanggal_mulai).days + 1
        return min(max(hari, 0), self.hari_jangka)

    @property
    def hari_tersisa(self) -> int:
        """Days left in the window, today included (0 once it has closed)."""
        return max((self.putusan.batas_akhir - self.hari_ini).days + 1, 0)

    @property
    def jangka_berakhir(self) -> bool:
        return self.hari_ini > self.putusan.batas_akhir

    @property
    def jam_per_minggu(self) -> Decimal | None:
        """Hours a week needed to finish in time (None when done or the window has closed)."""
        if self.selesai or self.hari_tersisa == 0:
            return None
        minggu = Decimal(self.hari_tersisa) / 7
        return (self.jam_sisa / max(minggu, Decimal(1))).quantize(Decimal("0.1"))

    @property
    def target(self) -> Decimal:
        """Hours an even spread would have reached by today."""
        return Decimal(self.jam_diputus * self.hari_berjalan) / self.hari_jangka

    @property
    def tertinggal(self) -> bool:
        if self.selesai or self.jangka_berakhir or self.hari_ini < self.putusan.tanggal_mulai:
            return False
        return self.jam_selesai < self.target - SELISIH_TERTINGGAL

    @property
    def persen(self) -> int:
        return math.floor(100 * self.jam_selesai / self.jam_diputus)

    @property
    def tidak_selesai(self) -> bool:
        """The window has closed short of the hours: the report to the prosecutor is due."""
        return self.jangka_berakhir and not self.selesai


def dengan_jam_selesai(qs):
    """Orders annotated with the hours worked so far (`total_jam`), in the same query."""
    return qs.annotate(total_jam=Sum("klien__jam_kerja_sosial__jam"))


def laju_putusan(putusan: PutusanKerjaSosial, hari_ini: datetime.date | None = None) -> Laju:
    """The order's pace: from `total_jam` when it came through dengan_jam_selesai, else one
    query for the hours."""
    if hasattr(putusan, "total_jam"):
        selesai = putusan.total_jam
    else:
        selesai = putusan.klien.jam_kerja_sosial.aggregate(n=Sum("jam"))["n"]
    return Laju(putusan, Decimal(selesai or 0), hari_ini or timezone.localdate())


def laju_klien(klien, user) -> Laju | None:
    """The client's pace, or None when they have no order (or `user` may not see it). One
    query."""
    qs = PutusanKerjaSosial.objects.for_user(user).select_related("lokasi", "klien")
    putusan = dengan_jam_selesai(qs.filter(klien=klien)).first()
    return laju_putusan(putusan) if putusan else None


def laju_di_lokasi(lokasi, user) -> list[Laju]:
    """The running orders placed at `lokasi` that `user` may see (a PK: their own clients),
    by the client's name, each with its pace. One query."""
    qs = (
        PutusanKerjaSosial.objects.for_user(user)
        .filter(lokasi=lokasi, klien__status=StatusKlien.AKTIF)
        .select_related("klien", "lokasi")
        .order_by("klien__nama", "pk")
    )
    hari_ini = timezone.localdate()
    return [laju_putusan(p, hari_ini) for p in dengan_jam_selesai(qs)]


def daftar_laju(user, *, hari_ini: datetime.date | None = None, hanya_berjalan: bool = True):
    """Every order `user` may see with its pace, those behind first (a PK: their caseload;
    the Kasi, the Kabapas: the office). One query."""
    hari_ini = hari_ini or timezone.localdate()
    qs = PutusanKerjaSosial.objects.for_user(user).select_related(
        "klien", "lokasi", "klien__pk_pembimbing"
    )
    if hanya_berjalan:
        qs = qs.filter(klien__status=StatusKlien.AKTIF)
    hasil = [laju_putusan(p, hari_ini) for p in dengan_jam_selesai(qs)]
    hasil.sort(key=lambda h: (not h.tertinggal, not h.tidak_selesai, h.putusan.batas_akhir))
    return hasil
