"""The demo's supervision clients at Karangasem (pengawasan/demo.py)."""

import pytest

from klien.models import Klien
from klien.pilihan import ProgramIntegrasi
from pengawasan.pilihan import HasilPertimbangan, JenisSyarat, StatusSyarat

pytestmark = pytest.mark.slow


def test_demo_klien_pengawasan(demo):
    klien = Klien.objects.filter(
        unit=demo.unit["karangasem"], program=ProgramIntegrasi.PENGAWASAN
    ).order_by("no_register")
    assert [k.no_register[-2:] for k in klien] == ["01", "02", "03"]
    lunas, langgar, baru = klien
    assert lunas.syarat_pengawasan.get(jenis=JenisSyarat.RESTITUSI).status == StatusSyarat.MEMENUHI
    r = langgar.syarat_pengawasan.get(jenis=JenisSyarat.RESTITUSI)
    assert (r.status, r.tanpa_alasan_sah) == (StatusSyarat.DILANGGAR, True)
    assert langgar.pertimbangan_pengawasan.get().hasil == HasilPertimbangan.MENUNGGU
    assert not baru.pidana_pengawasan.exists()
    for k in (lunas, langgar):
        assert k.pidana_pengawasan.get().ekspirasi_sesuai
