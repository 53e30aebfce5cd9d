"""How the Kanwil and national view's figures become what it shows: the counts as cells
and sums (laporan.sensor) decided Kanwil by Kanwil, then the country; the attendance rates
with their n; the rows, months and absences of the page (frozen dataclasses).

Which figures are hidden. Client counts of 1 to 4 show "<5", and further cells are hidden
so that none can be worked out from a total (laporan.sensor). The cells are decided per
Kanwil (its offices, its total row, its months and its absences) on that Kanwil's own
figures, and the national view adds only national cells, so a Kanwil's rows read the same
whether a Kanwil user, a national user choosing that Kanwil, or the national page shows
them. Absence counts are attendance records, not clients, but a reason given by one client
only would point at that client, so they are hidden the same way.

Attendance counts only in the offices with at least 5 clients under guidance during the
period (from the register: started on or before its end, not ended before its start): an
office with fewer shows no rate and no n, and its records are left out of its Kanwil's and
the country's rates, trend and absences too, so that no total minus the offices shown gives
them back. The rollup holds no client ids, so the clients behind a rate cannot be counted
from it; the office's clients under guidance are the people its records are about, and
five or more of them mean a reader cannot tell whom a rate describes (an office where only
one of them had sessions would still show one: a bound on the population, not on the
records). A rate is shown when its n is at least N_MINIMUM (10). The rate and n of a group
say how many of its records were absences; the absences table hides small reasons on top of
that.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pembimbingan.pilihan import AlasanAbsen
from pembimbingan.selectors_rekap import TingkatKehadiran

from .periode_wilayah import PeriodeWilayah
from .sensor import AMBANG, Angka, Persamaan, Susunan

# The client figures of each office, in the order of the table's columns: one per ending
# status (klien.pilihan.STATUS_BERAKHIR, keyed by its lower-case value).
UKURAN = (
    ("berjalan", _("Berjalan di akhir periode")),
    ("masuk", pgettext_lazy("klien", "Masuk")),
    ("selesai", _("Selesai")),
    ("dicabut", _("Dicabut")),
    ("kembali", _("Kembali ke proses peradilan")),
    ("diakhiri", _("Diakhiri putusan / penetapan")),
    ("meninggal", _("Meninggal")),
    ("pindah", _("Pindah Bapas")),
    ("berisiko", _("Berisiko dicabut (saat ini)")),
)
KUNCI_UKURAN = tuple(k for k, _label in UKURAN)
# The reasons of absences, in the order of the table ("" is an absence without a reason).
ALASAN = (*AlasanAbsen.choices, ("", _("Tidak disebut")))


@dataclass(frozen=True)
class Kehadiran:
    """An attendance rate as published: shown when its n is at least N_MINIMUM and the
    group had at least AMBANG clients under guidance in the period."""

    tingkat: TingkatKehadiran
    klien: int  # clients under guidance in the period (not shown)

    @property
    def klien_cukup(self) -> bool:
        return self.klien >= AMBANG

    @property
    def tampil(self) -> bool:
        return self.klien_cukup and not self.tingkat.terlalu_sedikit

    @property
    def persen(self) -> int | None:
        return self.tingkat.persen if self.tampil else None

    @property
    def n(self) -> int | None:
        """The n shown beside the rate (none where the clients are too few)."""
        return self.tingkat.tercatat if self.klien_cukup else None


@dataclass(frozen=True)
class BarisWilayah:
    """One row of the offices' table: an office, a Kanwil's total or the national total."""

    nama: str
    jenis: str  # "kantor", "kanwil" or "nasional"
    jumlah_pk: int
    angka: tuple[Angka, ...]  # in the order of UKURAN
    kehadiran: Kehadiran

    def __getitem__(self, kunci: str) -> Angka:
        return self.angka[KUNCI_UKURAN.index(kunci)]


@dataclass(frozen=True)
class BulanWilayah:
    bulan: datetime.date
    masuk: Angka
    kehadiran: Kehadiran


@dataclass(frozen=True)
class AbsenAlasan:
    alasan: str  # AlasanAbsen, or "" for none given
    label: str
    jumlah: Angka


@dataclass(frozen=True)
class Lingkup:
    """The figures of a whole Kanwil or the country: its total row, its months and its
    absences by reason."""

    jumlah: BarisWilayah
    bulan: tuple[BulanWilayah, ...]
    absen: tuple[AbsenAlasan, ...]
    absen_jumlah: Angka


@dataclass(frozen=True)
class Blok:
    """A Kanwil: its offices' rows and its own figures."""

    kanwil_id: int
    nama: str
    kantor: tuple[BarisWilayah, ...]
    lingkup: Lingkup


