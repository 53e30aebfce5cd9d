"""Reading an import file within limits, before any of it is trusted.

A file is read within limits (bytes, unzipped bytes, rows, cells per row, cells in all,
characters per cell). An XLSX sheet is walked as it streams (defusedxml, as openpyxl uses
it), so a hostile file is refused after the first cells past a limit, never read whole
first; its declared dimension is not believed. Anything that goes wrong while reading is a
`BerkasTidakValid` with a message for the user. `klien.impor` maps the rows to clients.
"""

import csv
import io
import logging
import zipfile

from django.utils import formats
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

UKURAN_MAKS = 2 * 1024 * 1024  # bytes of the uploaded file
UKURAN_XLSX_TERURAI_MAKS = 20 * 1024 * 1024  # bytes once unzipped (zip-bomb guard)
BARIS_MAKS = 5000  # data rows (the header apart)
KOLOM_MAKS = 64  # cells in one row (klien.kolom has about 40 columns; room for notes beside)
SEL_MAKS = 250_000  # cells in the whole sheet (5,001 rows of 50)
PANJANG_SEL_MAKS = 1000  # characters in one cell (no column holds more than 255)
BARIS_XLSX_MAKS = 1_048_576  # Excel's last row: a row number past it is no real sheet


class BerkasTidakValid(Exception):
    """The file as a whole cannot be read (wrong type, too big, damaged, past a limit,
    missing columns)."""


def baca_baris(nama: str, isi: bytes) -> list[list]:
    """The rows of a CSV or XLSX file (`nama` tells which), the header first, within the
    limits above."""
    if nama.endswith(".csv"):
        return _baca_csv(isi)
    if nama.endswith(".xlsx"):
        return _baca_xlsx(isi)
    raise BerkasTidakValid(_("Hanya berkas .csv atau .xlsx yang diterima."))


def _angka(n: int) -> str:
    return formats.number_format(n, force_grouping=True)


class _Batas:
    """The limits of one file, checked row by row as the rows are read."""

    def __init__(self):
        self.sel = 0
        self.baris_berisi = 0

    def baris(self, nomor: int, jumlah_sel: int) -> None:
        if jumlah_sel > KOLOM_MAKS:
            raise BerkasTidakValid(
                _("Baris %(b)s berisi lebih dari %(n)s sel; berkas ini bukan format impor.")
                % {"b": _angka(nomor), "n": _angka(KOLOM_MAKS)}
            )
        self.sel += jumlah_sel
        if self.sel > SEL_MAKS:
            raise BerkasTidakValid(
                _("Berkas berisi lebih dari %(n)s sel.") % {"n": _angka(SEL_MAKS)}
            )

    def berisi(self) -> None:
        """A row with a value: the header and at most BARIS_MAKS data rows."""
        self.baris_berisi += 1
        if self.baris_berisi > BARIS_MAKS + 1:
            raise BerkasTidakValid(_("Berkas berisi lebih dari %(n)d baris.") % {"n": BARIS_MAKS})

    @staticmethod
    def sel_terlalu_panjang(nomor: int, kolom: int | None = None) -> BerkasTidakValid:
        if kolom is None:
            pesan = _("Sebuah sel di baris %(b)s berisi lebih dari %(n)s karakter.")
        else:
            pesan = _("Sel di baris %(b)s kolom %(k)s berisi lebih dari %(n)s karakter.")
        return BerkasTidakValid(
            pesan % {"b": _angka(nomor), "k": kolom, "n": _angka(PANJANG_SEL_MAKS)}
        )

    def periksa(self, nomor: int, row, *, hitung_sel: bool = True) -> bool:
        """Check one row as read; True when a cell holds a value. `hitung_sel=False` for
        a sheet's rows, whose cells the pre-scan counted (openpyxl pads them)."""
        if hitung_sel:
            self.baris(nomor, len(row))
        berisi = False
        for kolom, nilai in enumerate(row, start=1):
            if nilai is None or nilai == "":
                continue
            berisi = True
            if isinstance(nilai, str) and len(nilai) > PANJANG_SEL_MAKS:
                raise self.sel_terlalu_panjang(nomor, kolom)
        if berisi:
            self.berisi()
        return berisi


