"""CSV injection through a separator the file does not use (issue 10, finding 6).

The export separates with ",", Indonesian Excel splits on ";" (and some readers on a tab),
so a value like `a;=cmd|...` must not start a cell at `=` in ANY reading. The payloads are
those of OWASP's CSV-injection page, alone and behind a `;`, `,`, tab or line break."""

import codecs
import csv
import io
from types import SimpleNamespace

import pytest

from inti.ekspor import Kolom, Tabel, respons_ekspor, sel_aman_csv

OWASP = [
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"Klik di sini")',
    "=1+1",
]
DEPAN = ["", "a;", "a,", "a\t", "a\n", "a\r\n", "a; ", 'a;"', "a;;", "a;\t", '"', " ", "\t", "\r"]
MUATAN = [d + p for p in OWASP for d in DEPAN]
RUMUS = ("=", "+", "-", "@")


def _unduh(nilai: list[str]) -> str:
    tabel = Tabel(
        nama="uji",
        kolom=[
            Kolom("no", "No", lambda b: b.no),
            Kolom("isi", "Isi", lambda b: b.isi),
            Kolom("lain", "Lain", lambda b: b.lain),
        ],
        baris=[SimpleNamespace(no=str(i), isi=v, lain=v) for i, v in enumerate(nilai)],
    )
    isi = b"".join(respons_ekspor(tabel, "csv").streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    return isi.decode("utf-8-sig")


def _berbahaya(sel: str) -> bool:
    """A cell a spreadsheet would evaluate: after the spaces, quotes, tabs and line breaks a
    reader may drop, it begins with a formula character (a tab or CR alone is harmless)."""
    return sel.lstrip(' "\t\r\n')[:1] in RUMUS


@pytest.mark.parametrize("pemisah", [",", ";", "\t"])
def test_tidak_ada_sel_berumus_dengan_pemisah_apa_pun(pemisah):
    teks = _unduh(MUATAN)
    baris = list(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))
    sel = [s for b in baris[1:] for s in b]
    assert sel  # something was read
    assert [s for s in sel if _berbahaya(s)] == []


@pytest.mark.parametrize("muatan", MUATAN)
def test_setiap_muatan_sendiri_dengan_kedua_pemisah(muatan):
    teks = _unduh([muatan])
    for pemisah in (",", ";"):
        for b in csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah):
            assert not [s for s in b if _berbahaya(s)], (pemisah, b)


def test_pembacaan_dengan_koma_mengembalikan_nilai_utuh():
    """Read as written (","), each value comes back whole: one cell, its `;`, tab and line
    breaks inside, an apostrophe before each formula start."""
    teks = _unduh(["a;=cmd|' /C calc'!A0", "Jl. Mawar\n-5", "x\t@SUM(1)", "biasa; tanpa rumus"])
    _, *baris = csv.reader(io.StringIO(teks, newline=""))
    assert [b[1] for b in baris] == [
        "a;'=cmd|' /C calc'!A0",
        "Jl. Mawar\n'-5",
        "x\t'@SUM(1)",
        "biasa; tanpa rumus",
    ]
    assert all(len(b) == 3 for b in baris)


def test_nilai_dengan_titik_koma_tab_atau_baris_baru_dikutip():
    teks = _unduh(["a;b", "a\tb", "a\nb"])
    assert '"a;b"' in teks and '"a\tb"' in teks and '"a\nb"' in teks
    assert teks.startswith("no,isi,lain\r\n")  # the header keeps its plain keys


def test_sel_aman_csv():
    assert sel_aman_csv(None) == "" and sel_aman_csv(-5) == "'-5"
    assert sel_aman_csv("2026-01-02") == "2026-01-02"  # a hyphen inside is no cell start
    assert sel_aman_csv("a;=1") == "a;'=1" and sel_aman_csv('a; "=1') == "a;' \"=1"
    assert sel_aman_csv("\t\t=1") == "'\t'\t'=1"
