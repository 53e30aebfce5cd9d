from django.utils.translation import gettext_lazy as _

from .izin import Izin
from .navigasi import Menu, daftar_menu

daftar_menu(
    Menu(_("Pengguna"), "akun:pengguna-list", "person-badge", Izin.KELOLA_PENGGUNA, urutan=50),
    Menu(
        _("Persetujuan akun"),
        "akun:permintaan-list",
        "shield-check",
        Izin.SETUJUI_PERUBAHAN_AKUN,
        urutan=55,
    ),
)
