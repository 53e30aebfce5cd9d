"""The demo office holds the eight partners of the study, each with a PKS."""

from inti.demo import jalankan_demo
from pokmas.models import Mitra, PerjanjianKerjaSama
from pokmas.pilihan import MasaPKS


def test_demo_delapan_mitra_karangasem_idempoten(db):
    ctx = jalankan_demo(jumlah_klien=0)
    unit = ctx.unit["karangasem"]
    mitra = Mitra.objects.filter(unit=unit)
    assert mitra.count() == 8
    assert mitra.get(nama="Dr. Tina Kay Bailey").jenis == "perorangan"
    lbh = mitra.get(nama__startswith="LBH APIK Bali")
    assert list(lbh.layanan.values_list("bidang", flat=True)) == ["penyuluhan_hukum"]
    masa = [p.masa() for p in PerjanjianKerjaSama.objects.filter(unit=unit)]
    assert len(masa) == 8
    assert masa.count(MasaPKS.SEGERA_BERAKHIR) == 1
    assert masa.count(MasaPKS.KEDALUWARSA) == 1
    assert all(p.dokumen for p in PerjanjianKerjaSama.objects.filter(unit=unit))
    assert len(Mitra.objects.filter(unit=unit).tersedia_untuk_program_baru()) == 7

    jalankan_demo(jumlah_klien=0)
    assert Mitra.objects.filter(unit=unit).count() == 8
    assert PerjanjianKerjaSama.objects.filter(unit=unit).count() == 8
    assert lbh.riwayat_status.count() == 2
