"""Separation of duties: a change to an Admin's or Kabapas's account needs a second person,
and the owner is told at their next login (issue 10, finding 9)."""

import html
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from akun.models import Peran, User
from akun.otp import services as otp_services
from akun.otp.models import PerangkatTOTP
from akun.pengguna import kata_sandi_setel, pengguna_buat, pengguna_ubah
from akun.persetujuan.models import (
    JenisPerubahan,
    PemberitahuanAkun,
    PermintaanPerubahanAkun,
    StatusPermintaan,
)
from akun.persetujuan.services import permintaan_ajukan, permintaan_putuskan
from jejak.models import JejakAudit, Peristiwa
from tests.factories import KanwilFactory, UserFactory

SANDI = "sawah subak di lereng agung"
SANDI_LAMA = "kata-sandi-uji-panjang"  # the factories' password
DAFTAR = reverse("akun:permintaan-list")


def _putus(pk) -> str:
    return reverse("akun:permintaan-putus", args=[pk])


def _data_form(user, **ubah) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name or "Nama",
        "last_name": user.last_name,
        "nip": user.nip,
        "email": user.email,
        "peran": user.peran,
        "is_active": "on" if user.is_active else "",
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v != ""}


def _masuk(username: str, sandi: str) -> Client:
    """A real login through the login page (the notices are shown by its signal)."""
    c = Client()
    resp = c.post(reverse("akun:login"), {"username": username, "password": sandi})
    assert resp.status_code == 302, resp.content.decode()[:300]
    return c


def _pesan(client) -> list[str]:
    """The messages the next page shows."""
    resp = client.get(reverse("akun:keamanan"))
    return [
        html.unescape(m)
        for m in re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', resp.content.decode())
    ]


@pytest.fixture
def kanwil_lain(db):
    return UserFactory(
        username="kanwil-lain",
        peran=Peran.KANWIL,
        unit=None,
        kanwil=KanwilFactory(nama="Kanwil NTB"),
    )


# --- the hole the finding describes, closed in the views ------------------------------------


def test_admin_sendiri_tidak_dapat_mengganti_kata_sandi_kabapas(
    client, admin_unit, kabapas, kanwil
):
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-kata-sandi", args=[kabapas.pk])
    resp = client.post(url, {"new_password1": SANDI, "new_password2": SANDI})
    assert resp.status_code == 302
    kabapas.refresh_from_db()
    assert kabapas.check_password(SANDI_LAMA) and not kabapas.check_password(SANDI)
    p = PermintaanPerubahanAkun.objects.get()
    assert (p.jenis, p.pengguna, p.peran_penyetuju, p.status) == (
        JenisPerubahan.KATA_SANDI,
        kabapas,
        Peran.KANWIL,
        StatusPermintaan.MENUNGGU,
    )
    assert SANDI not in p.sandi_hash and SANDI not in str(p.data)
    assert not JejakAudit.objects.filter(jenis=Peristiwa.KEAMANAN).exists()

    # the Kanwil of the office's region approves: the password changes now
    kanwil_c = Client()
    kanwil_c.force_login(kanwil)
    assert str(kabapas) in kanwil_c.get(DAFTAR).content.decode()
    assert kanwil_c.post(_putus(p.pk), {"keputusan": "setujui"}).status_code == 302
    kabapas.refresh_from_db()
    assert kabapas.check_password(SANDI)
    p.refresh_from_db()
    assert (p.status, p.diputus_oleh, p.sandi_hash) == (StatusPermintaan.DISETUJUI, kanwil, "")
    e = JejakAudit.objects.get(jenis=Peristiwa.KEAMANAN)
    assert e.actor == kanwil and e.additional_data == {
        "aksi": "kata_sandi_direset",
        "permintaan": p.pk,
    }
    # the trail saw the request and its decision, never the password or its hash
    entri = JejakAudit.objects.filter(content_type__model="permintaanperubahanakun")
    assert [e.jenis for e in entri.order_by("pk")] == [Peristiwa.BUAT, Peristiwa.UBAH]
    assert entri.get(jenis=Peristiwa.UBAH).actor == kanwil
    assert "sandi_hash" not in " ".join(str(e.changes) for e in entri)

    # the Kabapas is told once, at the next login
    kabapas_c = _masuk(kabapas.username, SANDI)
    pesan = _pesan(kabapas_c)
    assert any("diganti oleh orang lain" in m and str(admin_unit) in m for m in pesan), pesan
    assert any(str(kanwil) in m for m in pesan)
    assert not _pesan(_masuk(kabapas.username, SANDI))


