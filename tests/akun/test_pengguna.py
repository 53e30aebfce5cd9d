"""The office Admin keeps the office's accounts: create, edit, deactivate, reset."""

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import User
from jejak.models import JejakAudit, Peristiwa
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory

SANDI = "sawah subak di lereng agung"


def _baru(**lain):
    data = {
        "username": "pk-baru",
        "first_name": "Ni Kadek",
        "last_name": "Baru",
        "nip": "199001012015032001",
        "email": "",
        "peran": "PK",
        "password1": SANDI,
        "password2": SANDI,
    }
    return data | lain


def test_admin_membuat_akun_pk_di_kantornya(client, admin_unit, unit_lain):
    client.force_login(admin_unit)
    resp = client.post(reverse("akun:pengguna-create"), _baru(unit=unit_lain.pk))
    assert resp.status_code == 302
    baru = User.objects.get(username="pk-baru")
    assert (baru.unit, baru.peran, baru.is_active) == (admin_unit.unit, "PK", True)
    assert baru.check_password(SANDI)
    buat = JejakAudit.objects.get(
        jenis=Peristiwa.BUAT, content_type__model="user", object_pk=str(baru.pk)
    )
    assert buat.actor == admin_unit and "password" not in buat.changes
    assert SANDI not in str(buat.changes)
    # one event, one entry: the creation is auditlog's, not repeated as a security event
    assert not JejakAudit.objects.filter(jenis=Peristiwa.KEAMANAN).exists()


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"password1": "pendek", "password2": "pendek"}, "password1", "terlalu pendek"),
        ({"password2": "lain-sekali-panjangnya"}, "password2", "tidak sama"),
        ({"nip": "123"}, "nip", "18 angka"),
        ({"peran": "KANWIL"}, "peran", "bukan salah satu"),
        ({"username": "admin-uji"}, "username", "sudah"),
    ],
)
def test_isian_salah_ditolak_tanpa_menyimpan(client, admin_unit, ubah, field, pesan):
    client.force_login(admin_unit)
    jumlah = User.objects.count()
    resp = client.post(reverse("akun:pengguna-create"), _baru(**ubah))
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors[field])
    assert User.objects.count() == jumlah


def test_menonaktifkan_mengakhiri_sesinya_dan_tercatat(client, admin_unit, kasi):
    sesi_kasi = Client()
    sesi_kasi.force_login(kasi)
    assert sesi_kasi.get(reverse("klien:klien-list")).status_code == 200
    client.force_login(admin_unit)
    data = {
        "username": kasi.username,
        "first_name": kasi.first_name or "Kasi",
        "last_name": kasi.last_name,
        "nip": kasi.nip,
        "email": kasi.email,
        "peran": "KASI",
    }  # is_active left out: unticked
    resp = client.post(reverse("akun:pengguna-update", args=[kasi.pk]), data)
    assert resp.status_code == 302
    kasi.refresh_from_db()
    assert not kasi.is_active
    assert sesi_kasi.get(reverse("klien:klien-list")).status_code == 302  # to the login page
    ubah = JejakAudit.objects.get(jenis=Peristiwa.UBAH, content_type__model="user")
    assert ubah.actor == admin_unit and ubah.changes["is_active"] == [True, False]


def test_pk_yang_masih_membimbing_tidak_dapat_dinonaktifkan(client, admin_unit, pk):
    KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    client.force_login(admin_unit)
    data = {"username": pk.username, "first_name": "Wayan", "nip": "", "peran": "PK"}
    resp = client.post(reverse("akun:pengguna-update", args=[pk.pk]), data)
    assert resp.status_code == 200
    assert "Masih membimbing 1 klien" in " ".join(resp.context["form"].errors["is_active"])
    pk.refresh_from_db()
    assert pk.is_active


def test_admin_tidak_mengubah_peran_atau_status_dirinya(client, admin_unit):
    client.force_login(admin_unit)
    data = {"username": admin_unit.username, "first_name": "Komang", "peran": "KABAPAS"}
    client.post(reverse("akun:pengguna-update", args=[admin_unit.pk]), data)
    admin_unit.refresh_from_db()
    assert (admin_unit.peran, admin_unit.is_active, admin_unit.first_name) == (
        "ADMIN",
        True,
        "Komang",
    )


def test_akun_kantor_lain_404_dan_tidak_terdaftar(client, admin_unit, kasi_lain):
    client.force_login(admin_unit)
    assert client.get(reverse("akun:pengguna-update", args=[kasi_lain.pk])).status_code == 404
    url = reverse("akun:pengguna-kata-sandi", args=[kasi_lain.pk])
    assert client.post(url, {}).status_code == 404
    assert kasi_lain.username not in client.get(reverse("akun:pengguna-list")).content.decode()


def test_kata_sandi_baru_mengakhiri_sesi_pemiliknya(client, admin_unit, pk):
    sesi_pk = Client()
    sesi_pk.force_login(pk)
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-kata-sandi", args=[pk.pk])
    assert client.post(url, {"new_password1": SANDI, "new_password2": SANDI}).status_code == 302
    pk.refresh_from_db()
    assert pk.check_password(SANDI)
    assert sesi_pk.get(reverse("klien:caseload")).status_code == 302
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.KEAMANAN)
    assert (e.actor, e.additional_data) == (admin_unit, {"aksi": "kata_sandi_direset"})


def test_atur_ulang_otp_oleh_admin(client, admin_unit, pk):
    from akun.otp.models import PerangkatTOTP as TOTPDevice

    TOTPDevice.objects.create(user=pk, confirmed=True)
    pk.otp_aktif = True
    pk.save()
    client.force_login(admin_unit)
    resp = client.post(reverse("akun:pengguna-reset-otp", args=[pk.pk]))
    assert resp.status_code == 302
    pk.refresh_from_db()
    assert not pk.otp_aktif and not TOTPDevice.objects.filter(user=pk).exists()
    e = JejakAudit.objects.get(jenis=Peristiwa.KEAMANAN, additional_data__aksi="reset")
    assert e.actor == admin_unit and e.object_pk == str(pk.pk)


def test_daftar_pengguna_jumlah_query_tetap(client, admin_unit, unit, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_unit)
    UserFactory.create_batch(3, unit=unit, peran="PK")
    with CaptureQueriesContext(connection) as sedikit:
        client.get(reverse("akun:pengguna-list"))
    UserFactory.create_batch(30, unit=unit, peran="PK")
    with django_assert_num_queries(len(sedikit.captured_queries)):
        client.get(reverse("akun:pengguna-list"))
