"""The account services decide the rules themselves (plain values in, never a form)."""

import pytest
from django.core.exceptions import ValidationError

from akun.models import Peran, User
from akun.pengguna import pengguna_buat, pengguna_ubah
from jejak.models import JejakAudit, Peristiwa
from tests.klien.factories import KlienFactory

SANDI = "sawah subak di lereng agung"


def test_buat_akun_kantor_dengan_kata_sandi(unit):
    user = pengguna_buat(
        unit=unit,
        data={"username": "pk-baru", "first_name": "Ni Kadek", "peran": Peran.PK},
        sandi=SANDI,
    )
    user.refresh_from_db()
    assert (user.unit, user.peran, user.is_active) == (unit, Peran.PK, True)
    assert user.check_password(SANDI)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"username": "x", "first_name": "X", "peran": Peran.KANWIL}, "peran"),
        ({"username": "x", "first_name": "X", "peran": Peran.PK, "nip": "123"}, "nip"),
    ],
)
def test_buat_menolak_peran_bukan_kantor_dan_nip_salah(unit, data, field):
    jumlah = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        pengguna_buat(unit=unit, data=data, sandi=SANDI)
    assert field in exc.value.message_dict
    assert User.objects.count() == jumlah


def test_field_di_luar_akun_kantor_ditolak(unit, pk, admin_unit):
    with pytest.raises(ValueError, match="unit"):
        pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"unit": unit})
    with pytest.raises(ValueError, match="is_superuser"):
        pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"is_superuser": True})


@pytest.mark.parametrize(("field", "nilai"), [("peran", Peran.KASI), ("is_active", False)])
def test_admin_tidak_mengubah_peran_atau_status_sendiri(admin_unit, field, nilai):
    """The rule lives in the service: a forged POST or another caller cannot get round it."""
    with pytest.raises(ValidationError) as exc:
        pengguna_ubah(pengguna=admin_unit, oleh=admin_unit, data={field: nilai})
    assert field in exc.value.message_dict
    admin_unit.refresh_from_db()
    assert (admin_unit.peran, admin_unit.is_active) == (Peran.ADMIN, True)


def test_admin_mengubah_namanya_sendiri(admin_unit):
    pengguna_ubah(
        pengguna=admin_unit,
        oleh=admin_unit,
        data={"first_name": "Komang", "peran": Peran.ADMIN, "is_active": True},
    )
    admin_unit.refresh_from_db()
    assert admin_unit.first_name == "Komang"


def test_pk_yang_masih_membimbing_tetap_aktif(pk, admin_unit):
    KlienFactory(unit=pk.unit, pk_pembimbing=pk)
    with pytest.raises(ValidationError) as exc:
        pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"is_active": False})
    assert "alihkan" in " ".join(exc.value.message_dict["is_active"])
    pk.refresh_from_db()
    assert pk.is_active


def test_perubahan_tercatat_di_jejak(pk, admin_unit):
    pengguna_ubah(pengguna=pk, oleh=admin_unit, data={"last_name": "Baru"})
    entri = JejakAudit.objects.get(jenis=Peristiwa.UBAH, content_type__model="user")
    assert entri.changes["last_name"][1] == "Baru"
