from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.navigasi import GRUP_KLIEN, Menu, daftar_menu

# the clients serving community service with their pace (a PK: their own; the managers:
# the office's); the sites and the day's work are reached from there
daftar_menu(
    Menu(
        _("Kerja sosial"),
        "kerjasosial:klien-list",
        "hammer",
        Izin.CATAT_KERJA_SOSIAL,
        urutan=48,
        grup=GRUP_KLIEN,
    ),
)
