"""Issue 10, finding 8: a name cannot be registered twice by padding, widening or
reversing it, and no stored name carries direction or invisible characters."""

import pytest
from django.urls import reverse

from klien.models import Klien
from pokmas.models import Mitra
from pokmas.selectors import mitra_nama_mirip
from tests.factories import DesaFactory
from tests.klien.factories import KlienFactory, data_form_klien
from tests.pokmas.factories import MitraFactory, data_form_mitra

ASLI = "Yayasan Dua Hati Bali"
URL_MITRA = reverse("pokmas:mitra-create")


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.mark.parametrize(
    "tiruan",
    [
        "Yayasan Dua\u200b Hati Bali",  # padded with a zero-width space
        "\ufeffyayasan dua hati bali",  # a byte-order mark, another case
        "Ｙａｙａｓａｎ Dua Hati Bali",  # full-width letters
    ],
)
def test_mitra_tiruan_berpadding_adalah_nama_yang_sama(client, admin_unit, unit, desa, tiruan):
    MitraFactory(unit=unit, nama=ASLI)
    client.force_login(admin_unit)
    resp = client.post(URL_MITRA, data_form_mitra(desa, nama=tiruan, tetap_simpan="on"))
    assert resp.status_code == 200
    assert "sudah terdaftar" in " ".join(resp.context["form"].errors["nama"])
    assert list(Mitra.objects.values_list("nama", flat=True)) == [ASLI]


@pytest.mark.parametrize(
    ("tiruan", "pesan"),
    [
        ("\u202eilaB itaH auD nasayaY", "arah teks"),  # shows as "Yayasan Dua Hati Bali"
        ("Y\u0430yasan Dua Hati Bali", "Cyrillic"),  # a Cyrillic a
    ],
)
def test_mitra_terbalik_atau_huruf_mirip_ditolak(client, admin_unit, unit, desa, tiruan, pesan):
    MitraFactory(unit=unit, nama=ASLI)
    client.force_login(admin_unit)
    resp = client.post(URL_MITRA, data_form_mitra(desa, nama=tiruan, tetap_simpan="on"))
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors["nama"])
    assert Mitra.objects.count() == 1


def test_mitra_disimpan_dengan_nama_bersih(client, admin_unit, desa):
    client.force_login(admin_unit)
    nama, narahubung = "Yayasan\u200b Tunas\u00a0Harapan", "Ni\u200d Sari"
    data = data_form_mitra(desa, nama=nama, narahubung=narahubung)
    assert client.post(URL_MITRA, data).status_code == 302
    mitra = Mitra.objects.get()
    assert (mitra.nama, mitra.narahubung) == ("Yayasan Tunas Harapan", "Ni Sari")


def test_peringatan_nama_mirip_memakai_normalisasi_yang_sama(unit):
    MitraFactory(unit=unit, nama="Kelompok Tani Subak Baru")
    mirip = mitra_nama_mirip(unit=unit, nama="Ｋｅｌｏｍｐｏｋ Tani\u200b Subak\u00adBaru")
    assert [m.nama for m in mirip] == ["Kelompok Tani Subak Baru"]


def test_klien_nama_terbalik_ditolak_dan_padding_dibersihkan(client, pk, desa):
    client.force_login(pk)
    url = reverse("klien:klien-create")
    resp = client.post(url, data_form_klien(desa, nama="\u202ejiU huL iN"))
    assert resp.status_code == 200 and "arah teks" in " ".join(resp.context["form"].errors["nama"])
    assert not Klien.objects.exists()
    data = data_form_klien(desa, nama="Ni\u200b Luh\ufeff Uji", alias="Lu\u2060h")
    assert client.post(url, data).status_code == 302
    klien = Klien.objects.get()
    assert (klien.nama, klien.alias) == ("Ni Luh Uji", "Luh")


def test_klien_nama_lewat_layanan_juga_dibersihkan(pk, desa):
    """The rule sits on the model (full_clean), so services and imports apply it too."""
    klien = KlienFactory.build(unit=pk.unit, pk_pembimbing=pk, desa=desa, nama="Ｉ Made\u200b Uji")
    klien.full_clean(exclude=["batas_tahap_lanjutan", "batas_tahap_akhir"])
    assert klien.nama == "I Made Uji"
