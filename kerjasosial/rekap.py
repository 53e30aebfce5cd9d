"""Report figures of pidana kerja sosial for a set of offices and a period (for the monthly
report and the dashboards; laporan reads them, this app keeps no rollup of its own: an office
holds tens of orders, not thousands).

How each figure is counted:

- **Hours ordered per month**: the hours of the orders whose window starts in that month.
- **Hours worked per month**: the hours recorded on days of that month.
- **Completion rate**: of the orders *decided* in the period, the share completed. An order
  is decided on the day its last hour was worked (all hours done), or on the day after its
  window closed short of the hours; a window still open is not decided.
- **Behind pace**: orders running on the reference day (the period's last day, or today
  while the period runs) whose hours recorded by that day put them behind pace
  (selectors.Laju.tertinggal); the clients must be running (not ended) then.
- **Hours per site**: hours worked in the period at each site, with the clients who worked
  there.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import JamKerjaSosial, PutusanKerjaSosial
from .selectors import Laju


@dataclass(frozen=True)
class BarisBulan:
    bulan: datetime.date  # the month's first day
    jam_diputus: int
    jam_dikerjakan: Decimal


@dataclass(frozen=True)
class BarisLokasi:
    lokasi_id: int
    nama: str
    jam: Decimal
    klien: int


@dataclass(frozen=True)
class RekapKerjaSosial:
    per_bulan: list[BarisBulan]
    selesai: int
    tidak_selesai: int
    tertinggal: int
    per_lokasi: list[BarisLokasi]

    @property
    def diputuskan(self) -> int:
        return self.selesai + self.tidak_selesai

    @property
    def persen_selesai(self) -> int | None:
        """Completion rate in percent; None when nothing was decided in the period."""
        return round(100 * self.selesai / self.diputuskan) if self.diputuskan else None


def _bulan(tanggal) -> datetime.date:
    if isinstance(tanggal, datetime.datetime):
        tanggal = tanggal.date()
    return tanggal.replace(day=1)


def rekap_kerja_sosial(
    unit_ids, dari: datetime.date, sampai: datetime.date, *, hari_ini: datetime.date | None = None
) -> RekapKerjaSosial:
    """The figures of the offices `unit_ids` from `dari` to `sampai` (both included), in three
    queries."""
    hari_ini = hari_ini or timezone.localdate()
    acuan = min(sampai, hari_ini)
    putusan = PutusanKerjaSosial.objects.filter(unit_id__in=unit_ids)
    jam = JamKerjaSosial.objects.filter(unit_id__in=unit_ids)

    dikerjakan = dict(
        jam.filter(tanggal__range=(dari, sampai))
        .annotate(b=TruncMonth("tanggal"))
        .values("b")
        .annotate(n=Sum("jam"))
        .order_by()
        .values_list("b", "n")
    )
    dikerjakan = {_bulan(b): n for b, n in dikerjakan.items()}

    # The orders are read once (a few tens an office): the hours ordered per month, and
    # each order's completion and pace.
    diputus: dict[datetime.date, int] = {}
    selesai = tidak_selesai = tertinggal = 0
    semua = putusan.select_related("klien").annotate(
        total=Sum("klien__jam_kerja_sosial__jam"),
        total_acuan=Sum(
            "klien__jam_kerja_sosial__jam", filter=Q(klien__jam_kerja_sosial__tanggal__lte=acuan)
        ),
        terakhir=Max(
            "klien__jam_kerja_sosial__tanggal", filter=Q(klien__jam_kerja_sosial__hadir=True)
        ),
    )
    for p in semua:
        if dari <= p.tanggal_mulai <= sampai:
            bulan = _bulan(p.tanggal_mulai)
            diputus[bulan] = diputus.get(bulan, 0) + p.jam_diputus
        total = Decimal(p.total or 0)
        if total >= p.jam_diputus:
            selesai += dari <= p.terakhir <= sampai
        elif p.batas_akhir < hari_ini:
            tidak_selesai += dari <= p.batas_akhir + datetime.timedelta(days=1) <= sampai
        berjalan = p.tanggal_mulai <= acuan <= p.batas_akhir and (
            p.klien.tanggal_berakhir is None or p.klien.tanggal_berakhir > acuan
        )
        if berjalan and Laju(p, Decimal(p.total_acuan or 0), acuan).tertinggal:
            tertinggal += 1

    per_bulan = [
        BarisBulan(b, diputus.get(b, 0), Decimal(dikerjakan.get(b) or 0))
        for b in sorted(set(diputus) | set(dikerjakan))
    ]
    per_lokasi = [
        BarisLokasi(b["lokasi_id"], b["lokasi__nama"], b["jam"], b["klien"])
        for b in jam.filter(tanggal__range=(dari, sampai), hadir=True)
        .values("lokasi_id", "lokasi__nama")
        .annotate(jam=Sum("jam"), klien=Count("klien_id", distinct=True))
        .order_by("-jam", "lokasi__nama")
    ]
    return RekapKerjaSosial(per_bulan, selesai, tidak_selesai, tertinggal, per_lokasi)
