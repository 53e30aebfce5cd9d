"""Small-cell suppression for figures shown outside the office (Kanwil and national views):
no count of fewer than 5 clients is shown, and no hidden count can be worked out from the
totals beside it.

The figures are cells (counts) tied by sums: a column's offices add up to its Kanwil's
total, the Kanwil totals to the national one, the months of a year to its total. Each sum
is a `Persamaan` (a total cell and its part cells). `lindungi` decides which cells are
shown:

- a count of 1 to 4 is hidden and shown as "<5" (`Status.KECIL`, the primary suppression);
- a zero is shown as 0: a true zero says nothing about anyone (common practice), and a zero
  is never hidden as a complement (that would tell no lie only if hidden zeros were known to
  be zeros, which would make them useless as cover);
- further cells are hidden (`Status.SEKUNDER`, shown as "x") until no hidden cell can be
  recovered: every hidden count of 1 to 4 gets a *certificate*, a second table that differs
  from the true one in that cell (by one), keeps every shown cell and every sum, and keeps
  every hidden cell within what a reader knows of it. The reader is assumed to know the
  method: a "<5" is 1 to 4; an "x" chosen as a complement is at least 5 (zeros are shown,
  1 to 4 are "<5"); a withheld cell (below) is any number from 0. A certificate means the
  reader cannot tell the two tables apart, so the cell has at least two possible values;
  it changes every cell it touches, so each sum with a hidden cell in it holds two or more;
- where no certificate can be made (rare: e.g. four offices with one client each and a
  total of 4, which "<5" on every cell would pin down), the cells of the sums around the
  cell are withheld (`Status.DITAHAN`, also "x", known to the reader only as some number
  from 0), and the search goes on with their wider range.

Cells outside `boleh` keep the state given in `tetap` (or are shown): a Kanwil's figures
are decided on the Kanwil's own cells and sums alone, and the national view then adds only
national cells, checked against every sum of the country; so a Kanwil's rows read the same
in every view, and what the national page shows beside them is protected together with
them (a reader comparing the pages has nothing the national page's sums did not include).

Adding a hidden cell never undoes a certificate (every hidden range only widens), so one
pass over the cells suffices. The search for a certificate is a depth-first walk: change
the cell, then balance each sum it upsets by changing another cell of that sum, cells
already hidden first, then the smallest that may still be hidden; it keeps the cheapest
certificate found (fewest new cells, then the smallest), tries 0, 1, 2, ... new cells,
first without hiding any total (totals are what readers use most), and is bounded in
steps.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

# The smallest count shown as it is.
AMBANG = 5
# How many new cells a certificate may hide at most, and how far one search may walk.
ANGGARAN_MAKS = 6
LANGKAH_MAKS = 4000
PANJANG_MAKS = 24
# New cells tried per unbalanced sum (the smallest first).
LEBAR_CALON = 4

TANDA_KECIL = "<5"
TANDA_SENSOR = "x"


class Status(StrEnum):
    TAMPIL = "tampil"
    KECIL = "kecil"  # 1 to 4: "<5"
    SEKUNDER = "sekunder"  # hidden so that a "<5" cannot be worked out: "x"
    DITAHAN = "ditahan"  # withheld where no certificate could be made: "x"


KETERANGAN = _(
    "<5: kurang dari 5 klien. x: disembunyikan agar angka kecil tidak dapat dihitung dari "
    "jumlahnya."
)


@dataclass(frozen=True)
class Persamaan:
    """`total` (a cell) is the sum of the cells `bagian`."""

    total: int
    bagian: tuple[int, ...]


def ranah(status: Status, nilai: int) -> tuple[int, float]:
    """What a reader knows of a cell in `status` (the bounds of its value)."""
    if status == Status.TAMPIL:
        return nilai, nilai
    if status == Status.KECIL:
        return 1, AMBANG - 1
    if status == Status.SEKUNDER:
        return AMBANG, math.inf
    return 0, math.inf


def kecil(nilai: int) -> bool:
    return 0 < nilai < AMBANG


class _Pelindung:
    def __init__(self, nilai, persamaan, boleh, tetap, bukti):
        self.bukti = {} if bukti is None else bukti
        self.nilai = list(nilai)
        self.persamaan = list(persamaan)
        self.status = [Status.TAMPIL] * len(self.nilai)
        for sel, status in (tetap or {}).items():
            self.status[sel] = Status(status)
        self.boleh = set(range(len(self.nilai)) if boleh is None else boleh)
        # per sum: each cell's sign (+1 a part, -1 the total); per cell: its sums
        self.tanda: list[dict[int, int]] = []
        self.sel_persamaan: dict[int, list[int]] = {}
        for i, p in enumerate(self.persamaan):
            tanda = dict.fromkeys(p.bagian, 1)
            tanda[p.total] = -1
            self.tanda.append(tanda)
            for sel in tanda:
                self.sel_persamaan.setdefault(sel, []).append(i)
        self.total = {p.total for p in self.persamaan}
        self.boleh_total = True
        self.terbatas = False

    # --- the search ------------------------------------------------------------------------

    def bisa_geser(self, sel: int, arah: int, status: Status) -> bool:
        bawah, atas = ranah(status, self.nilai[sel])
        return bawah <= self.nilai[sel] + arah <= atas

    def biaya(self, sel: int) -> tuple[int, int, int]:
        """Which cell to hide first: not a total, the smallest, the lowest index."""
        return (sel in self.total, self.nilai[sel], sel)

    def sertifikat(self, sel: int, anggaran: int) -> dict[int, int] | None:
        """The cheapest certificate for `sel` found hiding at most `anggaran` new cells,
        moving the cell up or down (None when there is none within the search's bounds)."""
        self.terbaik, self.harga_terbaik = None, None
        for arah in (1, -1):
            if self.bisa_geser(sel, arah, self.status[sel]):
                self.langkah = 0
                self.sisa: dict[int, int] = {}  # the residual of each upset sum
                ubah = {}
                self.ubah(ubah, sel, arah)
                self.cari(ubah, anggaran)
        return self.terbaik

    def ubah(self, ubah: dict[int, int], sel: int, arah: int) -> None:
        """Change `sel` by `arah` (0: undo its change), keeping the sums' residuals."""
        d = arah - ubah.get(sel, 0)
        if arah:
            ubah[sel] = arah
        else:
            del ubah[sel]
        for i in self.sel_persamaan.get(sel, ()):
            sisa = self.sisa.get(i, 0) + self.tanda[i][sel] * d
            if sisa:
                self.sisa[i] = sisa
            else:
                self.sisa.pop(i, None)

    def harga(self, bukti: dict[int, int]) -> tuple[int, list[tuple[int, int, int]]]:
        """The cost of a certificate: how many new cells, then their costs, dearest first."""
        baru = sorted(
            (self.biaya(s) for s in bukti if self.status[s] == Status.TAMPIL), reverse=True
        )
        return len(baru), baru

    def tak_seimbang(self, ubah: dict[int, int]) -> tuple[int, int] | None:
        """A sum the changes `ubah` upset (its index and residual), or None: counted afresh
        (to check a certificate; the search keeps its residuals as it goes)."""
        for i in sorted({i for sel in ubah for i in self.sel_persamaan.get(sel, ())}):
            tanda = self.tanda[i]
            sisa = sum(tanda[s] * d for s, d in ubah.items() if s in tanda)
            if sisa:
                return i, sisa
        return None

    def calon(self, i: int, ubah: dict[int, int], anggaran: int) -> list[tuple[int, int]]:
        """The cells that may balance sum `i`: (cell, new cells it costs)."""
        tersembunyi, baru = [], []
        for sel in self.tanda[i]:
            if sel in ubah:
                continue
            if self.status[sel] != Status.TAMPIL:
                tersembunyi.append(sel)
            elif (
                sel in self.boleh
                and self.nilai[sel] >= AMBANG
                and (self.boleh_total or sel not in self.total)
            ):
                if anggaran:
                    baru.append(sel)
                else:
                    self.terbatas = True  # a larger budget would have tried it
        # a hidden cell in fewer sums closes the walk sooner
        tersembunyi.sort(key=lambda s: (len(self.sel_persamaan[s]), s))
        baru.sort(key=self.biaya)
        return [(s, 0) for s in tersembunyi] + [(s, 1) for s in baru[:LEBAR_CALON]]

    def cari(self, ubah: dict[int, int], anggaran: int) -> None:
        """Walk on from the changes `ubah`, keeping the cheapest certificate found (branch
        and bound: a walk already as dear as the best is dropped, as hiding more only costs
        more)."""
        self.langkah += 1
        if self.langkah > LANGKAH_MAKS:
            return
        harga = self.harga(ubah)
        if self.harga_terbaik is not None and harga >= self.harga_terbaik:
            return
        if not self.sisa:
            self.terbaik, self.harga_terbaik = dict(ubah), harga
            return
        if len(ubah) >= PANJANG_MAKS:
            return
        # the upset sum of the first changed cell (the walk stays near where it started)
        i = next(i for sel in sorted(ubah) for i in self.sel_persamaan[sel] if i in self.sisa)
        arah_sisa = 1 if self.sisa[i] > 0 else -1
        for sel, baru in self.calon(i, ubah, anggaran):
            arah = -arah_sisa * self.tanda[i][sel]
            if not self.bisa_geser(sel, arah, Status.SEKUNDER if baru else self.status[sel]):
                continue
            self.ubah(ubah, sel, arah)
            self.cari(ubah, anggaran - baru)
            self.ubah(ubah, sel, 0)
            if self.harga_terbaik == (0, []) or self.langkah > LANGKAH_MAKS:
                return

    # --- the pass --------------------------------------------------------------------------

    def sertifikat_termurah(self, sel: int) -> dict[int, int] | None:
        """A certificate hiding as few new cells as the search finds, and a total (a figure
        readers use most) only where no certificate without one is found."""
        putaran = (False, True) if self.boleh - self.total else (True,)
        for boleh_total in putaran:
            self.boleh_total = boleh_total
            for anggaran in range(ANGGARAN_MAKS + 1):
                self.terbatas = False
                bukti = self.sertifikat(sel, anggaran)
                if bukti is not None:
                    return bukti
                if not self.terbatas:  # no cell was left out for the budget: none to add
                    break
        return None

    def sah(self, bukti: dict[int, int]) -> bool:
        """Whether a certificate holds here: all its cells hidden, each change within what a
        reader knows of the cell, every sum it touches (of this pass) balanced."""
        return (
            all(
                self.status[s] != Status.TAMPIL and self.bisa_geser(s, d, self.status[s])
                for s, d in bukti.items()
            )
            and self.tak_seimbang(bukti) is None
        )

    def perlu_dilindungi(self, sel: int) -> bool:
        return self.status[sel] != Status.TAMPIL and kecil(self.nilai[sel])

    def tahan_sekitar(self, sel: int) -> list[int]:
        """Withhold the cells that may still be withheld in the sums around `sel` (or, when
        none is left there, every such cell); the newly withheld cells."""
        sekitar = {s for i in self.sel_persamaan.get(sel, ()) for s in self.tanda[i]}
        for kelompok in (sekitar, self.boleh):
            baru = [s for s in sorted(kelompok & self.boleh) if self.status[s] != Status.DITAHAN]
            if baru:
                for s in baru:
                    self.status[s] = Status.DITAHAN
                return baru
        return []

    def jalankan(self) -> list[Status]:
        for sel in sorted(self.boleh):
            if self.status[sel] == Status.TAMPIL and kecil(self.nilai[sel]):
                self.status[sel] = Status.KECIL
        # the cells of these sums (and those that may be hidden): another Kanwil's cells,
        # in no sum given here, were decided on their own
        terlibat = self.boleh | set(self.sel_persamaan)
        antre = [s for s in sorted(terlibat) if self.perlu_dilindungi(s)]
        while antre:
            sel = antre.pop(0)
            if sel in self.bukti and self.sah(self.bukti[sel]):
                continue  # a certificate found before (for it or a cell beside it) still holds
            bukti = self.sertifikat_termurah(sel)
            if bukti is not None:
                for s in bukti:
                    if self.status[s] == Status.TAMPIL:
                        self.status[s] = Status.SEKUNDER
                    self.bukti[s] = bukti  # it changes each of its cells: theirs too
            else:
                baru = self.tahan_sekitar(sel)
                if not baru:  # everything that may be hidden is: nothing more to do
                    continue
                antre = [sel, *(s for s in baru if self.perlu_dilindungi(s)), *antre]
        return self.status


def lindungi(
    nilai: Sequence[int],
    persamaan: Iterable[Persamaan],
    *,
    boleh: Iterable[int] | None = None,
    tetap: Mapping[int, Status] | None = None,
    bukti: dict[int, dict[int, int]] | None = None,
) -> list[Status]:
    """The state of each cell of `nilai` (counts) tied by `persamaan` (sums): see the
    module's docstring. Only the cells in `boleh` (all, by default) may be hidden here; the
    others keep their state in `tetap` (shown, when not in it). `bukti`, when given, holds
    the certificates of an earlier pass (checked again before use) and receives this one's.
    Pure: reads no database."""
    return _Pelindung(nilai, list(persamaan), boleh, tetap, bukti).jalankan()


@dataclass(frozen=True)
class Angka:
    """A count as published: its value and whether it is shown. `str()` is what a reader
    sees ("<5", "x" or the number); `nilai_tampil` the number or None, for a chart."""

    nilai: int
    status: Status = Status.TAMPIL

    @property
    def tampil(self) -> bool:
        return self.status == Status.TAMPIL

    @property
    def nilai_tampil(self) -> int | None:
        return self.nilai if self.tampil else None

    @property
    def ekspor(self) -> int | str:
        """The value of an exported cell: the number, or the sign that hides it."""
        return self.nilai if self.tampil else str(self)

    def __str__(self) -> str:
        if self.status == Status.KECIL:
            return TANDA_KECIL
        if self.status != Status.TAMPIL:
            return TANDA_SENSOR
        return f"{self.nilai}"


class Susunan:
    """Builds a set of cells and sums for `lindungi`: `sel(n)` adds a cell, `jumlah(total,
    bagian)` a sum; `lindungi(...)` decides, `angka(sel)` reads a cell as published."""

    def __init__(self):
        self.nilai: list[int] = []
        self.persamaan: list[Persamaan] = []
        self.status: list[Status] = []
        self.bukti: dict[int, dict[int, int]] = {}

    def sel(self, nilai: int) -> int:
        self.nilai.append(nilai)
        self.status.append(Status.TAMPIL)
        return len(self.nilai) - 1

    def jumlah(self, total: int, bagian: Iterable[int]) -> Persamaan:
        p = Persamaan(total, tuple(bagian))
        self.persamaan.append(p)
        return p

    def lindungi(
        self, *, boleh: Iterable[int] | None = None, persamaan: Iterable[Persamaan] | None = None
    ) -> None:
        """Decide the cells in `boleh` (all) over `persamaan` (all), the others as they are."""
        tetap = {i: s for i, s in enumerate(self.status) if s != Status.TAMPIL}
        self.status = lindungi(
            self.nilai,
            self.persamaan if persamaan is None else persamaan,
            boleh=boleh,
            tetap=tetap,
            bukti=self.bukti,
        )

    def angka(self, sel: int) -> Angka:
        return Angka(self.nilai[sel], self.status[sel])
