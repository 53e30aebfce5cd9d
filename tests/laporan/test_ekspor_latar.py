"""The monthly report and the regional view's tables as background jobs (issue 15): the
page's buttons post, the POST starts the job and sends the user to its page, a GET starts
nothing; the job's file is its owner's only, its download written to the trail; a job that
fails says why; it is written in the language of the page that started it.
(Their content against the page: tests/laporan/test_bulanan.py and test_wilayah.py, which
read the jobs' files.)"""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import Peran
from jejak.models import JejakAudit, Peristiwa
from laporan import latar
from pekerjaan.jenis import PekerjaanGagal
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from tests.factories import UserFactory
from tests.pekerjaan.antrean import kerjakan_antrean, pekerjaan_dari
from tests.pekerjaan.unduhan import isi, jalankan_ekspor, unduh_ekspor

URL = reverse("laporan:bulanan")
URL_PDF = reverse("laporan:bulanan-pdf")
URL_XLSX = reverse("laporan:bulanan-xlsx")
URL_WILAYAH = reverse("laporan:wilayah")
PERIODE = {"dari": "2026-01", "sampai": "2026-03"}


@pytest.fixture
def pusat(db):
    return UserFactory(username="pusat-uji", peran=Peran.PUSAT, unit=None, kanwil=None)


def _url_wilayah(tabel="kantor", format="csv") -> str:
    return reverse("laporan:wilayah-ekspor", args=[tabel, format])


# --- starting ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL_PDF, URL_XLSX])
def test_get_tidak_memulai_apa_pun_dan_ke_halaman_laporan(client, kasi, url):
    client.force_login(kasi)
    resp = client.get(url, {"bulan": "2025-03"})
    assert resp.status_code == 302 and resp["Location"] == f"{URL}?bulan=2025-03"
    assert not Pekerjaan.objects.exists()
    assert not JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).exists()


def test_get_ekspor_wilayah_ke_halaman_wilayah(client, kanwil):
    client.force_login(kanwil)
    resp = client.get(_url_wilayah(), PERIODE)
    assert resp.status_code == 302
    assert resp["Location"] == f"{URL_WILAYAH}?dari=2026-01&sampai=2026-03"
    assert not Pekerjaan.objects.exists()


def test_post_memulai_pekerjaan_dan_mencatat_jejak(client, kasi):
    client.force_login(kasi)
    resp = client.post(f"{URL_XLSX}?bulan=2025-03")
    p = pekerjaan_dari(resp)
    assert resp["Location"] == p.get_absolute_url()
    assert (p.jenis, p.pemilik, p.unit) == (latar.BULANAN, kasi, kasi.unit)
    assert p.status == StatusPekerjaan.MENUNGGU
    assert p.parameter == {
        "bulan": "2025-03",
        "format": "xlsx",
        "bahasa": "id",
        "zona": "Asia/Makassar",
    }
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)
    assert e.actor == kasi and e.additional_data == {
        "berkas": "laporan-bulanan-2025-03.xlsx",
        "format": "xlsx",
        "saringan": "bulan=2025-03",
        "laporan": "bulanan",
        "pekerjaan": str(p.pk),
    }
    # the page follows it (htmx polling) until it ends
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Laporan bulanan" in html and 'hx-trigger="every 2s"' in html


def test_tombol_halaman_adalah_formulir_post(client, kasi, kanwil):
    client.force_login(kasi)
    html = client.get(URL, {"bulan": "2025-03"}).content.decode()
    assert f'<form method="post" action="{URL_PDF}?bulan=2025-03"' in html
    assert f'formaction="{URL_XLSX}?bulan=2025-03"' in html
    assert "csrfmiddlewaretoken" in html
    assert f'href="{URL_PDF}' not in html and f'href="{URL_XLSX}' not in html
    client.force_login(kanwil)
    html = client.get(URL_WILAYAH, PERIODE).content.decode()
    for tabel in ("kantor", "bulan", "alasan"):
        aksi = f"{_url_wilayah(tabel, 'csv')}?dari=2026-01&amp;sampai=2026-03"
        assert f'<form method="post" action="{aksi}"' in html, tabel
        assert f'formaction="{_url_wilayah(tabel, "xlsx")}?dari=2026-01&amp;sampai' in html
    assert 'href="/laporan/wilayah/ekspor/' not in html


# --- the result: its owner only, the trail, progress ------------------------------------------