def _baca_csv(isi: bytes) -> list[list[str]]:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BerkasTidakValid(_("Berkas CSV harus berenkode UTF-8.")) from exc
    try:
        dialek = csv.Sniffer().sniff(teks[:4096], delimiters=",;\t")
    except csv.Error:
        dialek = csv.excel
    batas = _Batas()
    pembaca = csv.reader(io.StringIO(teks), dialek)
    rows = []
    try:
        for row in pembaca:
            batas.periksa(len(rows) + 1, row)
            rows.append(row)
    except csv.Error as exc:
        # the csv module's own cap (131,072 characters) is far above ours
        if str(exc).startswith("field larger than field limit"):
            raise _Batas.sel_terlalu_panjang(len(rows) + 1) from exc
        raise BerkasTidakValid(
            _("Berkas CSV tidak dapat dibaca di baris %(b)s (tanda kutip tidak tertutup?).")
            % {"b": _angka(len(rows) + 1)}
        ) from exc
    return rows


def _baca_xlsx(isi: bytes) -> list[list[object]]:
    import openpyxl

    # openpyxl parses its XML with defusedxml when that is installed; refuse otherwise.
    if not getattr(openpyxl, "DEFUSEDXML", False):  # pragma: no cover - dependency declared
        raise BerkasTidakValid(_("Pembacaan XLSX tidak tersedia."))
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            if sum(i.file_size for i in z.infolist()) > UKURAN_XLSX_TERURAI_MAKS:
                raise BerkasTidakValid(_("Isi berkas XLSX terlalu besar."))
        wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except BerkasTidakValid:
        raise
    except Exception as exc:  # a hostile file can break the reader anywhere
        raise _xlsx_rusak(exc) from exc
    try:
        if not wb.worksheets:
            raise BerkasTidakValid(_("Berkas XLSX tidak berisi lembar kerja."))
        ws = wb.worksheets[0]
        # Walk the sheet's XML first, counting rows and cells, and stop at the first past
        # a limit: openpyxl builds a whole row before it hands it over.
        with ws._get_source() as sumber:
            _periksa_lembar(sumber)
        # The <dimension> a file declares is not believed: with it, openpyxl would pad
        # every row to its width (A1:XFD1048576 makes each row 16,384 cells).
        ws.reset_dimensions()
        batas = _Batas()
        rows = []
        for nomor, r in enumerate(ws.iter_rows(max_col=KOLOM_MAKS, values_only=True), 1):
            if batas.periksa(nomor, r, hitung_sel=False) or not rows:  # row 1: the header
                rows.append(["" if v is None else v for v in r])
        return rows
    except BerkasTidakValid:
        raise
    except Exception as exc:  # a truncated or malformed sheet: any error
        raise _xlsx_rusak(exc) from exc
    finally:
        wb.close()


def _xlsx_rusak(exc: Exception) -> BerkasTidakValid:
    # the class only: a message can quote the file's content
    logger.info("XLSX import refused: %s", type(exc).__name__)
    return BerkasTidakValid(
        _("Berkas XLSX tidak dapat dibaca: rusak, terpotong, atau bukan buku kerja Excel.")
    )


def _periksa_lembar(sumber) -> None:
    """Stream a worksheet's XML (defusedxml: no DTD, no entities) and refuse it at the first
    row, cell or row number past a limit, before any row is built. Rows already counted are
    dropped from the tree, so memory holds one row at a time."""
    from defusedxml.ElementTree import iterparse

    batas = _Batas()
    data = None
    nomor = sel_baris = 0
    berisi = False
    for peristiwa, el in iterparse(sumber, events=("start", "end")):
        tag = el.tag.rpartition("}")[2]
        if peristiwa == "start":
            if tag == "c":
                sel_baris += 1
                if sel_baris > KOLOM_MAKS or batas.sel + sel_baris > SEL_MAKS:
                    batas.baris(nomor, sel_baris)
            elif tag == "row":
                r = el.get("r")
                nomor = int(r) if r and r.isdigit() else nomor + 1
                if nomor > BARIS_XLSX_MAKS:
                    raise BerkasTidakValid(
                        _("Berkas XLSX menyebut baris nomor %(b)s; Excel hanya sampai %(n)s.")
                        % {"b": _angka(nomor), "n": _angka(BARIS_XLSX_MAKS)}
                    )
                sel_baris, berisi = 0, False
            elif tag == "sheetData":
                data = el
        elif tag in ("v", "t"):
            if el.text:
                berisi = True
                if len(el.text) > PANJANG_SEL_MAKS:
                    raise _Batas.sel_terlalu_panjang(nomor, sel_baris)
        elif tag == "row":
            batas.baris(nomor, sel_baris)
            if berisi:
                batas.berisi()
            if data is not None:
                data.remove(el)
        elif tag == "sheetData":
            return
