"""Opening and changing a programme, enrolling clients and ending an enrolment (issue 11,
parts 1 and 8): pages over the services, which hold the rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akun.izin import Izin, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form
from klien.models import Klien

from . import services, services_program
from .forms_program import PesertaAkhiriForm, PesertaTambahForm, ProgramForm, sumber_daya_formset
from .models import Peserta, Program
from .pilihan import StatusPeserta

PANJANG_CARI_MAKS = 100


def galat_dengan_nama(form, exc: Exception, nama: dict[str, str]) -> None:
    """galat_ke_form, with the service's field names renamed to the form's (`nama`)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        exc = ValidationError({nama.get(f, f): e for f, e in exc.error_dict.items()})
    galat_ke_form(form, exc)


def _program_atau_404(request, pk) -> Program:
    return get_object_or_404(Program.objects.for_user(request.user).select_related("mitra"), pk=pk)


def _form_program(request, program: Program | None):
    data = request.POST if request.method == "POST" else None
    form = ProgramForm(data, user=request.user, program=program)
    formset = sumber_daya_formset(data, program=program)
    sah = data is not None and all([form.is_valid(), formset.is_valid()])  # both, for all errors
    return form, formset, sah


def _render_form_program(request, form, formset, program, judul):
    return render(
        request,
        "pembimbingan/program_form.html",
        {"form": form, "formset": formset, "program": program, "judul": judul},
    )


@perlu_izin(Izin.KELOLA_PROGRAM)
def program_create(request):
    form, formset, sah = _form_program(request, None)
    if sah:
        sumber_daya = [
            {k: v for k, v in sd.items() if k != "id"} for sd in formset.data_sumber_daya()
        ]
        try:
            program = services.program_buat(
                oleh=request.user, data=form.cleaned_data, sumber_daya=sumber_daya
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Program %(nama)s dibuka.") % {"nama": program.nama})
            return redirect("pembimbingan:program-detail", pk=program.pk)
    return _render_form_program(request, form, formset, None, _("Program baru"))


@perlu_izin(Izin.KELOLA_PROGRAM)
def program_update(request, pk):
    program = _program_atau_404(request, pk)
    form, formset, sah = _form_program(request, program)
    if sah:
        try:
            services_program.program_ubah(
                program=program,
                oleh=request.user,
                data=form.cleaned_data,
                sumber_daya=formset.data_sumber_daya(),
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Data program tersimpan."))
            return redirect("pembimbingan:program-detail", pk=program.pk)
    return _render_form_program(request, form, formset, program, _("Ubah program"))


@perlu_izin(Izin.DAFTARKAN_PESERTA)
def peserta_tambah(request, pk):
    """Enrol one or several running clients: a PK chooses from their own caseload, the
    office's managers from the office's. `?q=` narrows the list by name or register number."""
    program = _program_atau_404(request, pk)
    cari = request.GET.get("q", "").strip()[:PANJANG_CARI_MAKS]
    data = request.POST if request.method == "POST" else None
    form = PesertaTambahForm(
        data, user=request.user, program=program, cari="" if data is not None else cari
    )
    if data is not None and form.is_valid():
        try:
            baru = services_program.peserta_daftar_banyak(
                program=program,
                klien=list(form.cleaned_data["klien"]),
                oleh=request.user,
                tanggal_masuk=form.cleaned_data["tanggal_masuk"],
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d klien terdaftar sebagai peserta.",
                    "%(n)d klien terdaftar sebagai peserta.",
                    len(baru),
                )
                % {"n": len(baru)},
            )
            return redirect("pembimbingan:program-detail", pk=program.pk)
    aktif = Peserta.objects.filter(program=program, status=StatusPeserta.AKTIF).count()
    return render(
        request,
        "pembimbingan/peserta_tambah.html",
        {
            "program": program,
            "form": form,
            "cari": cari,
            "aktif": aktif,
            "sisa": max(program.kapasitas - aktif, 0) if program.kapasitas else None,
        },
    )


@perlu_izin(Izin.DAFTARKAN_PESERTA)
def peserta_akhiri(request, pk):
    """End an active enrolment: completed (with the result) or dropped out (with the
    reason). A PK ends those of their own clients only (another's: 404)."""
    peserta = get_object_or_404(
        Peserta.objects.for_user(request.user)
        .filter(klien__in=Klien.objects.for_user(request.user))
        .select_related("program", "klien"),
        pk=pk,
    )
    aktif = peserta.status == StatusPeserta.AKTIF
    form = PesertaAkhiriForm(
        request.POST if request.method == "POST" and aktif else None, peserta=peserta
    )
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            services.peserta_keluar(
                peserta=peserta,
                oleh=request.user,
                status=d["status"],
                tanggal=d["tanggal"],
                alasan=d["alasan"],
                hasil=d["hasil"],
            )
        except PENOLAKAN as e:
            galat_dengan_nama(form, e, {"tanggal_keluar": "tanggal", "alasan_keluar": "alasan"})
        else:
            messages.success(
                request,
                _("Keikutsertaan %(nama)s berakhir: %(status)s.")
                % {"nama": peserta.klien.nama, "status": StatusPeserta(d["status"]).label},
            )
            return redirect("pembimbingan:program-detail", pk=peserta.program_id)
    return render(
        request,
        "pembimbingan/peserta_akhiri.html",
        {"peserta": peserta, "form": form if aktif else None},
    )
