"""inti.kendala evaluates check constraints in Python; for every check constraint of the
project it must reach the database's verdict (generated values, compared with Q.check)."""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.db.models import CheckConstraint, Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inti.kendala import TakTerbaca, _field_disebut, nilai_kondisi, periksa_di_python

APP = ("akun", "wilayah", "klien", "pokmas", "pembimbingan", "laporan", "jejak")
TEKS = ["", "a", "X", "1" * 15, "1" * 16, "1" * 17, "1" * 18, "5107015505900001x", "12 34"]


def _semua_check():
    for app in APP:
        for model in apps.get_app_config(app).get_models():
            for c in model._meta.constraints:
                if isinstance(c, CheckConstraint):
                    yield pytest.param(model, c, id=f"{model._meta.label}.{c.name}")


def _strategi(field: models.Field):
    if field.choices:
        nilai = st.sampled_from([v for v, _ in field.flatchoices] + ["", "LAIN"])
    elif isinstance(field, models.BooleanField):
        nilai = st.booleans()
    elif isinstance(field, models.DateTimeField):
        nilai = st.datetimes(
            # hypothesis takes naive bounds and attaches the zone itself
            min_value=datetime.datetime(2000, 1, 1),  # noqa: DTZ001
            timezones=st.just(datetime.UTC),
        )
    elif isinstance(field, models.DateField):
        nilai = st.dates(min_value=datetime.date(1890, 1, 1), max_value=datetime.date(2031, 1, 1))
    elif isinstance(field, models.CharField | models.TextField):
        nilai = st.sampled_from(TEKS)
    elif isinstance(field, models.IntegerField | models.ForeignKey | models.AutoField):
        nilai = st.integers(min_value=0, max_value=3)
    else:
        pytest.fail(f"no strategy for {field!r}: extend this test")
    return st.one_of(st.none(), nilai) if field.null else nilai


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), list(_semua_check()))
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_python_sama_dengan_basis_data(model, constraint, data):
    instance = model()
    for nama in _field_disebut(constraint.condition) - {"pk"}:
        field = model._meta.get_field(nama)
        setattr(instance, field.attname, data.draw(_strategi(field), label=nama))
    python = nilai_kondisi(constraint.condition, instance) is not False
    basis_data = Q(constraint.condition).check(instance._get_field_expression_map(meta=model._meta))
    assert python == basis_data


def test_kondisi_yang_tidak_dikenal_diserahkan_ke_basis_data():
    from klien.models import Klien

    for kondisi in (Q(nama__startswith="I"), Q(desa__kecamatan__nama="Abang")):
        c = CheckConstraint(condition=kondisi, name="uji")
        with pytest.raises(TakTerbaca):
            periksa_di_python(c, Klien(nama="Wayan"))


def test_logika_tiga_nilai_seperti_sql():
    from klien.models import Klien

    k = Klien(tanggal_berakhir=None, tanggal_mulai=datetime.date(2026, 1, 1))
    assert nilai_kondisi(Q(tanggal_berakhir__gte=datetime.date(2025, 1, 1)), k) is None
    assert nilai_kondisi(~Q(tanggal_berakhir__gte=datetime.date(2025, 1, 1)), k) is None
    assert nilai_kondisi(Q(tanggal_berakhir=None), k) is True  # Django: IS NULL
    unknown_or_true = Q(tanggal_berakhir__gte=datetime.date(2025, 1, 1)) | Q(nama="")
    assert nilai_kondisi(unknown_or_true, k) is True
