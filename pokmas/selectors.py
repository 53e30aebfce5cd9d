"""Reads reused by pages (and by the dashboards of `laporan`)."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Q

from inti.nama import kunci_nama

from .models import Mitra
from .pilihan import KELOMPOK_WAJIB, TARGET_PER_KELOMPOK, KelompokMitra, StatusMitra

# Words that say what kind of body it is, not which one ("Yayasan X" ~ "X").
_KATA_UMUM = {
    "yayasan",
    "lembaga",
    "lbh",
    "kelompok",
    "pt",
    "cv",
    "ud",
    "koperasi",
    "perkumpulan",
    "dr",
    "drs",
    "the",
    "bali",
    "indonesia",
}


def normalisasi_nama(nama: str) -> str:
    """The words that tell partners apart: inti.nama's comparison key (invisible characters
    dropped, accents and case folded), without the words every body's name has."""
    teks = kunci_nama(nama)
    kata = [k for k in re.split(r"[^a-z0-9]+", teks) if k and k not in _KATA_UMUM]
    return " ".join(kata)


def mitra_nama_mirip(*, unit, nama: str, kecuali_pk: int | None = None) -> list[Mitra]:
    """Partners of the office whose name looks like `nama` (normalised, difflib ≥ 0.8)."""
    target = normalisasi_nama(nama)
    if not target:
        return []
    calon = Mitra.objects.filter(unit=unit).only("pk", "nama", "status").order_by("nama")
    if kecuali_pk:
        calon = calon.exclude(pk=kecuali_pk)
    hasil = []
    for mitra in calon:
        lain = normalisasi_nama(mitra.nama)
        if not lain:
            continue
        rasio = difflib.SequenceMatcher(None, target, lain).ratio()
        if rasio >= 0.8 or (
            min(len(target), len(lain)) >= 5 and (target in lain or lain in target)
        ):
            hasil.append(mitra)
    return hasil


@dataclass(frozen=True)
class BarisKomposisi:
    kelompok: str
    label: str
    wajib: bool
    jumlah_aktif: int
    jumlah_kandidat: int
    target: int

    @property
    def kurang(self) -> int:
        return max(self.target - self.jumlah_aktif, 0) if self.wajib else 0

    @property
    def terpenuhi(self) -> bool:
        return self.kurang == 0


@dataclass(frozen=True)
class Komposisi:
    baris: list[BarisKomposisi]

    @property
    def terpenuhi(self) -> bool:
        return all(b.terpenuhi for b in self.baris)

    @property
    def kekurangan(self) -> list[BarisKomposisi]:
        return [b for b in self.baris if not b.terpenuhi]


def komposisi_kelompok(user) -> Komposisi:
    """The guideline's composition check: the two required groups (Hukum dan
    Kemasyarakatan; Kemandirian dan Kepribadian) each need about five active partners;
    Ekonomi and Sosial are optional. One query."""
    hitung = {
        r["kelompok"]: r
        for r in Mitra.objects.for_user(user)
        .values("kelompok")
        .annotate(
            aktif=Count("pk", filter=Q(status=StatusMitra.AKTIF)),
            kandidat=Count("pk", filter=Q(status=StatusMitra.KANDIDAT)),
        )
        .order_by()
    }
    baris = []
    for kelompok in KelompokMitra:
        r = hitung.get(kelompok.value, {})
        baris.append(
            BarisKomposisi(
                kelompok=kelompok.value,
                label=kelompok.label,
                wajib=kelompok in KELOMPOK_WAJIB,
                jumlah_aktif=r.get("aktif", 0),
                jumlah_kandidat=r.get("kandidat", 0),
                target=TARGET_PER_KELOMPOK,
            )
        )
    return Komposisi(baris=baris)
