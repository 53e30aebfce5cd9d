import pytest
from django.db import DataError, IntegrityError, transaction

from akun.models import Peran, Unit, User
from tests.factories import KanwilFactory, UnitFactory, UserFactory


def test_peran_kantor_wajib_punya_unit(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="tanpa-unit", peran=Peran.PK, unit=None)
    assert not User.objects.filter(username="tanpa-unit").exists()


def test_kanwil_wajib_punya_kanwil_dan_tanpa_unit(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="kanwil-x", peran=Peran.KANWIL, unit=unit, kanwil=unit.kanwil)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="kanwil-y", peran=Peran.KANWIL)
    User.objects.create(username="kanwil-z", peran=Peran.KANWIL, kanwil=unit.kanwil)


def test_peran_tidak_dikenal_ditolak_database(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", peran="RAJA", unit=unit)


@pytest.mark.parametrize("nip", ["123", "1985031220101210AB", "1" * 19])
def test_nip_harus_18_angka(unit, nip):
    # PostgreSQL refuses a 19-digit value for the column length itself (DataError)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        User.objects.create(username="nip", peran=Peran.PK, unit=unit, nip=nip)


def test_nip_unik_tetapi_boleh_kosong_berkali_kali(unit):
    User.objects.create(username="a", peran=Peran.PK, unit=unit, nip="198503122010121001")
    User.objects.create(username="b", peran=Peran.PK, unit=unit)
    User.objects.create(username="c", peran=Peran.PK, unit=unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="d", peran=Peran.PK, unit=unit, nip="198503122010121001")


def test_unit_for_user(unit, unit_lain, kasi, kanwil):
    jatim = KanwilFactory(nama="Kanwil Jawa Timur", provinsi__nama="Jawa Timur")
    lain_kanwil = UnitFactory(nama="Bapas Kelas I Surabaya", kanwil=jatim)
    assert list(Unit.objects.for_user(kasi)) == [unit]
    assert set(Unit.objects.for_user(kanwil)) == {unit, unit_lain}
    pusat = UserFactory(peran=Peran.PUSAT, unit=None)
    assert lain_kanwil in Unit.objects.for_user(pusat)


def test_queryset_kantor_kosong_untuk_peran_agregat(unit, kasi, kanwil):
    from akun.models import UnitScopedQuerySet

    class Q(UnitScopedQuerySet):
        unit_field = "unit"

    qs = Q(model=User)
    assert qs.for_user(kasi).filter(pk=kasi.pk).exists()
    assert not qs.for_user(kanwil).exists()


def test_akun_yang_terlihat_hanya_kantor_sendiri(pk, kasi, kasi_lain, kanwil):
    from akun.models import User

    assert kasi_lain not in User.objects.for_user(kasi)
    assert {pk, kasi} <= set(User.objects.for_user(kasi))
    assert not User.objects.for_user(kanwil).exists()
