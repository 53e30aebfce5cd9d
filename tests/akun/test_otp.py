"""Two-step verification (TOTP + recovery codes): enrolment, the code after the password,
throttling, who must use it, turning it off, and the admin's reset command."""

import io
import re
from base64 import b32encode
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from akun.otp.models import PerangkatKodeCadangan as StaticDevice
from akun.otp.models import PerangkatTOTP as TOTPDevice
from akun.otp.rahasia import sidik
from jejak.models import JejakAudit, Peristiwa
from tests.akun.test_settings import PROD_OK, _manage

PASSWORD = "kata-sandi-uji-panjang"
CADANGAN = "abcd2345"
TOKEN = reverse("akun:otp-verifikasi")
DAFTAR = reverse("akun:otp-daftar")
KEAMANAN = reverse("akun:keamanan")
CASELOAD = reverse("klien:caseload")


def _kode(perangkat) -> str:
    return f"{totp(perangkat.bin_key):06d}"


def _kode_tampil(html: str) -> list[str]:
    """The recovery codes a page shows (each once, in a <code>)."""
    return re.findall(r'<code class="fs-5">([a-z0-9]+)</code>', html)


def _sidik_tersimpan(user) -> list[str]:
    """The stored (hashed) recovery codes of `user`."""
    return [s for p in StaticDevice.objects.filter(user=user) for s in p.sidik]


def _aktifkan(user, *cadangan: str) -> TOTPDevice:
    """A user who already has an authenticator and recovery codes."""
    perangkat = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    statis = StaticDevice(user=user, name="Kode cadangan", confirmed=True)
    statis.isi_kode(list(cadangan or (CADANGAN,)))
    statis.save()
    user.otp_aktif = True
    user.save(update_fields=["otp_aktif"])
    return perangkat


def _aksi(user, aksi: str):
    return JejakAudit.objects.filter(
        jenis=Peristiwa.KEAMANAN, object_pk=str(user.pk), additional_data__aksi=aksi
    )


@pytest.fixture
def pk_otp(pk):
    return _aktifkan(pk)


@pytest.fixture
def jam():
    """A frozen clock at the start of a 30-second TOTP step."""
    awal = timezone.now().replace(microsecond=0)
    awal -= timedelta(seconds=awal.second % 30)
    with time_machine.travel(awal, tick=False) as traveller:
        yield traveller


# --- enrolment ------------------------------------------------------------------------------


def test_daftar_menampilkan_qr_dan_kunci(client, pk):
    client.force_login(pk)
    resp = client.get(DAFTAR)
    assert resp.status_code == 200
    perangkat = TOTPDevice.objects.get(user=pk)
    assert not perangkat.confirmed
    html = resp.content.decode()
    assert '<svg role="img"' in html
    assert "<?xml" not in html
    rahasia = b32encode(perangkat.bin_key).decode()
    assert " ".join(re.findall(".{4}", rahasia)) in html
    # reloading shows the same secret, it does not pile up devices
    client.get(DAFTAR)
    assert TOTPDevice.objects.filter(user=pk).count() == 1