@dataclass
class DataWilayah:
    """The rows read for the view (selectors_wilayah), by office."""

    kantor: list[tuple[int, str, int, str]]  # (id, name, kanwil id, kanwil name)
    pk: dict[int, int]
    klien: dict[int, dict[str, int]]
    masuk_bulan: dict[tuple[int, datetime.date], int]
    rekap: list[tuple[int, datetime.date, str, int, int]]  # (unit, month, reason, n, present)


@dataclass
class _Hadir:
    """Attendance summed over a group: recorded, present, clients under guidance."""

    n: int = 0
    hadir: int = 0
    klien: int = 0

    def tambah(self, lain: "_Hadir") -> None:
        self.n += lain.n
        self.hadir += lain.hadir
        self.klien += lain.klien

    def kehadiran(self, kelompok: dict) -> Kehadiran:
        return Kehadiran(TingkatKehadiran(kelompok, self.hadir, self.n), klien=self.klien)


@dataclass
class _SelLingkup:
    """A Kanwil's (or the country's) cells: its totals per figure, per month, per reason."""

    ukuran: list[int]
    bulan: list[int]
    alasan: list[int]
    absen: int
    hadir: _Hadir
    hadir_bulan: list[_Hadir]
    jumlah_pk: int


@dataclass
class _SelBlok:
    """A Kanwil's offices and their cells, as decided."""

    kanwil_id: int
    nama: str
    kantor: list[tuple[int, str]]  # (office id, name)
    baris: list[list[int]]  # each office's cells, in the order of UKURAN
    hadir_kantor: list[_Hadir]
    lingkup: _SelLingkup


