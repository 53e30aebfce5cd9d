import pytest

from tests.factories import DesaFactory
from tests.klien.factories import KlienFactory


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.fixture
def klien(pk, desa):
    return KlienFactory(pk_pembimbing=pk, desa=desa)
