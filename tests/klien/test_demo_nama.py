"""The demo's people follow Balinese naming (DOMAIN.md, "Balinese names"): "I" for a man and
"Ni" for a woman, and a guarantor's relation fits both people (a man's spouse is his
"Istri", a woman's her "Suami")."""

import random

import pytest

from klien.contoh import penjamin_acak
from klien.demo import NAMA_BELAKANG_L, NAMA_BELAKANG_P
from klien.models import Klien
from klien.pilihan import StatusPerkawinan
from tests.klien.factories import KlienFactory

# relation -> the guarantor is a man; relations that say nothing of sex are left out
LAKI = {"Ayah": True, "Suami": True, "Paman": True, "Ibu": False, "Istri": False, "Bibi": False}


def _laki(nama: str) -> bool:
    awalan = nama.split()[0]
    assert awalan in ("I", "Ni"), nama
    return awalan == "I"


def test_nama_dan_penjamin_klien_demo(demo):
    klien = list(Klien.objects.filter(dianonimkan_pada__isnull=True))
    assert {k.jenis_kelamin for k in klien} == {"L", "P"}
    for k in klien:
        laki = k.jenis_kelamin == "L"
        assert _laki(k.nama) == laki, k.nama
        assert k.nama.split()[-1] in (NAMA_BELAKANG_L if laki else NAMA_BELAKANG_P), k.nama
        if k.hubungan_penjamin in ("Istri", "Suami"):
            assert k.hubungan_penjamin == ("Istri" if laki else "Suami"), k.nama
            assert k.status_perkawinan == StatusPerkawinan.KAWIN, k.nama
        if k.nama_penjamin:
            penjamin_laki = _laki(k.nama_penjamin)
            if k.hubungan_penjamin in LAKI:
                assert penjamin_laki == LAKI[k.hubungan_penjamin], k.nama_penjamin
    assert any(k.hubungan_penjamin == "Istri" for k in klien)


@pytest.mark.parametrize("seed", range(20))
def test_penjamin_sesuai_jenis_kelamin_dan_perkawinan(seed):
    rng = random.Random(seed)  # noqa: S311
    for klien_laki in (True, False):
        for kawin in (True, False):
            hubungan, laki = penjamin_acak(rng, klien_laki=klien_laki, kawin=kawin)
            assert LAKI.get(hubungan, laki) == laki
            if hubungan in ("Istri", "Suami"):
                assert kawin and hubungan == ("Istri" if klien_laki else "Suami")


def test_pabrik_klien_menamai_sesuai_jenis_kelamin(pk, desa):
    assert KlienFactory(pk_pembimbing=pk, desa=desa).nama.startswith("I Wayan ")
    assert KlienFactory(pk_pembimbing=pk, desa=desa, jenis_kelamin="P").nama.startswith("Ni ")