def test_admin_sendiri_tidak_dapat_mengatur_ulang_otp_kabapas(client, admin_unit, kabapas, kanwil):
    PerangkatTOTP.objects.create(user=kabapas, confirmed=True)
    kabapas.otp_aktif = True
    kabapas.save()
    client.force_login(admin_unit)
    assert client.post(reverse("akun:pengguna-reset-otp", args=[kabapas.pk])).status_code == 302
    kabapas.refresh_from_db()
    assert kabapas.otp_aktif and PerangkatTOTP.objects.filter(user=kabapas).exists()
    p = PermintaanPerubahanAkun.objects.get(jenis=JenisPerubahan.RESET_OTP)
    assert p.peran_penyetuju == Peran.KANWIL

    permintaan_putuskan(permintaan=p, oleh=kanwil, setuju=True)
    kabapas.refresh_from_db()
    assert not kabapas.otp_aktif and not PerangkatTOTP.objects.filter(user=kabapas).exists()
    e = JejakAudit.objects.get(jenis=Peristiwa.KEAMANAN, additional_data__aksi="reset")
    assert e.additional_data["permintaan"] == p.pk
    assert PemberitahuanAkun.objects.get(pengguna=kabapas).jenis == JenisPerubahan.RESET_OTP


@pytest.mark.parametrize(
    ("peran_baru", "penyetuju"), [(Peran.KABAPAS, Peran.KANWIL), (Peran.ADMIN, Peran.KABAPAS)]
)
def test_admin_sendiri_tidak_dapat_menaikkan_peran(
    client, admin_unit, kabapas, pk, peran_baru, penyetuju
):
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-update", args=[pk.pk])
    resp = client.post(url, _data_form(pk, peran=peran_baru, last_name="Baru"))
    assert resp.status_code == 302
    pk.refresh_from_db()
    assert pk.peran == Peran.PK  # not yet
    assert pk.last_name == "Baru"  # the plain part of the edit is saved at once
    p = PermintaanPerubahanAkun.objects.get()
    assert p.peran_penyetuju == penyetuju
    assert p.data == {"sebelum": {"peran": "PK"}, "sesudah": {"peran": peran_baru}}


def test_suntingan_campuran_yang_ditolak_tidak_menyimpan_apa_pun(client, admin_unit, kabapas, pk):
    permintaan_ajukan(
        oleh=admin_unit, jenis=JenisPerubahan.UBAH, pengguna=pk, data={"peran": Peran.ADMIN}
    )
    nama_lama = pk.last_name
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-update", args=[pk.pk])
    resp = client.post(url, _data_form(pk, peran=Peran.KABAPAS, last_name="Baru"))
    assert resp.status_code == 200
    assert "masih menunggu" in resp.content.decode()
    pk.refresh_from_db()
    assert (pk.peran, pk.last_name) == (Peran.PK, nama_lama)  # neither part saved
    assert PermintaanPerubahanAkun.objects.count() == 1


def test_kabapas_menyetujui_admin_baru(client, admin_unit, kabapas):
    client.force_login(admin_unit)
    data = {
        "username": "admin-baru",
        "first_name": "Putu",
        "peran": "ADMIN",
        "password1": SANDI,
        "password2": SANDI,
    }
    assert client.post(reverse("akun:pengguna-create"), data).status_code == 302
    assert not User.objects.filter(username="admin-baru").exists()
    assert "Menunggu persetujuan" in client.get(reverse("akun:pengguna-list")).content.decode()
    p = PermintaanPerubahanAkun.objects.get()
    assert (p.jenis, p.pengguna, p.peran_penyetuju) == (JenisPerubahan.BUAT, None, Peran.KABAPAS)

    client.force_login(kabapas)
    resp = client.post(_putus(p.pk), {"keputusan": "setujui", "catatan": "sudah dicek"})
    assert resp.status_code == 302
    baru = User.objects.get(username="admin-baru")
    assert (baru.peran, baru.unit) == (Peran.ADMIN, admin_unit.unit)
    assert baru.check_password(SANDI)
    p.refresh_from_db()
    assert (p.pengguna, p.catatan, p.sandi_hash) == (baru, "sudah dicek", "")
    buat = JejakAudit.objects.get(
        jenis=Peristiwa.BUAT, content_type__model="user", object_pk=str(baru.pk)
    )
    assert buat.actor == kabapas


