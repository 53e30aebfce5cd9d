"""Active means status AKTIF and an agreement in force on the day (MitraQuerySet.q_aktif),
everywhere: the guideline's composition, the list's status filter and badge, the choices
for a new programme, the Kasi's dashboard. tanggal_selesai is the last day in force; the
partner stops counting on the next day, in the office's time zone (WITA)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from inti.demo import jalankan_demo
from pokmas.models import Mitra
from pokmas.pilihan import KelompokMitra, StatusMitra
from pokmas.selectors import kandidat_menunggu, komposisi_kelompok
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
AKHIR_PKS = datetime.date(2026, 11, 11)  # the last day the agreement is in force
HUKUM = KelompokMitra.HUKUM_KEMASYARAKATAN


def _pada(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=WITA), tick=False)


@pytest.fixture
def berakhir(unit):
    """An active partner whose only agreement ends on AKTIF_PKS, and one in force long after."""
    mitra = MitraFactory(unit=unit, nama="Kelompok Uji Berakhir", status=StatusMitra.AKTIF)
    PerjanjianFactory(
        mitra=mitra, tanggal_mulai=datetime.date(2023, 11, 12), tanggal_selesai=AKHIR_PKS
    )
    lain = MitraFactory(unit=unit, nama="Yayasan Uji Berlaku", status=StatusMitra.AKTIF)
    PerjanjianFactory(
        mitra=lain,
        tanggal_mulai=datetime.date(2025, 1, 1),
        tanggal_selesai=datetime.date(2028, 1, 1),
    )
    return mitra


def _aktif_hukum(user) -> int:
    return next(b for b in komposisi_kelompok(user).baris if b.kelompok == HUKUM).jumlah_aktif


def test_komposisi_berubah_tepat_sehari_setelah_pks_berakhir(kasi, berakhir):
    qs = Mitra.objects.for_user(kasi)
    with _pada(2026, 11, 11, 23, 59):  # the last day in force, its last minute (WITA)
        assert _aktif_hukum(kasi) == 2
        assert berakhir in qs.aktif() and berakhir in qs.tersedia_untuk_program_baru()
    with _pada(2026, 11, 12, 0, 0):  # the next day (still 11 Nov in UTC)
        assert _aktif_hukum(kasi) == 1
        baris = next(b for b in komposisi_kelompok(kasi).baris if b.kelompok == HUKUM)
        assert baris.jumlah_tanpa_pks == 1 and baris.kurang == 4
        assert berakhir not in qs.aktif() and berakhir not in qs.tersedia_untuk_program_baru()
        assert list(qs.aktif_tanpa_pks()) == [berakhir]
    # a date may be asked for, whatever the clock says
    assert _aktif_hukum(kasi) == 1
    assert komposisi_kelompok(kasi, AKHIR_PKS).baris[0].jumlah_aktif == 2


@_pada(2026, 12, 6, 10)
def test_mitra_kedaluwarsa_tidak_dihitung_di_daftar(client, kasi, berakhir):
    client.force_login(kasi)
    url = reverse("pokmas:mitra-list")
    assert [m.nama for m in client.get(url, {"status": "aktif"}).context["mitra_list"]] == [
        "Yayasan Uji Berlaku"
    ]
    resp = client.get(url, {"status": "aktif_tanpa_pks"})
    assert [m.nama for m in resp.context["mitra_list"]] == ["Kelompok Uji Berakhir"]
    html = client.get(url).content.decode()
    baris = html.split("Kelompok Uji Berakhir", 1)[1].split("</tr>", 1)[0]
    assert "PKS kedaluwarsa</span>" in baris and ">Aktif<" not in baris


@_pada(2026, 12, 6, 10)
def test_dasbor_kasi_tidak_menghitung_mitra_kedaluwarsa(client, kasi, berakhir):
    client.force_login(kasi)
    resp = client.get(reverse("laporan:dashboard"))
    d = resp.context["d"]
    assert _aktif_hukum(kasi) == 1
    assert next(b for b in d.komposisi.baris if b.kelompok == HUKUM).jumlah_aktif == 1
    assert {m.mitra.nama: m.aktif for m in d.mitra} == {
        "Kelompok Uji Berakhir": False,
        "Yayasan Uji Berlaku": True,
    }
    # the expired agreement is listed, linked to its partner
    assert [p.mitra for p in d.pks_perlu_diperbarui] == [berakhir]
    html = resp.content.decode()
    assert f'href="{berakhir.get_absolute_url()}#judul-pks">Kelompok Uji Berakhir</a>' in html
    assert "Kedaluwarsa: tidak dihitung aktif" in html
    assert "(tidak aktif: PKS tidak berlaku)" in html


@_pada(2026, 12, 6, 10)
def test_dasbor_kasi_menampilkan_calon_mitra_dan_kekurangannya(client, kasi, unit, unit_lain):
    siap = MitraFactory(unit=unit, nama="Calon Siap")
    PerjanjianFactory(mitra=siap)
    kurang = MitraFactory(unit=unit, nama="Calon Kurang", kriteria_komitmen=False)
    lewat = MitraFactory(unit=unit, nama="Calon PKS Lewat")
    PerjanjianFactory(
        mitra=lewat,
        tanggal_mulai=datetime.date(2024, 1, 1),
        tanggal_selesai=datetime.date(2026, 6, 30),
    )
    MitraFactory(unit=unit_lain, nama="Calon Kantor Lain")
    MitraFactory(unit=unit, nama="Sudah Nonaktif", status=StatusMitra.NONAKTIF)
    calon = {k.mitra.nama: k.kurang for k in kandidat_menunggu(kasi)}
    assert calon == {
        "Calon Siap": [],
        "Calon Kurang": [
            "Kriteria belum terpenuhi: berkomitmen dan dapat dipertanggungjawabkan.",
            "Belum ada PKS yang berlaku: catat PKS yang sudah ditandatangani.",
        ],
        "Calon PKS Lewat": ["Belum ada PKS yang berlaku: PKS terakhir berakhir 30 Jun 2026."],
    }
    client.force_login(kasi)
    html = client.get(reverse("laporan:dashboard")).content.decode()
    bagian = html.split('id="judul-kandidat-menunggu"', 1)[1].split("</section>", 1)[0]
    for m in (siap, kurang, lewat):
        assert f'href="{m.get_absolute_url()}"' in bagian
    assert "Calon Kantor Lain" not in html and "Sudah Nonaktif" not in bagian
    assert "Siap diaktifkan" in bagian
    assert reverse("pokmas:mitra-status", kwargs={"pk": siap.pk}) in bagian
    assert "Kriteria belum terpenuhi: berkomitmen" in bagian
    assert "PKS terakhir berakhir 30 Jun 2026" in bagian


def test_demo_kelompok_ikan_tidak_lagi_aktif(db):
    """The demo's expired partner (Kelompok Ikan Sari Nadi Subak Baru) keeps its status but
    is no partner active today: seven of the eight are."""
    with _pada(2026, 12, 6, 10):
        ctx = jalankan_demo(jumlah_klien=0)
        unit = ctx.unit["karangasem"]
        kasi = unit.pengguna.get(peran="KASI", username="kasi")
        ikan = Mitra.objects.get(unit=unit, nama="Kelompok Ikan Sari Nadi Subak Baru")
        assert ikan.status == StatusMitra.AKTIF
        assert ikan not in Mitra.objects.for_user(kasi).aktif()
        assert list(Mitra.objects.for_user(kasi).aktif_tanpa_pks()) == [ikan]
        komposisi = komposisi_kelompok(kasi)
        assert sum(b.jumlah_aktif for b in komposisi.baris) == 7
        assert komposisi.jumlah_tanpa_pks == 1


def test_kandidat_menunggu_satu_query_berapa_pun_calonnya(kasi, unit, django_assert_num_queries):
    """The Kasi's home reads the candidates and what each lacks in one query (the
    agreement standing is annotated, the criteria are the row's own fields)."""
    for n in range(4):
        mitra = MitraFactory(unit=unit, nama=f"Calon Hitung {n}", kriteria_peduli=n % 2 == 0)
        if n % 2:
            PerjanjianFactory(mitra=mitra)
    with django_assert_num_queries(1):  # the candidates, with their agreement standing
        calon = kandidat_menunggu(kasi)
        kurang = [k.kurang for k in calon]
    assert len(calon) == 4 and all(kurang[i] for i in (0, 2))
