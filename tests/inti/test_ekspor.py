"""The export layer (inti.ekspor) on its own: rows from a plain generator, no database."""

import codecs
import csv
import datetime
import io
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import load_workbook

from inti import ekspor
from inti.ekspor import JenisKolom, Kolom, Tabel, respons_ekspor, sel_aman

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _tabel(baris, nama="uji") -> Tabel:
    return Tabel(
        nama=nama,
        kolom=[
            Kolom("nama", "Nama", lambda b: b.nama),
            Kolom("status", "Status", lambda b: b.status, label=lambda b: b.status.title()),
            Kolom("mulai", "Mulai", lambda b: b.mulai, JenisKolom.TANGGAL),
            Kolom("waktu", "Waktu", lambda b: b.waktu, JenisKolom.WAKTU),
            Kolom("jumlah", "Jumlah", lambda b: b.jumlah, JenisKolom.ANGKA),
        ],
        baris=baris,
    )


def _baris(i: int = 0, **lain) -> SimpleNamespace:
    data = {
        "nama": f"Klien {i}",
        "status": "AKTIF",
        "mulai": datetime.date(2026, 1, 2),
        "waktu": datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC),
        "jumlah": i,
    }
    return SimpleNamespace(**{**data, **lain})


def _csv(resp) -> list[list[str]]:
    isi = b"".join(resp.streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"), newline="")))


def _xlsx(resp):
    return load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active


def test_csv_mengalir_sepotong_demi_sepotong():
    """The rows are read while the response is sent: after the first piece only part of
    the source has been read, and the file comes in several pieces."""
    dibaca = []

    def sumber():
        for i in range(1000):
            dibaca.append(i)
            yield _baris(i)

    resp = ekspor.PenulisCSV(ukuran_potongan=4096).respons(_tabel(sumber()))
    assert isinstance(resp, StreamingHttpResponse)
    assert dibaca == []  # nothing read before the response is sent
    potongan = iter(resp.streaming_content)
    pertama = next(potongan)
    assert pertama.startswith(codecs.BOM_UTF8 + b"nama,status,mulai,waktu,jumlah\r\n")
    assert 0 < len(dibaca) < 1000
    sisa = list(potongan)
    assert len(sisa) >= 5 and not any(p.startswith(codecs.BOM_UTF8) for p in sisa)
    assert all(len(p) < 4096 + 200 for p in [pertama, *sisa])  # a piece is about the size
    baris = list(csv.reader(io.StringIO((pertama + b"".join(sisa)).decode("utf-8-sig"))))
    assert len(baris) == 1001 and baris[-1][0] == "Klien 999"


def test_csv_nilai_tersimpan_dan_berkas_lampiran():
    resp = respons_ekspor(_tabel([_baris(7), _baris(8, mulai=None, jumlah=None)]), "csv")
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    assert resp["Content-Disposition"] == 'attachment; filename="uji.csv"'
    assert _csv(resp) == [
        ["nama", "status", "mulai", "waktu", "jumlah"],
        # codes as stored, ISO dates, times in the office's zone with their offset
        ["Klien 7", "AKTIF", "2026-01-02", "2026-03-02T09:00:00+08:00", "7"],
        ["Klien 8", "AKTIF", "", "2026-03-02T09:00:00+08:00", ""],
    ]


def test_csv_tabel_kosong_tetap_berkepala_dan_ber_bom():
    assert _csv(respons_ekspor(_tabel(iter(())), "csv")) == [
        ["nama", "status", "mulai", "waktu", "jumlah"]
    ]


@pytest.mark.parametrize("awal", ["=", "+", "-", "@", "\t", "\r"])
def test_setiap_sel_csv_aman_dari_rumus(awal):
    resp = respons_ekspor(_tabel([_baris(nama=f"{awal}1+1", jumlah=-5)]), "csv")
    (_, baris) = _csv(resp)
    assert baris[0] == f"'{awal}1+1"
    assert baris[4] == "'-5"  # every cell of a CSV, numbers included (today's rule)


def test_csv_ditulis_dalam_zona_waktu_permintaan_meski_dibaca_sesudahnya():
    """A streamed body is read after the view returned (and after the middleware that set
    the office's time zone): the times are still written in the request's zone."""
    with timezone.override(WIB):
        resp = respons_ekspor(_tabel([_baris()]), "csv")
    with timezone.override(datetime.UTC):
        assert _csv(resp)[1][3] == "2026-03-02T08:00:00+07:00"


def test_xlsx_tanggal_sebagai_tanggal_angka_sebagai_angka_kode_sebagai_label():
    rows = [_baris(3), _baris(4, jumlah=Decimal("2.5"), mulai=None)]
    with timezone.override(WITA):
        resp = respons_ekspor(_tabel(rows), "xlsx")
    assert isinstance(resp, FileResponse)
    assert resp["Content-Type"] == ekspor.PenulisXLSX.jenis_konten
    assert resp["Content-Disposition"] == 'attachment; filename="uji.xlsx"'
    lembar = _xlsx(resp)
    kepala, pertama, kedua = lembar.iter_rows()
    assert [c.value for c in kepala] == ["Nama", "Status", "Mulai", "Waktu", "Jumlah"]
    assert all(c.font.b for c in kepala)
    assert pertama[1].value == "Aktif"  # the label, not the code
    assert pertama[2].is_date and pertama[2].value.date() == datetime.date(2026, 1, 2)
    assert pertama[2].number_format == ekspor.FORMAT_TANGGAL
    # Excel has no time zones: the office's wall-clock time
    assert pertama[3].is_date and pertama[3].value == datetime.datetime(
        2026, 3, 2, 9, 0, tzinfo=WITA
    ).replace(tzinfo=None)
    assert pertama[4].value == 3 and pertama[4].data_type == "n"
    assert kedua[2].value is None and kedua[4].value == 2.5


def test_xlsx_teks_aman_dari_rumus_dan_karakter_kendali():
    nama = ['=HYPERLINK("http://x","klik")', "+62", "@SUM(A1)", "Ni\x07 Luh\x00"]
    resp = respons_ekspor(_tabel([_baris(nama=n) for n in nama]), "xlsx")
    sel = [r[0] for r in _xlsx(resp).iter_rows(min_row=2)]
    assert [c.value for c in sel] == [
        '\'=HYPERLINK("http://x","klik")',
        "'+62",
        "'@SUM(A1)",
        "Ni Luh",  # control characters XML cannot hold are left out, not a 500
    ]
    assert {c.data_type for c in sel} == {"s"}  # text, never a formula


def test_xlsx_angka_negatif_tetap_angka():
    (baris,) = _xlsx(respons_ekspor(_tabel([_baris(jumlah=-5)]), "xlsx")).iter_rows(min_row=2)
    assert baris[4].value == -5 and baris[4].data_type == "n"


def test_format_terdaftar_dan_format_lain_ditolak(monkeypatch):
    assert set(ekspor.format_tersedia()) >= {"csv", "xlsx"}
    with pytest.raises(ValueError, match="pdf"):
        respons_ekspor(_tabel([]), "pdf")
    with pytest.raises(ValueError, match="already"):
        ekspor.penulis("csv")(ekspor.PenulisCSV)
    # a later format (PDF) joins by registering a writer
    monkeypatch.setattr(ekspor, "_PENULIS", dict(ekspor._PENULIS))

    @ekspor.penulis("txt")
    class PenulisTeks(ekspor.Penulis):
        ekstensi = "txt"
        jenis_konten = "text/plain"

        def respons(self, tabel):
            return StreamingHttpResponse(str(k.kunci) for k in tabel.kolom)

    assert _tabel([]).nama_berkas("txt") == "uji.txt"
    assert b"".join(respons_ekspor(_tabel([]), "txt").streaming_content) == (
        b"namastatusmulaiwaktujumlah"
    )


def test_judul_lembar_yang_diterima_excel():
    tabel = _tabel([_baris()], nama="x")
    tabel.judul = "Klien: [2026/03] * ? sangat panjang sekali melebihi batas"
    lembar = _xlsx(respons_ekspor(tabel, "xlsx"))
    assert len(lembar.title) <= 31 and not set(lembar.title) & set("[]:*?/\\")


def test_sel_aman():
    assert sel_aman(None) == "" and sel_aman(5) == "5" and sel_aman("a=b") == "a=b"
    assert sel_aman("=1") == "'=1"
