"""The calendar subscription: the page where a user makes or stops their private feed
address, and the feed itself (issue 11, part 7)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from akun.izin import Izin, boleh, perlu_izin
from jejak.middleware import path_rahasia

from . import services_langganan
from .forms_langganan import CabutLanggananForm
from .ical import kalender_ical, sesi_langganan
from .models import TokenKalender


@perlu_izin(Izin.LANGGANAN_KALENDER)
def langganan(request):
    """GET shows whether a subscription is active. POST `aksi=buat` makes a new address
    (the old one stops working) and shows it on this response only, as the recovery codes
    are shown: it is stored nowhere but in the user's calendar app. POST `aksi=cabut`
    stops the subscription, once the box is ticked."""
    user = request.user
    form_cabut = CabutLanggananForm()
    alamat = None
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        if aksi == "buat":
            kunci = services_langganan.kalender_buat_kunci(user=user)
            alamat = request.build_absolute_uri(reverse("pembimbingan:ical", args=[kunci]))
        elif aksi == "cabut":
            form_cabut = CabutLanggananForm(request.POST)
            if form_cabut.is_valid():
                if services_langganan.kalender_cabut(user=user):
                    messages.success(request, _("Langganan kalender dihentikan."))
                else:
                    messages.info(request, _("Tidak ada langganan kalender yang aktif."))
                return redirect("pembimbingan:langganan")
        else:
            messages.error(request, _("Permintaan tidak dikenal; tidak ada yang diubah."))
            return redirect("pembimbingan:langganan")
    return render(
        request,
        "pembimbingan/langganan.html",
        {
            "token": services_langganan.token_aktif(user),
            "alamat": alamat,
            "alamat_webcal": "webcal://" + alamat.split("://", 1)[1] if alamat else None,
            "form_cabut": form_cabut,
        },
    )


@path_rahasia  # a refusal is written to the trail without the key
@require_safe
def ical(request, kunci):
    """The feed, for calendar apps, which cannot log in: the key in the address is the
    credential. A key that is unknown, revoked, or whose owner may no longer subscribe (an
    inactive account, another role) answers 404, the same for each. Three queries at most:
    the key with its user and office, the sessions, and the note of use (once an hour)."""
    token = (
        TokenKalender.objects.select_related("user__unit")
        .filter(sidik=services_langganan.sidik_kunci(kunci), dicabut_pada__isnull=True)
        .first()
    )
    if token is None or not boleh(token.user, Izin.LANGGANAN_KALENDER):
        raise Http404
    user = token.user
    isi = kalender_ical(
        user=user,
        sesi=list(sesi_langganan(user)),
        domain=request.get_host(),
        tautan=lambda s: request.build_absolute_uri(
            reverse("pembimbingan:sesi-detail", args=[s.pk])
        ),
    )
    services_langganan.kalender_tandai_dipakai(token=token)
    response = HttpResponse(isi, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jadwal-bimbingan.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response
