"""The office calendar page: a year of national holidays and, for an office in Bali, the
Balinese Hindu ceremony days (pembimbingan.kalender), month by month."""

from datetime import date
from itertools import groupby

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin

from .kalender import TAHUN_MAX, TAHUN_MIN, hari_khusus_tahun
from .selectors import kantor_di_bali


def _tahun(request) -> int:
    """The year asked for in `?tahun=`; missing → this year; unreadable or out of range →
    this year, and the user is told."""
    tahun_ini = timezone.localdate().year
    mentah = request.GET.get("tahun")
    if mentah is None:
        return tahun_ini
    try:
        tahun = int(mentah.strip())
    except ValueError:
        tahun = None
    if tahun is None or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        messages.warning(
            request,
            _("Tahun tidak dikenal; kalender menampilkan tahun %(tahun)s (pilih %(min)s–%(max)s).")
            % {"tahun": tahun_ini, "min": TAHUN_MIN, "max": TAHUN_MAX},
        )
        return tahun_ini
    return tahun


@perlu_izin(Izin.LIHAT_KALENDER)
def kalender(request):
    tahun = _tahun(request)
    bali = kantor_di_bali(request.user.unit_id)
    hari = hari_khusus_tahun(tahun, bali=bali)
    per_bulan = {b: list(isi) for b, isi in groupby(hari, key=lambda h: h.tanggal.month)}
    bulan = [{"awal": date(tahun, b, 1), "hari": per_bulan.get(b, [])} for b in range(1, 13)]
    return render(
        request,
        "pembimbingan/kalender.html",
        {
            "tahun": tahun,
            "bulan": bulan,
            "bali": bali,
            "jumlah": len(hari),
            "tahun_sebelum": tahun - 1 if tahun > TAHUN_MIN else None,
            "tahun_sesudah": tahun + 1 if tahun < TAHUN_MAX else None,
            "boleh_langganan": boleh(request.user, Izin.LANGGANAN_KALENDER),
        },
    )
