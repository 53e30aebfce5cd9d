"""Reads of the client register that are more than a lookup; the views call these."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Klien
from .pilihan import Tahap
from .querysets import MANGKIR_PERINGATAN, ekspirasi_tiba


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
    halaman: list[BarisBebanKasus]  # this page of the (searched) running clients, by name
    mangkir: list[BarisBebanKasus]  # missed the last report(s), the most in a row first
    # active clients whose expiry date has come: the system proposes the end, the PK confirms
    ekspirasi: list[Klien]


def _baris(k: Klien, hari_ini: datetime.date) -> BarisBebanKasus:
    return BarisBebanKasus(
        klien=k,
        tahap=Tahap(tahap).label if (tahap := k.tahap(hari_ini)) else "",
        sisa_hari=k.sisa_hari(hari_ini),
        jatuh_tempo=k.wajib_lapor_jatuh_tempo(hari_ini),
    )


def beban_kasus(user, halaman, hari_ini: datetime.date | None = None) -> BebanKasus:
    """A page of a user's running clients (`halaman`: the rows the view paged, already
    read), those who missed reports (one query) and those whose expiry has come (one
    query)."""
    hari_ini = hari_ini or timezone.localdate()
    mangkir = (
        Klien.objects.for_user(user)
        .berjalan()
        .filter(mangkir_berturut__gte=MANGKIR_PERINGATAN)
        .select_related("desa__kecamatan")
        .order_by("-mangkir_berturut", "nama", "pk")
    )
    return BebanKasus(
        hari_ini=hari_ini,
        halaman=[_baris(k, hari_ini) for k in halaman],
        mangkir=[_baris(k, hari_ini) for k in mangkir],
        ekspirasi=list(
            Klien.objects.for_user(user)
            .filter(ekspirasi_tiba(hari_ini))
            .order_by("tanggal_ekspirasi", "nama", "pk")
        ),
    )
