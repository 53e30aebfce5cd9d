"""Registration of a partner by the admin: valid, invalid, similar-name warning."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pokmas.models import Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from pokmas.pilihan import StatusMitra
from pokmas.selectors import mitra_nama_mirip, normalisasi_nama
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import MitraFactory
from tests.pokmas.factories import data_form_mitra as data_mitra

URL = reverse("pokmas:mitra-create")


def data_pks(nomor="W20/PKS/01/2026", dokumen=None):
    return {
        "pks-nomor": nomor,
        "pks-tanggal_tanda_tangan": "2026-01-05",
        "pks-tanggal_mulai": "2026-01-10",
        "pks-tanggal_selesai": "2028-01-09",
        "pks-dokumen": dokumen or SimpleUploadedFile("pks.pdf", PDF, "application/pdf"),
    }


def test_admin_mendaftarkan_mitra_dengan_pks(client, admin_unit, unit, unit_lain, desa):
    client.force_login(admin_unit)
    data = data_mitra(desa, unit=unit_lain.pk, status="aktif") | data_pks()
    resp = client.post(URL, data)
    mitra = Mitra.objects.get(nama="Yayasan Tunas Harapan")
    assert resp.status_code == 302
    assert resp["Location"] == mitra.get_absolute_url()
    # the unit and the status come from the server, never from the form
    assert mitra.unit == unit
    assert mitra.status == StatusMitra.KANDIDAT
    assert mitra.dibuat_oleh == admin_unit
    assert sorted(mitra.layanan.values_list("bidang", flat=True)) == [
        "keterampilan_kerja",
        "pendidikan",
    ]
    assert mitra.program_kemandirian and not mitra.program_kepribadian
    pks = PerjanjianKerjaSama.objects.get(mitra=mitra)
    assert pks.unit == unit
    assert pks.tanggal_selesai == datetime.date(2028, 1, 9)
    assert pks.dokumen.read() == PDF
    assert RiwayatStatusMitra.objects.get(mitra=mitra).status_baru == StatusMitra.KANDIDAT


def test_pendaftaran_tanpa_pks_boleh(client, admin_unit, desa):
    client.force_login(admin_unit)
    resp = client.post(URL, data_mitra(desa))
    assert resp.status_code == 302
    assert not PerjanjianKerjaSama.objects.exists()


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"nama": ""}, "nama", "tidak boleh kosong"),
        ({"program_kemandirian": ""}, "program_kepribadian", "sedikitnya satu jenis program"),
        ({"telepon": "telp kantor"}, "telepon", "Nomor telepon"),
        ({"bidang": []}, "bidang", "tidak boleh kosong"),
        ({"jenis": "partai"}, "jenis", "pilihan"),
    ],
)
def test_data_tidak_sah_tidak_menyimpan_apa_pun(client, admin_unit, desa, ubah, field, pesan):
    client.force_login(admin_unit)
    data = {k: v for k, v in data_mitra(desa, **ubah).items() if v != ""}
    resp = client.post(URL, data)
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors[field])
    assert not Mitra.objects.exists()


def test_desa_di_luar_wilayah_kerja_ditolak(client, admin_unit, desa, desa_luar):
    client.force_login(admin_unit)
    resp = client.get(URL)
    pilihan = resp.context["form"].fields["desa"].choices
    assert [label for label, _ in pilihan[1:]] == ["Kabupaten Karangasem — Kec. Kubu"]
    resp = client.post(URL, data_mitra(desa_luar))
    assert "desa" in resp.context["form"].errors
    assert not Mitra.objects.exists()


def test_pks_tanggal_terbalik_ditolak_dan_mitra_tidak_tersimpan(client, admin_unit, desa):
    client.force_login(admin_unit)
    data = data_mitra(desa) | data_pks() | {"pks-tanggal_selesai": "2025-12-31"}
    resp = client.post(URL, data)
    assert resp.status_code == 200
    assert "sebelum tanggal mulai" in str(resp.context["pks_form"].errors["tanggal_selesai"])
    assert not Mitra.objects.exists()


def test_nama_sama_persis_ditolak(client, admin_unit, unit, desa):
    MitraFactory(unit=unit, nama="Yayasan Tunas Harapan")
    client.force_login(admin_unit)
    resp = client.post(URL, data_mitra(desa, nama="yayasan  tunas harapan"))
    assert "sudah terdaftar" in str(resp.context["form"].errors["nama"])
    assert Mitra.objects.count() == 1


def test_nama_mirip_memperingatkan_lalu_boleh_dikonfirmasi(client, admin_unit, unit, desa):
    MitraFactory(unit=unit, nama="Yayasan Tunas Harapan Bali")
    client.force_login(admin_unit)
    resp = client.post(URL, data_mitra(desa, nama="Tunas Harapan"))
    assert resp.status_code == 200
    galat = str(resp.context["form"].errors["tetap_simpan"])
    assert "nama mirip" in galat and "Yayasan Tunas Harapan Bali" in galat
    assert 'type="checkbox" name="tetap_simpan"' in resp.content.decode()
    assert Mitra.objects.count() == 1

    resp = client.post(URL, data_mitra(desa, nama="Tunas Harapan", tetap_simpan="on"))
    assert resp.status_code == 302
    assert Mitra.objects.count() == 2


def test_nama_mirip_di_kantor_lain_tidak_memperingatkan(client, admin_unit, unit_lain, desa):
    MitraFactory(unit=unit_lain, nama="Yayasan Tunas Harapan")
    client.force_login(admin_unit)
    assert client.post(URL, data_mitra(desa, nama="Yayasan Tunas Harapan")).status_code == 302


def test_normalisasi_dan_kemiripan(unit):
    assert normalisasi_nama("Yayasan  Dua-Hati, Bali") == "dua hati"
    MitraFactory(unit=unit, nama="Kelompok Ikan Sari Nadi Subak Baru")
    MitraFactory(unit=unit, nama="Bali Creative Wedding Souvenir")
    mirip = mitra_nama_mirip(unit=unit, nama="Klompok Ikan Sarinadi Subak Baru")
    assert [m.nama for m in mirip] == ["Kelompok Ikan Sari Nadi Subak Baru"]
    assert mitra_nama_mirip(unit=unit, nama="I Ketut Suparta") == []


def test_admin_mengubah_mitra(client, admin_unit, unit, desa):
    mitra = MitraFactory(unit=unit, desa=desa, bidang=["pendidikan"])
    client.force_login(admin_unit)
    url = reverse("pokmas:mitra-update", kwargs={"pk": mitra.pk})
    resp = client.get(url)
    assert resp.context["form"].initial["bidang"] == ["pendidikan"]
    data = data_mitra(desa, nama=mitra.nama, bidang=["kesehatan"])
    assert client.post(url, data).status_code == 302
    mitra.refresh_from_db()
    assert list(mitra.layanan.values_list("bidang", flat=True)) == ["kesehatan"]
    assert mitra.uraian_layanan == "Kursus menjahit."


def test_mitra_aktif_tidak_boleh_kehilangan_kriteria(client, admin_unit, unit, desa):
    mitra = MitraFactory(unit=unit, desa=desa, status=StatusMitra.AKTIF)
    client.force_login(admin_unit)
    url = reverse("pokmas:mitra-update", kwargs={"pk": mitra.pk})
    data = data_mitra(desa, nama=mitra.nama)
    del data["kriteria_komitmen"]
    resp = client.post(url, data)
    assert resp.status_code == 200
    assert "harus tetap memenuhi semua kriteria" in str(resp.context["form"].non_field_errors())
    mitra.refresh_from_db()
    assert mitra.kriteria_komitmen


def test_admin_kantor_lain_tidak_menemukan_mitra(client, unit_lain, unit):
    from tests.factories import UserFactory

    admin_lain = UserFactory(peran="ADMIN", unit=unit_lain)
    mitra = MitraFactory(unit=unit)
    client.force_login(admin_lain)
    for nama in ("pokmas:mitra-update", "pokmas:mitra-detail"):
        assert client.get(reverse(nama, kwargs={"pk": mitra.pk})).status_code == 404
    resp = client.get(reverse("pokmas:pks-create", kwargs={"mitra_pk": mitra.pk}))
    assert resp.status_code == 404


@pytest.mark.parametrize("fixture", ["pk", "kasi", "kabapas"])
def test_selain_admin_tidak_boleh_mendaftarkan(client, request, fixture, desa):
    client.force_login(request.getfixturevalue(fixture))
    assert client.post(URL, data_mitra(desa)).status_code == 403
    assert not Mitra.objects.exists()
