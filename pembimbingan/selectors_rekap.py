"""Reads of the attendance rollup (models.RekapKehadiran) for the dashboards: each figure
is a GROUP BY over its cells, never over the attendance rows."""

from dataclasses import dataclass

from django.db.models import F, Q, Sum

from .pilihan import HASIL_HADIR

# Below this many recorded outcomes a rate is shown as too few to judge.
N_MINIMUM = 10


class DenganN:
    """A rate and its n, for a figure class that says what it divides (`_rasio`: the
    count and its n). Every report's rate follows this one rule: rounded to a whole per
    cent, none of nothing, and below N_MINIMUM of n too few to judge."""

    def _rasio(self) -> tuple[int, int]:
        raise NotImplementedError

    @property
    def persen(self) -> int | None:
        nilai, n = self._rasio()
        return round(100 * nilai / n) if n else None

    @property
    def terlalu_sedikit(self) -> bool:
        return self._rasio()[1] < N_MINIMUM

    @property
    def persen_sah(self) -> int | None:
        """The rate where n is enough to judge it, else None (a gap in a chart, a blank
        cell in a download)."""
        return None if self.terlalu_sedikit else self.persen


@dataclass(frozen=True)
class TingkatKehadiran(DenganN):
    """One group's attendance: `hadir` of `tercatat` recorded outcomes (present, also
    without following directions; every absence counts in `tercatat`, as on the client's
    and the partner's pages)."""

    kelompok: dict
    hadir: int
    tercatat: int

    def _rasio(self) -> tuple[int, int]:
        return self.hadir, self.tercatat


def tingkat_kehadiran(qs_rekap, kelompok: tuple[str, ...] = ("bulan",)) -> list[TingkatKehadiran]:
    """The attendance rate of each group of `qs_rekap` (RekapKehadiran, already scoped and
    filtered), grouped by `kelompok`: its fields or lookups through them, e.g. ("bulan",),
    ("program__jenis",), ("program__mitra",), ("kabupaten",), ("moda",). One query; groups
    in the order of `kelompok` (an empty value last: no programme, no partner), those
    without a recorded outcome left out."""
    baris = (
        qs_rekap.order_by()
        .values(*kelompok)
        .annotate(
            n_tercatat=Sum("jumlah"),
            n_hadir=Sum("jumlah", filter=Q(hasil__in=HASIL_HADIR), default=0),
        )
        .filter(n_tercatat__gt=0)
        .order_by(*(F(k).asc(nulls_last=True) for k in kelompok))
    )
    return [
        TingkatKehadiran({k: b[k] for k in kelompok}, hadir=b["n_hadir"], tercatat=b["n_tercatat"])
        for b in baris
    ]
