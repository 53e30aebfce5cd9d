"""The page crawl: every matrix row, as every role, against the demo data.

Checks (a) the status each role gets is the one the matrix expects, and (b) every HTML page
rendered on the way (error pages included) is valid HTML according to the Nu HTML Checker.
"""

import pytest
from django.test import Client
from django.urls import reverse

from inti.demo import jalankan_demo
from tests.matrix import AKUN_DEMO, MATRIX, PERAN_UJI, Baris, Dunia, hanya
from tests.rails.vnu import pastikan_vnu, validasi


@pytest.fixture
def dunia(db):
    ctx = jalankan_demo(jumlah_klien=40)
    return Dunia(pengguna={peran: ctx.pengguna[username] for peran, username in AKUN_DEMO.items()})


def _klien_untuk(dunia: Dunia, peran: str) -> Client:
    client = Client()
    if peran != "anon":
        client.force_login(dunia[peran])
    return client


def jelajahi(dunia: Dunia, matrix=MATRIX) -> tuple[list[str], dict[str, str]]:
    salah: list[str] = []
    halaman: dict[str, str] = {}
    klien = {peran: _klien_untuk(dunia, peran) for peran in PERAN_UJI}
    for baris in matrix:
        url = reverse(baris.url_name, kwargs=baris.kwargs(dunia)) + baris.query
        for peran in PERAN_UJI:
            resp = klien[peran].get(url)
            harap = baris.status[peran]
            if resp.status_code != harap:
                salah.append(
                    f"{peran:>9} GET {url} ({baris.url_name}): {resp.status_code}, expected {harap}"
                )
            html = resp.get("Content-Type", "").startswith("text/html") and resp.content
            if html and (baris.halaman or resp.status_code in (403, 404)):
                halaman[f"{peran} {url} [{resp.status_code}]"] = resp.content.decode()
    return salah, halaman


def test_setiap_halaman_sesuai_matrix_dan_html_valid(dunia):
    pastikan_vnu()
    salah, halaman = jelajahi(dunia)
    assert not salah, "Statuses differ from the permission matrix:\n" + "\n".join(salah)
    assert len(halaman) >= len([b for b in MATRIX if b.halaman])
    errors = validasi(halaman)
    laporan = "\n".join(f"{nama}:\n  " + "\n  ".join(e) for nama, e in errors.items())
    assert not errors, "Invalid HTML:\n" + laporan


def test_penjelajah_melaporkan_peran_yang_mencapai_halaman_terlarang(dunia):
    # a matrix that wrongly says a PK may open the office dashboard must fail the crawl
    salah_harap = Baris("laporan:dashboard", {**hanya("kasi", "kasi_lain", "kabapas"), "pk": 200})
    salah, _ = jelajahi(dunia, [salah_harap])
    assert salah == [
        "       pk GET /laporan/dasbor/ (laporan:dashboard): 403, expected 200",
    ]
