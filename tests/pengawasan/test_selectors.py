"""The report figures: per office and period, conditions met / breached / in progress and
considerations by kind and outcome, in two queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from pengawasan import services
from pengawasan.pilihan import HasilPertimbangan, JenisPertimbangan, JenisSyarat, StatusSyarat
from pengawasan.selectors import klien_pantauan, klien_tanpa_putusan, rekap_pengawasan
from tests.factories import UserFactory
from tests.pengawasan.factories import KlienPengawasanFactory

pytestmark = pytest.mark.django_db
HARI = datetime.timedelta(days=1)


def _klien_dengan_order(pk, desa, **kwargs):
    k = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa, **kwargs)
    services.pengawasan_catat(klien=k, oleh=pk, kejaksaan="Kejari", ancaman_bulan=24, lama_bulan=12)
    return k


def _restitusi(k, pk):
    return services.syarat_tambah(
        klien=k,
        oleh=pk,
        jenis=JenisSyarat.RESTITUSI,
        uraian="Restitusi",
        restitusi_jumlah=Decimal(1_000_000),
        restitusi_batas=k.tanggal_mulai + 30 * HARI,
    )


def test_rekap_per_kantor_dan_periode(pk, desa, unit, unit_lain, django_assert_num_queries):
    hari_ini = timezone.localdate()
    a = _klien_dengan_order(pk, desa)
    services.syarat_ubah_status(
        syarat=_restitusi(a, pk),
        oleh=pk,
        status=StatusSyarat.MEMENUHI,
        tanggal=hari_ini,
        bukti="Kuitansi",
    )
    b = _klien_dengan_order(pk, desa)
    langgar = _restitusi(b, pk)
    services.syarat_ubah_status(
        syarat=langgar,
        oleh=pk,
        status=StatusSyarat.DILANGGAR,
        tanggal=hari_ini,
        bukti="Lewat",
        tanpa_alasan_sah=True,
    )
    p = services.pertimbangan_buat(
        klien=b,
        oleh=pk,
        nomor="A-1",
        tanggal=hari_ini,
        jenis=JenisPertimbangan.PERPANJANG,
        alasan="x",
        syarat=langgar,
    )
    services.pertimbangan_catat_hasil(
        pertimbangan=p, oleh=pk, hasil=HasilPertimbangan.DITOLAK, tanggal=hari_ini, nomor="P-1"
    )
    services.pertimbangan_buat(
        klien=a,
        oleh=pk,
        nomor="A-2",
        tanggal=hari_ini,
        jenis=JenisPertimbangan.PERSINGKAT,
        alasan="baik",
    )
    pk_sana = UserFactory(peran="PK", unit=unit_lain)
    _klien_dengan_order(pk_sana, desa)  # another office: its own row

    with django_assert_num_queries(2):  # conditions per office; considerations per kind/outcome
        rekap = rekap_pengawasan([unit.pk, unit_lain.pk], hari_ini - 30 * HARI, hari_ini)
    r = rekap[unit.pk]
    # the two general conditions are in progress; one restitution met, one breached
    assert (r.memenuhi, r.dilanggar, r.berjalan) == (1, 1, 2)
    assert r.jumlah_pertimbangan(JenisPertimbangan.PERPANJANG, HasilPertimbangan.DITOLAK) == 1
    assert r.jumlah_pertimbangan(JenisPertimbangan.PERSINGKAT, HasilPertimbangan.MENUNGGU) == 1
    assert r.jumlah_pertimbangan(JenisPertimbangan.PENJARA, HasilPertimbangan.MENUNGGU) == 0
    assert (rekap[unit_lain.pk].memenuhi, rekap[unit_lain.pk].berjalan) == (0, 1)

    # a period before any of it: nothing met or breached, nothing considered
    lalu = rekap_pengawasan([unit.pk], hari_ini - 400 * HARI, hari_ini - 300 * HARI)
    assert (lalu[unit.pk].memenuhi, lalu[unit.pk].dilanggar, lalu[unit.pk].pertimbangan) == (
        0,
        0,
        {},
    )


def test_daftar_pantauan(pk, pk_lain, kasi, desa):
    tenang = _klien_dengan_order(pk, desa)
    bermasalah = _klien_dengan_order(pk, desa)
    services.syarat_ubah_status(
        syarat=_restitusi(bermasalah, pk),
        oleh=pk,
        status=StatusSyarat.DILANGGAR,
        tanggal=timezone.localdate(),
        bukti="Lewat",
        tanpa_alasan_sah=False,
    )
    baru = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa)
    assert list(klien_pantauan(kasi)) == [bermasalah]
    assert list(klien_pantauan(pk_lain)) == []
    assert list(klien_tanpa_putusan(kasi)) == [baru]
    assert tenang not in klien_tanpa_putusan(kasi)


def test_bagian_klien_jumlah_query_tetap(pk, desa, django_assert_num_queries):
    from pengawasan.selectors import pengawasan_klien

    k = _klien_dengan_order(pk, desa)
    for _ in range(3):
        services.syarat_ubah_status(
            syarat=_restitusi(k, pk),
            oleh=pk,
            status=StatusSyarat.MEMENUHI,
            tanggal=timezone.localdate(),
            bukti="Kuitansi",
        )
    # the order; the conditions; their history (one prefetch, with who recorded it); the
    # considerations
    with django_assert_num_queries(4):
        p = pengawasan_klien(k, pk)
        assert sum(len(s.riwayat.all()) for s in p.syarat) == 1 + 3 * 2
        assert [r.oleh for s in p.syarat for r in s.riwayat.all()]


def test_ekspirasi_yang_diubah_ditandai(client, pk, desa):
    from klien import services as klien_services

    k = _klien_dengan_order(pk, desa)
    klien_services.klien_ubah(
        klien=k, oleh=pk, data={"tanggal_ekspirasi": k.tanggal_ekspirasi + HARI}
    )
    client.force_login(pk)
    halaman = client.get(k.get_absolute_url()).content.decode()
    assert "berbeda dengan akhir masa pengawasan" in halaman
