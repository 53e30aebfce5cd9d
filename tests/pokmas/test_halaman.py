"""Partner list, partner page and composition check: content, scoping and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pokmas.pilihan import StatusMitra
from pokmas.selectors import komposisi_kelompok
from tests.pokmas.factories import MitraFactory, PerjanjianFactory


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def _aktif(unit, kelompok, **pks):
    """An active partner: status AKTIF and an agreement in force (the factory's: today)."""
    mitra = MitraFactory(unit=unit, kelompok=kelompok, status=StatusMitra.AKTIF)
    PerjanjianFactory(mitra=mitra, **pks)
    return mitra


@pytest.fixture
def isi_daftar(unit):
    def isi(n):
        for i in range(n):
            m = MitraFactory(unit=unit, bidang=["pendidikan", "kesehatan"])
            PerjanjianFactory(mitra=m, nomor=f"PKS/{m.pk}/{i}")

    return isi


def test_jumlah_query_daftar_mitra_tidak_tumbuh(
    client, kasi, isi_daftar, django_assert_num_queries
):
    client.force_login(kasi)
    url = reverse("pokmas:mitra-list")
    isi_daftar(5)
    sedikit = _jumlah_query(client, url)
    isi_daftar(45)
    # session, user, partners (+ agreement annotations), their fields of service (prefetch),
    # the composition count
    with django_assert_num_queries(sedikit):
        resp = client.get(url)
    assert len(resp.context["mitra_list"]) == 50
    with django_assert_num_queries(sedikit):
        client.get(url, {"pks": "berlaku", "bidang": "pendidikan"})


def test_jumlah_query_halaman_mitra_tidak_tumbuh(
    client, admin_unit, unit, django_assert_num_queries
):
    from pokmas import services

    mitra = MitraFactory(unit=unit, bidang=["pendidikan", "kesehatan", "seni_budaya"])
    client.force_login(admin_unit)
    url = mitra.get_absolute_url()

    def tambah(n, awal):
        for i in range(n):
            PerjanjianFactory(mitra=mitra, nomor=f"PKS/{awal + i}")

    tambah(5, 0)
    sedikit = _jumlah_query(client, url)
    tambah(45, 5)
    kasi = unit.pengguna.create(username="kasi-q", peran="KASI")
    for i in range(10):
        baru = StatusMitra.AKTIF if i % 2 == 0 else StatusMitra.NONAKTIF
        services.mitra_ubah_status(mitra=mitra, status_baru=baru, oleh=kasi, alasan=f"uji {i}")
    # session, user, partner (+ desa, creator), fields of service, agreements, status history
    with django_assert_num_queries(sedikit):
        resp = client.get(url)
    assert len(resp.context["perjanjian"]) == 50
    assert resp.content.decode().count("uji ") >= 10


def test_halaman_mitra_menampilkan_pks_dan_riwayat(client, pk, unit):
    mitra = MitraFactory(unit=unit, nama="Yayasan Aswini Kembar", status=StatusMitra.AKTIF)
    PerjanjianFactory(mitra=mitra, nomor="PKS/ASWINI/2025")
    client.force_login(pk)
    html = client.get(mitra.get_absolute_url()).content.decode()
    assert "Yayasan Aswini Kembar" in html and "PKS/ASWINI/2025" in html
    # a PK views only: no edit, status or upload buttons
    assert reverse("pokmas:mitra-update", kwargs={"pk": mitra.pk}) not in html
    assert reverse("pokmas:mitra-status", kwargs={"pk": mitra.pk}) not in html


def test_halaman_mitra_peringatan_tanpa_pks_berlaku(client, kasi, unit):
    mitra = MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    PerjanjianFactory(
        mitra=mitra,
        tanggal_mulai=datetime.date(2020, 1, 1),
        tanggal_selesai=datetime.date(2021, 1, 1),
    )
    client.force_login(kasi)
    html = client.get(mitra.get_absolute_url()).content.decode()
    assert "tidak dihitung sebagai mitra aktif" in html
    assert "tidak dapat dipilih untuk program baru" in html
    assert ">Aktif<" not in html and "PKS kedaluwarsa</span>" in html
    assert reverse("pokmas:mitra-status", kwargs={"pk": mitra.pk}) in html


def test_halaman_mitra_aktif_dengan_pks_berlaku(client, pk, unit):
    mitra = _aktif(unit, "hukum_kemasyarakatan")
    client.force_login(pk)
    html = client.get(mitra.get_absolute_url()).content.decode()
    assert '<span class="badge text-bg-success">Aktif</span>' in html
    assert "PKS kedaluwarsa" not in html and "tidak dihitung" not in html


def test_halaman_kandidat_menyebut_yang_kurang(client, admin_unit, unit):
    mitra = MitraFactory(unit=unit, kriteria_bersedia=False)
    client.force_login(admin_unit)
    html = client.get(mitra.get_absolute_url()).content.decode()
    assert "Kriteria belum terpenuhi: bersedia menjadi mitra kerja." in html
    assert "Belum ada PKS yang berlaku: catat PKS yang sudah ditandatangani." in html


def test_mitra_kantor_lain_404(client, kasi_lain, unit):
    mitra = MitraFactory(unit=unit)
    client.force_login(kasi_lain)
    assert client.get(mitra.get_absolute_url()).status_code == 404
    resp = client.get(reverse("pokmas:mitra-list"))
    assert resp.context["mitra_list"] == []


def test_komposisi_menyebut_yang_kurang(client, kabapas, unit, unit_lain):
    for _ in range(5):
        _aktif(unit, "hukum_kemasyarakatan")
    for _ in range(2):
        _aktif(unit, "kemandirian_kepribadian")
    MitraFactory(unit=unit, kelompok="kemandirian_kepribadian")  # a candidate
    MitraFactory(unit=unit, kelompok="kemandirian_kepribadian", status=StatusMitra.NONAKTIF)
    # status AKTIF, but the agreement ended: not active
    _aktif(
        unit,
        "kemandirian_kepribadian",
        tanggal_mulai=datetime.date(2020, 1, 1),
        tanggal_selesai=datetime.date(2021, 1, 1),
    )
    for _ in range(5):
        _aktif(unit_lain, "kemandirian_kepribadian")
    k = komposisi_kelompok(kabapas)
    per = {b.kelompok: b for b in k.baris}
    assert per["hukum_kemasyarakatan"].terpenuhi
    assert per["kemandirian_kepribadian"].jumlah_aktif == 2
    assert per["kemandirian_kepribadian"].kurang == 3
    assert per["kemandirian_kepribadian"].jumlah_kandidat == 1
    assert per["kemandirian_kepribadian"].jumlah_tanpa_pks == 1
    assert per["ekonomi"].terpenuhi and not per["ekonomi"].wajib
    assert not k.terpenuhi
    client.force_login(kabapas)
    html = client.get(reverse("pokmas:komposisi")).content.decode()
    assert "Bidang Kemandirian dan Kepribadian: perlu 3 mitra aktif lagi" in html
    assert "(1 kandidat menunggu aktivasi)" in html
    assert "1 mitra berstatus aktif tanpa PKS yang berlaku tidak dihitung" in html
    assert "?status=aktif_tanpa_pks" in html


def test_komposisi_terpenuhi(unit, kabapas, kanwil):
    for kelompok in ("hukum_kemasyarakatan", "kemandirian_kepribadian"):
        for _ in range(5):
            _aktif(unit, kelompok)
    assert komposisi_kelompok(kabapas).terpenuhi
    assert not komposisi_kelompok(kanwil).terpenuhi  # figures-only roles see no partners
