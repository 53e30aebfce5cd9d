"""Kemendagri region codes: the digits a NIK starts with (2 province, 2 kabupaten/kota,
2 kecamatan).

The `areaid` data set the regions are loaded from carries no official codes (`sumber_id` is
its own numbering: Bali is 17 there, 51 in a NIK), and `muat_wilayah bali` loads one
province only, so neither the loaded tables nor the data set can tell which codes exist.
The codes are therefore kept here as data (data/kode_kemendagri.csv, from the Ministry of
Home Affairs' code list as updated in 2022, when the new Papua provinces took 93-96):

- all 38 provinces, whatever is loaded: a province code outside them cannot exist;
- the kabupaten/kota and kecamatan of the provinces whose regions the project loads (Bali),
  each under the name the loaded data gives it, so that a code names a loaded row and a
  loaded row has its code (tests/wilayah/test_kode.py holds both directions).

For a province without such rows nothing is known about its regencies and districts: its
codes are neither confirmed nor doubted (None).
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

KODE_CSV = Path(__file__).resolve().parent / "data" / "kode_kemendagri.csv"


@dataclass(frozen=True)
class DaftarKode:
    provinsi: dict[str, str]  # "51" → the province's name in the loaded data
    kabupaten: dict[str, str]  # "5107" → "Kabupaten Karangasem"
    kecamatan: dict[str, str]  # "510701" → "Rendang"
    # (province, kind, kabupaten name[, kecamatan name]) as loaded → code
    kode_kabupaten: dict[tuple[str, str, str], str]
    kode_kecamatan: dict[tuple[str, str, str, str], str]

    def provinsi_berkode_rinci(self, kode_provinsi: str) -> bool:
        return any(k.startswith(kode_provinsi) for k in self.kabupaten)


@cache
def daftar_kode() -> DaftarKode:
    prov, kab, kec, kode_kab, kode_kec = {}, {}, {}, {}, {}
    with KODE_CSV.open(encoding="utf-8", newline="") as f:
        for baris in csv.DictReader(f):
            kode = baris["kode"].replace(".", "")
            if len(kode) == 2:
                prov[kode] = baris["provinsi"]
            elif len(kode) == 4:
                kab[kode] = f"{baris['jenis'].capitalize()} {baris['kabupaten']}"
                kode_kab[(baris["provinsi"], baris["jenis"], baris["kabupaten"])] = kode
            else:
                kec[kode] = baris["kecamatan"]
                kunci = (baris["provinsi"], baris["jenis"], baris["kabupaten"], baris["kecamatan"])
                kode_kec[kunci] = kode
    return DaftarKode(prov, kab, kec, kode_kab, kode_kec)


def provinsi_ada(kode: str) -> bool:
    """Whether a two-digit province code belongs to one of Indonesia's 38 provinces."""
    return kode in daftar_kode().provinsi


def kabupaten_dikenal(kode: str) -> bool | None:
    """Whether a four-digit kabupaten/kota code is in the list; None when the list holds no
    kabupaten of that province (nothing to compare with)."""
    daftar = daftar_kode()
    if not daftar.provinsi_berkode_rinci(kode[:2]):
        return None
    return kode in daftar.kabupaten


def kecamatan_dikenal(kode: str) -> bool | None:
    """Whether a six-digit kecamatan code is in the list; None when its kabupaten is not."""
    daftar = daftar_kode()
    if kode[:4] not in daftar.kabupaten:
        return None
    return kode in daftar.kecamatan


@cache
def kecamatan_di_kabupaten(kode: str) -> tuple[str, ...]:
    """The six-digit codes of a kabupaten's kecamatan in the list (empty when it has none)."""
    return tuple(k for k in daftar_kode().kecamatan if k[:4] == kode)


def kode_kecamatan(kecamatan) -> str | None:
    """The six-digit code of a loaded `Kecamatan` (its kabupaten and province are read),
    None when the list has no code for it."""
    kab = kecamatan.kabupaten
    kunci = (kab.provinsi.nama, kab.jenis, kab.nama, kecamatan.nama)
    return daftar_kode().kode_kecamatan.get(kunci)


def kode_kabupaten(kabupaten) -> str | None:
    """The four-digit code of a loaded `Kabupaten`, None when the list has no code for it."""
    kunci = (kabupaten.provinsi.nama, kabupaten.jenis, kabupaten.nama)
    return daftar_kode().kode_kabupaten.get(kunci)
