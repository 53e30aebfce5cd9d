"""The Lapas, Rutan and LPKA of Bali: the first rows of the institutions' reference list.

Migration 0005 seeds them (from a frozen copy of this list; tests/klien/test_lembaga_asal.py
checks that the two agree); the demo and the synthetic data make sure they exist in a
database built without migrations.
"""

from wilayah.models import JenisKabupaten, Kabupaten

from .models import JenisLembaga, LembagaAsal, kunci_lembaga

# (name, kind, kabupaten/kota, its kind)
LEMBAGA_BALI = (
    ("Lapas Kelas IIA Kerobokan", JenisLembaga.LAPAS, "Badung", JenisKabupaten.KABUPATEN),
    ("Lapas Kelas IIB Singaraja", JenisLembaga.LAPAS, "Buleleng", JenisKabupaten.KABUPATEN),
    ("Lapas Kelas IIB Tabanan", JenisLembaga.LAPAS, "Tabanan", JenisKabupaten.KABUPATEN),
    ("Lapas Perempuan Kelas III Denpasar", JenisLembaga.LPP, "Denpasar", JenisKabupaten.KOTA),
    ("Lapas Narkotika Kelas IIA Bangli", JenisLembaga.LAPAS, "Bangli", JenisKabupaten.KABUPATEN),
    ("Lapas Kelas IIB Karangasem", JenisLembaga.LAPAS, "Karangasem", JenisKabupaten.KABUPATEN),
    ("Rutan Kelas IIB Bangli", JenisLembaga.RUTAN, "Bangli", JenisKabupaten.KABUPATEN),
    ("Rutan Kelas IIB Gianyar", JenisLembaga.RUTAN, "Gianyar", JenisKabupaten.KABUPATEN),
    ("Rutan Kelas IIB Klungkung", JenisLembaga.RUTAN, "Klungkung", JenisKabupaten.KABUPATEN),
    ("Rutan Kelas IIB Negara", JenisLembaga.RUTAN, "Jembrana", JenisKabupaten.KABUPATEN),
    ("LPKA Kelas II Karangasem", JenisLembaga.LPKA, "Karangasem", JenisKabupaten.KABUPATEN),
)


def lembaga_bali_pastikan() -> list[LembagaAsal]:
    """The institutions of Bali, created when missing (matched by kunci_lembaga) and linked
    to their kabupaten when the regions are loaded; in LEMBAGA_BALI's order."""
    ada = {kunci_lembaga(lb.nama): lb for lb in LembagaAsal.objects.all()}
    hasil = []
    for nama, jenis, kabupaten, jenis_kab in LEMBAGA_BALI:
        lembaga = ada.get(kunci_lembaga(nama))
        kab = Kabupaten.objects.filter(
            provinsi__nama="Bali", nama=kabupaten, jenis=jenis_kab
        ).first()
        if lembaga is None:
            lembaga = LembagaAsal.objects.create(nama=nama, jenis=jenis, kabupaten=kab)
        elif lembaga.kabupaten_id is None and kab is not None:
            lembaga.kabupaten = kab
            lembaga.save(update_fields=["kabupaten"])
        hasil.append(lembaga)
    return hasil
