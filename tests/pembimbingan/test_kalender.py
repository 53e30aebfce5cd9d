"""The ceremony-aware calendar (issue 11, part 7): the pawukon computation against
published dates, the national holidays, and the office calendar page."""

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akun.models import WilayahKerja
from pembimbingan import kalender
from pembimbingan.kalender import JenisHariKhusus, hari_khusus, hari_khusus_tahun
from tests.factories import KabupatenFactory, ProvinsiFactory

# Published dates, each with where it was published. Only dates from a source are here,
# never one derived from another by the cycle (that is what is under test).
GALUNGAN = [
    date(2024, 2, 28),  # DOMAIN.md; bulelengpost (Kalender Bali digital)
    date(2024, 9, 25),  # DOMAIN.md
    date(2025, 4, 23),  # Bali calendars (Galungan 2025)
    date(2025, 11, 19),  # Bali calendars (Galungan 2025)
]
KUNINGAN = [
    date(2024, 3, 9),  # bulelengpost and Kompasiana: two days before Nyepi 2024
    date(2025, 5, 3),  # Bali calendars (Kuningan 2025)
]
ULIHAN = [date(2020, 2, 23)]  # Tribun Bali, "Ulihan dilaksanakan hari ini, Minggu (23/2/2020)"
SARASWATI = [date(2025, 9, 6)]  # Pemkab Klungkung and Serayunews: Sabtu 6 September 2025
PAGERWESI = [date(2022, 10, 26)]  # detikBali: "Buda Kliwon Sinta atau Rabu 26 Oktober 2022"


def _pawukon(tahun: int, nama: str) -> list[date]:
    return [
        h.tanggal
        for h in kalender.hari_pawukon(tahun)
        if h.nama == nama and h.jenis == JenisHariKhusus.PAWUKON
    ]


@pytest.mark.parametrize(
    ("nama", "tanggal"),
    [("Galungan", t) for t in GALUNGAN]
    + [("Kuningan", t) for t in KUNINGAN]
    + [("Ulihan", t) for t in ULIHAN]
    + [("Saraswati", t) for t in SARASWATI]
    + [("Pagerwesi", t) for t in PAGERWESI],
)
def test_hari_pawukon_sesuai_tanggal_terbit(nama, tanggal):
    assert tanggal in _pawukon(tanggal.year, nama)
    assert nama in [h.nama for h in hari_khusus(tanggal, bali=True, hindu=False)]


def test_galungan_dan_kuningan_per_tahun():
    assert kalender.galungan(2024) == [date(2024, 2, 28), date(2024, 9, 25)]
    assert kalender.galungan(2025) == [date(2025, 4, 23), date(2025, 11, 19)]
    assert date(2025, 5, 3) in kalender.kuningan(2025)
    assert date(2025, 9, 6) in kalender.saraswati(2025)
    assert date(2022, 10, 26) in kalender.pagerwesi(2022)


@pytest.mark.parametrize(
    ("tanggal", "nama"),
    [
        (date(2024, 2, 28), "Buda Kliwon Dungulan"),  # Galungan
        (date(2024, 3, 9), "Saniscara Kliwon Kuningan"),  # Kuningan
        (date(2025, 9, 6), "Saniscara Umanis Watugunung"),  # Saraswati
        (date(2022, 10, 26), "Buda Kliwon Sinta"),  # Pagerwesi
        (date(2020, 2, 23), "Redite Wage Kuningan"),  # Ulihan
    ],
)
def test_wewaran(tanggal, nama):
    assert str(kalender.wewaran(tanggal)) == nama
    assert kalender.wewaran(tanggal).saptawara == kalender.SAPTAWARA[(tanggal.weekday() + 1) % 7]


def test_titik_acuan_kalender_bali_lain():
    # the pivots of an independent implementation (cgyudistira/bali-calendar, alg/algdoc.md):
    # 1 Jan 2000 is day 70 and 1 Jan 1970 day 33 of the cycle, counted from 1
    assert kalender.hari_ke(date(2000, 1, 1)) + 1 == 70
    assert kalender.wewaran(date(2000, 1, 1)).wuku == "Sungsang"
    assert kalender.hari_ke(date(1970, 1, 1)) + 1 == 33
    assert kalender.wewaran(date(1970, 1, 1)).wuku == "Tolu"


