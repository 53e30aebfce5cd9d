from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.models import Peran
from akun.navigasi import GRUP_BIMBINGAN, Menu, daftar_menu

daftar_menu(
    Menu(
        _("Agenda"),
        "pembimbingan:agenda",
        "calendar-day",
        Izin.LIHAT_BEBAN_KASUS,
        urutan=5,
        beranda_untuk=(Peran.PK,),
    ),
    Menu(
        _("Program"),
        "pembimbingan:program-list",
        "journal-bookmark",
        Izin.LIHAT_PROGRAM,
        urutan=44,
        grup=GRUP_BIMBINGAN,
    ),
    Menu(
        _("Kalender"),
        "pembimbingan:kalender",
        "calendar-event",
        Izin.LIHAT_KALENDER,
        urutan=45,
        grup=GRUP_BIMBINGAN,
    ),
    Menu(
        _("Pos layanan"),
        "pembimbingan:pos-list",
        "geo-alt",
        Izin.LIHAT_PROGRAM,
        urutan=46,
        grup=GRUP_BIMBINGAN,
    ),
)
