"""The demo's programmes: the Karangasem partners', with participants, sessions and
attendance recorded through the services; loading twice changes nothing."""

from inti.demo import jalankan_demo
from pembimbingan.models import Kehadiran, Peserta, Program, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir


def test_demo_program_karangasem_idempoten(demo):
    """On the demo as the `demo` fixture loads it (a snapshot of a real run, taken once per
    test process), then the demo run again: nothing is added."""
    ctx = demo
    unit = ctx.unit["karangasem"]
    program = Program.objects.filter(unit=unit)
    assert program.count() == 7
    assert program.get(nama="Melukis dan yoga").mitra.nama == "Dr. Tina Kay Bailey"
    assert program.get(nama="Budi daya ikan air tawar").sumber_daya.count() == 1
    assert Peserta.objects.filter(program__unit=unit).count() >= 7
    hitung = {m: m.objects.count() for m in (Program, Peserta, Sesi, Kehadiran)}
    upacara = Kehadiran.objects.filter(alasan=AlasanAbsen.UPACARA_AGAMA_ADAT)
    assert upacara.filter(hasil=HasilHadir.IZIN).exists()
    assert Kehadiran.objects.filter(hasil=HasilHadir.HADIR).count() > upacara.count()
    # every past session of a programme with participants has its attendance, none ahead
    assert (
        Sesi.objects.filter(versi=1).count()
        == Sesi.objects.filter(kehadiran__isnull=False).distinct().count()
    )
    assert not Kehadiran.objects.filter(sesi__versi=0).exists()

    jalankan_demo(jumlah_klien=30)
    assert {m: m.objects.count() for m in (Program, Peserta, Sesi, Kehadiran)} == hitung
