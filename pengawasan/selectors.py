"""Reads of supervision orders: a client's section, the Kasi's watch list, the report figures."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from klien.models import Klien
from klien.pilihan import ProgramIntegrasi

from .models import PertimbanganPK, PidanaPengawasan, RiwayatSyarat, SyaratPengawasan
from .pilihan import HasilPertimbangan, StatusSyarat


@dataclass(frozen=True)
class PengawasanKlien:
    order: PidanaPengawasan | None
    syarat: list[SyaratPengawasan]
    pertimbangan: list[PertimbanganPK]

    @property
    def ada_pelanggaran(self) -> bool:
        return any(s.status == StatusSyarat.DILANGGAR for s in self.syarat)


def pengawasan_klien(klien: Klien, user) -> PengawasanKlien:
    """The order of a client the user may see, its conditions (each with its history) and
    the considerations (four queries)."""
    order = (
        PidanaPengawasan.objects.for_user(user)
        .filter(klien=klien)
        .select_related("dicatat_oleh")
        .first()
    )
    if order is not None:
        order.klien = klien
    syarat = list(
        SyaratPengawasan.objects.for_user(user)
        .filter(klien=klien)
        .prefetch_related(
            Prefetch("riwayat", queryset=RiwayatSyarat.objects.select_related("oleh"))
        )
    )
    pertimbangan = list(
        PertimbanganPK.objects.for_user(user).filter(klien=klien).select_related("syarat")
    )
    return PengawasanKlien(order, syarat, pertimbangan)


def klien_pantauan(user):
    """The running supervision clients the user may see with a breached condition or a
    consideration waiting for an answer, annotated `dilanggar` and `menunggu` (one query)."""
    dilanggar = SyaratPengawasan.objects.filter(klien=OuterRef("pk"), status=StatusSyarat.DILANGGAR)
    menunggu = PertimbanganPK.objects.filter(klien=OuterRef("pk"), hasil=HasilPertimbangan.MENUNGGU)
    return (
        Klien.objects.for_user(user)
        .berjalan()
        .filter(program=ProgramIntegrasi.PENGAWASAN)
        .annotate(dilanggar=Exists(dilanggar), menunggu=Exists(menunggu))
        .filter(Q(dilanggar=True) | Q(menunggu=True))
        .select_related("pk_pembimbing")
        .order_by("-menunggu", "-dilanggar", "nama", "pk")
    )


def klien_tanpa_putusan(user):
    """Running supervision clients whose order has not been recorded yet."""
    return (
        Klien.objects.for_user(user)
        .berjalan()
        .filter(program=ProgramIntegrasi.PENGAWASAN, pidana_pengawasan__isnull=True)
        .select_related("pk_pembimbing")
        .order_by("tanggal_mulai", "pk")
    )


# --- report figures ---------------------------------------------------------------------


@dataclass
class RekapPengawasan:
    """One office's supervision figures for a period."""

    memenuhi: int = 0  # conditions found met in the period
    dilanggar: int = 0  # conditions found breached in the period
    # conditions in progress now, set before the period's end, of clients running at its
    # end (klien.querysets.berjalan_pada)
    berjalan: int = 0
    # considerations dated in the period: {kind: {outcome: count}}
    pertimbangan: dict[str, dict[str, int]] = field(default_factory=dict)

    def jumlah_pertimbangan(self, jenis: str, hasil: str) -> int:
        return self.pertimbangan.get(jenis, {}).get(hasil, 0)


def rekap_pengawasan(
    unit_ids, dari: datetime.date, sampai: datetime.date
) -> dict[int, RekapPengawasan]:
    """Per office (id) and period: conditions met / breached in the period and in progress
    at its end, and considerations by kind and outcome (two queries). Offices without any
    record are left out."""
    hasil: dict[int, RekapPengawasan] = {}
    dalam = Q(tanggal_status__gte=dari, tanggal_status__lte=sampai)
    berjalan_akhir = (
        Q(status=StatusSyarat.BERJALAN, tanggal_status__lte=sampai)
        & Q(klien__tanggal_mulai__lte=sampai)
        & (Q(klien__tanggal_berakhir__isnull=True) | Q(klien__tanggal_berakhir__gt=sampai))
    )
    baris = (
        SyaratPengawasan.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(
            memenuhi=Count("pk", filter=dalam & Q(status=StatusSyarat.MEMENUHI)),
            dilanggar=Count("pk", filter=dalam & Q(status=StatusSyarat.DILANGGAR)),
            berjalan=Count("pk", filter=berjalan_akhir),
        )
        .order_by()
    )
    for b in baris:
        hasil[b["unit_id"]] = RekapPengawasan(b["memenuhi"], b["dilanggar"], b["berjalan"])
    per_jenis = (
        PertimbanganPK.objects.filter(unit_id__in=unit_ids, tanggal__gte=dari, tanggal__lte=sampai)
        .values("unit_id", "jenis", "hasil")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for b in per_jenis:
        rekap = hasil.setdefault(b["unit_id"], RekapPengawasan())
        rekap.pertimbangan.setdefault(b["jenis"], {})[b["hasil"]] = b["n"]
    return hasil
