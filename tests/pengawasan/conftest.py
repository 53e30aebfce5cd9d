import pytest

from tests.factories import DesaFactory
from tests.pengawasan.factories import KlienPengawasanFactory


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.fixture
def klien(pk, desa):
    """A running supervision client of pk, 30 days in."""
    return KlienPengawasanFactory(pk_pembimbing=pk, desa=desa)
