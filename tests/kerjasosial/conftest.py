import datetime

import pytest

from tests.factories import DesaFactory
from tests.kerjasosial.factories import KlienKerjaSosialFactory, LokasiFactory


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.fixture
def lokasi(unit, desa):
    return LokasiFactory(unit=unit, kecamatan=desa.kecamatan, nama="Kantor Desa Selat")


@pytest.fixture
def klien(pk, desa):
    return KlienKerjaSosialFactory(pk_pembimbing=pk, desa=desa)


@pytest.fixture
def hari_ini(time_machine):
    """The clock frozen at noon, Bali time, on a Monday."""
    tanggal = datetime.date(2026, 3, 2)
    time_machine.move_to(datetime.datetime(2026, 3, 2, 4, 0, tzinfo=datetime.UTC), tick=False)
    return tanggal
