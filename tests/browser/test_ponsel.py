"""Every page of the permission matrix on a phone (390 x 844), as every role that may open it.

Fails when the page scrolls sideways (naming the widest elements that stick out), when a
tap target is smaller than 24 x 24 CSS px outside WCAG 2.2 SC 2.5.8's exceptions (a link in a
sentence; a target with a clear 24 px circle around it), and, on the client list, the
partner list and the report pages, when a key column of a table is hidden behind a sideways
swipe of any box (a .table-responsive wrapper included). The checks are in ponsel.js.

In parts, like the axe audit, so that the test processes share it."""

from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.matrix import AKUN_DEMO, MATRIX, PERAN_UJI, Dunia

BAGIAN = 6
PERIKSA = (Path(__file__).parent / "ponsel.js").read_text()

# Key columns (by header text, in Indonesian) of the lists a PK reads on a phone.
KUNCI = {
    "klien:klien-list": {"judul": ["Nama", "No. register", "Status / tahap"]},
    "pokmas:mitra-list": {"judul": ["Mitra", "Status", "PKS"]},
}
KUNCI_LAPORAN = {"angka": True}  # report tables: the first column and the number columns


def kunci(url_name: str) -> dict | None:
    if url_name.startswith("laporan:"):
        return KUNCI_LAPORAN
    return KUNCI.get(url_name)


def sesi_peran(demo) -> tuple[Dunia, dict[str, str]]:
    """The demo world and a session cookie for every logged-in role of the matrix."""
    dunia = Dunia(pengguna={p: demo.pengguna[u] for p, u in AKUN_DEMO.items()})
    sesi = {}
    for peran in PERAN_UJI:
        if peran != "anon":
            c = Client()
            c.force_login(dunia[peran])
            sesi[peran] = c.cookies[settings.SESSION_COOKIE_NAME].value
    return dunia, sesi


def masuk_sebagai(context, live_server, sesi, peran):
    context.clear_cookies()
    if peran != "anon":
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": sesi[peran], "url": live_server.url}]
        )


def masalah(hasil: dict) -> list[str]:
    """The failures in ponsel.js's answer, as readable lines."""
    keluar = []
    if hasil["scrollWidth"] > hasil["clientWidth"]:
        keluar.append(
            f"bergeser ke samping: lebar {hasil['scrollWidth']} > {hasil['clientWidth']} px; "
            + "; ".join(
                f"{m['el']} ({m['lebar']} px, {m['kiri']}–{m['kanan']})" for m in hasil["melebar"]
            )
        )
    keluar += [
        f"target sentuh {k['ukuran']} < 24x24: {k['el']} (terlalu dekat dengan {k['dekat']})"
        for k in hasil["kecil"]
    ]
    per_kolom = defaultdict(list)
    for k in hasil["kunci"]:
        per_kolom[(k["tabel"], k["kolom"], k["salah"].split(" (")[0])].append(k["sel"])
    keluar += [
        f"kolom kunci '{kolom}' {salah}: {len(sel)} sel, mis. {sel[0]} di {tabel}"
        for (tabel, kolom, salah), sel in per_kolom.items()
    ]
    return keluar


@pytest.mark.parametrize("bagian", range(BAGIAN))
def test_semua_halaman_pas_di_ponsel(demo, live_server, ponsel, bagian):
    """One page (390 x 844, touch) for the whole part; each row as every role it opens for."""
    dunia, sesi = sesi_peran(demo)
    gagal = []
    diperiksa = 0
    for baris in MATRIX[bagian::BAGIAN]:
        if not baris.halaman:
            continue
        for peran in PERAN_UJI:
            if baris.status[peran] != 200:
                continue
            masuk_sebagai(ponsel.context, live_server, sesi, peran)
            path = reverse(baris.url_name, kwargs=baris.kwargs(dunia)) + baris.query
            resp = ponsel.goto(live_server.url + path)
            assert resp.status == 200, f"{peran} {path}: {resp.status}"
            diperiksa += 1
            hasil = ponsel.evaluate(PERIKSA, {"kunci": kunci(baris.url_name)})
            gagal += [f"{peran} {path}: {m}" for m in masalah(hasil)]
    assert diperiksa > 0
    assert not gagal, "\n".join(gagal)


TINGGI_NAVBAR = "() => document.querySelector('header .navbar').getBoundingClientRect().height"


