"""A ground for revocation that attendance gives: three reports (or sessions) missed in a row.

Registered with klien.pencabutan (klien cannot read attendance), so that a client's page
offers "usulkan pencabutan" with the ground and the dates of the misses filled in.
"""

from klien.models import Klien
from klien.pencabutan import DasarUsulan, daftar_sumber_dasar
from klien.pilihan import AlasanPencabutan
from klien.querysets import MANGKIR_DASAR_PENCABUTAN

from .kepatuhan import tanggal_mangkir


def dasar_mangkir(klien: Klien) -> DasarUsulan | None:
    """The run of misses since the last attendance, when it is long enough to be a ground
    (one query; none when the stored standing is below the ground)."""
    if klien.mangkir_berturut < MANGKIR_DASAR_PENCABUTAN:
        return None
    tanggal = tanggal_mangkir([klien.pk])[klien.pk]
    if len(tanggal) < MANGKIR_DASAR_PENCABUTAN:
        return None
    return DasarUsulan(AlasanPencabutan.TIDAK_LAPOR, tuple(tanggal))


daftar_sumber_dasar("pembimbingan.mangkir", dasar_mangkir)