def test_daftar_kode_salah_tidak_mengonfirmasi(client, pk, jam):
    client.force_login(pk)
    client.get(DAFTAR)
    perangkat = TOTPDevice.objects.get(user=pk)
    salah = f"{(int(_kode(perangkat)) + 1) % 1_000_000:06d}"
    resp = client.post(DAFTAR, {"kode": salah})
    assert resp.status_code == 200
    assert "Kode tidak cocok" in resp.content.decode()
    perangkat.refresh_from_db()
    pk.refresh_from_db()
    assert not perangkat.confirmed
    assert not pk.otp_aktif
    assert not StaticDevice.objects.filter(user=pk).exists()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_daftar_kode_benar_mengaktifkan_dan_menampilkan_10_kode_cadangan(client, pk, jam):
    client.force_login(pk)
    client.get(DAFTAR)
    perangkat = TOTPDevice.objects.get(user=pk)
    resp = client.post(DAFTAR + "?next=" + CASELOAD, {"kode": _kode(perangkat)})
    assert resp.status_code == 200
    perangkat.refresh_from_db()
    pk.refresh_from_db()
    assert perangkat.confirmed
    assert pk.otp_aktif
    html = resp.content.decode()
    kode = _kode_tampil(html)
    assert len(kode) == 10
    # the codes shown are exactly the ones stored (as hashes)
    assert sorted(sidik(k) for k in kode) == sorted(_sidik_tersimpan(pk))
    assert f'href="{CASELOAD}"' in html
    # verified in this session: pages open without asking for a code
    assert client.session[DEVICE_ID_SESSION_KEY] == perangkat.persistent_id
    assert client.get(reverse("klien:caseload")).status_code == 200
    assert _aksi(pk, "totp_didaftarkan").count() == 1
    # shown once: the enrolment page now only says it is on
    assert client.get(DAFTAR)["Location"] == KEAMANAN


# --- logging in with an authenticator -------------------------------------------------------


def test_masuk_dengan_otp_butuh_kode_untuk_setiap_halaman(client, pk, pk_otp, jam):
    resp = client.post(
        reverse("akun:login") + "?next=" + CASELOAD,
        {"username": pk.username, "password": PASSWORD, "next": CASELOAD},
    )
    assert resp["Location"] == CASELOAD
    for url in (CASELOAD, reverse("laporan:dashboard"), KEAMANAN, reverse("akun:login")):
        resp = client.get(url)
        assert resp.status_code == 302, url
        assert resp["Location"] == TOKEN + "?" + urlencode({"next": url}), url
    assert client.get(DAFTAR)["Location"] == TOKEN  # no second authenticator without the first
    # POSTs are turned away too (without a next)
    assert client.post(reverse("akun:otp-kode-cadangan"))["Location"] == TOKEN
    assert _sidik_tersimpan(pk) == [sidik(CADANGAN)]
    # the token page, the language switch and the health check stay open
    assert client.get(TOKEN).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "id"}).status_code == 302

    resp = client.post(TOKEN + "?next=" + CASELOAD, {"kode": _kode(pk_otp), "next": CASELOAD})
    assert resp.status_code == 302
    assert resp["Location"] == CASELOAD
    assert client.get(CASELOAD).status_code == 200


def test_kode_salah_ditolak_dan_dicatat(client, pk, pk_otp, jam):
    client.force_login(pk)
    salah = f"{(int(_kode(pk_otp)) + 1) % 1_000_000:06d}"
    resp = client.post(TOKEN, {"kode": salah})
    assert resp.status_code == 200
    assert "Kode tidak cocok" in resp.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(CASELOAD).status_code == 302
    entri = _aksi(pk, "token_salah").get()
    assert entri.actor == pk


def test_kode_yang_sama_tidak_dapat_dipakai_ulang(client, pk, pk_otp, jam):
    kode = _kode(pk_otp)
    client.force_login(pk)
    assert client.post(TOKEN, {"kode": kode}).status_code == 302
    lain = type(client)()
    lain.force_login(pk)
    jam.shift(5)  # same 30-second step
    assert lain.post(TOKEN, {"kode": kode}).status_code == 200


def test_kode_cadangan_berlaku_sekali(client, pk, pk_otp):
    client.force_login(pk)
    resp = client.post(TOKEN, {"kode": "ABCD-2345"}, follow=True)  # typed loosely
    assert resp.redirect_chain[0][1] == 302
    assert "Kode cadangan terpakai" in resp.content.decode()
    assert client.get(CASELOAD).status_code == 200
    assert sidik(CADANGAN) not in _sidik_tersimpan(pk)

    client.logout()
    client.force_login(pk)
    resp = client.post(TOKEN, {"kode": CADANGAN})
    assert resp.status_code == 200
    assert client.get(CASELOAD).status_code == 302