def test_siklus_210_hari():
    assert (date(2024, 9, 25) - date(2024, 2, 28)).days == 210
    for k in range(-60, 61):  # Galungan every 210 days, 1989 to 2058
        assert kalender.hari_ke(date(2024, 2, 28) + timedelta(days=210 * k)) == 73
    tahun = [t for y in range(2000, 2031) for t in kalender.galungan(y)]
    assert {(b - a).days for a, b in pairwise(tahun)} == {210}
    for t in tahun:
        assert t.weekday() == 2  # a Wednesday (Buda)


@pytest.mark.parametrize("tahun", range(2020, 2031))
def test_kuningan_sepuluh_hari_setelah_galungan(tahun):
    for g in kalender.galungan(tahun):
        assert g + timedelta(days=10) in kalender.kuningan((g + timedelta(days=10)).year)
        hari = {
            h.nama: h.tanggal for h in hari_khusus(g - timedelta(days=1), bali=True, hindu=True)
        }
        assert hari["Penampahan Galungan"] == g - timedelta(days=1)
        manis = hari_khusus(g + timedelta(days=1), bali=True, hindu=True)
        assert "Manis Galungan" in [h.nama for h in manis]


@pytest.mark.parametrize("tahun", range(2020, 2031))
def test_pagerwesi_empat_hari_setelah_saraswati(tahun):
    for s in kalender.saraswati(tahun):
        p = s + timedelta(days=4)
        assert p in kalender.pagerwesi(p.year)
        assert p.weekday() == 2  # Buda


def test_nama_wewaran_yang_tidak_ada_ditolak():
    with pytest.raises(ValueError, match="no such day"):
        kalender._posisi("Buda Umanis Dungulan")  # Buda of Dungulan is Kliwon


@pytest.mark.parametrize(("tanggal"), [date(2024, 3, 11), date(2025, 3, 29), date(2026, 3, 19)])
def test_nyepi_dari_libur_nasional(tanggal):
    hari = hari_khusus(tanggal, bali=False, hindu=False)
    assert [(h.nama, h.jenis) for h in hari] == [("Hari Suci Nyepi", JenisHariKhusus.NASIONAL)]


def test_libur_nasional_bernama_indonesia():
    nama = {h.nama for h in kalender.libur_nasional(2025)}
    assert {"Tahun Baru Masehi", "Hari Kemerdekaan Republik Indonesia", "Hari Raya Natal"} <= nama


def test_kantor_di_luar_bali_tanpa_hari_pawukon():
    galungan = date(2025, 4, 23)
    assert hari_khusus(galungan, bali=False, hindu=False) == []
    assert {h.jenis for h in hari_khusus_tahun(2025, bali=False)} == {JenisHariKhusus.NASIONAL}
    # a Hindu client outside Bali still gets the warning
    assert [h.nama for h in hari_khusus(galungan, bali=False, hindu=True)] == ["Galungan"]
    tahun_bali = hari_khusus_tahun(2025, bali=True)
    assert {h.jenis for h in tahun_bali} == set(JenisHariKhusus)
    assert [h.tanggal for h in tahun_bali] == sorted(h.tanggal for h in tahun_bali)


def test_hari_biasa_kosong():
    assert hari_khusus(date(2025, 4, 16), bali=True, hindu=True) == []


# The page


@pytest.fixture
def unit_bali(unit):
    WilayahKerja.objects.create(unit=unit, kabupaten=KabupatenFactory(nama="Karangasem"))
    return unit


def _tanggal(resp) -> list[str]:
    return re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', resp.content.decode())


