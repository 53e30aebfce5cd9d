"""The export layer: one table description, written out by a writer chosen by format.

A `Tabel` names its columns (`Kolom`: a key, a heading, a kind, how to read a cell's value
from a row and, for codes, how a person reads it) and carries its rows as an iterator, so a
writer holds one chunk at a time, never the whole list. Writers are registered by format
(`@penulis("csv")`); `respons_ekspor(tabel, "csv")` returns the response. Today: CSV
(streamed, UTF-8 with a BOM, codes and ISO dates as stored) and XLSX (openpyxl's write-only
mode through a temporary file, dates as dates, codes as labels; several tables go into one
workbook, a sheet each, with `respons_buku_xlsx`). A PDF writer joins by registering itself
the same way.

Every text cell is formula-safe in both formats (`sel_aman`, CSV/formula injection; in a
CSV at every place a spreadsheet could start a cell, whatever separator it splits on:
`sel_aman_csv`, with every value quoted).
Writing the export to the audit trail is the caller's: `jejak.services.catat_ekspor`.
"""

import codecs
import contextlib
import csv
import io
import re
import tempfile
import zoneinfo
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A streamed CSV is sent in pieces of about this many characters (one write to the socket
# each): small enough to keep memory flat, large enough not to send a row at a time.
UKURAN_POTONGAN = 64 * 1024
# An XLSX file is built in memory up to this size, then on disk.
BATAS_XLSX_DI_MEMORI = 1024 * 1024
# Excel's cell formats for the two kinds of time (the office reads day-month-year).
FORMAT_TANGGAL = "DD-MM-YYYY"
FORMAT_WAKTU = "DD-MM-YYYY HH:MM:SS"


def sel_aman(nilai) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection): a leading `=`, `+`,
    `-`, `@`, tab or carriage return gets an apostrophe in front. For an XLSX text cell,
    whose bounds are fixed; a CSV cell takes `sel_aman_csv`."""
    teks = "" if nilai is None else str(nilai)
    return "'" + teks if teks[:1] in ("=", "+", "-", "@", "\t", "\r") else teks


# Where a spreadsheet may start a new cell inside a CSV value: the file's own separator is
# ",", but Indonesian Excel splits on ";", others on a tab, and a line break starts a row.
# A cell start followed (after spaces or quotes, which a reader drops) by a formula
# character gets an apostrophe right there.
_AWAL_SEL_BERUMUS = re.compile(r'(?:^|(?<=[,;\t\r\n]))(?=[ "]*[=+\-@\t\r])')


def sel_aman_csv(nilai) -> str:
    """A CSV cell no spreadsheet will run as a formula, whichever separator it reads the
    file with: an apostrophe goes before a formula character (`=`, `+`, `-`, `@`, tab,
    carriage return) at the cell's start AND after every `,`, `;`, tab or line break
    inside it, where a reader splitting on that character would start a cell
    (`a;=cmd|...` becomes `a;'=cmd|...`). The writer quotes every field besides, so the
    file's own reading keeps each value whole."""
    teks = "" if nilai is None else str(nilai)
    return _AWAL_SEL_BERUMUS.sub("'", teks)


# `sel_aman_csv`'s apostrophe, where it put one: at a cell start before a formula character.
_APOSTROF_SEL_BERUMUS = re.compile(r"""(?:^|(?<=[,;\t\r\n]))'(?=[ "]*[=+\-@\t\r])""")


def sel_asli_csv(teks: str) -> str:
    """`sel_aman_csv` undone, for an exported file read back in (an import): the apostrophe
    before a formula character at a cell start is removed, so `'+62 812...` is a phone
    number again. A value that itself began with an apostrophe before such a character
    loses that apostrophe (as a spreadsheet, which hides it, would)."""
    return _APOSTROF_SEL_BERUMUS.sub("", teks)


