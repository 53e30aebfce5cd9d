"""Data-subject requests (Pasal 32) and legal holds (Pasal 42-44) for one client."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.izin import Izin, perlu_izin
from jejak.models import Peristiwa
from jejak.services import catat_peristiwa

from . import services
from .forms import PermintaanDataSubjekForm, TahanHukumForm
from .subjek import data_subjek
from .views import klien_atau_404


@perlu_izin(Izin.EKSPOR_DATA_SUBJEK)
def data_subjek_view(request, pk):
    """Everything held about the client and its processing trail, as one JSON file.
    The export is itself written to the trail (and so appears in its own trail)."""
    klien = klien_atau_404(request, pk)
    form = PermintaanDataSubjekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        permintaan = {
            "nomor": form.cleaned_data["nomor"],
            "diterima": form.cleaned_data["diterima"].isoformat(),
        }
        with transaction.atomic():
            catat_peristiwa(Peristiwa.DATA_SUBJEK, request=request, objek=klien, data=permintaan)
            isi = data_subjek(klien, permintaan=permintaan)
        resp = HttpResponse(
            json.dumps(isi, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        nama = f"data-subjek-{klien.pk}-{timezone.localdate():%Y%m%d}.json"
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp
    return render(request, "klien/data_subjek.html", {"klien": klien, "form": form})


@perlu_izin(Izin.TAHAN_HUKUM)
def tahan_hukum_view(request, pk):
    klien = klien_atau_404(request, pk)
    if klien.dianonimkan_pada is not None:
        messages.error(request, _("Data klien ini sudah dianonimkan."))
        return redirect(klien)
    form = TahanHukumForm(request.POST or None, instance=klien)
    if request.method == "POST" and form.is_valid():
        try:
            services.klien_setel_tahan_hukum(
                klien=klien,
                tahan=form.cleaned_data["tahan_hukum"],
                alasan=form.cleaned_data["tahan_hukum_alasan"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Status penahanan data disimpan."))
            return redirect(klien)
    return render(
        request,
        "klien/klien_aksi.html",
        {
            "klien": klien,
            "form": form,
            "judul": _("Penahanan data untuk perkara hukum"),
            "keterangan": _(
                "Data klien dianonimkan setelah masa retensi sejak bimbingan berakhir "
                "(UU 27/2022 Pasal 43). Data yang terkait perkara hukum yang masih berjalan "
                "dikecualikan (Pasal 44): selama ditahan, data ini tidak dianonimkan."
            ),
        },
    )