@pytest.mark.parametrize("peran", ["pk", "kasi", "kabapas", "admin_unit"])
def test_halaman_kalender_kantor_bali(client, request, unit_bali, peran):
    client.force_login(request.getfixturevalue(peran))
    resp = client.get(reverse("pembimbingan:kalender"), {"tahun": "2025"})
    assert resp.status_code == 200
    tanggal = _tanggal(resp)
    html = resp.content.decode()
    for t in ("2025-04-23", "2025-05-03", "2025-11-19", "2025-09-06", "2025-03-29"):
        assert t in tanggal
    assert tanggal == sorted(tanggal)
    assert '<time datetime="2025-04-23" class="text-nowrap fw-semibold">' in html
    assert "Galungan" in html and "Hari Suci Nyepi" in html
    assert 'href="?tahun=2024"' in html and 'href="?tahun=2026"' in html


def test_halaman_kalender_kantor_luar_bali(client, kasi_lain):
    KabupatenFactory()  # a kabupaten of Bali that is not this office's
    sulsel = ProvinsiFactory(nama="Sulawesi Selatan", kode_iso="ID-SN")
    WilayahKerja.objects.create(unit=kasi_lain.unit, kabupaten=KabupatenFactory(provinsi=sulsel))
    client.force_login(kasi_lain)
    resp = client.get(reverse("pembimbingan:kalender"), {"tahun": "2025"})
    assert resp.status_code == 200
    tanggal = _tanggal(resp)
    assert "2025-03-29" in tanggal  # Nyepi: a national holiday
    assert "2025-04-23" not in tanggal  # Galungan: not for this office
    assert len(tanggal) == len(kalender.libur_nasional(2025))


def test_halaman_kalender_kanwil_403(client, kanwil):
    client.force_login(kanwil)
    assert client.get(reverse("pembimbingan:kalender")).status_code == 403


def test_halaman_kalender_anonim_ke_login(client):
    resp = client.get(reverse("pembimbingan:kalender"))
    assert resp.status_code == 302 and reverse("akun:login") in resp["Location"]


@pytest.mark.parametrize("tahun", ["bukan", "", "20x5", "1999", "2101", "99999999999999999999"])
def test_tahun_buruk_kembali_ke_tahun_ini(client, pk, unit_bali, tahun):
    client.force_login(pk)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 6, 1))
        resp = client.get(reverse("pembimbingan:kalender"), {"tahun": tahun})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Tahun tidak dikenal" in html
    assert "2025-04-23" in _tanggal(resp)


def test_tahun_kosong_tahun_ini_tanpa_pesan(client, pk, unit_bali):
    # without parameters the page opens on this month (part 8, the month view), and its
    # link to the year view lists this year
    client.force_login(pk)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2024, 6, 1))
        resp = client.get(reverse("pembimbingan:kalender"))
        html = resp.content.decode()
        assert resp.status_code == 200
        assert "Tahun tidak dikenal" not in html and "Bulan tidak dikenal" not in html
        assert "2024-06-01" in _tanggal(resp)
        assert {t[:7] for t in _tanggal(resp)} == {"2024-06"}
        assert 'href="?tahun=2024"' in html
        resp = client.get(reverse("pembimbingan:kalender"), {"tahun": "2024"})
    assert "Tahun tidak dikenal" not in resp.content.decode()
    assert "2024-02-28" in _tanggal(resp)


def test_batas_tahun_tanpa_tautan_keluar_batas(client, pk):
    client.force_login(pk)
    html = client.get(reverse("pembimbingan:kalender"), {"tahun": "2100"}).content.decode()
    assert 'href="?tahun=2099"' in html and "?tahun=2101" not in html


def test_jumlah_query_kalender(client, pk, unit_bali, django_assert_num_queries):
    client.force_login(pk)
    url = reverse("pembimbingan:kalender")
    # session, user, then one query: is the office in Bali
    with CaptureQueriesContext(connection) as tangkap:
        client.get(url, {"tahun": "2025"})
    halaman = [
        q["sql"]
        for q in tangkap.captured_queries
        if "django_session" not in q["sql"]
        and '"akun_user"' not in q["sql"]
        and "SAVEPOINT" not in q["sql"]
    ]
    assert len(halaman) == 1 and "wilayah_kabupaten" in halaman[0]
    with django_assert_num_queries(len(tangkap.captured_queries)):
        assert client.get(url, {"tahun": "2026"}).status_code == 200
