"""Issue 10, finding 8, for accounts: a person's name and a username cannot be made to look
like another one (direction controls, padding, look-alike letters, another case)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from akun.demo import PENGGUNA_DEMO
from akun.models import Peran, User
from akun.pengguna import pengguna_buat, pengguna_ubah
from tests.factories import UserFactory

SANDI = "sawah subak di lereng agung"
URL_BARU = reverse("akun:pengguna-create")


def _baru(**lain):
    data = {
        "username": "pk-baru",
        "first_name": "Ni Kadek",
        "last_name": "Baru",
        "nip": "",
        "email": "",
        "peran": "PK",
        "password1": SANDI,
        "password2": SANDI,
    }
    return data | lain


def _ubah(user, **lain):
    data = {
        "username": user.username,
        "first_name": user.first_name or "Nama",
        "last_name": user.last_name,
        "nip": user.nip,
        "email": user.email,
        "peran": user.peran,
        "is_active": "on",
    }
    return data | lain


def _galat(resp, field) -> str:
    assert resp.status_code == 200
    return " ".join(resp.context["form"].errors[field])


# -- a person's name: the rule of inti.nama --------------------------------------------


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_nama_dengan_pembalik_arah_ditolak_di_form(client, admin_unit, field):
    client.force_login(admin_unit)
    jumlah = User.objects.count()
    resp = client.post(URL_BARU, _baru(**{field: "\u202eijuS adaM I"}))
    assert "arah teks" in _galat(resp, field)
    assert User.objects.count() == jumlah


def test_nama_dengan_pembalik_arah_ditolak_saat_diubah(client, admin_unit, pk):
    nama_lama = pk.first_name
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-update", args=[pk.pk])
    resp = client.post(url, _ubah(pk, first_name="I Made\u2067 Suardana\u2069"))
    assert "arah teks" in _galat(resp, "first_name")
    pk.refresh_from_db()
    assert pk.first_name == nama_lama


def test_layanan_menolak_nama_dengan_pembalik_arah(unit, pk, admin_unit):
    with pytest.raises(ValidationError) as exc:
        pengguna_buat(
            unit=unit,
            data={"username": "x", "first_name": "\u202eX", "peran": Peran.PK},
            sandi=SANDI,
        )
    assert "arah teks" in " ".join(exc.value.message_dict["first_name"])
    with pytest.raises(ValidationError) as exc:
        pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"last_name": "Su\u202edana"})
    assert "arah teks" in " ".join(exc.value.message_dict["last_name"])
    assert not User.objects.filter(username="x").exists()


def test_nama_berpadding_disimpan_bersih(client, admin_unit):
    client.force_login(admin_unit)
    data = _baru(first_name="\ufeffNi\u200b Kadek\u00a0", last_name="Ｂａｒｕ\u200d")
    assert client.post(URL_BARU, data).status_code == 302
    baru = User.objects.get(username="pk-baru")
    assert (baru.first_name, baru.last_name) == ("Ni Kadek", "Baru")
    assert str(baru) == "Ni Kadek Baru"


def test_layanan_menyimpan_nama_bersih(pk, admin_unit):
    pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"first_name": "Ｗａｙａｎ\u2060 Sudarsana"})
    pk.refresh_from_db()
    assert pk.first_name == "Wayan Sudarsana"


def test_nama_dengan_huruf_kiril_mirip_latin_ditolak(client, admin_unit):
    client.force_login(admin_unit)
    resp = client.post(URL_BARU, _baru(first_name="Ni K\u0430dek"))  # a Cyrillic а
    assert "Cyrillic" in _galat(resp, "first_name")
    assert not User.objects.filter(username="pk-baru").exists()


# -- the username: ASCII only, unique whatever its case ---------------------------------


@pytest.mark.parametrize(
    "username",
    [
        "\u0430dmin",  # a Cyrillic а: looks like "admin"
        "adm\u0456n",  # a Cyrillic і
        "ａｄｍｉｎ",  # full-width letters
        "admín",  # an accent
    ],
)
def test_nama_pengguna_bukan_ascii_ditolak(client, admin_unit, username):
    client.force_login(admin_unit)
    jumlah = User.objects.count()
    resp = client.post(URL_BARU, _baru(username=username))
    assert "huruf Latin tanpa aksen" in _galat(resp, "username")
    assert User.objects.count() == jumlah


def test_layanan_menolak_nama_pengguna_kiril(unit):
    with pytest.raises(ValidationError) as exc:
        pengguna_buat(
            unit=unit,
            data={"username": "\u0430dmin", "first_name": "Komang", "peran": Peran.PK},
            sandi=SANDI,
        )
    assert "username" in exc.value.message_dict
    assert not User.objects.filter(first_name="Komang").exists()


def test_basis_data_menolak_nama_pengguna_beda_huruf_besar_saja(admin_unit, unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="Admin-Uji", peran=Peran.PK, unit=unit)
    assert list(User.objects.filter(username__iexact="admin-uji")) == [admin_unit]


@pytest.mark.parametrize("username", ["Admin-Uji", "ADMIN-UJI", "admin-uji"])
def test_form_menolak_nama_pengguna_beda_huruf_besar_saja(client, admin_unit, username):
    client.force_login(admin_unit)
    jumlah = User.objects.count()
    resp = client.post(URL_BARU, _baru(username=username))
    galat = resp.context["form"].errors["username"]
    assert len(galat) == 1 and "sudah dipakai" in galat[0]  # one message, on the field
    assert User.objects.count() == jumlah


def test_form_ubah_menolak_nama_pengguna_beda_huruf_besar_saja(client, admin_unit, pk):
    client.force_login(admin_unit)
    url = reverse("akun:pengguna-update", args=[pk.pk])
    resp = client.post(url, _ubah(pk, username="Admin-Uji"))
    assert "sudah dipakai" in _galat(resp, "username")
    pk.refresh_from_db()
    assert pk.username == "pk-uji"
    # changing only the case of one's own username is not a collision
    assert client.post(url, _ubah(pk, username="PK-Uji")).status_code == 302
    pk.refresh_from_db()
    assert pk.username == "PK-Uji"


def test_layanan_menolak_nama_pengguna_beda_huruf_besar_saja(unit, admin_unit):
    with pytest.raises(ValidationError) as exc:
        pengguna_buat(
            unit=unit,
            data={"username": "ADMIN-uji", "first_name": "Komang", "peran": Peran.PK},
            sandi=SANDI,
        )
    assert "sudah dipakai" in " ".join(exc.value.message_dict["username"])


def test_masuk_tetap_membedakan_huruf_besar(client, pk):
    """The login is unchanged: the username as it was registered, case included."""
    url = reverse("akun:login")
    resp = client.post(url, {"username": "PK-UJI", "password": "kata-sandi-uji-panjang"})
    assert resp.status_code == 200 and not resp.wsgi_request.user.is_authenticated
    resp = client.post(url, {"username": "pk-uji", "password": "kata-sandi-uji-panjang"})
    assert resp.status_code == 302


def test_nama_pengguna_demo_dan_pabrik_tidak_bertabrakan():
    demo = [u.lower() for u in PENGGUNA_DEMO] + ["admin2"]  # admin2: the demo's pending request
    assert len(set(demo)) == len(demo)
    assert all(u.isascii() for u in demo)
    dibuat = [UserFactory.build().username for _ in range(3)]
    assert all(u == u.lower() and u.isascii() for u in dibuat)