def test_menonaktifkan_admin_lain_perlu_persetujuan(client, admin_unit, kabapas):
    admin_lain = UserFactory(username="admin-lain", peran=Peran.ADMIN, unit=admin_unit.unit)
    client.force_login(admin_unit)
    data = _data_form(admin_lain, is_active="")
    client.post(reverse("akun:pengguna-update", args=[admin_lain.pk]), data)
    admin_lain.refresh_from_db()
    assert admin_lain.is_active
    p = PermintaanPerubahanAkun.objects.get()
    permintaan_putuskan(permintaan=p, oleh=kabapas, setuju=True)
    admin_lain.refresh_from_db()
    assert not admin_lain.is_active


def test_penolakan_tidak_mengubah_apa_pun(admin_unit, kabapas, kanwil):
    p = permintaan_ajukan(
        oleh=admin_unit, jenis=JenisPerubahan.KATA_SANDI, pengguna=kabapas, sandi=SANDI
    )
    assert p.sandi_hash
    permintaan_putuskan(permintaan=p, oleh=kanwil, setuju=False, catatan="tidak dikenal")
    kabapas.refresh_from_db()
    assert kabapas.check_password(SANDI_LAMA)
    p.refresh_from_db()
    assert (p.status, p.sandi_hash) == (StatusPermintaan.DITOLAK, "")
    assert not PemberitahuanAkun.objects.exists()
    with pytest.raises(ValidationError, match="sudah diputus"):
        permintaan_putuskan(permintaan=p, oleh=kanwil, setuju=True)


# --- the rule lives in the services (a forged POST or another caller cannot skip it) -------


def test_layanan_menolak_perubahan_peka_tanpa_persetujuan(unit, admin_unit, kabapas, pk):
    with pytest.raises(ValidationError):
        pengguna_buat(
            unit=unit, data={"username": "x", "first_name": "X", "peran": "ADMIN"}, sandi=SANDI
        )
    with pytest.raises(ValidationError) as exc:
        pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"peran": Peran.KABAPAS})
    assert "peran" in exc.value.message_dict
    with pytest.raises(ValidationError):
        pengguna_ubah(pengguna=kabapas, oleh=admin_unit, data={"peran": Peran.KASI})
    with pytest.raises(ValidationError):
        kata_sandi_setel(user=kabapas, sandi=SANDI, aksi="kata_sandi_direset")
    with pytest.raises(ValidationError):
        otp_services.otp_reset(user=admin_unit)
    pk.refresh_from_db()
    kabapas.refresh_from_db()
    assert (pk.peran, kabapas.peran) == (Peran.PK, Peran.KABAPAS)
    assert kabapas.check_password(SANDI_LAMA)
    assert not User.objects.filter(username="x").exists()
    # a plain account keeps its direct path, and its owner is told of a reset too
    kata_sandi_setel(user=pk, sandi=SANDI, aksi="kata_sandi_direset")
    assert PemberitahuanAkun.objects.get(pengguna=pk).jenis == JenisPerubahan.KATA_SANDI


def test_perintah_reset_otp_tetap_langsung(kabapas):
    PerangkatTOTP.objects.create(user=kabapas, confirmed=True)
    call_command("reset_otp", kabapas.username, stdout=io.StringIO())
    assert not PerangkatTOTP.objects.filter(user=kabapas).exists()
    assert PemberitahuanAkun.objects.get(pengguna=kabapas).jenis == JenisPerubahan.RESET_OTP


# --- who decides ----------------------------------------------------------------------------


def test_hanya_penyetuju_lingkupnya_yang_memutus(
    client, admin_unit, kabapas, kanwil, kanwil_lain, kasi_lain
):
    p = permintaan_ajukan(
        oleh=admin_unit, jenis=JenisPerubahan.KATA_SANDI, pengguna=kabapas, sandi=SANDI
    )
    kabapas_lain = UserFactory(username="kabapas-lain", peran=Peran.KABAPAS, unit=kasi_lain.unit)
    # the Kabapas (it is their own account), another region's Kanwil, another office's
    # Kabapas: not their request (404); the Admin who asked: no such permission (403)
    for orang, status in (
        (kabapas, 404),
        (kanwil_lain, 404),
        (kabapas_lain, 404),
        (admin_unit, 403),
    ):
        client.force_login(orang)
        assert client.post(_putus(p.pk), {"keputusan": "setujui"}).status_code == status, orang
        assert _putus(p.pk) not in client.get(DAFTAR).content.decode()
    p.refresh_from_db()
    assert p.status == StatusPermintaan.MENUNGGU
    with pytest.raises(ValidationError, match="tidak berwenang"):
        permintaan_putuskan(permintaan=p, oleh=kabapas, setuju=True)


