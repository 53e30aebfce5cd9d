"""A region's name with its kind reads in the word order of the language: "Kabupaten
Bangli" in Indonesian, "Bangli Regency" in English."""

import pytest
from django.conf import settings
from django.utils import translation

from pokmas.forms import MitraForm
from tests.factories import DesaFactory, KabupatenFactory, KecamatanFactory
from tests.klien.factories import KlienFactory
from tests.pokmas.factories import MitraFactory


@pytest.mark.parametrize(
    ("bahasa", "kabupaten", "kota", "kecamatan"),
    [
        ("id", "Kabupaten Bangli", "Kota Denpasar", "Kec. Kintamani"),
        ("en", "Bangli Regency", "Denpasar City", "Kintamani District"),
    ],
)
def test_nama_dengan_jenisnya(db, bahasa, kabupaten, kota, kecamatan):
    bangli = KabupatenFactory(nama="Bangli", jenis="kabupaten")
    denpasar = KabupatenFactory(nama="Denpasar", jenis="kota")
    kintamani = KecamatanFactory(kabupaten=bangli, nama="Kintamani")
    with translation.override(bahasa):
        assert (str(bangli), str(denpasar), kintamani.nama_lengkap) == (kabupaten, kota, kecamatan)
        assert str(kintamani) == "Kintamani"  # the choice lists under a "Kecamatan" label


@pytest.mark.parametrize(
    ("bahasa", "alamat"),
    [
        ("id", "Batur, Kec. Kintamani, Kabupaten Bangli"),
        ("en", "Batur, Kintamani District, Bangli Regency"),
    ],
)
def test_alamat_klien_menamai_jenis_wilayah(client, pk, unit, bahasa, alamat):
    bangli = KabupatenFactory(nama="Bangli", jenis="kabupaten")
    desa = DesaFactory(nama="Batur", kecamatan=KecamatanFactory(kabupaten=bangli, nama="Kintamani"))
    unit.wilayah_kerja.add(bangli)
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, alamat="")
    client.force_login(pk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = bahasa
    assert alamat in client.get(klien.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("bahasa", "alamat"),
    [
        ("id", "Jl. Uji No. 1, Batur, Kec. Kintamani, Kabupaten Bangli"),
        ("en", "Jl. Uji No. 1, Batur, Kintamani District, Bangli Regency"),
    ],
)
def test_alamat_mitra_menamai_jenis_wilayah(client, kasi, bahasa, alamat):
    bangli = KabupatenFactory(nama="Bangli", jenis="kabupaten")
    desa = DesaFactory(nama="Batur", kecamatan=KecamatanFactory(kabupaten=bangli, nama="Kintamani"))
    mitra = MitraFactory(unit=kasi.unit, desa=desa)
    client.force_login(kasi)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = bahasa
    assert alamat in client.get(mitra.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("bahasa", "kelompok"),
    [("id", "Kabupaten Bangli — Kec. Kintamani"), ("en", "Bangli Regency — Kintamani District")],
)
def test_pilihan_desa_mitra_dikelompokkan_per_kecamatan(unit, bahasa, kelompok):
    bangli = KabupatenFactory(nama="Bangli", jenis="kabupaten")
    DesaFactory(nama="Batur", kecamatan=KecamatanFactory(kabupaten=bangli, nama="Kintamani"))
    unit.wilayah_kerja.add(bangli)
    with translation.override(bahasa):
        pilihan = MitraForm(unit=unit).fields["desa"].choices
        assert [str(label) for label, _desa in pilihan[1:]] == [kelompok]
