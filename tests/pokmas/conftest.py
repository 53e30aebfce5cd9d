import pytest

from tests.factories import DesaFactory, KabupatenFactory, KecamatanFactory


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    """PKS documents go to a temporary MEDIA_ROOT (the storage re-reads the setting)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def desa(unit):
    """A desa inside the office's work area, and its kabupaten attached to the unit."""
    kab = KabupatenFactory(nama="Karangasem")
    unit.wilayah_kerja.add(kab)
    return DesaFactory(kecamatan=KecamatanFactory(kabupaten=kab, nama="Kubu"), nama="Tianyar")


@pytest.fixture
def desa_luar(db):
    """A desa outside the office's work area."""
    return DesaFactory(nama="Desa Luar")


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
