"""A large client export as a background job (issue 15): above `EKSPOR_LATAR_AMBANG` rows a
GET answers a page with the count and a POST button, the POST starts `klien.ekspor`, and its
file holds what the immediate download would have held (the same filters, search term and
NIK rule), for its owner only, written to the trail when started and when downloaded."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import Peran
from inti.ekspor import dengan_progres
from inti.pencarian import PARAM, simpan_kata
from jejak.models import JejakAudit, Peristiwa
from klien import latar
from pekerjaan.jenis import PekerjaanGagal
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from tests.klien.factories import KlienFactory
from tests.klien.test_ekspor import _banyak_klien
from tests.pekerjaan.unduhan import isi, jalankan_ekspor, unduh_ekspor

URL_CSV = reverse("klien:klien-ekspor")
URL_XLSX = reverse("klien:klien-ekspor-xlsx")


@pytest.fixture
def tiga(pk):
    """Three clients of pk's office, two named Wayan."""
    return [
        KlienFactory(unit=pk.unit, pk_pembimbing=pk, nama="I Wayan Satu"),
        KlienFactory(unit=pk.unit, pk_pembimbing=pk, nama="I Wayan Dua"),
        KlienFactory(unit=pk.unit, pk_pembimbing=pk, nama="Ni Made Tiga"),
    ]


def _baris_csv(isi_berkas: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(isi_berkas.decode("utf-8-sig"), newline="")))


def _ekspor(entri: JejakAudit) -> dict:
    return entri.additional_data


# --- under and over the threshold --------------------------------------------------------


@override_settings(EKSPOR_LATAR_AMBANG=3)
def test_di_bawah_ambang_tetap_seketika(client, kasi, tiga):
    client.force_login(kasi)
    resp = client.get(URL_CSV)
    assert resp.status_code == 200 and resp["Content-Type"] == "text/csv; charset=utf-8"
    assert len(_baris_csv(isi(resp))) == 4
    assert not Pekerjaan.objects.exists()


