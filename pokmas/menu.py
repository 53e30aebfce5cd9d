from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.models import Peran
from akun.navigasi import Menu, daftar_menu

daftar_menu(
    Menu(
        _("Mitra Pokmas"),
        "pokmas:mitra-list",
        "building",
        Izin.LIHAT_MITRA,
        urutan=40,
        beranda_untuk=(Peran.ADMIN,),
    ),
)