def test_next_ke_situs_lain_diabaikan(client, pk, pk_otp, jam):
    client.force_login(pk)
    resp = client.post(TOKEN, {"kode": _kode(pk_otp), "next": "https://jahat.example/"})
    assert resp["Location"] == reverse("pembimbingan:agenda")  # the PK's home


def test_permintaan_htmx_diarahkan_dengan_header(client, pk, pk_otp):
    client.force_login(pk)
    resp = client.get(CASELOAD, headers={"HX-Request": "true"})
    assert resp.status_code == 204
    assert resp["HX-Redirect"].startswith(TOKEN)


def test_halaman_kode_tanpa_perangkat_ke_halaman_keamanan(client, pk):
    client.force_login(pk)
    assert client.get(TOKEN)["Location"] == KEAMANAN


# --- throttling -----------------------------------------------------------------------------


def test_kode_salah_berulang_ditahan_makin_lama(client, pk, pk_otp, jam):
    client.force_login(pk)

    def coba(kode):
        return client.post(TOKEN, {"kode": kode})

    salah = "000000" if _kode(pk_otp) != "000000" else "111111"
    assert "Kode tidak cocok" in coba(salah).content.decode()  # 1 failure: wait 1 s
    assert "Terlalu banyak" in coba(salah).content.decode()  # too soon: not even checked
    jam.shift(2)
    coba(salah)  # 2 failures: wait 2 s
    jam.shift(3)
    coba(salah)  # 3 failures: wait 4 s
    pk_otp.refresh_from_db()
    assert pk_otp.throttling_failure_count == 3
    jam.shift(2)
    resp = coba(_kode(pk_otp))  # the right code, but too soon
    assert resp.status_code == 200
    assert "Tunggu 2 detik" in resp.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert _aksi(pk, "token_salah").filter(additional_data__ditahan=True).count() == 2
    jam.shift(3)
    assert coba(_kode(pk_otp)).status_code == 302
    pk_otp.refresh_from_db()
    assert pk_otp.throttling_failure_count == 0


# --- who must use it ------------------------------------------------------------------------


@override_settings(OTP_WAJIB_PERAN=("KABAPAS", "ADMIN"))
def test_peran_wajib_tanpa_perangkat_harus_mendaftar(client, kabapas, admin_unit, pk, jam):
    for user in (kabapas, admin_unit):
        client.force_login(user)
        resp = client.get(reverse("laporan:dashboard"))
        assert resp["Location"] == DAFTAR + "?next=%2Flaporan%2Fdasbor%2F"
        assert client.get(TOKEN)["Location"] == DAFTAR
        assert client.get(DAFTAR).status_code == 200
    client.force_login(pk)
    assert client.get(reverse("klien:caseload")).status_code == 200

    client.force_login(kabapas)
    perangkat = TOTPDevice.objects.get(user=kabapas)
    client.post(DAFTAR, {"kode": _kode(perangkat)})
    assert client.get(reverse("laporan:dashboard")).status_code == 200


def test_daftar_peran_wajib_milik_unit(client, kasi, kasi_lain, unit):
    unit.peran_wajib_otp = ["KASI"]
    unit.save()
    client.force_login(kasi)
    assert client.get(reverse("laporan:dashboard"))["Location"].startswith(DAFTAR)
    client.force_login(kasi_lain)  # another office: its own rules
    assert client.get(reverse("laporan:dashboard")).status_code == 200


def test_daftar_peran_unit_hanya_peran_yang_sah(unit):
    unit.peran_wajib_otp = ["KASI", "BOS"]
    with pytest.raises(ValidationError) as e:
        unit.full_clean()
    assert "peran_wajib_otp" in e.value.message_dict
    unit.peran_wajib_otp = ["KASI", "ADMIN"]
    unit.full_clean()