def sel_asli(teks: str) -> str:
    """`sel_aman` undone (an XLSX cell read back in): the apostrophe before a leading formula
    character removed."""
    if teks[:1] == "'" and teks[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return teks[1:]
    return teks


def saringan_untuk_jejak(query, *teks: str) -> str:
    """An export's filters as written to the audit trail. The free-text fields `teks` (a
    typed name or NIK) are not kept: the trail outlives the clients' own retention."""
    query = query.copy()
    for kunci in teks:
        if query.get(kunci):
            query[kunci] = "[teks]"
    return query.urlencode()[:500]


class JenisKolom(StrEnum):
    """What a column holds, so that each writer knows how to write its cells."""

    TEKS = "teks"
    TANGGAL = "tanggal"  # a datetime.date
    WAKTU = "waktu"  # an aware datetime, written in the current time zone
    ANGKA = "angka"  # an int, Decimal or float


@dataclass(frozen=True)
class Kolom:
    """One column. `kunci` heads the CSV column (a stable key other tools read); `judul`
    heads it where a person reads it (XLSX). `nilai(baris)` is the stored value (a code, a
    date); `label(baris)`, when given, is how a person reads it (a code's label), and is
    what the XLSX shows."""

    kunci: str
    judul: str
    nilai: Callable[[Any], Any]
    jenis: JenisKolom = JenisKolom.TEKS
    label: Callable[[Any], Any] | None = None
    lebar: int | None = None  # column width in characters where the format has one

    @classmethod
    def angka(cls, kunci: str, judul, nilai: Callable[[Any], Any], **lain) -> "Kolom":
        """A column of numbers."""
        return cls(kunci, str(judul), nilai, JenisKolom.ANGKA, **lain)


@dataclass
class Tabel:
    """An export: the file's base name, its columns and its rows. `baris` is read once, in
    order, by one writer (a queryset's `.iterator(chunk_size=...)`, a generator)."""

    nama: str
    kolom: Sequence[Kolom]
    baris: Iterable[Any]
    judul: str = ""  # the sheet's title where the format has one

    def nama_berkas(self, format: str) -> str:
        return f"{self.nama}.{penulis_untuk(format).ekstensi}"


class Penulis(ABC):
    """Writes a `Tabel` in one format. Register a subclass with `@penulis(format)`."""

    format: ClassVar[str]
    ekstensi: ClassVar[str]
    jenis_konten: ClassVar[str]

    @abstractmethod
    def respons(self, tabel: Tabel) -> HttpResponseBase:
        """The response that downloads the table as an attachment."""

    def tulis(self, daftar: Sequence[Tabel], berkas) -> None:
        """The tables written into the binary file `berkas` (a background job's result,
        `berkas_ekspor`), the bytes `respons` would send. A writer without it serves
        downloads only."""
        raise NotImplementedError(f"no export file for {self.format!r}")


_PENULIS: dict[str, type[Penulis]] = {}


def penulis(format: str) -> Callable[[type[Penulis]], type[Penulis]]:
    """Register a writer class for `format` (e.g. "csv", "xlsx", later "pdf")."""

    def daftarkan(kelas: type[Penulis]) -> type[Penulis]:
        if format in _PENULIS:
            raise ValueError(f"a writer for {format!r} is already registered")
        kelas.format = format
        _PENULIS[format] = kelas
        return kelas

    return daftarkan


def penulis_untuk(format: str) -> type[Penulis]:
    try:
        return _PENULIS[format]
    except KeyError:
        raise ValueError(f"no export writer for {format!r}") from None


def format_tersedia() -> tuple[str, ...]:
    return tuple(_PENULIS)


def respons_ekspor(tabel: Tabel, format: str) -> HttpResponseBase:
    """The table written as `format`, as a download."""
    return penulis_untuk(format)().respons(tabel)


def respons_buku_xlsx(daftar: Sequence[Tabel], nama_berkas: str) -> HttpResponseBase:
    """Several tables as one XLSX workbook (a sheet each, in order), as a download."""
    return PenulisXLSX().respons_buku(daftar, nama_berkas)


def _lampiran(response: HttpResponseBase, nama_berkas: str) -> HttpResponseBase:
    response["Content-Disposition"] = content_disposition_header(True, nama_berkas)
    return response


@penulis("csv")
class PenulisCSV(Penulis):
    """A streamed CSV: the stored values (codes, ISO dates), every cell formula-safe, UTF-8
    with a byte-order mark so that Excel reads the accents right. The rows are read while
    the response is sent, in the time zone and language of the request that asked for it."""

    ekstensi = "csv"
    jenis_konten = "text/csv; charset=utf-8"

    def __init__(self, ukuran_potongan: int | None = None):
        self.ukuran_potongan = ukuran_potongan or UKURAN_POTONGAN

    def respons(self, tabel: Tabel) -> StreamingHttpResponse:
        response = StreamingHttpResponse(
            self._potongan(tabel, timezone.get_current_timezone(), translation.get_language()),
            content_type=self.jenis_konten,
        )
        return _lampiran(response, tabel.nama_berkas(self.format))

    def tulis(self, daftar: Sequence[Tabel], berkas) -> None:
        """A CSV holds exactly one table."""
        (tabel,) = daftar
        zona, bahasa = timezone.get_current_timezone(), translation.get_language()
        for potongan in self._potongan(tabel, zona, bahasa):
            berkas.write(potongan)

    def _potongan(self, tabel: Tabel, zona, bahasa) -> Iterator[bytes]:
        with timezone.override(zona), translation.override(bahasa):
            penampung = io.StringIO()
            # the header: the columns' fixed keys, as other tools match them
            csv.writer(penampung).writerow([k.kunci for k in tabel.kolom])
            # the values: every field quoted, so a `;`, tab or line break in one is kept
            # inside it by any reader that honours quotes (sel_aman_csv for those that do not)
            tulis = csv.writer(penampung, quoting=csv.QUOTE_ALL).writerow
            awal = codecs.BOM_UTF8
            for baris in tabel.baris:
                tulis([sel_aman_csv(_teks_csv(k.jenis, k.nilai(baris))) for k in tabel.kolom])
                if penampung.tell() >= self.ukuran_potongan:
                    yield awal + penampung.getvalue().encode()
                    awal = b""
                    penampung.seek(0)
                    penampung.truncate()
            yield awal + penampung.getvalue().encode()


def _teks_csv(jenis: JenisKolom, nilai) -> str:
    if nilai is None or nilai == "":
        return ""
    if jenis == JenisKolom.WAKTU:
        return timezone.localtime(nilai).isoformat(timespec="seconds")
    if jenis == JenisKolom.TANGGAL:
        return nilai.isoformat()
    return str(nilai)


@penulis("xlsx")
class PenulisXLSX(Penulis):
    """An XLSX workbook of one sheet, written by openpyxl in write-only mode (rows go to a
    temporary file as they come) into a temporary file that the response then sends: memory
    stays flat however many rows. Dates and times are real dates (with a day-month-year
    format), numbers are numbers, codes show their labels, text is formula-safe."""

    ekstensi = "xlsx"
    jenis_konten = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def respons(self, tabel: Tabel) -> FileResponse:
        return self.respons_buku([tabel], tabel.nama_berkas(self.format))

    def respons_buku(self, daftar: Sequence[Tabel], nama_berkas: str) -> FileResponse:
        """Several tables as one workbook, a sheet each in their order (a report made of
        several tables); `nama_berkas` names the download."""
        berkas = _berkas_sementara(self, daftar)
        # FileResponse closes the file (and so removes it) once it has been sent
        response = FileResponse(berkas, content_type=self.jenis_konten)
        return _lampiran(response, nama_berkas)

    def tulis(self, daftar: Sequence[Tabel], berkas) -> None:
        buku = Workbook(write_only=True)
        for tabel in daftar:
            self._lembar(buku, tabel)
        buku.save(berkas)

    def _lembar(self, buku: Workbook, tabel: Tabel) -> None:
        lembar = buku.create_sheet(title=_judul_lembar(tabel.judul or tabel.nama))
        for i, kolom in enumerate(tabel.kolom, start=1):
            lebar = kolom.lebar or _LEBAR_BAKU[kolom.jenis]
            lembar.column_dimensions[get_column_letter(i)].width = lebar
        lembar.freeze_panes = "A2"
        tebal = Font(bold=True)
        kepala = []
        for kolom in tabel.kolom:
            sel = WriteOnlyCell(lembar, value=_teks_xlsx(str(kolom.judul)))
            sel.font = tebal
            kepala.append(sel)
        lembar.append(kepala)

        def sel_waktu(nilai, format_):
            sel = WriteOnlyCell(lembar, value=nilai)
            sel.number_format = format_
            return sel

        penulis_sel = [_penulis_sel_xlsx(k, sel_waktu) for k in tabel.kolom]
        for baris in tabel.baris:
            lembar.append([tulis(baris) for tulis in penulis_sel])


_LEBAR_BAKU = {
    JenisKolom.TEKS: 24,
    JenisKolom.TANGGAL: 12,
    JenisKolom.WAKTU: 20,
    JenisKolom.ANGKA: 10,
}


def _penulis_sel_xlsx(kolom: Kolom, sel_waktu) -> Callable[[Any], Any]:
    """How one column's cell is written for a row (chosen once per column, not per cell)."""
    baca = kolom.label or kolom.nilai
    if kolom.jenis == JenisKolom.TANGGAL:
        return lambda baris: _atau_kosong(baca(baris), lambda v: sel_waktu(v, FORMAT_TANGGAL))
    if kolom.jenis == JenisKolom.WAKTU:
        # Excel has no time zones: the time as the office reads it, without its offset
        return lambda baris: _atau_kosong(
            baca(baris),
            lambda v: sel_waktu(timezone.localtime(v).replace(tzinfo=None), FORMAT_WAKTU),
        )
    if kolom.jenis == JenisKolom.ANGKA:
        return lambda baris: _atau_kosong(baca(baris), _angka)
    return lambda baris: _atau_kosong(baca(baris), lambda v: sel_aman(_teks_xlsx(str(v))))


def _atau_kosong(nilai, tulis):
    return None if nilai is None or nilai == "" else tulis(nilai)


def _angka(nilai):
    if isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool):
        return nilai
    return sel_aman(_teks_xlsx(str(nilai)))  # not a number after all: text, made safe


