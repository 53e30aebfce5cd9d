from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import Menu, daftar_menu

daftar_menu(Menu(_("Jejak audit"), "jejak:cari", "journal-text", Izin.LIHAT_JEJAK, urutan=60))