@pytest.mark.parametrize(
    ("dari_env", "harap"),
    [("", "ADMIN,KABAPAS"), ("kasi, ADMIN", "ADMIN,KABAPAS,KASI")],
)
def test_produksi_mewajibkan_admin_dan_kabapas(dari_env, harap):
    kode = "from django.conf import settings; print(','.join(settings.OTP_WAJIB_PERAN))"
    hasil = _manage("shell", "-c", kode, env_extra={**PROD_OK, "OTP_WAJIB_PERAN": dari_env})
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip().splitlines()[-1] == harap


def test_peran_salah_ketik_menghentikan_aplikasi():
    hasil = _manage("check", env_extra={**PROD_OK, "OTP_WAJIB_PERAN": "ADMN"})
    assert hasil.returncode != 0
    assert "akun.E001" in hasil.stderr


def test_pengembangan_dan_uji_tidak_mewajibkan():
    assert settings.OTP_WAJIB_PERAN == ()
    assert settings.OTP_TOTP_ISSUER == "Bapas"


# --- the security page: recovery codes, turning it off --------------------------------------


def _masuk_terverifikasi(client, user, perangkat):
    client.force_login(user)
    assert client.post(TOKEN, {"kode": _kode(perangkat)}).status_code == 302


def test_kode_cadangan_baru_mengganti_yang_lama(client, pk, pk_otp, jam):
    _masuk_terverifikasi(client, pk, pk_otp)
    assert "Tersisa 1 kode cadangan" in client.get(KEAMANAN).content.decode()
    resp = client.post(reverse("akun:otp-kode-cadangan"))
    assert resp.status_code == 200
    kode = set(_kode_tampil(resp.content.decode()))
    assert len(kode) == 10
    assert CADANGAN not in kode
    assert {sidik(k) for k in kode} == set(_sidik_tersimpan(pk))
    assert _aksi(pk, "kode_cadangan_baru").count() == 1


def test_nonaktifkan_butuh_kode_yang_berlaku(client, pk, pk_otp, jam):
    _masuk_terverifikasi(client, pk, pk_otp)
    url = reverse("akun:otp-nonaktif")
    resp = client.post(url, {"kode": "999999" if _kode(pk_otp) != "999999" else "888888"})
    assert resp.status_code == 200
    assert "Kode tidak cocok" in resp.content.decode()
    assert TOTPDevice.objects.filter(user=pk).exists()

    jam.shift(31)  # the next code
    resp = client.post(url, {"kode": _kode(pk_otp)})
    assert resp["Location"] == KEAMANAN
    pk.refresh_from_db()
    assert not pk.otp_aktif
    assert not TOTPDevice.objects.filter(user=pk).exists()
    assert not StaticDevice.objects.filter(user=pk).exists()
    assert _aksi(pk, "totp_dinonaktifkan").count() == 1
    assert client.get(reverse("klien:caseload")).status_code == 200  # password only now


def test_nonaktifkan_ditolak_bila_wajib(client, kabapas, jam):
    perangkat = _aktifkan(kabapas)
    _masuk_terverifikasi(client, kabapas, perangkat)
    with override_settings(OTP_WAJIB_PERAN=("KABAPAS",)):
        assert "tidak dapat dinonaktifkan" in client.get(KEAMANAN).content.decode()
        jam.shift(31)
        resp = client.post(reverse("akun:otp-nonaktif"), {"kode": _kode(perangkat)})
    assert resp.status_code == 403
    kabapas.refresh_from_db()
    assert kabapas.otp_aktif
    assert TOTPDevice.objects.filter(user=kabapas).exists()


# --- the admin's reset command --------------------------------------------------------------


