from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from akun.izin import Izin, perlu_izin
from inti.ekspor import format_tersedia
from inti.paginasi import halaman_dari
from inti.replika import baca_replika
from klien import querysets as kepatuhan
from pokmas.pilihan import HARI_PERINGATAN_PKS

from . import dasbor, selectors
from .forms import FormDaftarKehadiran
from .saringan import FormSaringan
from .selectors_kehadiran import BULAN_TREN, baris
from .unduh import unduh_tabel

# Attendance rows per page of the list behind the dashboard's numbers.
BARIS_PER_HALAMAN = 50


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def dashboard(request):
    """The Kasi's and Kabapas's home: the office's figures for a period and filters."""
    form = FormSaringan(request.GET, user=request.user)
    d = selectors.dasbor(request.user, form.saringan())
    return render(
        request,
        "laporan/dashboard.html",
        {
            "form": form,
            "d": d,
            "saringan": d.saringan,
            "unit": d.kantor.unit,
            "ringkasan_klien": d.ringkasan_klien,
            "kehadiran": d.kehadiran,
            "grafik": dasbor.grafik_kehadiran(d.kehadiran),
            "alur": d.alur,
            "mitra": d.mitra,
            "sumber_daya": d.sumber_daya,
            "hasil": d.hasil,
            "pks_perlu_diperbarui": d.pks_perlu_diperbarui,
            "mitra_kandidat": d.mitra_kandidat,
            "komposisi": d.komposisi,
            "bulan_tren": BULAN_TREN,
            "batas_mangkir": kepatuhan.BATAS_MANGKIR,  # read per request: the named thresholds
            "hari_peringatan_pks": HARI_PERINGATAN_PKS,
        },
    )


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def dashboard_ekspor(request, tabel: str, format: str):
    """One table of the dashboard, for its period and filters, as CSV or XLSX (written to
    the audit trail with the filters)."""
    if tabel not in dasbor.TABEL or format not in format_tersedia():
        raise Http404
    saringan = FormSaringan(request.GET, user=request.user).saringan()
    isi = dasbor.TABEL[tabel].buat(request.user, saringan)
    return unduh_tabel(
        request, isi, kunci=tabel, format=format, dari=saringan.dari, sampai=saringan.sampai
    )


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def kehadiran_list(request):
    """The attendance rows behind a dashboard number: the dashboard's filters and the
    figure's cell (mode, kind, outcome, reason) already set by the link."""
    form = FormDaftarKehadiran(request.GET, user=request.user)
    saringan = form.saringan()
    qs = (
        form.saring(baris(request.user, saringan), timezone.localdate())
        .select_related("klien", "sesi", "sesi__program", "sesi__program__mitra")
        .order_by("-sesi__mulai", "klien__nama", "pk")
    )
    halaman = halaman_dari(request, qs, BARIS_PER_HALAMAN)
    return render(
        request,
        "laporan/kehadiran_list.html",
        {
            "form": form,
            "saringan": saringan,
            "jumlah": halaman["halaman"].paginator.count,  # (the paginator's one COUNT)
            **halaman,
        },
    )


@perlu_izin(Izin.LIHAT_RINGKASAN_WILAYAH)
@baca_replika
def ringkasan_wilayah(request):
    """Figures per office for regional and national staff: numbers, never names."""
    return render(
        request,
        "laporan/ringkasan_wilayah.html",
        {"units": selectors.ringkasan_wilayah(request.user)},
    )
