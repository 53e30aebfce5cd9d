"""The guidance module's sections on the client page and the partner page (inti.bagian):
those pages are of apps below this one, which cannot import it."""

from akun.izin import Izin, boleh
from inti.bagian import Bagian, daftar_bagian
from klien.querysets import BATAS_MANGKIR

from .selectors_klien import pembimbingan_klien
from .selectors_mitra import pembimbingan_mitra


def _klien(request, klien) -> dict | None:
    user = request.user
    if not boleh(user, Izin.LIHAT_PROGRAM):
        return None
    return {
        "klien": klien,
        "h": pembimbingan_klien(klien, user),
        "batas_mangkir": BATAS_MANGKIR,
        # who records reports may set the schedule (the link shows once its page exists)
        "boleh_jadwal": boleh(user, Izin.CATAT_KEHADIRAN),
    }


def _mitra(request, mitra) -> dict | None:
    if not boleh(request.user, Izin.LIHAT_PROGRAM):
        return None
    return {"mitra": mitra, "h": pembimbingan_mitra(mitra, request.user)}


daftar_bagian(
    "klien:klien-detail",
    Bagian("pembimbingan", "pembimbingan/_bagian_klien.html", _klien, urutan=10),
)
daftar_bagian(
    "pokmas:mitra-detail",
    Bagian("pembimbingan", "pembimbingan/_bagian_mitra.html", _mitra, urutan=10),
)
