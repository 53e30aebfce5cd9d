"""Tables hanging off a client are scoped like the client: a PK sees their own clients' rows,
the office's managers the office's, another office and Kanwil none."""

import pytest

from klien.models import AnakKlien, IndikatorReintegrasi, PeristiwaResidivisme
from tests.factories import UserFactory
from tests.klien.factories import (
    IndikatorReintegrasiFactory,
    KlienFactory,
    PeristiwaResidivismeFactory,
)


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (PeristiwaResidivisme, PeristiwaResidivismeFactory),
        (IndikatorReintegrasi, IndikatorReintegrasiFactory),
    ],
)
def test_baris_anak_klien_mengikuti_for_user_klien(
    model, factory, pk, pk_lain, kasi, kabapas, kasi_lain, kanwil, unit_lain, desa,
    django_assert_num_queries,
):  # fmt: skip
    milik_pk = factory(klien=KlienFactory(pk_pembimbing=pk, desa=desa))
    milik_pk_lain = factory(klien=KlienFactory(pk_pembimbing=pk_lain, desa=desa))
    pk_sana = UserFactory(peran="PK", unit=unit_lain)
    milik_kantor_lain = factory(klien=KlienFactory(pk_pembimbing=pk_sana))

    with django_assert_num_queries(1):  # the clients are a subquery, not a second query
        assert list(model.objects.for_user(pk)) == [milik_pk]
    assert list(model.objects.for_user(pk_lain)) == [milik_pk_lain]
    for pimpinan in (kasi, kabapas):
        assert set(model.objects.for_user(pimpinan)) == {milik_pk, milik_pk_lain}
    assert list(model.objects.for_user(kasi_lain)) == [milik_kantor_lain]
    assert list(model.objects.for_user(pk_sana)) == [milik_kantor_lain]
    assert not model.objects.for_user(kanwil).exists()


def test_tabel_anak_klien_berbagi_satu_dasar():
    for model in (PeristiwaResidivisme, IndikatorReintegrasi):
        assert issubclass(model, AnakKlien)
