from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import GRUP_KLIEN, Menu, daftar_menu

daftar_menu(
    Menu(
        _("Pengawasan"),
        "pengawasan:pantau",
        "eye",
        Izin.PANTAU_PENGAWASAN,
        urutan=47,
        grup=GRUP_KLIEN,
    ),
)
