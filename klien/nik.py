"""What a NIK says about its holder: 2 digits province, 2 kabupaten/kota, 2 kecamatan (the
Kemendagri codes of where it was issued), the DDMMYY birth date with +40 on the day for
women, and a 4-digit serial.

Two kinds of finding:
- A NIK that cannot exist is refused (`masalah_nik`, raised by `ValidatorNik`, the model
  field's validator, so the form, the import and the services all refuse it): a day or a
  month no calendar has, a date past its month's end, a province code of no province.
- A NIK that could exist but disagrees with the record (sex, birth date), or names a
  kabupaten or kecamatan the region list does not hold (codes change when regions split),
  is a warning for the PK to check, never a refusal (`periksa_nik`).
"""

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from wilayah import kode as kode_wilayah

NIK_16_ANGKA = re.compile(r"[0-9]{16}")  # ASCII digits only (str.isdigit takes others)


def _hari_maksimum(bulan: int, tahun2: int) -> int:
    """The last day of a month; in February of a two-digit year, 29 when 19YY or 20YY is a
    leap year (00 stands for 1900, which is not, or 2000, which is)."""
    if bulan == 2:
        return 29 if tahun2 % 4 == 0 else 28
    return calendar.monthrange(2001, bulan)[1]


def masalah_nik(nik: str) -> list[str]:
    """Why a 16-digit NIK cannot exist (empty when it can); other values are not judged
    here (the 16-digit rule is the field's own)."""
    if not NIK_16_ANGKA.fullmatch(nik or ""):
        return []
    masalah = []
    if not kode_wilayah.provinsi_ada(nik[:2]):
        masalah.append(
            _(
                "Kode provinsi NIK (%(kode)s) tidak ada: dua angka pertama NIK adalah kode "
                "provinsi Kemendagri, mis. 51 untuk Bali."
            )
            % {"kode": nik[:2]}
        )
    hari, bulan, tahun2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    hari_sah = 1 <= hari <= 31 or 41 <= hari <= 71
    if not hari_sah:
        masalah.append(
            _(
                "Bagian tanggal lahir NIK (%(hari)s) tidak mungkin: tanggal 01–31, atau 41–71 "
                "untuk perempuan."
            )
            % {"hari": nik[6:8]}
        )
    if not 1 <= bulan <= 12:
        masalah.append(
            _("Bagian bulan lahir NIK (%(bulan)s) tidak mungkin: bulan 01–12.")
            % {"bulan": nik[8:10]}
        )
    elif hari_sah and hari % 40 > _hari_maksimum(bulan, tahun2):
        masalah.append(
            _(
                "Tanggal lahir pada NIK (%(tanggal)s) tidak ada di kalender: bulan itu hanya "
                "sampai tanggal %(maks)d."
            )
            % {
                "tanggal": f"{hari % 40:02d}-{nik[8:10]}-{nik[10:12]}",
                "maks": _hari_maksimum(bulan, tahun2),
            }
        )
    return masalah


def validasi_nik(nik: str) -> None:
    masalah = masalah_nik(nik)
    if masalah:
        raise ValidationError(masalah, code="nik_mustahil")


# Written to migrations as the plain RegexValidator it extends: the second check has no
# database side, so the migration state keeps the regex the CHECK constraint holds.
@deconstructible(path="django.core.validators.RegexValidator")
class ValidatorNik(RegexValidator):
    """The NIK field's validator: 16 digits (as the database checks), then a NIK that
    could exist (`masalah_nik`)."""

    def __call__(self, value):
        super().__call__(value)
        validasi_nik(value)


def periksa_nik(nik: str, tanggal_lahir: datetime.date | None, jenis_kelamin: str) -> list[str]:
    """What the PK should check about a stored NIK. A NIK that cannot exist (kept from
    before such NIKs were refused) says only that: the rest of it cannot be trusted."""
    if not NIK_16_ANGKA.fullmatch(nik or ""):
        return []
    masalah = masalah_nik(nik)
    if masalah:
        return masalah
    hari, bulan, tahun2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    peringatan = _periksa_wilayah(nik)
    perempuan = hari > 40
    if perempuan:
        hari -= 40
    if jenis_kelamin in ("L", "P") and perempuan != (jenis_kelamin == "P"):
        peringatan.append(
            _("Jenis kelamin pada NIK (%(nik)s) berbeda dengan data klien.")
            % {"nik": _("perempuan") if perempuan else _("laki-laki")}
        )
    if tanggal_lahir and (hari, bulan, tahun2) != (
        tanggal_lahir.day,
        tanggal_lahir.month,
        tanggal_lahir.year % 100,
    ):
        peringatan.append(
            _("Tanggal lahir pada NIK (%(tgl)02d-%(bln)02d-%(thn)02d) berbeda dengan data klien.")
            % {"tgl": hari, "bln": bulan, "thn": tahun2}
        )
    return peringatan


def _periksa_wilayah(nik: str) -> list[str]:
    """A kabupaten/kota or kecamatan code the region list does not hold, for a province
    whose regions it lists; a region split since the list was made is one explanation."""
    kab, kec = nik[:4], nik[:6]
    if kode_wilayah.kabupaten_dikenal(kab) is False:
        return [
            _(
                "Kode kabupaten/kota pada NIK (%(kode)s) tidak ada dalam daftar wilayah "
                "%(prov)s. Periksa NIK; kode dapat berubah bila wilayah dimekarkan."
            )
            % {"kode": f"{kab[:2]}.{kab[2:]}", "prov": kode_wilayah.daftar_kode().provinsi[kab[:2]]}
        ]
    if kode_wilayah.kecamatan_dikenal(kec) is False:
        return [
            _(
                "Kode kecamatan pada NIK (%(kode)s) tidak ada dalam daftar kecamatan "
                "%(kab)s. Periksa NIK; kode dapat berubah bila wilayah dimekarkan."
            )
            % {
                "kode": f"{kec[:2]}.{kec[2:4]}.{kec[4:]}",
                "kab": kode_wilayah.daftar_kode().kabupaten[kab],
            }
        ]
    return []


def buat_nik(*, kode_kecamatan: str, lahir: datetime.date, perempuan: bool, urut: int) -> str:
    """A NIK for generated data (demo, synthetic data, tests): the six-digit kecamatan
    code, the birth date (+40 on the day for a woman) and a serial (taken modulo 10000)."""
    hari = lahir.day + (40 if perempuan else 0)
    return f"{kode_kecamatan}{hari:02d}{lahir:%m%y}{urut % 10000:04d}"