class Penyusun:
    """The view's cells and sums, decided Kanwil by Kanwil, then the country."""

    def __init__(self, data: DataWilayah, periode: PeriodeWilayah):
        self.s = Susunan()
        self.data = data
        self.bulan = periode.bulan
        self.indeks_bulan = {b: i for i, b in enumerate(self.bulan)}
        self.indeks_alasan = {a: i for i, (a, _label) in enumerate(ALASAN)}
        # attendance per office, per office and month, absences per office and reason, of
        # the offices with enough clients behind them (the others' records count nowhere)
        self.hadir: dict[int, _Hadir] = {}
        self.hadir_bulan: dict[tuple[int, int], _Hadir] = {}
        self.absen: dict[tuple[int, int], int] = {}
        for unit, bulan, alasan, n, hadir in data.rekap:
            ib = self.indeks_bulan.get(bulan)
            if ib is None or self.klien(unit) < AMBANG:
                continue
            for h in (
                self.hadir.setdefault(unit, _Hadir()),
                self.hadir_bulan.setdefault((unit, ib), _Hadir()),
            ):
                h.n += n
                h.hadir += hadir
            if n - hadir:
                ia = self.indeks_alasan.get(alasan, self.indeks_alasan[""])
                self.absen[(unit, ia)] = self.absen.get((unit, ia), 0) + n - hadir

    def klien(self, unit: int) -> int:
        """The office's clients under guidance in the period."""
        return self.data.klien.get(unit, {}).get("dibimbing", 0)

    def blok(self, kanwil_id: int, nama: str, kantor: list[tuple[int, str]]) -> _SelBlok:
        """A Kanwil's cells and sums, decided on their own."""
        s, sel_awal, persamaan = self.s, len(self.s.nilai), []
        baris = []
        for unit, _nama in kantor:
            angka = self.data.klien.get(unit, {})
            baris.append([s.sel(angka.get(k, 0)) for k in KUNCI_UKURAN])
        ukuran = []
        for i in range(len(KUNCI_UKURAN)):
            total = s.sel(sum(s.nilai[b[i]] for b in baris))
            ukuran.append(total)
            persamaan.append(Persamaan(total, tuple(b[i] for b in baris)))
        units = [u for u, _nama in kantor]
        bulan = [
            s.sel(sum(self.data.masuk_bulan.get((u, b), 0) for u in units)) for b in self.bulan
        ]
        persamaan.append(Persamaan(ukuran[KUNCI_UKURAN.index("masuk")], tuple(bulan)))
        alasan = [
            s.sel(sum(self.absen.get((u, ia), 0) for u in units)) for ia in range(len(ALASAN))
        ]
        absen = s.sel(sum(s.nilai[a] for a in alasan))
        persamaan.append(Persamaan(absen, tuple(alasan)))
        s.persamaan.extend(persamaan)
        s.lindungi(boleh=range(sel_awal, len(s.nilai)), persamaan=persamaan)

        hadir_kantor = []
        hadir = _Hadir()
        for u in units:
            h = _Hadir(klien=self.klien(u))
            h.tambah(self.hadir.get(u, _Hadir()))
            hadir_kantor.append(h)
            if h.klien >= AMBANG:
                hadir.tambah(h)
        hadir_bulan = []
        for ib in range(len(self.bulan)):
            h = _Hadir(klien=hadir.klien)
            for u in units:
                lain = self.hadir_bulan.get((u, ib))
                if lain:
                    h.n += lain.n
                    h.hadir += lain.hadir
            hadir_bulan.append(h)
        lingkup = _SelLingkup(
            ukuran=ukuran,
            bulan=bulan,
            alasan=alasan,
            absen=absen,
            hadir=hadir,
            hadir_bulan=hadir_bulan,
            jumlah_pk=sum(self.data.pk.get(u, 0) for u in units),
        )
        return _SelBlok(kanwil_id, nama, kantor, baris, hadir_kantor, lingkup)

    def nasional(self, daftar: list[_SelLingkup]) -> _SelLingkup:
        """The country's cells: each the sum of the Kanwil cells, decided after them (only
        the national cells may be hidden here)."""
        s, sel_awal = self.s, len(self.s.nilai)

        def jumlah(kumpulan: list[int]) -> int:
            total = s.sel(sum(s.nilai[i] for i in kumpulan))
            s.jumlah(total, kumpulan)
            return total

        ukuran = [jumlah([d.ukuran[i] for d in daftar]) for i in range(len(KUNCI_UKURAN))]
        bulan = [jumlah([d.bulan[i] for d in daftar]) for i in range(len(self.bulan))]
        s.jumlah(ukuran[KUNCI_UKURAN.index("masuk")], bulan)
        alasan = [jumlah([d.alasan[i] for d in daftar]) for i in range(len(ALASAN))]
        absen = jumlah([d.absen for d in daftar])
        s.jumlah(absen, alasan)
        s.lindungi(boleh=range(sel_awal, len(s.nilai)))

        hadir = _Hadir()
        hadir_bulan = [_Hadir() for _b in self.bulan]
        for d in daftar:
            hadir.tambah(d.hadir)
            for h, lain in zip(hadir_bulan, d.hadir_bulan, strict=True):
                h.n += lain.n
                h.hadir += lain.hadir
        for h in hadir_bulan:
            h.klien = hadir.klien
        return _SelLingkup(
            ukuran=ukuran,
            bulan=bulan,
            alasan=alasan,
            absen=absen,
            hadir=hadir,
            hadir_bulan=hadir_bulan,
            jumlah_pk=sum(d.jumlah_pk for d in daftar),
        )

    # --- reading the decided cells ------------------------------------------------------

    def lingkup(self, sel: _SelLingkup, nama: str, jenis: str) -> Lingkup:
        a = self.s.angka
        return Lingkup(
            jumlah=BarisWilayah(
                nama=nama,
                jenis=jenis,
                jumlah_pk=sel.jumlah_pk,
                angka=tuple(a(i) for i in sel.ukuran),
                kehadiran=sel.hadir.kehadiran({"lingkup": nama}),
            ),
            bulan=tuple(
                BulanWilayah(b, a(i), h.kehadiran({"bulan": b}))
                for b, i, h in zip(self.bulan, sel.bulan, sel.hadir_bulan, strict=True)
            ),
            absen=tuple(
                AbsenAlasan(kode, str(label), a(i))
                for (kode, label), i in zip(ALASAN, sel.alasan, strict=True)
            ),
            absen_jumlah=a(sel.absen),
        )

    def baca_blok(self, blok: _SelBlok) -> Blok:
        a = self.s.angka
        return Blok(
            kanwil_id=blok.kanwil_id,
            nama=blok.nama,
            kantor=tuple(
                BarisWilayah(
                    nama=nama_kantor,
                    jenis="kantor",
                    jumlah_pk=self.data.pk.get(unit, 0),
                    angka=tuple(a(i) for i in sel_kantor),
                    kehadiran=h.kehadiran({"unit": unit}),
                )
                for (unit, nama_kantor), sel_kantor, h in zip(
                    blok.kantor, blok.baris, blok.hadir_kantor, strict=True
                )
            ),
            lingkup=self.lingkup(
                blok.lingkup, str(_("Jumlah %(kanwil)s") % {"kanwil": blok.nama}), "kanwil"
            ),
        )


def catatan_kehadiran(k: Kehadiran) -> str:
    """Why a rate is not shown (empty when it is)."""
    if not k.klien_cukup:
        return str(_("disembunyikan: kurang dari 5 klien"))
    if k.tingkat.tercatat and k.tingkat.terlalu_sedikit:
        return str(_("terlalu sedikit untuk dinilai"))
    return ""
