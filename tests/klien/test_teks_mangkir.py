"""A count of misses in a row reads naturally: one miss is not "in a row" ("tidak lapor
1 kali"), three are ("tidak lapor 3 kali berturut-turut"), in Indonesian and in English,
on every page that shows the count."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from klien import services
from tests.klien.factories import KlienFactory


def _teks(resp, bagian: str = "") -> str:
    """The page's text, tags dropped and whitespace collapsed; with `bagian`, only the
    section whose heading has that id."""
    assert resp.status_code == 200
    html = resp.content.decode()
    if bagian:
        html = html[html.index(f'id="{bagian}"') :].split("</section>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _ada_tanpa_berturut(teks: str, frasa: str) -> bool:
    """`frasa` is on the page and not followed by "in a row" in either language."""
    return re.search(re.escape(frasa) + r"(?! berturut-turut| in a row)", teks) is not None


@pytest.fixture
def mangkir(pk, desa):
    """Two running clients of pk: one missed once, the other three times in a row."""
    hasil = {}
    for n, nama in ((1, "I Wayan Sekali"), (3, "I Made Tiga Kali")):
        k = KlienFactory(pk_pembimbing=pk, desa=desa, nama=nama)
        services.klien_setel_kepatuhan_lapor(klien=k, mangkir_berturut=n, berikutnya=None)
        hasil[n] = k
    return hasil


# page: (url name, who opens it,
#        {language: [([section heading's id,] for 1 miss, for 3 misses), ...]})
HALAMAN = {
    "daftar": (
        "klien:klien-list",
        "kasi",
        {
            "id": [("tidak lapor 1 kali", "tidak lapor 3 kali berturut-turut")],
            "en": [("missed 1 report", "missed 3 reports in a row")],
        },
    ),
    "beban": (
        "klien:caseload",
        "pk",
        {
            "id": [
                ("tidak lapor 1 kali", "tidak lapor 3 kali berturut-turut"),
                ("judul-mangkir", " 1 kali", " 3 kali berturut-turut"),  # the misses' list
            ],
            "en": [
                ("missed 1 report", "missed 3 reports in a row"),
                ("judul-mangkir", " once", " 3 times in a row"),
            ],
        },
    ),
    "agenda": (
        "pembimbingan:agenda",
        "pk",
        {
            "id": [("tidak hadir/lapor 1 kali", "tidak hadir/lapor 3 kali berturut-turut")],
            "en": [("missed 1 session or report", "missed 3 sessions or reports in a row")],
        },
    ),
}


@pytest.mark.parametrize("halaman", list(HALAMAN))
@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_jumlah_mangkir_di_daftar_beban_dan_agenda(client, request, mangkir, halaman, bahasa):
    url, peran, frasa = HALAMAN[halaman]
    client.force_login(request.getfixturevalue(peran))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = bahasa
    resp = client.get(reverse(url))
    assert "×" not in _teks(resp)
    for *bagian, satu, tiga in frasa[bahasa]:
        teks = _teks(resp, *bagian)
        assert _ada_tanpa_berturut(teks, satu), satu
        assert tiga in teks


@pytest.mark.parametrize(
    ("bahasa", "label", "satu", "tiga"),
    [
        ("id", "Tidak hadir/lapor terakhir", "1 kali · peringatan", "3 kali berturut-turut ·"),
        ("en", "Latest missed sessions/reports", "once · warning", "3 times in a row ·"),
    ],
)
def test_jumlah_mangkir_di_halaman_klien(client, pk, mangkir, bahasa, label, satu, tiga):
    client.force_login(pk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = bahasa
    assert f"{label} {satu}" in _teks(client.get(mangkir[1].get_absolute_url()))
    assert f"{label} {tiga}" in _teks(client.get(mangkir[3].get_absolute_url()))
