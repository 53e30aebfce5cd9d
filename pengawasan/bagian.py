"""The supervision section on the client page (inti.bagian): klien cannot import this app."""

from akun.izin import Izin, boleh
from inti.bagian import Bagian, daftar_bagian
from klien.pilihan import ProgramIntegrasi

from .selectors import pengawasan_klien


def _klien(request, klien) -> dict | None:
    user = request.user
    if klien.program != ProgramIntegrasi.PENGAWASAN or not boleh(user, Izin.LIHAT_KLIEN):
        return None
    return {
        "klien": klien,
        "p": pengawasan_klien(klien, user),
        "boleh_catat": boleh(user, Izin.CATAT_PENGAWASAN) and klien.berjalan,
    }


daftar_bagian(
    "klien:klien-detail",
    Bagian("pengawasan", "pengawasan/_bagian_klien.html", _klien, urutan=5),
)
