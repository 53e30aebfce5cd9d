from django.utils.translation import gettext_lazy as _

from akun.izin import Izin
from akun.models import Peran
from akun.navigasi import Menu, daftar_menu

daftar_menu(
    Menu(
        _("Dasbor"),
        "laporan:dashboard",
        "speedometer2",
        Izin.LIHAT_DASBOR_KANTOR,
        urutan=20,
        beranda_untuk=(Peran.KASI, Peran.KABAPAS),
    ),
    Menu(
        _("Laporan bulanan"),
        "laporan:bulanan",
        "file-earmark-bar-graph",
        Izin.LIHAT_DASBOR_KANTOR,
        urutan=21,
    ),
    Menu(
        _("Laporan wilayah"),
        "laporan:wilayah",
        "graph-up",
        Izin.LIHAT_RINGKASAN_WILAYAH,
        urutan=69,
        beranda_untuk=(Peran.KANWIL, Peran.PUSAT),
    ),
    Menu(
        _("Ringkasan wilayah"),
        "laporan:ringkasan-wilayah",
        "bar-chart",
        Izin.LIHAT_RINGKASAN_WILAYAH,
        urutan=70,
    ),
)
