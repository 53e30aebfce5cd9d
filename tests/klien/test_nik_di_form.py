"""The edit form does not hand the stored NIK to a role that sees NIKs masked (Kasi,
Kabapas): the field starts empty, names the masked NIK, and empty keeps the stored one."""

import pytest
from django.urls import reverse

from klien.models import Klien
from tests.klien.factories import KlienFactory, data_form_klien

NIK = "5107015505900001"


@pytest.fixture
def klien_dewasa(pk, desa):
    return KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        nik=NIK,
        no_register="BARU-1",
        tanggal_lahir="1990-05-15",
        jenis_kelamin="P",
    )


def _ubah(klien):
    return reverse("klien:klien-update", kwargs={"pk": klien.pk})


@pytest.mark.parametrize("peran", ["kasi", "kabapas"])
def test_form_ubah_tidak_memuat_nik_lengkap(client, request, klien_dewasa, peran):
    client.force_login(request.getfixturevalue(peran))
    html = client.get(_ubah(klien_dewasa)).content.decode()
    assert NIK not in html
    assert klien_dewasa.nik_tersamar in html


@pytest.mark.parametrize("peran", ["pk", "admin_unit"])
def test_pk_dan_admin_melihat_nik_di_form(client, request, klien_dewasa, peran):
    client.force_login(request.getfixturevalue(peran))
    assert f'value="{NIK}"' in client.get(_ubah(klien_dewasa)).content.decode()


def test_nik_kosong_mempertahankan_yang_tersimpan(client, kasi, klien_dewasa, desa):
    client.force_login(kasi)
    data = data_form_klien(desa, nik="", pekerjaan="Nelayan")
    resp = client.post(_ubah(klien_dewasa), data)
    assert resp.status_code == 302, resp.context["form"].errors
    klien = Klien.objects.get(pk=klien_dewasa.pk)
    assert (klien.nik, klien.pekerjaan) == (NIK, "Nelayan")


def test_nik_baru_menggantikan(client, kasi, klien_dewasa, desa):
    client.force_login(kasi)
    baru = "5107015505900002"
    resp = client.post(_ubah(klien_dewasa), data_form_klien(desa, nik=baru))
    assert resp.status_code == 302
    assert Klien.objects.get(pk=klien_dewasa.pk).nik == baru


# A NIK that cannot exist is refused on the form's NIK field, with what is wrong; one that
# could exist but names an unknown kecamatan is saved, with a warning.


def test_form_baru_menolak_nik_mustahil(client, pk, desa):
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-create"), data_form_klien(desa, nik="5107013102900001"))
    assert resp.status_code == 200
    (pesan,) = resp.context["form"].errors["nik"]
    assert pesan == (
        "Tanggal lahir pada NIK (31-02-90) tidak ada di kalender: bulan itu hanya sampai "
        "tanggal 28."
    )
    assert not Klien.objects.exists()


def test_form_ubah_menolak_nik_mustahil_nik_lama_tetap(client, kasi, klien_dewasa, desa):
    client.force_login(kasi)
    resp = client.post(_ubah(klien_dewasa), data_form_klien(desa, nik="9907015505900001"))
    assert resp.status_code == 200
    assert "Kode provinsi NIK (99) tidak ada" in resp.context["form"].errors["nik"][0]
    assert Klien.objects.get(pk=klien_dewasa.pk).nik == NIK


def test_form_menyimpan_nik_kecamatan_tak_dikenal_dengan_peringatan(client, pk, desa):
    client.force_login(pk)
    nik = "5107095505900001"  # Karangasem has no kecamatan 09
    resp = client.post(reverse("klien:klien-create"), data_form_klien(desa, nik=nik), follow=True)
    assert Klien.objects.get().nik == nik
    pesan = [str(m) for m in resp.context["messages"]]
    assert any("Kode kecamatan pada NIK (51.07.09) tidak ada" in p for p in pesan), pesan
