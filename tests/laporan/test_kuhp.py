"""The new code's community sentences on the office dashboard: the figures come from the
supervision and community-service selectors, for the user's office and the period."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from laporan.selectors_kuhp import ringkasan_kuhp
from pengawasan.pilihan import HasilPertimbangan, JenisPertimbangan


def test_ringkasan_kuhp_demo(demo):
    """The demo's supervision clients (a restitution paid, one breached with an extension
    asked of the prosecutor) and community-service clients (one behind pace, one done)."""
    kasi = demo.pengguna["kasi"]
    hari_ini = timezone.localdate()
    kuhp = ringkasan_kuhp(kasi, hari_ini - datetime.timedelta(days=365), hari_ini)
    assert kuhp.ada
    assert kuhp.pengawasan.memenuhi >= 1 and kuhp.pengawasan.dilanggar >= 1
    assert (
        kuhp.pengawasan.jumlah_pertimbangan(
            JenisPertimbangan.PERPANJANG, HasilPertimbangan.MENUNGGU
        )
        == 1
    )
    baris = {b.label: b for b in kuhp.pertimbangan}
    assert baris[JenisPertimbangan.PERPANJANG.label].jumlah == 1
    ks = kuhp.kerja_sosial
    assert ks.per_lokasi and ks.per_bulan
    assert ks.selesai >= 1 and ks.tertinggal >= 1
    # another office's figures are its own
    lain = ringkasan_kuhp(
        demo.pengguna["kasi-denpasar"], hari_ini - datetime.timedelta(365), hari_ini
    )
    assert not lain.ada


def test_dasbor_menampilkan_kuhp(demo, client):
    client.force_login(demo.pengguna["kasi"])
    isi = client.get(reverse("laporan:dashboard")).content.decode()
    bagian = isi[isi.index('id="judul-kuhp"') :]
    assert reverse("pengawasan:pantau") in bagian
    assert reverse("kerjasosial:klien-list") in bagian
    assert "Jam per lokasi kerja sosial" in bagian
    # on a phone each consideration's count stands under its outcome (the cell's data-label)
    label = [str(h.label) for h in HasilPertimbangan]
    tabel = bagian[bagian.index('id="judul-kuhp-pertimbangan"') : bagian.index("</table>")]
    baris = re.findall(r"<tr><th scope=\"row\">.*?</tr>", tabel)
    assert len(baris) == len(JenisPertimbangan)
    for b in baris:
        assert re.findall(r'data-label="([^"]*)"', b) == label


def test_kuhp_kosong_berkata_demikian(client, kasi):
    client.force_login(kasi)
    isi = client.get(reverse("laporan:dashboard")).content.decode()
    assert "Belum ada pidana pengawasan atau pidana kerja sosial pada periode ini." in isi


def test_laporan_bulanan_memuat_kuhp(demo, client):
    """The monthly report (page and XLSX) carries the month's figures, the same numbers."""
    import io

    from openpyxl import load_workbook

    from laporan.bulanan import laporan_bulanan
    from tests.pekerjaan.unduhan import isi as isi_berkas
    from tests.pekerjaan.unduhan import unduh_ekspor

    kasi = demo.pengguna["kasi"]
    hari_ini = timezone.localdate()
    lap = laporan_bulanan(kasi, hari_ini)
    client.force_login(kasi)
    isi = client.get(reverse("laporan:bulanan"), {"bulan": f"{hari_ini:%Y-%m}"}).content.decode()
    assert 'id="judul-kuhp"' in isi
    resp = unduh_ekspor(client, reverse("laporan:bulanan-xlsx"), {"bulan": f"{hari_ini:%Y-%m}"})
    buku = load_workbook(io.BytesIO(isi_berkas(resp)), read_only=True)
    angka = dict(buku["KUHP 2023"].iter_rows(min_row=2, values_only=True))
    assert angka["Syarat pidana pengawasan dilanggar"] == lap.kuhp.pengawasan.dilanggar
    assert angka["Klien kerja sosial tertinggal dari laju"] == lap.kuhp.kerja_sosial.tertinggal