def test_kantor_tanpa_kabapas_diputus_kanwil(admin_unit, pk, kanwil):
    p = permintaan_ajukan(
        oleh=admin_unit, jenis=JenisPerubahan.UBAH, pengguna=pk, data={"peran": Peran.ADMIN}
    )
    assert p.peran_penyetuju == Peran.KANWIL
    permintaan_putuskan(permintaan=p, oleh=kanwil, setuju=True)
    pk.refresh_from_db()
    assert pk.peran == Peran.ADMIN


def test_permintaan_usang_ditolak_saat_disetujui(admin_unit, kabapas, pk):
    p = permintaan_ajukan(
        oleh=admin_unit, jenis=JenisPerubahan.UBAH, pengguna=pk, data={"peran": Peran.ADMIN}
    )
    pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"peran": Peran.KASI})
    with pytest.raises(ValidationError, match="sudah berubah"):
        permintaan_putuskan(permintaan=p, oleh=kabapas, setuju=True)
    pk.refresh_from_db()
    p.refresh_from_db()
    assert (pk.peran, p.status) == (Peran.KASI, StatusPermintaan.MENUNGGU)


def test_permintaan_ganda_ditolak_dengan_pesan(client, admin_unit, kabapas, kanwil):
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-reset-otp", args=[kabapas.pk])
    client.post(url)
    resp = client.post(url, follow=True)
    assert "masih menunggu" in resp.content.decode()
    assert PermintaanPerubahanAkun.objects.count() == 1


def test_keputusan_tidak_sah_ditolak_dengan_pesan(client, admin_unit, kabapas, kanwil):
    p = permintaan_ajukan(oleh=admin_unit, jenis=JenisPerubahan.RESET_OTP, pengguna=kabapas)
    client.force_login(kanwil)
    resp = client.post(_putus(p.pk), {"keputusan": "mungkin"}, follow=True)
    assert "Pilih setujui atau tolak" in resp.content.decode()
    p.refresh_from_db()
    assert p.status == StatusPermintaan.MENUNGGU


def test_daftar_persetujuan_jumlah_query_tetap(
    client, admin_unit, kanwil, unit, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ajukan(n):
        for _i in range(n):
            target = UserFactory(peran=Peran.KABAPAS, unit=unit)
            permintaan_ajukan(oleh=admin_unit, jenis=JenisPerubahan.RESET_OTP, pengguna=target)

    client.force_login(kanwil)
    ajukan(2)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(DAFTAR)
    ajukan(10)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        client.get(DAFTAR)


def test_permintaan_hanya_terlihat_oleh_lingkupnya(admin_unit, kabapas, kanwil, kanwil_lain, pk):
    p = permintaan_ajukan(oleh=admin_unit, jenis=JenisPerubahan.RESET_OTP, pengguna=kabapas)
    assert list(PermintaanPerubahanAkun.objects.for_user(kanwil)) == [p]
    assert list(PermintaanPerubahanAkun.objects.for_user(admin_unit)) == [p]  # to follow it
    for orang in (kanwil_lain, kabapas, pk):  # another region; the Kabapas waits for none
        assert not PermintaanPerubahanAkun.objects.for_user(orang).exists()


def test_reset_otp_tidak_menerima_permintaan_yang_ditolak(admin_unit, kabapas, kanwil):
    """A refused request has a decider too: it must not unlock a second-factor reset."""
    from akun.persetujuan.models import JenisPerubahan
    from akun.persetujuan.services import permintaan_ajukan, permintaan_putuskan

    p = permintaan_ajukan(oleh=admin_unit, jenis=JenisPerubahan.RESET_OTP, pengguna=kabapas)
    permintaan_putuskan(permintaan=p, oleh=kanwil, setuju=False)  # the Kanwil decides for a Kabapas
    p.refresh_from_db()
    with pytest.raises(ValueError, match="approved"):
        otp_services.otp_reset(user=kabapas, permintaan=p)
