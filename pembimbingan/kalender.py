"""The ceremony-aware calendar: national holidays and Balinese Hindu days. Pure, no database.

Forms warn when a session or a reporting day falls on one of these days (issue 11, part 7),
and the office calendar page lists a year of them.

**National holidays** come from the `holidays` package, with their Indonesian names (Nyepi,
which follows the Saka lunar year, is among them).

**Balinese Hindu days** move on the 210-day *pawukon* cycle: 30 *wuku* (weeks) of 7 days,
each starting on Redite (Sunday). A day is named by its *saptawara* (7-day week), its
*pancawara* (5-day week) and its wuku, e.g. Galungan = Buda Kliwon Dungulan; since 7 × 30 =
210 is a multiple of 5, the three recur together every 210 days. Day 0 of the cycle is
Redite Paing Sinta; the anchor is Galungan on 28 February 2024 (DOMAIN.md; the next one,
25 September 2024, is exactly 210 days later), which is day 73 (wuku Dungulan is the 11th:
10 × 7 + Buda 3).

The days listed, by their wewaran, with the offset within the cycle derived from it and
published dates they were checked against (tests/pembimbingan/test_kalender.py):

=====================  ===========================  =====  ================================
day                    wewaran                      cycle  published dates checked
=====================  ===========================  =====  ================================
Penampahan Galungan    Anggara Wage Dungulan        72     (the day before Galungan)
Galungan               Buda Kliwon Dungulan         73     28 Feb 2024, 25 Sep 2024,
                                                           23 Apr 2025, 19 Nov 2025
Manis Galungan         Wraspati Umanis Dungulan     74     (the day after Galungan)
Ulihan                 Redite Wage Kuningan         77     23 Feb 2020
Kuningan               Saniscara Kliwon Kuningan    83     9 Mar 2024, 3 May 2025
Saraswati              Saniscara Umanis Watugunung  209    6 Sep 2025
Pagerwesi              Buda Kliwon Sinta            3      26 Oct 2022
=====================  ===========================  =====  ================================

Kuningan is 10 days after Galungan (83 − 73) and Pagerwesi 4 days after Saraswati
(209 + 4 − 210 = 3), as DOMAIN.md says.

Left out on purpose: *Pemaridan Guru* (sources disagree: Saniscara Pon Dungulan, or the
same day as Ulihan by the Sundarigama reading) and *Manis Kuningan* (no source found to
check it against). Other rerahinan (Sugihan, Penyekeban, Pemacekan Agung, Banyu Pinaruh,
Tumpek, Kajeng Kliwon…) are not listed either: the issue asks for the ceremony days around
Galungan and Kuningan, Saraswati and Pagerwesi.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

SIKLUS = 210  # days of the pawukon cycle

SAPTAWARA = ("Redite", "Soma", "Anggara", "Buda", "Wraspati", "Sukra", "Saniscara")
PANCAWARA = ("Umanis", "Paing", "Pon", "Wage", "Kliwon")
WUKU = (
    "Sinta",
    "Landep",
    "Ukir",
    "Kulantir",
    "Tolu",
    "Gumbreg",
    "Wariga",
    "Warigadean",
    "Julungwangi",
    "Sungsang",
    "Dungulan",
    "Kuningan",
    "Langkir",
    "Medangsia",
    "Pujut",
    "Pahang",
    "Krulut",
    "Merakih",
    "Tambir",
    "Medangkungan",
    "Matal",
    "Uye",
    "Menail",
    "Prangbakat",
    "Bala",
    "Ugu",
    "Wayang",
    "Klawu",
    "Dukut",
    "Watugunung",
)

# The anchor (DOMAIN.md): Galungan, Buda Kliwon Dungulan, is day 73 of the cycle.
GALUNGAN_ACUAN = date(2024, 2, 28)
_HARI_KE_GALUNGAN = WUKU.index("Dungulan") * 7 + SAPTAWARA.index("Buda")

# The years the page and the holiday table cover (the `holidays` package knows 1946–2100).
TAHUN_MIN = 2000
TAHUN_MAX = 2100


class JenisHariKhusus(StrEnum):
    NASIONAL = "nasional"  # a national holiday (the `holidays` package)
    PAWUKON = "pawukon"  # a Balinese Hindu day of the 210-day cycle


@dataclass(frozen=True)
class HariKhusus:
    tanggal: date
    nama: str
    jenis: JenisHariKhusus


@dataclass(frozen=True)
class Wewaran:
    saptawara: str
    pancawara: str
    wuku: str

    def __str__(self) -> str:
        return f"{self.saptawara} {self.pancawara} {self.wuku}"


def hari_ke(tanggal: date) -> int:
    """The day's position in the pawukon cycle: 0 (Redite Paing Sinta) to 209."""
    return ((tanggal - GALUNGAN_ACUAN).days + _HARI_KE_GALUNGAN) % SIKLUS


