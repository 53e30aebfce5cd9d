"""Pages of pidana kerja sosial: the clients serving it with their pace, the placement sites,
a client's order, and a day of work at a site (on a phone)."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form
from klien.models import Klien
from klien.pilihan import ProgramIntegrasi

from . import services
from .forms import KerjaForm, LokasiForm, PutusanForm
from .models import JamKerjaSosial, LokasiKerjaSosial, PutusanKerjaSosial
from .selectors import SELISIH_TERTINGGAL, daftar_laju, laju_di_lokasi


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def klien_list(request):
    """The clients serving community service (a PK: their own; the Kasi, the Kabapas: the
    office's), those behind pace and those whose window closed short first."""
    daftar = daftar_laju(request.user)
    return render(
        request,
        "kerjasosial/klien_list.html",
        {
            "daftar": daftar,
            "tertinggal": sum(1 for h in daftar if h.tertinggal),
            "selisih": SELISIH_TERTINGGAL,
        },
    )


# --- placement sites --------------------------------------------------------------------


def _lokasi_atau_404(request, pk) -> LokasiKerjaSosial:
    return get_object_or_404(
        LokasiKerjaSosial.objects.for_user(request.user).select_related("kecamatan", "mitra"),
        pk=pk,
    )


@perlu_izin(Izin.LIHAT_KLIEN)
def lokasi_list(request):
    user = request.user
    return render(
        request,
        "kerjasosial/lokasi_list.html",
        {
            "daftar": LokasiKerjaSosial.objects.for_user(user).select_related("kecamatan"),
            "boleh_kelola": boleh(user, Izin.KELOLA_LOKASI_KERJA_SOSIAL),
            "boleh_catat": boleh(user, Izin.CATAT_KERJA_SOSIAL),
        },
    )


@perlu_izin(Izin.KELOLA_LOKASI_KERJA_SOSIAL)
def lokasi_create(request):
    form = LokasiForm(request.POST or None, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            lokasi = services.lokasi_buat(
                unit=request.user.unit, oleh=request.user, data=form.data_lokasi()
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Lokasi %(nama)s tersimpan.") % {"nama": lokasi.nama})
            return redirect("kerjasosial:lokasi-list")
    return render(
        request,
        "kerjasosial/lokasi_form.html",
        {"form": form, "judul": _("Lokasi kerja sosial baru")},
    )


@perlu_izin(Izin.KELOLA_LOKASI_KERJA_SOSIAL)
def lokasi_update(request, pk):
    lokasi = _lokasi_atau_404(request, pk)
    form = LokasiForm(request.POST or None, instance=lokasi, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.lokasi_ubah(lokasi=lokasi, oleh=request.user, data=form.data_lokasi())
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Data lokasi tersimpan."))
            return redirect("kerjasosial:lokasi-list")
    return render(
        request,
        "kerjasosial/lokasi_form.html",
        {"form": form, "judul": _("Ubah lokasi kerja sosial"), "lokasi": lokasi},
    )


# --- a client's order -------------------------------------------------------------------


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def putusan(request, pk):
    """Record or correct the court's order for a client of the KERJA_SOSIAL programme."""
    klien = get_object_or_404(Klien.objects.for_user(request.user), pk=pk)
    if klien.program != ProgramIntegrasi.KERJA_SOSIAL:
        raise Http404
    ada = PutusanKerjaSosial.objects.filter(klien=klien).first()
    lokasi = LokasiKerjaSosial.objects.for_user(request.user).aktif()
    if ada is not None:
        lokasi = lokasi | LokasiKerjaSosial.objects.filter(pk=ada.lokasi_id)
    form = PutusanForm(request.POST or None, instance=ada, lokasi=lokasi)
    if request.method == "POST" and form.is_valid():
        try:
            services.putusan_simpan(klien=klien, oleh=request.user, data=form.data_putusan())
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Putusan kerja sosial tersimpan."))
            return redirect("klien:klien-detail", pk=klien.pk)
    return render(
        request,
        "kerjasosial/putusan_form.html",
        {"form": form, "klien": klien, "baru": ada is None},
    )


# --- a day of work at a site ------------------------------------------------------------


def _tanggal(request) -> datetime.date:
    nilai = request.POST.get("tanggal") or request.GET.get("tanggal") or ""
    try:
        return datetime.date.fromisoformat(nilai)
    except ValueError:
        return timezone.localdate()


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def kerja_catat(request, pk):
    """A morning of work at a site: the clients placed there (a PK: their own), per client
    the hours or absent with the reason, and what each has left."""
    lokasi = _lokasi_atau_404(request, pk)
    laju = {h.putusan.klien_id: h for h in laju_di_lokasi(lokasi, request.user)}
    daftar_klien = [h.putusan.klien for h in laju.values()]
    tanggal = _tanggal(request)
    awal = {
        j.klien_id: j
        for j in JamKerjaSosial.objects.filter(
            klien__in=daftar_klien, tanggal=tanggal, lokasi=lokasi
        )
    }
    form = KerjaForm(
        request.POST or None,
        daftar_klien=daftar_klien,
        awal=awal,
        initial={"tanggal": tanggal},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.kerja_catat(
                lokasi=lokasi,
                tanggal=form.cleaned_data["tanggal"],
                oleh=request.user,
                hasil=form.hasil(),
            )
        except PENOLAKAN as e:
            _galat_kerja(form, e)
        else:
            messages.success(request, _("Kerja sosial tersimpan."))
            alamat = reverse("kerjasosial:kerja-catat", args=[lokasi.pk])
            return redirect(f"{alamat}?tanggal={form.cleaned_data['tanggal']:%Y-%m-%d}")
    return render(
        request,
        "kerjasosial/kerja_form.html",
        {
            "lokasi": lokasi,
            "form": form,
            "baris": [
                (k, jam, absen, alasan, sah, laju[k.pk])
                for k, jam, absen, alasan, sah in form.baris_klien()
            ],
        },
    )


def _galat_kerja(form, exc) -> None:
    """The service's refusals keyed `klien-<id>` land on that client's hours field."""
    if hasattr(exc, "error_dict"):
        for kunci, pesan in exc.message_dict.items():
            if kunci.startswith("klien-"):
                field = f"jam-{kunci.removeprefix('klien-')}"
                form.add_error(field if field in form.fields else None, pesan)
            else:
                form.add_error(kunci if kunci in form.fields else None, pesan)
    else:
        galat_ke_form(form, exc)
