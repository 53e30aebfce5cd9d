"""Permissions: every name is its own member, with its own roles."""

import enum

import pytest
from django.urls import reverse

from akun.izin import PERAN_IZIN, Izin
from akun.models import Peran
from akun.navigasi import BERANDA_CADANGAN, beranda_nama, semua_menu


def test_setiap_nama_izin_adalah_anggotanya_sendiri():
    """An Enum whose values are equal makes aliases: the later name silently becomes the
    earlier member. Every name declared in the class must be a member of its own."""
    nama = [n for n in vars(Izin) if n.isupper() and not n.startswith("_")]
    assert list(Izin.__members__) == nama
    assert [m.name for m in Izin] == nama, "a name is an alias of another member"
    assert len({m.value for m in Izin}) == len(nama)


def test_nama_kembar_akan_terdeteksi():
    """The check above can fail: the old shape (roles as values) merges two names."""

    class Lama(enum.Enum):
        A = frozenset({"KABAPAS", "ADMIN"})
        B = frozenset({"KABAPAS", "ADMIN"})

    assert Lama.B is Lama.A and Lama.B.name == "A"
    assert list(Lama.__members__) != [m.name for m in Lama]


def test_setiap_izin_punya_peran_dan_perannya_sah():
    assert set(PERAN_IZIN) == set(Izin)
    for izin in Izin:
        assert izin.peran, izin
        assert izin.peran <= set(Peran.values), izin


def test_izin_dengan_peran_sama_tetap_terpisah():
    assert Izin.TAHAN_HUKUM is not Izin.LIHAT_JEJAK
    assert Izin.TAHAN_HUKUM.name == "TAHAN_HUKUM"
    assert Izin.TAHAN_HUKUM.peran == Izin.LIHAT_JEJAK.peran


@pytest.mark.parametrize("peran", Peran.values)
def test_setiap_peran_punya_beranda_dari_menu_aplikasi(peran):
    """Every role lands on a page an app registered for it, and that page resolves."""
    nama = beranda_nama(peran)
    assert nama != BERANDA_CADANGAN
    assert reverse(nama)
    (entri,) = [m for m in semua_menu() if m.url_name == nama]
    assert peran in entri.izin.peran, "a role's home must be a page the role may open"


def test_menu_mengelompokkan_entri_agar_bilah_satu_baris():
    """Entries of a group stand in one dropdown where its first visible entry stands; a group
    with one visible entry shows that entry alone (the Admin's client list)."""
    from akun.navigasi import menu_untuk
    from tests.factories import UserFactory

    kabapas = UserFactory.build(peran=Peran.KABAPAS)
    bilah = menu_untuk(kabapas)
    grup = {i["label"]: [a["url_name"] for a in i["anak"]] for i in bilah if "anak" in i}
    assert grup["Klien"][:2] == ["klien:klien-list", "klien:usulan-list"]
    assert grup["Bimbingan"] == [
        "pembimbingan:program-list",
        "pembimbingan:kalender",
        "pembimbingan:pos-list",
    ]
    letak = [i.get("url_name") or i["label"] for i in bilah]
    assert letak[:3] == ["laporan:dashboard", "laporan:bulanan", "Klien"]
    pk = UserFactory.build(peran=Peran.PK)
    bilah_pk = menu_untuk(pk)
    lepas = [i["url_name"] for i in bilah_pk if "anak" not in i]
    assert "klien:caseload" in lepas  # the PK's caseload stands on its own
    (grup_pk,) = [i for i in bilah_pk if i["label"] == "Klien"]
    assert grup_pk["url_names"] == ["klien:usulan-list", "kerjasosial:klien-list"]
    admin = UserFactory.build(peran=Peran.ADMIN)
    assert "klien:klien-list" in [i.get("url_name") for i in menu_untuk(admin)]  # alone
