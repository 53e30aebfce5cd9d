import pytest
from django.urls import reverse

from akun.models import Peran
from tests.factories import UserFactory

PASSWORD = "kata-sandi-uji-panjang"


@pytest.mark.parametrize(
    ("peran", "tujuan"),
    [
        (Peran.PK, "pembimbingan:agenda"),
        (Peran.KASI, "laporan:dashboard"),
        (Peran.KABAPAS, "laporan:dashboard"),
        (Peran.ADMIN, "pokmas:mitra-list"),
    ],
)
def test_login_mendarat_di_beranda_peran(client, unit, peran, tujuan):
    UserFactory(username="u", peran=peran, unit=unit)
    resp = client.post(reverse("akun:login"), {"username": "u", "password": PASSWORD})
    assert resp.status_code == 302
    assert resp["Location"] == reverse(tujuan)
    assert client.get(resp["Location"]).status_code == 200


def test_login_kanwil_ke_laporan_wilayah(client, kanwil):
    resp = client.post(reverse("akun:login"), {"username": kanwil.username, "password": PASSWORD})
    assert resp["Location"] == reverse("laporan:wilayah")


def test_login_salah_pesan_indonesia_dan_tidak_masuk(client, pk):
    resp = client.post(reverse("akun:login"), {"username": pk.username, "password": "salah"})
    assert resp.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in resp.content.decode()
    assert "_auth_user_id" not in client.session


def test_halaman_login_berbahasa_indonesia(client, db):
    html = client.get(reverse("akun:login")).content.decode()
    assert '<html lang="id">' in html
    assert "Nama pengguna" in html and "Kata sandi" in html


def test_bahasa_inggris_tersedia(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/masuk/"})
    html = client.get(reverse("akun:login")).content.decode()
    assert '<html lang="en">' in html
    assert "Username" in html


def test_logout_hanya_post(client, pk):
    client.force_login(pk)
    assert client.get(reverse("akun:logout")).status_code == 405
    resp = client.post(reverse("akun:logout"))
    assert resp.status_code == 302
    assert "_auth_user_id" not in client.session


def test_pengguna_nonaktif_langsung_keluar(client, pk):
    client.force_login(pk)
    assert client.get(reverse("klien:caseload")).status_code == 200
    pk.is_active = False
    pk.save()
    resp = client.get(reverse("klien:caseload"))
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("akun:login"))


def test_zona_waktu_mengikuti_kantor_pengguna(rf, pk, unit):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from akun.middleware import ZonaWaktuUnitMiddleware

    dilihat = {}

    def view(request):
        dilihat["tz"] = str(timezone.get_current_timezone())
        return None

    unit.zona_waktu = "Asia/Jayapura"
    unit.save()
    pk.refresh_from_db()
    request = rf.get("/")
    request.user = pk
    ZonaWaktuUnitMiddleware(view)(request)
    assert dilihat["tz"] == "Asia/Jayapura"
    request.user = AnonymousUser()
    ZonaWaktuUnitMiddleware(view)(request)
    assert dilihat["tz"] == "Asia/Makassar"  # settings.TIME_ZONE


def test_ganti_kata_sandi_mengakhiri_sesi_lain_dan_tercatat(client, pk):
    from django.test import Client

    from jejak.models import JejakAudit, Peristiwa

    lain = Client()
    lain.force_login(pk)  # the same account on another device
    client.force_login(pk)
    url = reverse("akun:kata-sandi")
    data = {"old_password": PASSWORD, "new_password1": "pendek", "new_password2": "pendek"}
    resp = client.post(url, data)
    assert resp.status_code == 200 and "terlalu pendek" in resp.content.decode()
    baru = "sawah subak di lereng agung"
    data = {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru}
    assert client.post(url, data).status_code == 302
    pk.refresh_from_db()
    assert pk.check_password(baru)
    assert client.get(reverse("akun:keamanan")).status_code == 200  # this session goes on
    assert lain.get(reverse("akun:keamanan")).status_code == 302  # the other one is over
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.KEAMANAN)
    assert e.actor == pk and e.additional_data == {"aksi": "kata_sandi_diganti"}


def test_ganti_kata_sandi_dan_jejaknya_satu_transaksi(client, pk, monkeypatch):
    """If the trail cannot be written, the password is not changed either (akun announces
    the event; jejak's receiver runs inside the same transaction)."""
    import jejak.signals

    def gagal(*args, **kwargs):
        raise RuntimeError("jejak tidak tersedia")

    client.force_login(pk)  # before the trail breaks: logging in is recorded too
    monkeypatch.setattr(jejak.signals, "catat_peristiwa", gagal)
    baru = "sawah subak di lereng agung"
    data = {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru}
    with pytest.raises(RuntimeError):
        client.post(reverse("akun:kata-sandi"), data)
    pk.refresh_from_db()
    assert pk.check_password(PASSWORD)
