from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import Menu, daftar_menu

daftar_menu(
    Menu(
        _("Program"), "pembimbingan:program-list", "journal-bookmark", Izin.LIHAT_PROGRAM, urutan=44
    ),
    Menu(_("Kalender"), "pembimbingan:kalender", "calendar-event", Izin.LIHAT_KALENDER, urutan=45),
)
