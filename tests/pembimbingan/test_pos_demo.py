"""The demo's outreach posts: the five Wayan Jempolan posts of Karangasem, outreach days at
Nusa Penida every two weeks with the registered clients' attendance (mostly present, the
absences with their reasons), two ahead with registrations; loading again changes nothing."""

from django.utils import timezone

from pembimbingan.demo_pos import HARI_DEPAN, HARI_LALU, pos_layanan
from pembimbingan.models import Kehadiran, PendaftaranPos, PosLayanan, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi


def test_demo_pos_karangasem_idempoten(demo):
    unit = demo.unit["karangasem"]
    pos = PosLayanan.objects.filter(unit=unit).select_related("kecamatan__kabupaten")
    assert {(p.kecamatan.kabupaten.nama, p.kecamatan.nama) for p in pos} == {
        ("Karangasem", "Kubu"),
        ("Karangasem", "Selat"),
        ("Klungkung", "Klungkung"),
        ("Klungkung", "Nusa Penida"),
        ("Bangli", "Bangli"),
    }
    nusa = pos.get(kecamatan__nama="Nusa Penida")
    hari = Sesi.objects.filter(pos=nusa)
    assert hari.count() == HARI_LALU + HARI_DEPAN
    assert set(hari.values_list("jenis", flat=True)) == {JenisSesi.LAYANAN_POS}
    sekarang = timezone.now()
    lalu, depan = hari.filter(mulai__lt=sekarang), hari.filter(mulai__gte=sekarang)
    assert (lalu.count(), depan.count()) == (HARI_LALU, HARI_DEPAN)
    # the registered clients are Klungkung's, and every day gone by has their attendance
    daftar = PendaftaranPos.objects.filter(sesi__pos=nusa).select_related("klien__desa__kecamatan")
    assert daftar.exists() and PendaftaranPos.objects.filter(sesi__in=depan).exists()
    assert {p.klien.desa.kecamatan.kabupaten_id for p in daftar} == {nusa.kecamatan.kabupaten_id}
    for s in lalu:
        assert Kehadiran.objects.filter(sesi=s).count() == s.pendaftaran.count()
    assert not Kehadiran.objects.filter(sesi__in=depan).exists()
    hasil = list(Kehadiran.objects.filter(sesi__pos=nusa).values_list("hasil", "alasan"))
    hadir = sum(h == HasilHadir.HADIR for h, _ in hasil)
    assert hadir > len(hasil) / 2  # mostly present
    assert {a for _, a in hasil} <= {
        "",
        AlasanAbsen.JARAK_TRANSPORTASI,
        AlasanAbsen.SAKIT,
        AlasanAbsen.UPACARA_AGAMA_ADAT,
    }

    hitung = {m: m.objects.count() for m in (PosLayanan, Sesi, PendaftaranPos, Kehadiran)}
    pos_layanan(demo)
    assert {m: m.objects.count() for m in (PosLayanan, Sesi, PendaftaranPos, Kehadiran)} == hitung
