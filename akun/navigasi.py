"""Each role's home page and navigation menu, declared in one place."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .izin import Izin, boleh
from .models import Peran

BERANDA_PERAN = {
    Peran.PK: "klien:caseload",
    Peran.KASI: "laporan:dashboard",
    Peran.KABAPAS: "laporan:dashboard",
    Peran.ADMIN: "pokmas:mitra-list",
    Peran.KANWIL: "laporan:ringkasan-wilayah",
    Peran.PUSAT: "laporan:ringkasan-wilayah",
}


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    ikon: str
    izin: Izin


MENU = [
    Menu(_("Beban kasus"), "klien:caseload", "person-lines-fill", Izin.LIHAT_BEBAN_KASUS),
    Menu(_("Dasbor"), "laporan:dashboard", "speedometer2", Izin.LIHAT_DASBOR_KANTOR),
    Menu(_("Klien"), "klien:klien-list", "people", Izin.LIHAT_KLIEN_KANTOR),
    Menu(_("Mitra Pokmas"), "pokmas:mitra-list", "building", Izin.LIHAT_MITRA),
    Menu(_("Pengguna"), "akun:pengguna-list", "person-badge", Izin.KELOLA_PENGGUNA),
    Menu(_("Jejak audit"), "jejak:cari", "journal-text", Izin.LIHAT_JEJAK),
    Menu(
        _("Ringkasan wilayah"),
        "laporan:ringkasan-wilayah",
        "bar-chart",
        Izin.LIHAT_RINGKASAN_WILAYAH,
    ),
]


def beranda_url(user) -> str:
    return reverse(BERANDA_PERAN[user.peran])


def menu_untuk(user) -> list[dict]:
    return [
        {"label": m.label, "url": reverse(m.url_name), "url_name": m.url_name, "ikon": m.ikon}
        for m in MENU
        if boleh(user, m.izin)
    ]
