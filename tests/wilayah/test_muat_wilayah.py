import pytest
from django.core.management import CommandError, call_command

from wilayah.loader import nama_resmi
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi


def test_bali_dimuat_lengkap_dengan_ejaan_resmi(wilayah_bali):
    bali = Provinsi.objects.get(nama="Bali")
    assert Kabupaten.objects.filter(provinsi=bali).count() == 9
    assert Kecamatan.objects.filter(kabupaten__provinsi=bali).count() == 57
    assert Desa.objects.filter(kecamatan__kabupaten__provinsi=bali).count() == 716
    karangasem = Kabupaten.objects.get(nama="Karangasem")
    assert karangasem.jenis == "kabupaten"
    assert Kabupaten.objects.get(nama="Denpasar").jenis == "kota"
    assert set(karangasem.kecamatan.values_list("nama", flat=True)) >= {"Karangasem", "Kubu"}
    assert not Kecamatan.objects.filter(nama__in=["Karang Asem", "Nusapenida"]).exists()


def test_waktu_tempuh_nusa_penida(wilayah_bali):
    nusa_penida = Kecamatan.objects.get(nama="Nusa Penida", kabupaten__nama="Klungkung")
    assert nusa_penida.waktu_tempuh_menit == 270
    assert "menyeberang" in nusa_penida.keterangan_tempuh
    assert Kecamatan.objects.get(nama="Karangasem").waktu_tempuh_menit == 10


def test_muat_ulang_tidak_menggandakan(wilayah_bali):
    sebelum = (Kabupaten.objects.count(), Kecamatan.objects.count(), Desa.objects.count())
    call_command("muat_wilayah", "bali", verbosity=0)
    assert (Kabupaten.objects.count(), Kecamatan.objects.count(), Desa.objects.count()) == sebelum


def test_provinsi_tidak_dikenal_pesan_jelas(db):
    with pytest.raises(CommandError, match="tidak ada di data"):
        call_command("muat_wilayah", "atlantis")
    assert not Provinsi.objects.exists()


def test_nama_resmi():
    assert nama_resmi("Karang Asem") == "Karangasem"
    assert nama_resmi("Nusapenida") == "Nusa Penida"
    assert nama_resmi("  Kubu ") == "Kubu"


def test_jenis_kabupaten_dibaca_dari_data_bukan_dari_label_terjemahan():
    from django.utils import translation

    from wilayah.loader import _pisah_jenis

    with translation.override("en"):
        assert _pisah_jenis("Kota Denpasar") == ("kota", "Denpasar")
        assert _pisah_jenis("Kabupaten Karangasem") == ("kabupaten", "Karangasem")