def _teks_xlsx(teks: str) -> str:
    """Text an XLSX cell can hold: without the control characters XML 1.0 refuses (a
    pasted name may carry one), and within Excel's 32,767 characters (one kept free for the
    apostrophe `sel_aman` may put in front: it runs after this, so that a value whose
    formula character hides behind a control character is caught too)."""
    return ILLEGAL_CHARACTERS_RE.sub("", teks)[:32766]


def _judul_lembar(judul: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    bersih = "".join(" " if c in "[]:*?/\\" else c for c in str(judul)).strip()
    return bersih[:31] or "Data"


# --- exports written by a background job ------------------------------------------------------

# A job reports its progress every this many rows written.
SELANG_PROGRES_BARIS = 500


def suasana_permintaan() -> dict[str, str]:
    """The language and time zone of the request that starts an export job, as plain JSON
    for its parameters: the job writes the file as the page would have (`dalam_suasana`)."""
    return {
        "bahasa": translation.get_language() or "",
        "zona": timezone.get_current_timezone_name(),
    }


@contextlib.contextmanager
def dalam_suasana(parameter: dict):
    """Write inside the language and time zone `suasana_permintaan` kept (the settings'
    defaults for what it did not keep, or a zone no longer known)."""
    try:
        zona = zoneinfo.ZoneInfo(parameter.get("zona") or "")
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        zona = timezone.get_default_timezone()
    with (
        translation.override(parameter.get("bahasa") or settings.LANGUAGE_CODE),
        timezone.override(zona),
    ):
        yield


def dengan_progres(
    baris: Iterable[Any], lapor: Callable[[int], None], setiap: int = SELANG_PROGRES_BARIS
) -> Iterator[Any]:
    """`baris` unchanged, calling `lapor(n)` with the number of rows read every `setiap` rows
    and once at the end."""
    n = 0
    for n, satu in enumerate(baris, start=1):
        yield satu
        if n % setiap == 0:
            lapor(n)
    lapor(n)


def berkas_ekspor(daftar: Sequence[Tabel], format: str):
    """The tables written as `format` into a temporary file, rewound, for a background job
    to keep as its result: the same bytes the download would send. XLSX takes several
    tables (a sheet each), CSV exactly one."""
    return _berkas_sementara(penulis_untuk(format)(), daftar)


def _berkas_sementara(penulis_: Penulis, daftar: Sequence[Tabel]):
    """`daftar` written by `penulis_` into a temporary file (in memory up to
    `BATAS_XLSX_DI_MEMORI`, then on disk), rewound; closed (removed) if writing fails."""
    berkas = tempfile.SpooledTemporaryFile(max_size=BATAS_XLSX_DI_MEMORI)  # noqa: SIM115
    try:
        penulis_.tulis(daftar, berkas)
    except BaseException:
        berkas.close()
        raise
    berkas.seek(0)
    return berkas
