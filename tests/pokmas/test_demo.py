"""The demo office holds the eight partners of the study, each with a PKS."""

from inti.demo import jalankan_demo
from pokmas.models import Mitra, PerjanjianKerjaSama
from pokmas.pilihan import MasaPKS


def test_demo_delapan_mitra_karangasem_idempoten(db):
    """The study's eight partners with their agreements, and two candidates waiting (the
    Kasi's dashboard lists them with what each lacks)."""
    ctx = jalankan_demo(jumlah_klien=0)
    unit = ctx.unit["karangasem"]
    mitra = Mitra.objects.filter(unit=unit).exclude(status="kandidat")
    assert mitra.count() == 8
    calon = Mitra.objects.filter(unit=unit, status="kandidat").order_by("nama")
    assert [(m.nama, m.kriteria_terpenuhi, m.perjanjian.count()) for m in calon] == [
        ("Bengkel Las Sinar Jaya Amlapura", True, 0),
        ("Sekaa Teruna Dharma Santi Subagan", False, 0),
    ]
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
    assert Mitra.objects.filter(unit=unit).count() == 10
    assert PerjanjianKerjaSama.objects.filter(unit=unit).count() == 8
    assert lbh.riwayat_status.count() == 2
