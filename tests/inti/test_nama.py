"""inti.nama: one stored spelling per name that looks the same on screen."""

import pytest
from django.core.exceptions import ValidationError

from inti.nama import bersihkan_nama, kunci_nama

ASLI = "Yayasan Dua Hati Bali"


@pytest.mark.parametrize(
    "masukan",
    [
        "Yayasan\u200b Dua Hati Bali",  # zero-width space
        "\ufeffYayasan Dua Hati Bali",  # byte-order mark pasted in front
        "Yayasan Dua\u200c\u200d Hati\u2060 Bali\u00ad",  # ZWNJ, ZWJ, word joiner, soft hyphen
        "Ｙａｙａｓａｎ Ｄｕａ Ｈａｔｉ Ｂａｌｉ",  # full-width letters
        "  Yayasan\u00a0Dua\tHati\u3000 Bali \n",  # other spaces
        "Yayasan Dua \u3164Hati Bali",  # a Hangul filler shows as nothing
    ],
)
def test_padding_dan_bentuk_kompatibilitas_menjadi_nama_yang_sama(masukan):
    assert bersihkan_nama(masukan) == ASLI


@pytest.mark.parametrize(
    "masukan",
    [
        "\u202eilaB itaH auD nasayaY",  # reversed behind a right-to-left override
        "Yayasan Dua Hati Bali\u202c",
        "\u2067Yayasan Dua Hati Bali\u2069",  # isolates
        "Yayasan \u200fDua Hati Bali",  # right-to-left mark
        "Yayasan\u061c Dua Hati Bali",  # Arabic letter mark
        "\u202aYayasan\u202b Dua\u202d Hati Bali",
    ],
)
def test_karakter_arah_teks_ditolak(masukan):
    with pytest.raises(ValidationError) as exc:
        bersihkan_nama(masukan)
    assert exc.value.error_list[0].code == "bidi"
    assert "arah teks" in exc.value.messages[0]


@pytest.mark.parametrize("masukan", ["Yayasan\x00 Dua", "Ni Luh\x07", "I Made\x1b[31m"])
def test_karakter_kendali_ditolak(masukan):
    with pytest.raises(ValidationError) as exc:
        bersihkan_nama(masukan)
    assert exc.value.error_list[0].code == "kendali"


@pytest.mark.parametrize(
    ("masukan", "skrip"),
    [
        ("Y\u0430yasan Dua Hati Bali", "Cyrillic"),  # Cyrillic a
        ("Yayasan Dua H\u03b1ti Bali", "Greek"),  # Greek alpha
        ("Yayasan \u0415ka", "Cyrillic"),  # Cyrillic capital Ie
    ],
)
def test_huruf_mirip_dari_aksara_lain_ditolak(masukan, skrip):
    with pytest.raises(ValidationError) as exc:
        bersihkan_nama(masukan)
    assert exc.value.error_list[0].code == "campuran"
    assert skrip in exc.value.messages[0]


@pytest.mark.parametrize(
    "nama",
    [
        "I Gusti Ngurah Rai",
        "Ni Luh Putu Ayu-Wulandari",
        "Ma'ruf bin Abdullah",
        "Dr. H. Soekarno, S.H.",
        "José Ramos-Horta",
        "Krüger",
        "Ölçer Ağaoğlu",
    ],
)
def test_nama_biasa_tidak_berubah(nama):
    assert bersihkan_nama(nama) == nama


def test_kunci_nama_melipat_huruf_aksen_dan_yang_tak_tampak():
    assert kunci_nama("  JOSÉ\u200b  Ramos\u202e ") == "jose ramos"
    assert kunci_nama("Ｙａｙａｓａｎ") == kunci_nama("yayasan")
