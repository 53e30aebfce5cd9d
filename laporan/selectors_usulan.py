"""The revocation proposals waiting for a step, on the office dashboard: how many wait at each
open stage (for the TPP's session, for the Kepala Bapas, for the SK), and the oldest few.

Two queries: the open proposals counted per stage (GROUP BY tahap), the oldest of them with
their client and proposer. The proposals are the ones the user may see
(klien.pencabutan.usulan_terbuka, scoped with `for_user`), without the dashboard's period or
filters: this is the office's work in hand, and each count reads the same as the proposal
list it links to (klien:usulan-list).
"""

from dataclasses import dataclass

from django.db.models import Count

from akun.izin import Izin, boleh
from klien.models import UsulanPencabutan
from klien.pencabutan import usulan_terbuka
from klien.pilihan import TAHAP_TERBUKA, TahapUsulan

# The oldest open proposals the dashboard lists.
BATAS_USULAN_TERTUA = 5

# Who takes the step each open stage waits for (klien.pencabutan).
_LANGKAH = {
    TahapUsulan.DIUSULKAN: Izin.SIDANG_TPP,
    TahapUsulan.DIREKOMENDASIKAN: Izin.PUTUSKAN_PENCABUTAN,
    TahapUsulan.SEMENTARA: Izin.CATAT_SK_PENCABUTAN,
}


@dataclass(frozen=True)
class TahapMenunggu:
    """One open stage: its proposals, and whether the user may take the step it waits for."""

    tahap: str
    label: str  # what the stage waits for (TahapUsulan's label)
    jumlah: int
    langkah_anda: bool


@dataclass(frozen=True)
class UsulanMenunggu:
    per_tahap: tuple[TahapMenunggu, ...]  # every open stage, in the workflow's order
    tertua: tuple[UsulanPencabutan, ...]  # at most BATAS_USULAN_TERTUA, the oldest first

    @property
    def jumlah(self) -> int:
        return sum(t.jumlah for t in self.per_tahap)


def usulan_menunggu(user, batas: int = BATAS_USULAN_TERTUA) -> UsulanMenunggu:
    """The open proposals the user may see, per stage, and the oldest (two queries)."""
    terbuka = usulan_terbuka(user)
    jumlah = dict(terbuka.order_by().values_list("tahap").annotate(n=Count("pk")))
    return UsulanMenunggu(
        per_tahap=tuple(
            TahapMenunggu(
                tahap=t,
                label=str(TahapUsulan(t).label),
                jumlah=jumlah.get(t, 0),
                langkah_anda=boleh(user, _LANGKAH[t]),
            )
            for t in TAHAP_TERBUKA
        ),
        tertua=tuple(terbuka[:batas]),
    )
