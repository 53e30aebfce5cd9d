from django.db.models import Count, Q
from django.shortcuts import render

from akun.izin import Izin, perlu_izin
from akun.models import Peran, Unit, User
from wilayah.models import Kecamatan


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
def dashboard(request):
    unit = request.user.unit
    staf = (
        User.objects.filter(unit=unit, is_active=True)
        .values("peran")
        .annotate(jumlah=Count("pk"))
        .order_by("peran")
    )
    label = dict(Peran.choices)
    kecamatan = (
        Kecamatan.objects.filter(kabupaten__unit_bapas=unit)
        .select_related("kabupaten")
        .order_by("kabupaten__nama", "nama")
    )
    return render(
        request,
        "laporan/dashboard.html",
        {
            "unit": unit,
            "staf": [{"peran": label[s["peran"]], "jumlah": s["jumlah"]} for s in staf],
            "kecamatan": kecamatan,
        },
    )


@perlu_izin(Izin.LIHAT_RINGKASAN_WILAYAH)
def ringkasan_wilayah(request):
    """Figures per office for regional and national staff: numbers, never names."""
    units = (
        Unit.objects.for_user(request.user)
        .select_related("kanwil")
        .annotate(
            jumlah_pk=Count(
                "pengguna", filter=Q(pengguna__peran=Peran.PK, pengguna__is_active=True)
            ),
            jumlah_kabupaten=Count("wilayah_kerja", distinct=True),
        )
        .order_by("kanwil__nama", "nama")
    )
    return render(request, "laporan/ringkasan_wilayah.html", {"units": units})