def test_hasil_hanya_untuk_pemiliknya(client, kasi, kabapas, kasi_lain):
    client.force_login(kasi)
    p = jalankan_ekspor(client, URL_PDF, {"bulan": "2025-03"})
    assert p.status == StatusPekerjaan.SELESAI
    assert (p.progres, p.total) == (3, 3)
    assert (p.nama_hasil, p.tipe_hasil) == ("laporan-bulanan-2025-03.pdf", "application/pdf")
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Pekerjaan selesai." in html
    assert f'href="{reverse("pekerjaan:unduh", args=[p.pk])}"' in html
    assert f"Laporan bulanan Maret 2025, {kasi.unit.nama}." in html
    # the same office's head and another office's Kasi: as if there were no such job
    for lain in (kabapas, kasi_lain):
        client.force_login(lain)
        for nama in ("pekerjaan:detail", "pekerjaan:status", "pekerjaan:unduh"):
            assert client.get(reverse(nama, args=[p.pk])).status_code == 404, (lain, nama)
    assert JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).count() == 1  # the start only
    client.force_login(kasi)
    resp = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert isi(resp).startswith(b"%PDF-")
    unduh = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).latest("pk")
    assert unduh.actor == kasi and unduh.additional_data["pekerjaan"] == str(p.pk)
    assert unduh.additional_data["baris"] > 0


def test_ekspor_wilayah_milik_pemiliknya_dan_kemajuannya(client, kanwil, pusat):
    client.force_login(pusat)
    p = jalankan_ekspor(client, _url_wilayah("bulan", "xlsx"), PERIODE)
    assert p.status == StatusPekerjaan.SELESAI and p.jenis == latar.WILAYAH
    assert p.parameter["kueri"] == "dari=2026-01&sampai=2026-03"
    assert (p.progres, p.total) == (3, 3)  # a row a month
    assert p.nama_hasil == "wilayah-bulan-2026-01-2026-03.xlsx"
    client.force_login(kanwil)
    assert client.get(reverse("pekerjaan:unduh", args=[p.pk])).status_code == 404
    client.force_login(pusat)
    lembar = load_workbook(io.BytesIO(isi(client.get(reverse("pekerjaan:unduh", args=[p.pk])))))
    assert [r[0] for r in lembar.active.iter_rows(min_row=2, values_only=True)] == [
        "2026-01",
        "2026-02",
        "2026-03",
    ]
    mulai, unduh = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    assert mulai.additional_data == {
        "berkas": "wilayah-bulan-2026-01-2026-03.xlsx",
        "format": "xlsx",
        "saringan": "dari=2026-01&sampai=2026-03",
        "tabel": "bulan",
        "pekerjaan": str(p.pk),
    }
    assert unduh.additional_data == mulai.additional_data | {"baris": 3}


def test_berkas_dalam_bahasa_halaman_yang_memulainya(client, kasi):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(kasi)
    resp = unduh_ekspor(client, URL_XLSX, {"bulan": "2025-03"})
    buku = load_workbook(io.BytesIO(isi(resp)))
    assert "Sessions and attendance" in buku.sheetnames
    assert Pekerjaan.objects.get().parameter["bahasa"] == "en"


# --- failures ---------------------------------------------------------------------------------


def test_pekerjaan_gagal_menyebut_alasannya(client, kasi, monkeypatch):
    def gagal(*args, **kwargs):
        raise PekerjaanGagal("Data bulan ini sedang dihitung ulang; coba lagi sebentar.")

    monkeypatch.setattr(latar, "laporan_bulanan", gagal)
    client.force_login(kasi)
    p = jalankan_ekspor(client, URL_PDF, {"bulan": "2025-03"})
    assert p.status == StatusPekerjaan.GAGAL and not p.berkas_hasil
    for url in (p.get_absolute_url(), reverse("pekerjaan:status", args=[p.pk])):
        html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert "Pekerjaan gagal; tidak ada data yang berubah." in html
        assert "Data bulan ini sedang dihitung ulang; coba lagi sebentar." in html
    assert client.get(reverse("pekerjaan:unduh", args=[p.pk])).status_code == 404


def test_ekspor_wilayah_gagal_menyebut_alasannya(client, kanwil, monkeypatch):
    def gagal(*args, **kwargs):
        raise PekerjaanGagal("Ringkasan wilayah sedang diperbarui.")

    monkeypatch.setattr(latar, "ringkasan_wilayah", gagal)
    client.force_login(kanwil)
    p = jalankan_ekspor(client, _url_wilayah(), PERIODE)
    assert p.status == StatusPekerjaan.GAGAL
    assert (
        "Ringkasan wilayah sedang diperbarui." in client.get(p.get_absolute_url()).content.decode()
    )


def test_pemilik_kehilangan_hak_sebelum_pekerjaan_berjalan(client, kasi):
    client.force_login(kasi)
    p = pekerjaan_dari(client.post(f"{URL_PDF}?bulan=2025-03"))
    kasi.peran = Peran.PK
    kasi.save()
    kerjakan_antrean()
    p.refresh_from_db()
    assert p.status == StatusPekerjaan.GAGAL and not p.berkas_hasil
    assert "tidak lagi berhak atas laporan ini" in p.pesan_galat


@pytest.mark.parametrize("url", [URL_PDF, URL_XLSX])
def test_post_peran_lain_403_tanpa_pekerjaan(client, pk, kanwil, url):
    for user in (pk, kanwil):
        client.force_login(user)
        assert client.post(f"{url}?bulan=2025-03").status_code == 403
    client.force_login(pk)
    assert client.post(f"{_url_wilayah()}?dari=2026-01").status_code == 403
    assert not Pekerjaan.objects.exists()
