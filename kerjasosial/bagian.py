"""The community-service section on the client page (inti.bagian): hours ordered, done and
left, days left in the window, and the pace needed."""

from akun.izin import Izin, boleh
from inti.bagian import Bagian, daftar_bagian
from klien.pilihan import ProgramIntegrasi

from .selectors import SELISIH_TERTINGGAL, laju_klien


def _klien(request, klien) -> dict | None:
    if klien.program != ProgramIntegrasi.KERJA_SOSIAL or not boleh(request.user, Izin.LIHAT_KLIEN):
        return None
    return {
        "klien": klien,
        "laju": laju_klien(klien, request.user),
        "selisih": SELISIH_TERTINGGAL,
        "boleh_catat": boleh(request.user, Izin.CATAT_KERJA_SOSIAL),
    }


daftar_bagian(
    "klien:klien-detail",
    Bagian("kerjasosial", "kerjasosial/_bagian_klien.html", _klien, urutan=12),
)
