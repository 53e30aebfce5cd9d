"""An import template as an XLSX workbook: the columns of an export (`inti.ekspor.Kolom`),
with what a person filling it in needs besides.

Three sheets, the data sheet first (the one an import reads):
- the data sheet: the headings of the export (a required column's heading shaded), example
  rows written as the export writes its cells, each column's cells formatted for what they
  hold (text, so that a spreadsheet keeps a NIK's sixteen digits; day-month-year dates), and
  a drop-down list on every column that has allowed values;
- a help sheet: each column's heading, key (the CSV's header), whether it is required, its
  format and its allowed values;
- a sheet of the lists the drop-downs read (a range of cells, not the list typed into the
  validation: Excel caps those at 255 characters, and a comma in a value would split it).
Styles and validations are set on whole columns and ranges, never cell by cell, so an empty
template holds only its header and example cells.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .ekspor import FORMAT_TANGGAL, JenisKolom, Kolom, _judul_lembar, _teks_xlsx, sel_aman

JENIS_KONTEN_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Allowed values this many or fewer are written out on the help sheet; longer lists point
# to their column on the lists sheet.
DAFTAR_DITULIS_MAKS = 12
_WAJIB = PatternFill("solid", start_color="FFF2CC")  # a light yellow behind required headings


@dataclass(frozen=True)
class KolomTemplat:
    kolom: Kolom  # the export's column: key, heading, how an example row's cell is read
    wajib: bool = False
    format: str = ""  # how a value is written, for the help sheet
    daftar: Sequence[str] = ()  # allowed values: a drop-down list on the data sheet
    ketat: bool = True  # a value off the list is refused (False: a warning the user may pass)


def buku_templat(
    kolom: Sequence[KolomTemplat],
    contoh: Iterable[Any],
    *,
    judul: str,
    baris_maks: int,
    catatan: Sequence[str] = (),
) -> Workbook:
    """The template workbook; `contoh` are the example rows (read as the export reads its
    rows), `baris_maks` how many data rows the validations and formats cover, `catatan`
    lines of general notes under the help sheet's table."""
    buku = Workbook()
    data = buku.active
    data.title = _judul_lembar(judul)
    petunjuk = buku.create_sheet(_judul_lembar(_("Petunjuk")))
    daftar = buku.create_sheet(_judul_lembar(_("Daftar")))
    akhir = baris_maks + 1
    tebal = Font(bold=True)

    kolom_daftar = 0
    sumber_daftar: dict[str, str] = {}  # key → the lists sheet's column letter
    for k in kolom:
        if not k.daftar:
            continue
        kolom_daftar += 1
        huruf = get_column_letter(kolom_daftar)
        sumber_daftar[k.kolom.kunci] = huruf
        daftar.cell(1, kolom_daftar, _teks_xlsx(k.kolom.judul)).font = tebal
        for i, nilai in enumerate(k.daftar, start=2):
            daftar.cell(i, kolom_daftar, sel_aman(_teks_xlsx(str(nilai))))
        terpanjang = max(len(str(v)) for v in k.daftar)
        daftar.column_dimensions[huruf].width = max(12, min(40, terpanjang) + 2)
    daftar.freeze_panes = "A2"
    daftar.protection.sheet = True  # no password: against an accidental edit only

    for i, k in enumerate(kolom, start=1):
        huruf = get_column_letter(i)
        sel = data.cell(1, i, _teks_xlsx(k.kolom.judul))
        sel.font = tebal
        if k.wajib:
            sel.fill = _WAJIB
        dimensi = data.column_dimensions[huruf]
        dimensi.width = k.kolom.lebar or max(12, min(40, len(k.kolom.judul) + 4))
        if k.kolom.jenis == JenisKolom.TANGGAL:
            dimensi.number_format = FORMAT_TANGGAL
        elif k.kolom.jenis == JenisKolom.TEKS:
            dimensi.number_format = "@"  # text: digits stay as typed (a NIK, a phone)
        rentang = f"{huruf}2:{huruf}{akhir}"
        if k.kolom.kunci in sumber_daftar:
            sumber = sumber_daftar[k.kolom.kunci]
            validasi = DataValidation(
                type="list",
                formula1=f"'{daftar.title}'!${sumber}$2:${sumber}${len(k.daftar) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if k.ketat else "warning",
                errorTitle=_("Nilai tidak ada di daftar"),
                error=_("Pilih salah satu nilai dari daftar (lembar %(lembar)s).")
                % {"lembar": daftar.title},
            )
        elif k.kolom.jenis == JenisKolom.ANGKA:
            validasi = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Bukan bilangan bulat"),
                error=_("Isi bilangan bulat, 0 atau lebih."),
            )
        else:
            continue
        validasi.add(rentang)
        data.add_data_validation(validasi)

    miring = Font(italic=True, color="595959")  # 7:1 on white
    for r, baris in enumerate(contoh, start=2):
        for i, k in enumerate(kolom, start=1):
            nilai = (k.kolom.label or k.kolom.nilai)(baris)
            if nilai is None or nilai == "":
                continue
            sel = data.cell(r, i, _nilai_sel(k.kolom.jenis, nilai))
            sel.font = miring
            if k.kolom.jenis == JenisKolom.TANGGAL:
                sel.number_format = FORMAT_TANGGAL
    data.freeze_panes = "A2"

    _isi_petunjuk(petunjuk, kolom, sumber_daftar, daftar.title, catatan)
    return buku