@override_settings(EKSPOR_LATAR_AMBANG=2)
@pytest.mark.parametrize(("url", "format"), [(URL_CSV, "CSV"), (URL_XLSX, "XLSX")])
def test_di_atas_ambang_halaman_dengan_jumlah_dan_tombol_post(client, kasi, tiga, url, format):
    client.force_login(kasi)
    resp = client.get(url, {"status": "AKTIF"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/html")
    html = resp.content.decode()
    assert "Daftar yang disaring berisi 3 klien, lebih dari 2 baris" in html
    assert f"Berkas {format}-nya disiapkan di latar belakang" in html
    assert f'<form method="post" action="{url}?status=AKTIF"' in html
    assert "csrfmiddlewaretoken" in html and "Siapkan ekspor di latar belakang" in html
    # a GET starts nothing and writes nothing
    assert not Pekerjaan.objects.exists()
    assert not JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).exists()


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_berkas_pekerjaan_sama_dengan_unduhan_seketika_csv(client, kasi, tiga):
    client.force_login(kasi)
    p = jalankan_ekspor(client, URL_CSV)
    assert p.status == StatusPekerjaan.SELESAI and p.jenis == latar.EKSPOR
    assert (p.progres, p.total) == (3, 3)
    assert p.ringkasan["baris"] == ["3 klien diekspor."]
    latar_ = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert latar_["Content-Disposition"] == 'attachment; filename="klien.csv"'
    assert latar_["Content-Type"] == "text/csv; charset=utf-8"
    with override_settings(EKSPOR_LATAR_AMBANG=5000):
        seketika = isi(client.get(URL_CSV))
    berkas = isi(latar_)
    assert berkas == seketika  # byte for byte: BOM, masked NIKs, ISO dates, quoting
    baris = _baris_csv(berkas)
    assert len(baris) == 4 and "•" in baris[1][baris[0].index("nik")]  # masked for the Kasi


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_berkas_pekerjaan_sama_dengan_unduhan_seketika_xlsx(client, admin_unit, tiga):
    client.force_login(admin_unit)  # the office's admin sees the NIK in full
    resp = unduh_ekspor(client, URL_XLSX)
    assert resp["Content-Disposition"] == 'attachment; filename="klien.xlsx"'
    latar_ = list(load_workbook(io.BytesIO(isi(resp))).active.iter_rows(values_only=True))
    with override_settings(EKSPOR_LATAR_AMBANG=5000):
        resp = client.get(URL_XLSX)
    seketika = list(load_workbook(io.BytesIO(isi(resp))).active.iter_rows(values_only=True))
    assert latar_ == seketika and len(latar_) == 4
    assert {k.nik for k in tiga} <= {c for r in latar_ for c in r}


@override_settings(EKSPOR_LATAR_AMBANG=1)
def test_saringan_dan_kata_cari_dari_sesi_dibawa_ke_pekerjaan(client, kasi, tiga):
    """The term the session holds under a token is carried resolved (the worker has no
    session), with the list's other filters; the file holds what they select."""
    client.force_login(kasi)
    sesi = client.session
    token = simpan_kata(sesi, "Wayan")
    sesi.save()
    query = {PARAM: token, "status": "AKTIF"}
    html = client.get(URL_CSV, query).content.decode()
    assert "berisi 2 klien" in html
    assert f"{PARAM}={token}" in html and "Wayan" not in html  # the term stays in the session
    p = jalankan_ekspor(client, URL_CSV, query)
    assert p.parameter["saringan"] == [["status", ["AKTIF"]], ["q", ["Wayan"]]]
    baris = _baris_csv(isi(client.get(reverse("pekerjaan:unduh", args=[p.pk]))))
    nama = sorted(r[baris[0].index("nama")] for r in baris[1:])
    assert nama == ["I Wayan Dua", "I Wayan Satu"]
    # the trail: when started (the rows counted, the term as typed, NIKs masked) and when
    # downloaded (the same, from the job)
    mulai, unduh = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    harap = {
        "berkas": "klien.csv",
        "format": "csv",
        "baris": 2,
        "saringan": "status=AKTIF&q=%5Bteks%5D",
        "nik": "tersamar",
        "cari": "Wayan",
        "pekerjaan": str(p.pk),
    }
    assert _ekspor(mulai) == harap
    assert _ekspor(unduh) == harap
    assert mulai.actor == unduh.actor == kasi


# --- who sees the job, and its failures -----------------------------------------------------


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_pekerjaan_orang_lain_404(client, kasi, kabapas, kasi_lain, tiga):
    client.force_login(kasi)
    p = jalankan_ekspor(client, URL_CSV)
    assert client.get(p.get_absolute_url()).status_code == 200
    for lain in (kabapas, kasi_lain):  # the same office's head, another office
        client.force_login(lain)
        for nama in ("pekerjaan:detail", "pekerjaan:status", "pekerjaan:unduh"):
            assert client.get(reverse(nama, args=[p.pk])).status_code == 404, (lain, nama)
    # only the start was written to the trail: no download happened
    assert JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).count() == 1


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_pekerjaan_gagal_menyebut_alasannya(client, kasi, tiga, monkeypatch):
    def gagal(*args, **kwargs):
        raise PekerjaanGagal("Penyimpanan berkas sedang penuh.")

    monkeypatch.setattr(latar, "berkas_ekspor", gagal)
    client.force_login(kasi)
    p = jalankan_ekspor(client, URL_CSV)
    assert p.status == StatusPekerjaan.GAGAL and not p.berkas_hasil
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Pekerjaan gagal; tidak ada data yang berubah." in html
    assert "Penyimpanan berkas sedang penuh." in html
    assert client.get(reverse("pekerjaan:unduh", args=[p.pk])).status_code == 404


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_pemilik_kehilangan_hak_sebelum_pekerjaan_berjalan(client, kasi, tiga):
    """The job reads as its owner is when it runs: a Kasi made a PK meanwhile gets no
    export of the office's list."""
    from tests.pekerjaan.antrean import kerjakan_antrean, pekerjaan_dari

    client.force_login(kasi)
    p = pekerjaan_dari(client.post(URL_CSV))
    kasi.peran = Peran.PK
    kasi.save()
    kerjakan_antrean()
    p.refresh_from_db()
    assert p.status == StatusPekerjaan.GAGAL and not p.berkas_hasil
    assert "tidak lagi berhak atas daftar klien" in p.pesan_galat


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_post_ditolak_bagi_peran_tanpa_daftar_klien(client, kanwil, tiga):
    client.force_login(kanwil)
    assert client.post(URL_CSV).status_code == 403
    assert not Pekerjaan.objects.exists()


# --- progress -------------------------------------------------------------------------------


def test_dengan_progres_melapor_setiap_beberapa_ratus_baris():
    dilapor = []
    assert list(dengan_progres(range(1200), dilapor.append, setiap=500)) == list(range(1200))
    assert dilapor == [500, 1000, 1200]
    dilapor.clear()
    assert list(dengan_progres([], dilapor.append)) == [] and dilapor == [0]


@override_settings(EKSPOR_LATAR_AMBANG=1000)
def test_ekspor_besar_melapor_kemajuan_per_potongan(client, kasi, pk, desa, monkeypatch):
    """1,200 rows: the job reports its progress while it writes them (every 500 rows and at
    the end), against the total counted first."""
    from pekerjaan import progres as progres_

    _banyak_klien(1200, pk=pk, desa=desa)
    dilapor = []
    asli = progres_.Progres.__call__

    def catat(self, selesai, total=None, langkah=None, **kw):
        dilapor.append((selesai, total))
        return asli(self, selesai, total, langkah, **kw)

    monkeypatch.setattr(progres_.Progres, "__call__", catat)
    client.force_login(kasi)
    assert "berisi 1.200 klien" in client.get(URL_XLSX).content.decode()
    p = jalankan_ekspor(client, URL_XLSX)
    assert p.status == StatusPekerjaan.SELESAI
    assert dilapor == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    assert (p.progres, p.total) == (1200, 1200)
    lembar = load_workbook(io.BytesIO(isi(client.get(reverse("pekerjaan:unduh", args=[p.pk])))))
    assert lembar.active.max_row == 1201
