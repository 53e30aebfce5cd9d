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


@pytest.fixture
def pk_ber_nip(pk):
    """pk with a NIP, which older import files name the PK by (the column nip_pk)."""
    pk.nip = "198503122010121001"
    pk.save()
    return pk
