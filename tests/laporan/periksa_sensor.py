"""An exact check of small-cell suppression for tests: can a reader who knows the method
work out a hidden cell from the shown cells and the sums? (a small constraint solver:
bounds propagated over the sums, then branching; fine for the small tables of the tests)."""

import math

from laporan.sensor import Persamaan, Status, ranah


def _batas_awal(nilai, status, cap):
    lo, hi = [], []
    for v, s in zip(nilai, status, strict=True):
        a, b = ranah(s, v)
        lo.append(a)
        hi.append(cap if b == math.inf else b)
    return lo, hi


def _layak(persamaan: list[Persamaan], lo: list[int], hi: list[int]) -> bool:
    lo, hi = list(lo), list(hi)
    suku = [[(p.total, -1), *((b, 1) for b in p.bagian)] for p in persamaan]
    berubah = True
    while berubah:
        berubah = False
        for baris in suku:
            # sum of sign * x over the row is zero
            mins = [min(s * lo[c], s * hi[c]) for c, s in baris]
            maxs = [max(s * lo[c], s * hi[c]) for c, s in baris]
            tot_min, tot_max = sum(mins), sum(maxs)
            for (c, s), mn, mx in zip(baris, mins, maxs, strict=True):
                # s*x_c = -(sum of the others)
                lain_min, lain_max = tot_min - mn, tot_max - mx
                a, b = -lain_max, -lain_min
                if s == -1:
                    a, b = -b, -a
                if a > lo[c]:
                    lo[c], berubah = a, True
                if b < hi[c]:
                    hi[c], berubah = b, True
                if lo[c] > hi[c]:
                    return False
    bebas = [c for c in range(len(lo)) if lo[c] < hi[c]]
    if not bebas:
        return all(sum(s * lo[c] for c, s in baris) == 0 for baris in suku)
    c = min(bebas, key=lambda c: (hi[c] - lo[c], c))
    tengah = (lo[c] + hi[c]) // 2
    for a, b in ((lo[c], tengah), (tengah + 1, hi[c])):
        lo2, hi2 = list(lo), list(hi)
        lo2[c], hi2[c] = a, b
        if _layak(persamaan, lo2, hi2):
            return True
    return False


def terpulihkan(nilai, persamaan, status) -> list[int]:
    """The hidden cells whose value a reader could work out exactly (should be none)."""
    persamaan = list(persamaan)
    cap = sum(nilai) + 10
    lo, hi = _batas_awal(nilai, status, cap)
    hasil = []
    for c, s in enumerate(status):
        if s == Status.TAMPIL:
            continue
        if s == Status.DITAHAN and not 0 < nilai[c] < 5:
            continue  # a withheld zero or large count tells nothing about a person
        lain = False
        for a, b in ((lo[c], nilai[c] - 1), (nilai[c] + 1, hi[c])):
            if a > b:
                continue
            lo2, hi2 = list(lo), list(hi)
            lo2[c], hi2[c] = a, b
            if _layak(persamaan, lo2, hi2):
                lain = True
                break
        if not lain:
            hasil.append(c)
    return hasil
