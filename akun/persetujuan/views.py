"""The approver's page: the requests waiting for them, and their decision."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from inti.kendala import PESAN_BENTROK

from ..izin import Izin, perlu_izin
from . import selectors, services
from .models import PermintaanPerubahanAkun


class KeputusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=gettext_lazy("Keputusan"),
        choices=[("setujui", gettext_lazy("Setujui")), ("tolak", gettext_lazy("Tolak"))],
    )
    catatan = forms.CharField(
        label=gettext_lazy("Catatan"), max_length=500, required=False, strip=True
    )


@perlu_izin(Izin.SETUJUI_PERUBAHAN_AKUN)
def permintaan_list(request):
    """Pending changes to Admin and Kabapas accounts that wait for this user, and the
    latest decided ones."""
    return render(
        request,
        "akun/permintaan_list.html",
        {
            "menunggu": selectors.permintaan_menunggu(request.user),
            "diputus": selectors.permintaan_diputus(request.user),
        },
    )


@perlu_izin(Izin.SETUJUI_PERUBAHAN_AKUN)
@require_POST
def permintaan_putus(request, pk):
    """Approve (the change is applied now) or refuse one request."""
    permintaan = get_object_or_404(PermintaanPerubahanAkun.objects.for_user(request.user), pk=pk)
    form = KeputusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("akun:permintaan-list")
    setuju = form.cleaned_data["keputusan"] == "setujui"
    try:
        services.permintaan_putuskan(
            permintaan=permintaan,
            oleh=request.user,
            setuju=setuju,
            catatan=form.cleaned_data["catatan"],
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except IntegrityError:
        messages.error(request, PESAN_BENTROK)
    else:
        pesan = (
            _("Permintaan disetujui; perubahan berlaku.") if setuju else _("Permintaan ditolak.")
        )
        messages.success(request, pesan)
    return redirect("akun:permintaan-list")
