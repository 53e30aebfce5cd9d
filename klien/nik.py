"""What a NIK says about its holder: DDMMYY birth date at positions 7-12, +40 on the day for women.

A NIK that disagrees with the record is a warning for the PK to check, never a refusal.
"""

import datetime

from django.utils.translation import gettext as _


def periksa_nik(nik: str, tanggal_lahir: datetime.date | None, jenis_kelamin: str) -> list[str]:
    if not nik or len(nik) != 16 or not nik.isdigit():
        return []
    hari, bulan, tahun2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    peringatan = []
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