def _nilai_sel(jenis: JenisKolom, nilai):
    if jenis == JenisKolom.TANGGAL:
        return nilai
    if jenis == JenisKolom.ANGKA and isinstance(nilai, int | float):
        return nilai
    return sel_aman(_teks_xlsx(str(nilai)))


def _isi_petunjuk(lembar, kolom, sumber_daftar, judul_daftar: str, catatan) -> None:
    tebal = Font(bold=True)
    bungkus = Alignment(wrap_text=True, vertical="top")
    kepala = [_("Kolom"), _("Judul di CSV"), _("Wajib"), _("Format"), _("Nilai yang diizinkan")]
    for i, (teks, lebar) in enumerate(zip(kepala, (28, 22, 8, 50, 50), strict=True), start=1):
        lembar.cell(1, i, teks).font = tebal
        lembar.column_dimensions[get_column_letter(i)].width = lebar
    for r, k in enumerate(kolom, start=2):
        if not k.daftar:
            boleh = ""
        elif len(k.daftar) <= DAFTAR_DITULIS_MAKS:
            boleh = "; ".join(map(str, k.daftar))
        else:
            boleh = _("%(n)d nilai: lihat lembar %(lembar)s, kolom %(kolom)s.") % {
                "n": len(k.daftar),
                "lembar": judul_daftar,
                "kolom": sumber_daftar[k.kolom.kunci],
            }
        isi = [k.kolom.judul, k.kolom.kunci, _("ya") if k.wajib else _("tidak"), k.format, boleh]
        for i, teks in enumerate(isi, start=1):
            lembar.cell(r, i, sel_aman(_teks_xlsx(str(teks)))).alignment = bungkus
    r = len(kolom) + 3
    for baris in catatan:
        lembar.cell(r, 1, sel_aman(_teks_xlsx(str(baris))))
        r += 1
    lembar.freeze_panes = "A2"
    lembar.protection.sheet = True


def respons_templat_xlsx(
    kolom: Sequence[KolomTemplat],
    contoh: Iterable[Any],
    *,
    nama_berkas: str,
    judul: str,
    baris_maks: int,
    catatan: Sequence[str] = (),
) -> HttpResponse:
    """The template as a download (small: built in memory)."""
    berkas = io.BytesIO()
    buku_templat(kolom, contoh, judul=judul, baris_maks=baris_maks, catatan=catatan).save(berkas)
    response = HttpResponse(berkas.getvalue(), content_type=JENIS_KONTEN_XLSX)
    response["Content-Disposition"] = content_disposition_header(True, nama_berkas)
    return response
