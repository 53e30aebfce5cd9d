"""The pace through the hours, with a frozen clock: hours ordered, done, left, days left, the
hours a week needed, and the flag for a client behind pace long before the window closes (on
the client page, and on the list of the PK and of the Kasi)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kerjasosial.models import JamKerjaSosial
from kerjasosial.selectors import daftar_laju, laju_putusan
from tests.kerjasosial.factories import KlienKerjaSosialFactory, PutusanFactory

HARI = datetime.timedelta(days=1)
MULAI = datetime.date(2026, 1, 1)


@pytest.fixture
def putusan(pk, lokasi):
    # 240 hours from 1 January to 30 June 2026: 181 days
    return PutusanFactory(
        klien=KlienKerjaSosialFactory(pk_pembimbing=pk, nama="I Wayan Lambat"),
        lokasi=lokasi,
        jam_diputus=240,
        tanggal_mulai=MULAI,
        batas_akhir=datetime.date(2026, 6, 30),
    )


def _kerja(putusan, jam_per_hari: list[int]):
    for i, jam in enumerate(jam_per_hari):
        JamKerjaSosial.objects.create(
            klien=putusan.klien,
            lokasi=putusan.lokasi,
            oleh=putusan.oleh,
            tanggal=MULAI + i * 7 * HARI,
            jam=Decimal(jam),
            mulai=putusan.tanggal_mulai,
            batas_akhir=putusan.batas_akhir,
        )


@pytest.mark.parametrize(
    ("hari_ini", "selesai", "tertinggal"),
    [
        # day 31 of 181: an even spread is 41.1 hours; behind below 33.1
        (datetime.date(2026, 1, 31), [8, 8, 8, 8, 2], False),  # 34
        (datetime.date(2026, 1, 31), [8, 8, 8, 8], True),  # 32
        (datetime.date(2026, 1, 3), [], False),  # day 3: within a day's work of the spread
        (datetime.date(2026, 7, 1), [8, 8], False),  # the window has closed: no longer "behind"
    ],
)
def test_aturan_tertinggal(putusan, time_machine, hari_ini, selesai, tertinggal):
    _kerja(putusan, selesai)
    laju = laju_putusan(putusan, hari_ini)
    assert laju.tertinggal is tertinggal
    assert laju.tidak_selesai is (hari_ini > putusan.batas_akhir)


def test_angka_laju(putusan):
    _kerja(putusan, [8, 8, 4])
    laju = laju_putusan(putusan, datetime.date(2026, 6, 17))  # 14 days left, today included
    assert (laju.jam_selesai, laju.jam_sisa, laju.hari_tersisa) == (20, 220, 14)
    assert laju.jam_per_minggu == Decimal("110.0")
    assert laju.tertinggal  # the spread says 222.8 by day 168


def test_halaman_klien_dan_daftar_menandai(
    client, putusan, pk, pk_lain, kasi, kasi_lain, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 1, 31, 4, tzinfo=datetime.UTC), tick=False)
    _kerja(putusan, [8, 8, 8, 8])
    client.force_login(pk)
    isi = client.get(reverse("klien:klien-detail", args=[putusan.klien_id])).content.decode()
    assert "Pidana kerja sosial" in isi and "Tertinggal" in isi
    assert 'data-jam="sisa">208<' in isi
    for siapa, terlihat in ((pk, True), (kasi, True), (pk_lain, False), (kasi_lain, False)):
        client.force_login(siapa)
        isi = client.get(reverse("kerjasosial:klien-list")).content.decode()
        assert ("I Wayan Lambat" in isi) is terlihat, siapa
        if terlihat:
            assert "1 klien tertinggal." in isi
    assert [h.putusan for h in daftar_laju(kasi)] == [putusan]
    assert daftar_laju(kasi_lain) == []
