"""Reads of the client register that are more than a lookup; the views call these."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Klien
from .pilihan import Tahap
from .querysets import MANGKIR_PERINGATAN


@dataclass(frozen=True)
class BarisBebanKasus:
    """One running client as the caseload shows them."""

    klien: Klien
    tahap: str  # the stage's label, "" at intake
    sisa_hari: int  # until ekspirasi; negative once past it
    jatuh_tempo: bool  # due to report today or overdue


@dataclass(frozen=True)
class BebanKasus:
    hari_ini: datetime.date
    semua: list[BarisBebanKasus]  # by name
    jatuh_tempo: list[BarisBebanKasus]  # due to report, the longest overdue first
    mangkir: list[BarisBebanKasus]  # missed the last report(s), the most in a row first


def beban_kasus(user, hari_ini: datetime.date | None = None) -> BebanKasus:
    """A user's running clients with what is due and who missed reports (one query)."""
    hari_ini = hari_ini or timezone.localdate()
    semua = [
        BarisBebanKasus(
            klien=k,
            tahap=Tahap(tahap).label if (tahap := k.tahap(hari_ini)) else "",
            sisa_hari=k.sisa_hari(hari_ini),
            jatuh_tempo=k.wajib_lapor_jatuh_tempo(hari_ini),
        )
        for k in Klien.objects.for_user(user)
        .berjalan()
        .select_related("desa__kecamatan")
        .order_by("nama", "pk")
    ]
    return BebanKasus(
        hari_ini=hari_ini,
        semua=semua,
        jatuh_tempo=sorted(
            (b for b in semua if b.jatuh_tempo), key=lambda b: b.klien.tanggal_lapor_berikutnya
        ),
        mangkir=sorted(
            (b for b in semua if b.klien.mangkir_berturut >= MANGKIR_PERINGATAN),
            key=lambda b: -b.klien.mangkir_berturut,
        ),
    )
