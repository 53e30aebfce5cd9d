from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import GRUP_KLIEN, Menu, daftar_menu

daftar_menu(
    Menu(
        _("Beban kasus"),
        "klien:caseload",
        "person-lines-fill",
        Izin.LIHAT_BEBAN_KASUS,
        urutan=10,
    ),
    Menu(
        _("Daftar klien"),
        "klien:klien-list",
        "people",
        Izin.LIHAT_KLIEN_KANTOR,
        urutan=30,
        grup=GRUP_KLIEN,
    ),
    Menu(
        _("Usulan pencabutan"),
        "klien:usulan-list",
        "x-octagon",
        Izin.LIHAT_USULAN_PENCABUTAN,
        urutan=35,
        grup=GRUP_KLIEN,
    ),
    Menu(
        _("Lapas/Rutan asal"),
        "klien:lembaga-list",
        "building",
        Izin.KELOLA_REFERENSI,
        urutan=52,
    ),
)
