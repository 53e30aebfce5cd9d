"""The office calendar page (issue 11, parts 7 and 8).

- Month view (the default, this month; `?tahun=YYYY&bulan=M`): the month's days that hold
  something, each with its special days and the sessions planned in the user's scope
  (selectors_kalender), for a Kasi and a PK to plan; `saya=1` keeps the sessions the user
  records.
- Year view (`?tahun=YYYY` without `bulan`): a year of national holidays and, for an office in
  Bali, the Balinese Hindu ceremony days (pembimbingan.kalender), month by month.

A bad year or month is replaced by this one, and the user is told."""

from datetime import date
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin

from .kalender import TAHUN_MAX, TAHUN_MIN, hari_khusus_tahun
from .selectors import kantor_di_bali
from .selectors_kalender import bulan_kalender


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


def _bulan(request) -> int:
    """The month asked for in `?bulan=` (1–12); missing → this month; unreadable or out of
    range → this month, and the user is told."""
    bulan_ini = timezone.localdate().month
    mentah = request.GET.get("bulan")
    if mentah is None:
        return bulan_ini
    try:
        bulan = int(mentah.strip())
    except ValueError:
        bulan = None
    if bulan is None or not 1 <= bulan <= 12:
        messages.warning(
            request,
            _("Bulan tidak dikenal; kalender menampilkan bulan %(bulan)s (pilih 1–12).")
            % {"bulan": date_format(date(2000, bulan_ini, 1), "F")},
        )
        return bulan_ini
    return bulan


def _tautan(tahun: int, bulan: int | None = None, *, saya: bool = False) -> str:
    query = {"tahun": tahun}
    if bulan is not None:
        query["bulan"] = bulan
    if saya:
        query["saya"] = 1
    return "?" + urlencode(query)


@perlu_izin(Izin.LIHAT_KALENDER)
def kalender(request):
    tahun = _tahun(request)
    if "tahun" in request.GET and "bulan" not in request.GET:
        return _kalender_tahun(request, tahun)
    return _kalender_bulan(request, tahun, _bulan(request))


def _kalender_bulan(request, tahun: int, bulan: int):
    user = request.user
    hari_ini = timezone.localdate()
    boleh_saring = boleh(user, Izin.CATAT_KEHADIRAN)  # who may record a session
    saya = boleh_saring and request.GET.get("saya") == "1"
    isi = bulan_kalender(
        user,
        tahun,
        bulan,
        dengan_sesi=boleh(user, Izin.LIHAT_PROGRAM),  # the session pages
        hanya_saya=saya,
        hari_ini=hari_ini,
    )
    sebelum = (tahun, bulan - 1) if bulan > 1 else (tahun - 1, 12)
    sesudah = (tahun, bulan + 1) if bulan < 12 else (tahun + 1, 1)
    return render(
        request,
        "pembimbingan/kalender_bulan.html",
        {
            "k": isi,
            "hanya_saya": saya,
            "boleh_saring": boleh_saring,
            "bulan_ini": (tahun, bulan) == (hari_ini.year, hari_ini.month),
            "tautan_bulan_ini": "?saya=1" if saya else request.path,
            "tautan_tahun": _tautan(tahun),
            "sebelum": date(*sebelum, 1) if sebelum[0] >= TAHUN_MIN else None,
            "tautan_sebelum": _tautan(*sebelum, saya=saya),
            "sesudah": date(*sesudah, 1) if sesudah[0] <= TAHUN_MAX else None,
            "tautan_sesudah": _tautan(*sesudah, saya=saya),
            "boleh_langganan": boleh(user, Izin.LANGGANAN_KALENDER),
        },
    )


def _kalender_tahun(request, tahun: int):
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
