from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import Menu, daftar_menu

daftar_menu(
    Menu(_("Kerja sosial"), "kerjasosial:klien-list", "hammer", Izin.CATAT_KERJA_SOSIAL, urutan=47),
)
