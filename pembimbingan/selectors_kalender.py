"""The month view of the office calendar: the month's days that hold something, each with its
special days (national holidays; Balinese Hindu days for an office in Bali) and the sessions
planned in the user's scope. Two queries whatever the number of sessions: whether the office
is in Bali, and the sessions with what a line needs and their attendance count
(tests/pembimbingan/test_kalender_bulan.py pins it)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from klien.pilihan import Agama

from .kalender import HariKhusus, awal_hari, hari_khusus, hari_khusus_tahun
from .models import Sesi
from .pilihan import JenisSesi
from .selectors import kantor_di_bali


@dataclass(frozen=True)
class SesiKalender:
    sesi: Sesi  # annotated with `tercatat`, the attendance rows recorded
    # a Hindu client's ceremony days that the day's list does not show (an office outside
    # Bali lists only national holidays)
    peringatan: list[HariKhusus]


@dataclass
class HariKalender:
    tanggal: datetime.date
    hari_ini: bool
    hari_khusus: list[HariKhusus] = field(default_factory=list)
    sesi: list[SesiKalender] = field(default_factory=list)


@dataclass(frozen=True)
class BulanKalender:
    awal: datetime.date  # the first of the month
    bali: bool
    hari: list[HariKalender]  # the days with something, and today, in order
    jumlah_sesi: int
    jumlah_hari_khusus: int


def sesi_bulan(user, awal: datetime.date, akhir: datetime.date, *, hanya_saya: bool = False):
    """The sessions in the user's scope (Sesi.for_user: a PK, the office's group sessions and
    outreach days and their own clients' home visits) from the day `awal` to the day before
    `akhir`, local days of the current time zone; wajib lapor reports are left out (they are
    records, not plans). `hanya_saya`: only those the user records (`pk_pencatat`)."""
    qs = (
        Sesi.objects.for_user(user)
        .filter(mulai__gte=awal_hari(awal), mulai__lt=awal_hari(akhir))
        .exclude(jenis=JenisSesi.WAJIB_LAPOR)
    )
    if hanya_saya:
        qs = qs.filter(pk_pencatat=user)
    return (
        qs.select_related("program", "pos", "klien", "pk_pencatat")
        .annotate(tercatat=Count("kehadiran"))
        .order_by("mulai", "pk")
    )


def bulan_kalender(
    user,
    tahun: int,
    bulan: int,
    *,
    dengan_sesi: bool = True,
    hanya_saya: bool = False,
    hari_ini: datetime.date | None = None,
) -> BulanKalender:
    """The month `bulan` of `tahun` for the user's office. `dengan_sesi` False: special
    days only (no session query)."""
    hari_ini = hari_ini or timezone.localdate()
    awal = datetime.date(tahun, bulan, 1)
    akhir = datetime.date(tahun + bulan // 12, bulan % 12 + 1, 1)
    bali = kantor_di_bali(user.unit_id)

    hari: dict[datetime.date, HariKalender] = {}

    def _hari(tanggal: datetime.date) -> HariKalender:
        if tanggal not in hari:
            hari[tanggal] = HariKalender(tanggal, hari_ini=tanggal == hari_ini)
        return hari[tanggal]

    if awal <= hari_ini < akhir:
        _hari(hari_ini)
    khusus = [h for h in hari_khusus_tahun(tahun, bali=bali) if h.tanggal.month == bulan]
    for h in khusus:
        _hari(h.tanggal).hari_khusus.append(h)

    jumlah_sesi = 0
    if dengan_sesi:
        for s in sesi_bulan(user, awal, akhir, hanya_saya=hanya_saya):
            tanggal = timezone.localdate(s.mulai)
            peringatan = []
            if not bali and s.klien is not None and s.klien.agama == Agama.HINDU:
                sudah = hari[tanggal].hari_khusus if tanggal in hari else []
                nama_hari = {h.nama for h in sudah}
                peringatan = [
                    h
                    for h in hari_khusus(tanggal, bali=False, hindu=True)
                    if h.nama not in nama_hari
                ]
            _hari(tanggal).sesi.append(SesiKalender(s, peringatan))
            jumlah_sesi += 1

    return BulanKalender(
        awal=awal,
        bali=bali,
        hari=[hari[t] for t in sorted(hari)],
        jumlah_sesi=jumlah_sesi,
        jumlah_hari_khusus=len(khusus),
    )
