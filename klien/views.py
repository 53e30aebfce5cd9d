from django.shortcuts import render

from akun.izin import Izin, perlu_izin


@perlu_izin(Izin.LIHAT_BEBAN_KASUS)
def caseload(request):
    return render(request, "klien/caseload.html", {})


@perlu_izin(Izin.LIHAT_KLIEN_KANTOR)
def klien_list(request):
    return render(request, "klien/klien_list.html", {})
