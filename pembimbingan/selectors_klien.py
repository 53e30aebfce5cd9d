"""What the client page shows of the guidance module (its section, registered in bagian.py):
the client's enrolments, attendance, coming sessions and reporting schedule."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from klien.models import Klien

from .kepatuhan import mangkir
from .models import JadwalLapor, Kehadiran, PendaftaranPos, Peserta, Sesi
from .pilihan import HASIL_HADIR, HasilHadir, JenisSesi, PolaLapor, StatusPeserta

SESI_MENDATANG = 5
KEHADIRAN_TERAKHIR = 10


@dataclass(frozen=True)
class RingkasanKehadiran:
    """A client's recorded outcomes. An absence awaiting evidence past its deadline counts
    as not acceptable (kepatuhan.mangkir), so `menunggu` holds only those still in time."""

    tercatat: int
    hadir: int
    dapat_diterima: int
    tidak_diterima: int
    menunggu: int

    @property
    def persen(self) -> int | None:
        return round(100 * self.hadir / self.tercatat) if self.tercatat else None


@dataclass(frozen=True)
class JadwalKlien:
    jadwal: JadwalLapor
    tanggal_mendatang: tuple[datetime.date, ...]  # for a schedule of set dates

    @property
    def tanggal_tertentu(self) -> bool:
        return self.jadwal.pola == PolaLapor.TANGGAL_TERTENTU


@dataclass(frozen=True)
class PembimbinganKlien:
    keikutsertaan: tuple[Peserta, ...]  # active first, then the latest
    kehadiran: RingkasanKehadiran
    sesi_mendatang: tuple[Sesi, ...]
    kehadiran_terakhir: tuple[Kehadiran, ...]  # newest first
    jadwal: JadwalKlien | None

    @property
    def kosong(self) -> bool:
        """Nothing recorded yet: no enrolment, no attendance, nothing coming."""
        return not (self.keikutsertaan or self.kehadiran.tercatat or self.sesi_mendatang)


def _ringkasan(qs, hari_ini: datetime.date) -> RingkasanKehadiran:
    n = qs.aggregate(
        tercatat=Count("pk"),
        hadir=Count("pk", filter=Q(hasil__in=HASIL_HADIR)),
        dapat_diterima=Count("pk", filter=Q(hasil=HasilHadir.IZIN)),
        tidak_diterima=Count("pk", filter=mangkir(hari_ini)),
        menunggu=Count(
            "pk",
            filter=Q(hasil=HasilHadir.MENUNGGU_KETERANGAN, batas_keterangan__gte=hari_ini),
        ),
    )
    return RingkasanKehadiran(**n)


def _jadwal(jadwal: JadwalLapor | None, hari_ini: datetime.date) -> JadwalKlien | None:
    if jadwal is None:
        return None
    mendatang = sorted(
        t
        for t in {datetime.date.fromisoformat(s) for s in jadwal.tanggal_tertentu or ()}
        if t >= hari_ini
    )
    return JadwalKlien(jadwal, tuple(mendatang[:SESI_MENDATANG]))


def pembimbingan_klien(klien: Klien, user) -> PembimbinganKlien:
    """Five queries whatever the number of enrolments and rows (enrolments, the attendance
    counts, the coming sessions, the last attendance rows, the schedule), each from the
    user's scoped querysets. Every attendance row listed is of a session the user may open:
    a group session or outreach day of the office, or an individual session of this client,
    whom the user sees."""
    sekarang = timezone.now()
    hari_ini = timezone.localdate()
    keikutsertaan = sorted(
        Peserta.objects.for_user(user)
        .filter(klien=klien)
        .select_related("program__mitra")
        .order_by("-tanggal_masuk", "-pk"),
        key=lambda p: p.status != StatusPeserta.AKTIF,  # stable: active first, latest first
    )
    aktif = [p.program_id for p in keikutsertaan if p.status == StatusPeserta.AKTIF]
    kehadiran = Kehadiran.objects.for_user(user).filter(klien=klien)
    terdaftar_pos = PendaftaranPos.objects.for_user(user).filter(klien=klien).values("sesi_id")
    sesi_mendatang = (
        Sesi.objects.for_user(user)
        .filter(mulai__gte=sekarang)
        .filter(
            Q(jenis=JenisSesi.KELOMPOK, program_id__in=aktif)
            | Q(klien=klien)
            | Q(pk__in=terdaftar_pos)
        )
        .select_related("program", "pos")
        .order_by("mulai", "pk")[:SESI_MENDATANG]
    )
    terakhir = kehadiran.select_related("sesi__program", "sesi__pos").order_by(
        "-sesi__mulai", "-pk"
    )[:KEHADIRAN_TERAKHIR]
    return PembimbinganKlien(
        keikutsertaan=tuple(keikutsertaan),
        kehadiran=_ringkasan(kehadiran, hari_ini),
        sesi_mendatang=tuple(sesi_mendatang),
        kehadiran_terakhir=tuple(terakhir),
        jadwal=_jadwal(JadwalLapor.objects.for_user(user).filter(klien=klien).first(), hari_ini),
    )