def test_reset_otp_menghapus_perangkat_dan_dicatat(client, pk, pk_otp, jam):
    _masuk_terverifikasi(client, pk, pk_otp)
    keluaran = io.StringIO()
    call_command("reset_otp", pk.username, stdout=keluaran)
    assert "diatur ulang" in keluaran.getvalue()
    pk.refresh_from_db()
    assert not pk.otp_aktif
    assert not TOTPDevice.objects.filter(user=pk).exists()
    assert not StaticDevice.objects.filter(user=pk).exists()
    entri = _aksi(pk, "reset").get()
    assert entri.actor is None
    # the session verified with the lost phone is no longer verified; PK needs no code
    assert client.get(reverse("klien:caseload")).status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_reset_otp_pengguna_tidak_dikenal(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("reset_otp", "tidak-ada")


# --- the pages themselves -------------------------------------------------------------------


def test_halaman_otp_setiap_keadaan_tampil(client, pk, pk_otp, jam):
    # Their HTML is validated once, with every other page, by the page crawl
    # (tests/rails/test_crawl.py, `halaman_tambahan`): no checker JVM in a unit test.
    client.force_login(pk)
    halaman = {"kode": client.get(TOKEN + "?next=" + CASELOAD)}
    halaman["kode salah"] = client.post(TOKEN, {"kode": "12"})
    jam.shift(2)
    _masuk_terverifikasi(client, pk, pk_otp)
    halaman["keamanan aktif"] = client.get(KEAMANAN)
    halaman["kode cadangan"] = client.post(reverse("akun:otp-kode-cadangan"))
    kode = _kode_tampil(halaman["kode cadangan"].content.decode())[0]
    client.post(reverse("akun:otp-nonaktif"), {"kode": kode})
    halaman["daftar"] = client.get(DAFTAR)
    halaman["daftar salah"] = client.post(DAFTAR, {"kode": "1"})
    assert {n: r.status_code for n, r in halaman.items()} == dict.fromkeys(halaman, 200)


def test_kabapas_mewajibkan_peran_di_kantornya(client, kabapas, kasi, pk, kasi_lain):
    from jejak.models import JejakAudit, Peristiwa

    client.force_login(kabapas)
    url = reverse("akun:kantor-otp")
    html = client.get(url).content.decode()
    assert str(kasi) in html and str(kasi_lain) not in html  # own office only

    assert client.post(url, {"peran": ["KASI"]}).status_code == 302
    kabapas.unit.refresh_from_db()
    assert kabapas.unit.peran_wajib_otp == ["KASI"]
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.UBAH, content_type__model="unit")
    assert e.actor == kabapas and "peran_wajib_otp" in e.changes
    # the Kasi of this office is now sent to enrolment; a PK and the other office are not
    client.force_login(kasi)
    assert reverse("akun:otp-daftar") in client.get(reverse("klien:klien-list")).url
    client.force_login(pk)
    assert client.get(reverse("klien:caseload")).status_code == 200
    client.force_login(kasi_lain)
    assert client.get(reverse("klien:klien-list")).status_code == 200


def test_kebijakan_kantor_menolak_peran_tak_dikenal_dan_hanya_kabapas(client, kabapas, kasi):
    client.force_login(kabapas)
    resp = client.post(reverse("akun:kantor-otp"), {"peran": ["KANWIL"]})
    assert (
        resp.status_code == 200 and "KANWIL bukan salah satu dari pilihan" in resp.content.decode()
    )
    kabapas.unit.refresh_from_db()
    assert kabapas.unit.peran_wajib_otp == []
    client.force_login(kasi)
    assert client.post(reverse("akun:kantor-otp"), {"peran": ["PK"]}).status_code == 403


def test_peran_wajib_nasional_tidak_disimpan_ganda_oleh_kantor():
    from akun.otp.forms import KebijakanOTPKantorForm

    form = KebijakanOTPKantorForm({"peran": ["ADMIN", "KASI"]}, wajib_nasional=("ADMIN", "KABAPAS"))
    assert form.is_valid() and form.cleaned_data["peran"] == ["KASI"]


@override_settings(OTP_WAJIB_PERAN=("KASI",))
def test_peran_wajib_nasional_disebut_dengan_namanya(client, kabapas):
    client.force_login(kabapas)
    html = client.get(reverse("akun:kantor-otp")).content.decode()
    assert "pengaturan sistem: Kasi Bimbingan Klien." in html
