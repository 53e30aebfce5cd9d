"""The columns of a client file, declared once: the import template, the export and the
importer all read `KOLOM_KLIEN`, so a file exported from one office can be imported into
another, and a column added here appears in all three.

A column has a key (the CSV's header, stable for other tools) and a heading (the model
field's name as a person reads it: the XLSX's header). The importer reads either, in any
of the interface's languages, and a code (`PB`) or its label (`Pembebasan bersyarat
(PB)`) alike; the export writes codes to the CSV and labels to the XLSX, as the template
shows them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from operator import methodcaller
from typing import Any

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from inti.ekspor import JenisKolom, Kolom

from .models import Klien
from .pilihan import (
    Agama,
    JenisKelamin,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusKlien,
    StatusPerkawinan,
)


class Isi(StrEnum):
    """What a column holds, so that the importer knows how to read it."""

    TEKS = "teks"
    TANGGAL = "tanggal"
    ANGKA = "angka"
    PILIHAN = "pilihan"  # a code of `pilihan`, or its label
    DESA = "desa"  # the three region columns name the client's village together
    KECAMATAN = "kecamatan"
    KABUPATEN = "kabupaten"
    PK = "pk"  # an active PK of the office: username, full name (or NIP, as files once did)
    LEMBAGA = "lembaga"  # a Lapas/Rutan/LPKA of the reference list, by name
    STATUS = "status"  # read to leave out clients whose guidance has ended


FORMAT_TANGGAL = _("Tanggal: TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT (di XLSX boleh sel tanggal).")


@dataclass(frozen=True)
class KolomKlien:
    kunci: str
    isi: Isi = Isi.TEKS
    wajib: bool = False
    pilihan: type[TextChoices] | None = None
    # where the value lives on a client, dotted ("desa.kecamatan.nama"); default the key
    atribut: str = ""
    judul_: Promise | None = None  # default: the model field's verbose name
    keterangan: Promise | str = ""  # the format, for the template's help sheet and the page
    alias: tuple[str, ...] = ()  # older header names still read

    @property
    def jalur(self) -> str:
        return self.atribut or self.kunci

    @property
    def field(self) -> str:
        """The model field the column sets (the first step of its path)."""
        return self.jalur.split(".")[0]

    @property
    def judul(self) -> str:
        if self.judul_ is not None:
            return capfirst(str(self.judul_))
        return capfirst(str(Klien._meta.get_field(self.field).verbose_name))

    @property
    def format(self) -> str:
        """How the value is written, for a person (the template's help sheet, the page)."""
        if self.keterangan:
            return str(self.keterangan)
        if self.isi == Isi.TANGGAL:
            return str(FORMAT_TANGGAL)
        if self.isi == Isi.PILIHAN:
            return str(_("Salah satu nilai di daftar (kode atau labelnya)."))
        field = Klien._meta.get_field(self.field)
        return str(_("Teks, paling banyak %(n)d karakter.") % {"n": field.max_length})

    def baca(self, klien) -> Any:
        """The stored value on a client (a code, a date, a name along a relation); empty
        when a relation on the way is empty."""
        nilai = klien
        for langkah in self.jalur.split("."):
            nilai = getattr(nilai, langkah, None)
            if nilai is None:
                return ""
        return nilai

    def kolom_ekspor(self, *, nik_lengkap: bool = True) -> Kolom:
        """The export layer's column: the CSV writes `nilai` under the key, the XLSX the
        label (codes) under the heading."""
        nilai: Callable[[Any], Any] = self.baca
        label = None
        if self.kunci == "nik" and not nik_lengkap:
            nilai = _nik_tersamar
        if self.pilihan is not None:
            label = methodcaller(f"get_{self.field}_display")
        jenis = {Isi.TANGGAL: JenisKolom.TANGGAL, Isi.ANGKA: JenisKolom.ANGKA}.get(
            self.isi, JenisKolom.TEKS
        )
        return Kolom(self.kunci, self.judul, nilai, jenis, label=label)


def _nik_tersamar(klien) -> str:
    return klien.nik_tersamar


K = KolomKlien
KOLOM_KLIEN: tuple[KolomKlien, ...] = (
    K("no_register", wajib=True),
    K("no_register_lapas"),
    K(
        "lapas_asal",
        Isi.LEMBAGA,
        atribut="lembaga_asal.nama",
        keterangan=_(
            "Nama Lapas/Rutan/LPKA dari daftar lembaga (tulisan 'Lembaga Pemasyarakatan', "
            "'Kls' atau kelasnya boleh berbeda)."
        ),
    ),
    K("tanggal_serah_terima", Isi.TANGGAL),
    K("nama", wajib=True),
    K("alias"),
    K("nik", keterangan=_("16 angka; wajib untuk klien dewasa, boleh kosong untuk anak.")),
    K("kategori", Isi.PILIHAN, wajib=True, pilihan=Kategori),
    K("jenis_kelamin", Isi.PILIHAN, wajib=True, pilihan=JenisKelamin),
    K("tempat_lahir"),
    K("tanggal_lahir", Isi.TANGGAL, wajib=True),
    K("agama", Isi.PILIHAN, wajib=True, pilihan=Agama),
    K("pendidikan", Isi.PILIHAN, pilihan=Pendidikan),
    K("pekerjaan"),
    K("status_perkawinan", Isi.PILIHAN, pilihan=StatusPerkawinan),
    K("alamat"),
    K(
        "desa",
        Isi.DESA,
        wajib=True,
        atribut="desa.nama",
        keterangan=_("Nama desa/kelurahan di wilayah kerja kantor (daftar di templat XLSX)."),
    ),
    K(
        "kecamatan",
        Isi.KECAMATAN,
        wajib=True,
        atribut="desa.kecamatan.nama",
        judul_=_("kecamatan"),
        keterangan=_("Kecamatan desa itu."),
    ),
    K(
        "kabupaten",
        Isi.KABUPATEN,
        wajib=True,
        atribut="desa.kecamatan.kabupaten.nama",
        judul_=_("kabupaten/kota"),
        keterangan=_("Kabupaten/kota desa itu, tanpa kata 'Kabupaten'."),
    ),
    K("telepon"),
    K("nama_penjamin"),
    K("hubungan_penjamin"),
    K("telepon_penjamin"),
    K("kontak_keluarga"),
    K("perkara", wajib=True),
    K("pasal"),
    K("no_putusan"),
    K("tanggal_putusan", Isi.TANGGAL),
    K("lama_pidana_bulan", Isi.ANGKA, keterangan=_("Bilangan bulat (bulan).")),
    K("program", Isi.PILIHAN, wajib=True, pilihan=ProgramIntegrasi),
    K("no_sk"),
    K("tanggal_sk", Isi.TANGGAL),
    K("penerbit_sk"),
    K("tanggal_mulai", Isi.TANGGAL, wajib=True),
    K("tanggal_ekspirasi", Isi.TANGGAL, wajib=True),
    K("no_litmas"),
    K("tanggal_litmas", Isi.TANGGAL),
    K(
        "pk_litmas",
        Isi.PK,
        atribut="pk_litmas.username",
        keterangan=_(
            "Nama pengguna atau nama lengkap PK aktif kantor ini yang membuat Litmas; bila "
            "Litmas dibuat PK Bapas lain, kosongkan dan isi kolom berikutnya."
        ),
    ),
    K("pk_litmas_lain"),
    K(
        "pk",
        Isi.PK,
        wajib=True,
        atribut="pk_pembimbing.username",
        judul_=_("PK pembimbing"),
        keterangan=_(
            "Nama pengguna PK aktif kantor ini, atau nama lengkapnya (bila ada dua PK "
            "bernama sama, tulis nama penggunanya)."
        ),
        alias=("nip_pk",),
    ),
    K(
        "status",
        Isi.STATUS,
        pilihan=StatusKlien,
        keterangan=_(
            "Boleh kosong. Klien diimpor dengan status Penerimaan; baris dengan status yang "
            "sudah berakhir (Selesai, Dicabut, Meninggal, Pindah Bapas) dilewati."
        ),
    ),
)
del K

KOLOM_PER_KUNCI = {k.kunci: k for k in KOLOM_KLIEN}
KOLOM_WAJIB = [k.kunci for k in KOLOM_KLIEN if k.wajib]
KOLOM_PILIHAN = [k.kunci for k in KOLOM_KLIEN if not k.wajib]
# what the columns read through (the export's select_related)
RELASI = ("pk_pembimbing", "pk_litmas", "lembaga_asal", "desa__kecamatan__kabupaten")

# The template's example row, as far as it does not depend on the office (its village, PK
# and institution are the office's own): a man, second child (I Made), on parole for theft,
# his dates in order (detained 20-06-2023, 30 months; parole after two thirds of the term;
# guidance to the end of the term plus one year). An import refuses a row with this
# register number and name: the example left in the file.
CONTOH = {
    "no_register": "PB-2025-0117",
    "no_register_lapas": "BI.412/2023",
    "nama": "I Made Sudarsana",
    "alias": "Made Dar",
    "kategori": "DEWASA",
    "jenis_kelamin": "L",
    "tanggal_lahir": datetime.date(1988, 3, 14),
    "agama": "HINDU",
    "pendidikan": "SMA",
    "pekerjaan": "Petani",
    "status_perkawinan": "KAWIN",
    "alamat": "Banjar Dinas Kaja",
    "telepon": "081338123456",
    "nama_penjamin": "Ni Wayan Sukerti",
    "hubungan_penjamin": "Istri",
    "telepon_penjamin": "081999876543",
    "kontak_keluarga": "I Ketut Rai (ayah), 081237654321",
    "perkara": "Pencurian",
    "pasal": "Pasal 362 KUHP",
    "no_putusan": "87/Pid.B/2023/PN Amp",
    "tanggal_putusan": datetime.date(2023, 8, 21),
    "lama_pidana_bulan": 30,
    "program": "PB",
    "no_sk": "PAS-2517.PK.05.09 Tahun 2025",
    "tanggal_sk": datetime.date(2025, 2, 17),
    "penerbit_sk": "Direktur Jenderal Pemasyarakatan",
    "tanggal_mulai": datetime.date(2025, 2, 24),
    "tanggal_ekspirasi": datetime.date(2026, 12, 20),
    "no_litmas": "117/Litmas/PB/I/2025",
    "tanggal_litmas": datetime.date(2025, 1, 13),
}


def kunci_teks(teks: str) -> str:
    """A header or a code as compared: case folded, whitespace collapsed."""
    return " ".join(str(teks).split()).casefold()


def peta_kepala() -> dict[str, str]:
    """Every header the importer reads (key, older names, the heading in each of the
    interface's languages), compared by `kunci_teks` → the column's key."""
    peta: dict[str, str] = {}
    for bahasa, _nama in settings.LANGUAGES:
        with translation.override(bahasa):
            for k in KOLOM_KLIEN:
                peta[kunci_teks(k.judul)] = k.kunci
    for k in KOLOM_KLIEN:  # the keys last: a key wins over a heading that spells the same
        for nama in (*k.alias, k.kunci):
            peta[kunci_teks(nama)] = k.kunci
    return peta


def ejaan_pilihan(pilihan: type[TextChoices]) -> dict[str, str]:
    """Every spelling of a choice set's values the importer reads (the code, the label in
    each of the interface's languages), compared by `kunci_teks` → the code."""
    ejaan: dict[str, str] = {}
    for bahasa, _nama in settings.LANGUAGES:
        with translation.override(bahasa):
            for nilai, label in pilihan.choices:
                ejaan[kunci_teks(label)] = nilai
    for nilai in pilihan.values:
        ejaan[kunci_teks(nilai)] = nilai
    return ejaan
