from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render

from akun.izin import Izin, perlu_izin
from akun.models import Peran, Unit, User
from klien.models import Klien
from klien.pilihan import StatusKlien
from klien.querysets import BERISIKO
from klien.ringkasan import ringkasan_klien
from pokmas.models import PerjanjianKerjaSama
from pokmas.pilihan import HARI_PERINGATAN_PKS
from pokmas.selectors import komposisi_kelompok
from wilayah.models import Kecamatan


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
def dashboard(request):
    unit = request.user.unit
    klien = Klien.objects.for_user(request.user)
    per_pk = {
        r["pk_pembimbing"]: r
        for r in klien.berjalan()
        .order_by()
        .values("pk_pembimbing")
        .annotate(berjalan=Count("pk"), berisiko=Count("pk", filter=BERISIKO))
    }
    beban_pk = list(User.objects.pk_aktif(unit))
    for p in beban_pk:
        p.berjalan = per_pk.get(p.pk, {}).get("berjalan", 0)
        p.berisiko = per_pk.get(p.pk, {}).get("berisiko", 0)
    beban_pk.sort(key=lambda p: (-p.berjalan, p.first_name, p.username))

    per_kecamatan = dict(
        klien.berjalan().order_by().values_list("desa__kecamatan").annotate(n=Count("pk"))
    )
    kecamatan = list(
        Kecamatan.objects.filter(kabupaten__unit_bapas=unit)
        .select_related("kabupaten")
        .order_by("kabupaten__nama", "nama")
    )
    for k in kecamatan:
        k.klien_berjalan = per_kecamatan.get(k.pk, 0)

    return render(
        request,
        "laporan/dashboard.html",
        {
            "unit": unit,
            "ringkasan_klien": ringkasan_klien(request.user),
            "beban_pk": beban_pk,
            "berisiko": klien.berisiko()
            .select_related("pk_pembimbing")
            .order_by("-mangkir_berturut", "nama")[:20],
            "kecamatan": kecamatan,
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
    klien = Klien.objects.untuk_agregat(request.user).filter(unit=OuterRef("pk")).order_by()

    def hitung(qs):
        return Coalesce(Subquery(qs.values("unit").annotate(n=Count("pk")).values("n")[:1]), 0)

    units = (
        Unit.objects.for_user(request.user)
        .select_related("kanwil")
        .annotate(
            jumlah_pk=Count(
                "pengguna",
                filter=Q(pengguna__peran=Peran.PK, pengguna__is_active=True),
            ),
            klien_berjalan=hitung(klien.berjalan()),
            klien_berisiko=hitung(klien.berisiko()),
            klien_selesai=hitung(klien.filter(status=StatusKlien.SELESAI)),
            klien_dicabut=hitung(klien.filter(status=StatusKlien.DICABUT)),
        )
        .order_by("kanwil__nama", "nama")
    )
    return render(request, "laporan/ringkasan_wilayah.html", {"units": units})
