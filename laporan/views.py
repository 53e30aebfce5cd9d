from django.shortcuts import render

from akun.izin import Izin, perlu_izin
from klien import querysets as kepatuhan
from klien.ringkasan import ringkasan_klien
from pokmas.models import PerjanjianKerjaSama
from pokmas.pilihan import HARI_PERINGATAN_PKS
from pokmas.selectors import komposisi_kelompok

from . import selectors


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
def dashboard(request):
    dasbor = selectors.dasbor_kantor(request.user)
    return render(
        request,
        "laporan/dashboard.html",
        {
            "unit": dasbor.unit,
            "ringkasan_klien": ringkasan_klien(request.user),
            "beban_pk": dasbor.beban_pk,
            "berisiko": dasbor.berisiko,
            "kecamatan": dasbor.kecamatan,
            "batas_mangkir": kepatuhan.BATAS_MANGKIR,  # read per request: the named thresholds
            "pks_segera_berakhir": PerjanjianKerjaSama.objects.for_user(
                request.user
            ).segera_berakhir(),
            "komposisi": komposisi_kelompok(request.user),
            "hari_peringatan_pks": HARI_PERINGATAN_PKS,
        },
    )


@perlu_izin(Izin.LIHAT_RINGKASAN_WILAYAH)
def ringkasan_wilayah(request):
    """Figures per office for regional and national staff: numbers, never names."""
    return render(
        request,
        "laporan/ringkasan_wilayah.html",
        {"units": selectors.ringkasan_wilayah(request.user)},
    )