def test_navbar_satu_baris_di_1366(demo, live_server, page):
    """At 1366 px (a common office laptop) the main menu of every role stays on one row: the
    navbar is as tall as on a screen wide enough for anything on one row."""
    _, sesi = sesi_peran(demo)
    gagal = []
    for peran in PERAN_UJI:
        masuk_sebagai(page.context, live_server, sesi, peran)
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(live_server.url + reverse("akun:beranda"))
        tinggi = page.evaluate(TINGGI_NAVBAR)
        page.set_viewport_size({"width": 4000, "height": 768})
        satu_baris = page.evaluate(TINGGI_NAVBAR)
        if tinggi > satu_baris + 0.5:
            gagal.append(f"{peran}: navbar {tinggi} px pada 1366 px, satu baris {satu_baris} px")
    assert not gagal, "\n".join(gagal)


def periksa(page, isi: str, kunci=None) -> dict:
    page.set_content(
        '<!DOCTYPE html><html lang="id"><head><title>x</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{margin:0;font:16px/1.5 sans-serif}</style></head>"
        f"<body><main>{isi}</main></body></html>"
    )
    return page.evaluate(PERIKSA, {"kunci": kunci})


def test_pemeriksa_menemukan_geseran_ke_samping(ponsel):
    hasil = periksa(ponsel, '<p>Teks</p><div id="lebar" style="width:600px">isi</div>')
    assert hasil["scrollWidth"] > hasil["clientWidth"]
    assert hasil["melebar"][0]["el"].startswith("main > div#lebar")
    assert masalah(hasil)[0].startswith("bergeser ke samping: lebar 600 > 390 px; main > div#lebar")
    assert (
        masalah(
            periksa(ponsel, '<div style="overflow-x:auto"><div style="width:600px">isi</div></div>')
        )
        == []
    )


def test_pemeriksa_target_sentuh_kecil_dan_pengecualiannya(ponsel):
    kecil = '<button style="width:16px;height:16px;padding:0;border:0">{}</button>'
    hasil = periksa(
        ponsel,
        # two undersized buttons side by side: both fail
        f'<div id="rapat">{kecil.format("a")}{kecil.format("b")}</div>'
        # a link in a sentence: the inline exception
        '<p>Baca <a href="#x">di sini</a> untuk rinciannya.</p>'
        # undersized but alone, with a clear 24 px circle: the spacing exception
        f'<div style="margin:40px">{kecil.format("c")}</div>'
        # a lone number link (no sentence) right under another target
        '<div style="line-height:16px"><a href="#y">7</a></div>'
        '<a href="#z" style="display:block;height:30px">z</a>'
        # large enough: passes
        '<button style="width:24px;height:24px;padding:0;border:0;margin-top:40px">d</button>',
    )
    gagal = [k["el"] for k in hasil["kecil"]]
    assert gagal == [
        'main > div#rapat > button "a"',
        'main > div#rapat > button "b"',
        'main > div > a "7"',
    ]
    assert "16x16" in masalah(hasil)[0]


def test_pemeriksa_kolom_kunci(ponsel):
    sel = "".join(f"<td>sel-panjang-{i}-xxxxxxxxxxxx</td>" for i in range(8))
    kepala = "".join(f"<th>K{i}</th>" for i in range(8))
    tabel = f"<table><thead><tr>{kepala}</tr></thead><tbody><tr>{sel}</tr></tbody></table>"
    hasil = periksa(ponsel, f'<div style="overflow-x:auto">{tabel}</div>', {"judul": ["K0", "K7"]})
    assert [k["kolom"] for k in hasil["kunci"]] == ["K7"]
    assert hasil["kunci"][0]["salah"].startswith("di luar layar")
    # the first column and the .text-end ones (the report tables' rule); a hidden one fails
    hasil = periksa(
        ponsel,
        "<table><thead><tr><th>A</th><th class='text-end'>N</th><th>C</th></tr></thead>"
        "<tbody><tr><th>a</th><td style='display:none'>1</td><td>c</td></tr></tbody></table>",
        {"angka": True},
    )
    assert [(k["kolom"], k["salah"]) for k in hasil["kunci"]] == [("N", "tidak tampil")]
    # a rowspan shifts the next row's cells: the grid, not the cell index, names the column
    hasil = periksa(
        ponsel,
        "<table><thead><tr><th>A</th><th>B</th><th class='text-end'>N</th></tr></thead>"
        "<tbody><tr><th rowspan='2'>a</th><td>b</td><td>1</td></tr>"
        "<tr><td>b</td><td style='display:none'>2</td></tr></tbody></table>",
        {"angka": True},
    )
    assert [(k["kolom"], k["salah"]) for k in hasil["kunci"]] == [("N", "tidak tampil")]
