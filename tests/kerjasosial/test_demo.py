"""The demo's community service at Karangasem: three sites of the kinds the ministry names,
five new clients with their orders and hours, one behind pace, one completed and one
whose window closed short."""

from kerjasosial.models import JamKerjaSosial, LokasiKerjaSosial, PutusanKerjaSosial
from kerjasosial.selectors import daftar_laju, laju_putusan
from klien.pilihan import StatusKlien


def test_demo_kerja_sosial(demo):
    unit = demo.unit["karangasem"]
    assert set(LokasiKerjaSosial.objects.filter(unit=unit).values_list("jenis", flat=True)) == {
        "kantor_desa",
        "ibadah",
        "sekolah",
    }
    putusan = PutusanKerjaSosial.objects.filter(unit=unit).select_related("klien")
    assert putusan.count() == 5
    laju = {p.klien.nama: laju_putusan(p) for p in putusan}
    assert laju["I Komang Sudiarta"].tertinggal
    assert not laju["I Kadek Arsana"].tertinggal and laju["I Kadek Arsana"].jam_selesai > 0
    assert laju["I Gede Sedana"].selesai
    assert laju["I Gede Sedana"].putusan.klien.status == StatusKlien.SELESAI
    assert laju["I Wayan Darmayasa"].tidak_selesai
    assert laju["I Wayan Darmayasa"].jam_selesai == 20
    assert JamKerjaSosial.objects.filter(unit=unit, hadir=False, alasan_sah=False).count() == 1
    kasi = demo.pengguna["kasi"]
    assert daftar_laju(kasi)[0].putusan.klien.nama == "I Komang Sudiarta"
