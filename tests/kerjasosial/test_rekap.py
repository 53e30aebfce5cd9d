"""The report figures: hours ordered and worked per month, the completion rate over the
orders decided in the period, the orders behind pace on the reference day, the hours per
site; another office's records never counted."""

import datetime
from decimal import Decimal

import pytest

from kerjasosial.models import JamKerjaSosial
from kerjasosial.rekap import BarisBulan, rekap_kerja_sosial
from tests.factories import UserFactory
from tests.kerjasosial.factories import KlienKerjaSosialFactory, LokasiFactory, PutusanFactory

D = datetime.date


def _putusan(pk, lokasi, jam, mulai, akhir):
    return PutusanFactory(
        klien=KlienKerjaSosialFactory(pk_pembimbing=pk),
        lokasi=lokasi,
        jam_diputus=jam,
        tanggal_mulai=mulai,
        batas_akhir=akhir,
    )


def _kerja(p, tanggal, jam, lokasi=None, hadir=True):
    JamKerjaSosial.objects.create(
        klien=p.klien,
        lokasi=lokasi or p.lokasi,
        oleh=p.oleh,
        tanggal=tanggal,
        jam=Decimal(jam),
        hadir=hadir,
        alasan="" if hadir else "Tanpa kabar",
        mulai=p.tanggal_mulai,
        batas_akhir=p.batas_akhir,
    )


@pytest.fixture
def data(pk, lokasi, unit, unit_lain):
    pura = LokasiFactory(unit=unit, nama="Pura Puseh")
    selesai = _putusan(pk, lokasi, 16, D(2026, 1, 5), D(2026, 3, 31))
    _kerja(selesai, D(2026, 1, 10), 8)
    _kerja(selesai, D(2026, 2, 3), 8, lokasi=pura)  # completed on 3 February
    pendek = _putusan(pk, lokasi, 40, D(2026, 1, 12), D(2026, 2, 10))
    _kerja(pendek, D(2026, 1, 20), 4)
    _kerja(pendek, D(2026, 1, 27), 0, hadir=False)  # closed short: decided on 11 February
    tertinggal = _putusan(pk, pura, 120, D(2026, 2, 1), D(2026, 5, 31))
    _kerja(tertinggal, D(2026, 2, 7), 4, lokasi=pura)
    # another office's order and hours are not counted
    asing = PutusanFactory(klien=KlienKerjaSosialFactory(pk_pembimbing=UserFactory(unit=unit_lain)))
    _kerja(asing, asing.tanggal_mulai, 8)
    return selesai, pendek, tertinggal


def test_rekap_februari(data, unit, django_assert_num_queries):
    with django_assert_num_queries(3):  # worked per month, orders (with hours ordered), sites
        r = rekap_kerja_sosial([unit.pk], D(2026, 2, 1), D(2026, 2, 28), hari_ini=D(2026, 3, 15))
    assert r.per_bulan == [BarisBulan(D(2026, 2, 1), 120, Decimal(12))]
    assert (r.selesai, r.tidak_selesai, r.persen_selesai) == (1, 1, 50)
    # on 28 February: day 28 of 120 of a 120-hour order, 4 hours done (the spread: 28)
    assert r.tertinggal == 1
    assert [(b.nama, b.jam, b.klien) for b in r.per_lokasi] == [("Pura Puseh", 12, 2)]


def test_rekap_januari_dan_periode_berjalan(data, unit, lokasi):
    r = rekap_kerja_sosial([unit.pk], D(2026, 1, 1), D(2026, 1, 31), hari_ini=D(2026, 3, 15))
    assert r.per_bulan == [BarisBulan(D(2026, 1, 1), 56, Decimal(12))]
    assert (r.selesai, r.tidak_selesai, r.persen_selesai) == (0, 0, None)
    assert [(b.nama, b.jam, b.klien) for b in r.per_lokasi] == [(lokasi.nama, 12, 2)]
    # while the window is open it is not decided, and the reference day is today
    r = rekap_kerja_sosial([unit.pk], D(2026, 2, 1), D(2026, 2, 28), hari_ini=D(2026, 2, 9))
    assert (r.selesai, r.tidak_selesai) == (1, 0)
    # 9 February: the short order is behind (4 of 40 hours, its window closes tomorrow); the
    # new one is not (day 9 of 120: the spread is 9 hours, 4 done, within a day's work)
    assert r.tertinggal == 1
