"""A new offence recorded through klien (residivisme_catat) breaches the general condition:
klien does not import this app; the signal wired in pengawasan's AppConfig.ready() does it."""

import datetime

import pytest

from klien import services as klien_services
from klien.pilihan import JenisResidivisme
from pengawasan import services
from pengawasan.pilihan import JenisSyarat, StatusSyarat

pytestmark = pytest.mark.django_db
HARI = datetime.timedelta(days=1)


def _catat(klien, oleh, tanggal):
    return klien_services.residivisme_catat(
        klien=klien,
        oleh=oleh,
        tanggal=tanggal,
        jenis=JenisResidivisme.TERSANGKA,
        sumber="Polres Karangasem",
    )


@pytest.fixture
def order(klien, pk):
    return services.pengawasan_catat(
        klien=klien, oleh=pk, kejaksaan="Kejari Karangasem", ancaman_bulan=24, lama_bulan=12
    )


def test_tindak_pidana_baru_melanggar_syarat_umum(klien, pk, order):
    tanggal = klien.tanggal_mulai + 10 * HARI
    _catat(klien, pk, tanggal)
    umum = klien.syarat_pengawasan.get(jenis=JenisSyarat.UMUM)
    assert (umum.status, umum.tanggal_status, umum.tanpa_alasan_sah) == (
        StatusSyarat.DILANGGAR,
        tanggal,
        True,
    )
    assert "Polres Karangasem" in umum.bukti
    assert umum.riwayat.order_by("-pk").first().status_baru == StatusSyarat.DILANGGAR
    # a second event changes nothing more
    _catat(klien, pk, tanggal + HARI)
    assert umum.riwayat.count() == 2


def test_tindak_pidana_sebelum_pengawasan_tidak_dihitung(klien, pk, order):
    _catat(klien, pk, klien.tanggal_mulai - HARI)
    assert klien.syarat_pengawasan.get(jenis=JenisSyarat.UMUM).status == StatusSyarat.BERJALAN


def test_klien_tanpa_putusan_tidak_terpengaruh(klien, pk):
    _catat(klien, pk, klien.tanggal_mulai + HARI)
    assert not klien.syarat_pengawasan.exists()
