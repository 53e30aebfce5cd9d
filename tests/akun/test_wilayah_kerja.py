"""A kabupaten, and so each of its kecamatan, lies in at most one Bapas work area: the
database refuses a second office, validation says so in Indonesian, the trail records it."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from akun.models import WilayahKerja
from jejak.models import JejakAudit
from tests.factories import DesaFactory, KabupatenFactory
from wilayah.models import Desa

PESAN = "Kabupaten/kota ini sudah menjadi wilayah kerja kantor Bapas lain."


@pytest.fixture
def kabupaten(unit):
    """A kabupaten already in `unit`'s work area."""
    kab = KabupatenFactory()
    unit.wilayah_kerja.add(kab)
    return kab


def test_satu_kantor_banyak_kabupaten(unit):
    kab = KabupatenFactory.create_batch(3)
    unit.wilayah_kerja.set(kab)
    unit.wilayah_kerja.add(KabupatenFactory())
    assert unit.wilayah_kerja.count() == 4
    assert WilayahKerja.objects.filter(unit=unit).count() == 4
    desa = DesaFactory(kecamatan__kabupaten=kab[0])
    assert list(Desa.objects.di_wilayah_kerja(unit)) == [desa]


def test_kabupaten_kantor_lain_ditolak_database(unit, unit_lain, kabupaten):
    with pytest.raises(IntegrityError), transaction.atomic():
        unit_lain.wilayah_kerja.add(kabupaten)
    with pytest.raises(IntegrityError), transaction.atomic():
        WilayahKerja.objects.create(unit=unit_lain, kabupaten=kabupaten)
    with pytest.raises(IntegrityError), transaction.atomic():
        unit_lain.wilayah_kerja.set([KabupatenFactory(), kabupaten])
    assert list(kabupaten.unit_bapas.all()) == [unit]
    assert not unit_lain.wilayah_kerja.exists()


@pytest.mark.parametrize("cara", ["full_clean", "validate_constraints"])
def test_kabupaten_kantor_lain_ditolak_validasi_dengan_pesan(unit_lain, kabupaten, cara):
    baris = WilayahKerja(unit=unit_lain, kabupaten=kabupaten)
    with pytest.raises(ValidationError) as galat:
        getattr(baris, cara)()
    assert galat.value.message_dict == {NON_FIELD_ERRORS: [PESAN]}


def test_kantor_yang_sama_dua_kali(unit, kabupaten):
    unit.wilayah_kerja.add(kabupaten)  # already there: a no-op
    assert WilayahKerja.objects.filter(kabupaten=kabupaten).count() == 1
    with pytest.raises(ValidationError) as galat:
        WilayahKerja(unit=unit, kabupaten=kabupaten).full_clean()
    assert galat.value.messages == [PESAN]
    with pytest.raises(IntegrityError), transaction.atomic():
        WilayahKerja.objects.create(unit=unit, kabupaten=kabupaten)
    assert WilayahKerja.objects.filter(kabupaten=kabupaten).count() == 1


def test_baris_sendiri_lolos_validasi(unit, kabupaten):
    WilayahKerja.objects.get(kabupaten=kabupaten).full_clean()


def test_kabupaten_pindah_kantor(unit, unit_lain, kabupaten):
    unit.wilayah_kerja.remove(kabupaten)
    unit_lain.wilayah_kerja.add(kabupaten)
    assert list(kabupaten.unit_bapas.all()) == [unit_lain]


class WilayahKerjaForm(forms.ModelForm):
    class Meta:
        model = WilayahKerja
        fields = ["unit", "kabupaten"]


def test_form_memberi_pesan_bukan_500(unit_lain, kabupaten):
    form = WilayahKerjaForm(data={"unit": unit_lain.pk, "kabupaten": kabupaten.pk})
    assert not form.is_valid()
    assert PESAN in form.errors.as_text()


def test_perubahan_tercatat_di_jejak_unit_sekali(unit, kabupaten):
    """The through table is exempt in the trail rail because the unit's m2m_fields record
    it: one entry on the unit for each add and each removal, none on WilayahKerja."""
    entri = JejakAudit.objects.filter(
        object_pk=str(unit.pk), content_type__model="unit", changes__has_key="wilayah_kerja"
    )
    assert entri.count() == 1
    assert entri.get().changes["wilayah_kerja"]["operation"] == "add"
    unit.wilayah_kerja.remove(kabupaten)
    assert entri.count() == 2
    assert entri.latest("pk").changes["wilayah_kerja"]["operation"] == "delete"
    assert not JejakAudit.objects.filter(content_type__model="wilayahkerja").exists()
