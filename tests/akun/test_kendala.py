"""inti.kendala: a constraint's violation lands on its field, or above the form when that
field is not part of the validation."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from pokmas.models import PerjanjianKerjaSama
from tests.pokmas.factories import MitraFactory


@pytest.fixture
def pks_terbalik(unit):
    mitra = MitraFactory(unit=unit)
    return PerjanjianKerjaSama(
        unit=unit,
        mitra=mitra,
        nomor="PKS/1",
        tanggal_tanda_tangan=datetime.date(2026, 1, 1),
        tanggal_mulai=datetime.date(2026, 1, 1),
        tanggal_selesai=datetime.date(2025, 12, 31),
        dibuat_oleh=mitra.dibuat_oleh,
    )


def test_pelanggaran_dilaporkan_pada_fieldnya(pks_terbalik):
    with pytest.raises(ValidationError) as info:
        pks_terbalik.validate_constraints()
    galat = info.value.message_dict
    assert galat["tanggal_selesai"] == ["Tanggal berakhir tidak boleh sebelum tanggal mulai."]
    assert "Tanggal penandatanganan" in galat["tanggal_tanda_tangan"][0]
    assert NON_FIELD_ERRORS not in galat


def test_field_yang_dikecualikan_menjadi_galat_umum(pks_terbalik):
    with pytest.raises(ValidationError) as info:
        pks_terbalik.validate_constraints(exclude={"tanggal_tanda_tangan"})
    galat = info.value.message_dict
    assert "tanggal_tanda_tangan" not in galat  # that check needs the excluded field: skipped
    assert list(galat) == ["tanggal_selesai"]


def test_nomor_ganda_huruf_berbeda_di_kantor_yang_sama(pks_terbalik, unit_lain):
    pks_terbalik.tanggal_selesai = datetime.date(2027, 1, 1)
    pks_terbalik.save()
    kembar = PerjanjianKerjaSama(
        unit=pks_terbalik.unit,
        mitra=pks_terbalik.mitra,
        nomor="pks/1",
        tanggal_tanda_tangan=datetime.date(2026, 1, 1),
        tanggal_mulai=datetime.date(2026, 1, 1),
        tanggal_selesai=datetime.date(2027, 1, 1),
        dibuat_oleh=pks_terbalik.dibuat_oleh,
    )
    with pytest.raises(ValidationError) as info:
        kembar.validate_constraints()
    assert info.value.message_dict == {"nomor": ["Nomor PKS ini sudah tercatat di kantor ini."]}
    kembar.unit = unit_lain
    kembar.validate_constraints()  # the same number in another office is fine