def wewaran(tanggal: date) -> Wewaran:
    """The day's saptawara, pancawara and wuku."""
    n = hari_ke(tanggal)
    # day 0 is Paing (pancawara 1): Galungan, day 73, is then Kliwon as it must be
    return Wewaran(SAPTAWARA[n % 7], PANCAWARA[(n + 1) % 5], WUKU[n // 7])


def _posisi(nama_wewaran: str) -> int:
    """The position in the cycle of the day named "saptawara pancawara wuku"; a name that
    no day of the cycle has (the pancawara does not fall on that weekday of that wuku)
    is a programming error."""
    saptawara, pancawara, wuku = nama_wewaran.split()
    n = WUKU.index(wuku) * 7 + SAPTAWARA.index(saptawara)
    if PANCAWARA[(n + 1) % 5] != pancawara:
        raise ValueError(f"{nama_wewaran}: no such day in the pawukon cycle")
    return n


# The Hindu days listed, each defined by its wewaran (see the table above).
HARI_PAWUKON: tuple[tuple[str, int], ...] = (
    (gettext_noop("Penampahan Galungan"), _posisi("Anggara Wage Dungulan")),
    (gettext_noop("Galungan"), _posisi("Buda Kliwon Dungulan")),
    (gettext_noop("Manis Galungan"), _posisi("Wraspati Umanis Dungulan")),
    (gettext_noop("Ulihan"), _posisi("Redite Wage Kuningan")),
    (gettext_noop("Kuningan"), _posisi("Saniscara Kliwon Kuningan")),
    (gettext_noop("Saraswati"), _posisi("Saniscara Umanis Watugunung")),
    (gettext_noop("Pagerwesi"), _posisi("Buda Kliwon Sinta")),
)


def tanggal_pawukon(tahun: int, posisi: int) -> list[date]:
    """Every date of `tahun` at position `posisi` of the cycle (one or two of them)."""
    awal = date(tahun, 1, 1)
    hari = awal + timedelta(days=(posisi - hari_ke(awal)) % SIKLUS)
    hasil = []
    while hari.year == tahun:
        hasil.append(hari)
        hari += timedelta(days=SIKLUS)
    return hasil


def galungan(tahun: int) -> list[date]:
    return tanggal_pawukon(tahun, _posisi("Buda Kliwon Dungulan"))


def kuningan(tahun: int) -> list[date]:
    return tanggal_pawukon(tahun, _posisi("Saniscara Kliwon Kuningan"))


def saraswati(tahun: int) -> list[date]:
    return tanggal_pawukon(tahun, _posisi("Saniscara Umanis Watugunung"))


def pagerwesi(tahun: int) -> list[date]:
    return tanggal_pawukon(tahun, _posisi("Buda Kliwon Sinta"))


@lru_cache(maxsize=32)
def _libur_nasional(tahun: int) -> tuple[tuple[date, str], ...]:
    libur = holidays.country_holidays("ID", years=tahun, language="id")
    return tuple(sorted((hari, nama) for hari in libur for nama in libur.get_list(hari)))


def _urut(hari: HariKhusus) -> tuple:
    return (hari.tanggal, hari.jenis != JenisHariKhusus.NASIONAL, hari.nama)


def awal_hari(tanggal: date) -> datetime:
    """Midnight of a day in the current time zone (the office's: akun.middleware), the
    bound of a day's sessions."""
    return timezone.make_aware(datetime.combine(tanggal, time.min))


def hari_libur(tanggal: date) -> bool:
    """Whether `tanggal` is a national holiday (no office work: deadlines skip it)."""
    return any(hari == tanggal for hari, _nama in _libur_nasional(tanggal.year))


def libur_nasional(tahun: int) -> list[HariKhusus]:
    """The year's national holidays, with their Indonesian names."""
    return [
        HariKhusus(hari, nama, JenisHariKhusus.NASIONAL) for hari, nama in _libur_nasional(tahun)
    ]


def hari_pawukon(tahun: int) -> list[HariKhusus]:
    """The year's Balinese Hindu days (names translated at call time)."""
    hari = [
        HariKhusus(tanggal, gettext(nama), JenisHariKhusus.PAWUKON)
        for nama, posisi in HARI_PAWUKON
        for tanggal in tanggal_pawukon(tahun, posisi)
    ]
    return sorted(hari, key=_urut)


def hari_khusus_tahun(tahun: int, *, bali: bool) -> list[HariKhusus]:
    """The year's special days in date order: national holidays, and for an office in Bali
    the Balinese Hindu days too."""
    hari = libur_nasional(tahun) + (hari_pawukon(tahun) if bali else [])
    return sorted(hari, key=_urut)


def hari_khusus(tanggal: date, *, bali: bool, hindu: bool) -> list[HariKhusus]:
    """The special days falling on `tanggal` (empty on an ordinary day): a national holiday,
    and, for an office in Bali or a Hindu client, a Balinese Hindu day."""
    hasil = [h for h in libur_nasional(tanggal.year) if h.tanggal == tanggal]
    if bali or hindu:
        posisi = hari_ke(tanggal)
        hasil += [
            HariKhusus(tanggal, gettext(nama), JenisHariKhusus.PAWUKON)
            for nama, p in HARI_PAWUKON
            if p == posisi
        ]
    return hasil
