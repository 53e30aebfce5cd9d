from django.shortcuts import render

from akun.izin import Izin, perlu_izin


@perlu_izin(Izin.LIHAT_MITRA)
def mitra_list(request):
    return render(request, "pokmas/mitra_list.html", {})
