"""The regions and posts the outreach-post tests share: the `unit` office's work area is
three kabupaten (Karangasem, Klungkung, Bangli) with the travel times of the real data
(Dawan and Kintamani set further, to test the fallback), its five Wayan Jempolan posts,
and a kabupaten of another office."""

from dataclasses import dataclass

from tests.factories import DesaFactory, KabupatenFactory, KecamatanFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PosLayananFactory

# kabupaten -> kecamatan -> one-way minutes to the office (None: not recorded)
WILAYAH = {
    "Karangasem": {"Karangasem": 10, "Kubu": 50, "Selat": 40, "Rendang": None},
    "Klungkung": {"Klungkung": 45, "Nusa Penida": 270, "Dawan": 75},
    "Bangli": {"Bangli": 60, "Kintamani": 90},
}
POS = {  # post name -> kecamatan
    "Pos Kubu": "Kubu",
    "Pos Selat": "Selat",
    "Pos Kota Klungkung": "Klungkung",
    "Pos Nusa Penida": "Nusa Penida",
    "Pos Kota Bangli": "Bangli",
}


@dataclass
class DuniaPos:
    kecamatan: dict  # nama -> Kecamatan
    desa: dict  # nama kecamatan -> a Desa in it
    pos: dict  # nama -> PosLayanan
    kecamatan_luar: object  # a far kecamatan of another office's kabupaten

    def klien(self, pk, kecamatan: str, **kwargs):
        return KlienFactory(pk_pembimbing=pk, desa=self.desa[kecamatan], **kwargs)


def buat_dunia_pos(unit) -> DuniaPos:
    kecamatan, desa = {}, {}
    for nama_kab, isi in WILAYAH.items():
        kab = KabupatenFactory(nama=nama_kab)
        unit.wilayah_kerja.add(kab)
        for nama, menit in isi.items():
            kec = KecamatanFactory(kabupaten=kab, nama=nama, waktu_tempuh_menit=menit)
            kecamatan[nama] = kec
            desa[nama] = DesaFactory(kecamatan=kec)
    pos = {
        nama: PosLayananFactory(unit=unit, nama=nama, kecamatan=kecamatan[kec])
        for nama, kec in POS.items()
    }
    luar = KecamatanFactory(nama="Jauh Sekali", waktu_tempuh_menit=200)
    desa["Jauh Sekali"] = DesaFactory(kecamatan=luar)
    return DuniaPos(kecamatan=kecamatan, desa=desa, pos=pos, kecamatan_luar=luar)
