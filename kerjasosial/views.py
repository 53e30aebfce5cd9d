"""Pages of pidana kerja sosial: the clients serving it with their pace."""

from django.shortcuts import render

from akun.izin import Izin, perlu_izin

from .selectors import SELISIH_TERTINGGAL, daftar_laju


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def klien_list(request):
    """The clients serving community service (a PK: their own; the Kasi, the Kabapas: the
    office's), those behind pace and those whose window closed short first."""
    daftar = daftar_laju(request.user)
    return render(
        request,
        "kerjasosial/klien_list.html",
        {
            "daftar": daftar,
            "tertinggal": sum(1 for h in daftar if h.tertinggal),
            "selisih": SELISIH_TERTINGGAL,
        },
    )
