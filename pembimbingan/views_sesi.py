"""Planning a session (once or weekly) and changing one (issue 11, parts 2 and 7).

`sesi/baru/?program=<id>` plans group sessions of a programme of the office;
`sesi/baru/?klien=<id>&jenis=kunjungan_rumah` a home visit to a client the user may see (a
PK: their own); without either, the page offers both. Wajib lapor is recorded from the
reporting schedule, not planned here."""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akun.izin import Izin, perlu_izin
from inti.kendala import PENOLAKAN
from klien.models import Klien
from klien.pilihan import Agama

from . import services, services_program
from .forms_sesi import SesiBaruForm, SesiForm
from .models import Kehadiran, Peserta, Program, Sesi
from .pilihan import JenisSesi, ModaSesi, StatusPeserta
from .selectors import kantor_di_bali
from .views_program import galat_dengan_nama

JAM_AWAL = datetime.time(9)  # the time a new session's form suggests
# The service's names of what the form calls otherwise.
NAMA_FIELD = {"mulai": "tanggal"}


def _id(request, nama: str) -> int | None:
    """A positive id from the query string; absent or empty → None; anything else → 404."""
    mentah = request.GET.get(nama)
    if not mentah:
        return None
    if not (mentah.isascii() and mentah.isdigit()) or not 0 < int(mentah) < 2**63:
        raise Http404
    return int(mentah)


def _hindu_program(program: Program) -> bool:
    """Whether a programme's session concerns a Hindu client: one of its active
    participants is Hindu."""
    return Peserta.objects.filter(
        program=program, status=StatusPeserta.AKTIF, klien__agama=Agama.HINDU
    ).exists()


def _pilih(request):
    """No programme or client given: the office's running programmes and a client picker."""
    hari_ini = timezone.localdate()
    program = (
        Program.objects.for_user(request.user)
        .filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=hari_ini))
        .order_by("nama", "pk")
    )
    klien = Klien.objects.for_user(request.user).berjalan().order_by("nama", "pk")
    return render(
        request,
        "pembimbingan/sesi_pilih.html",
        {"program": program, "klien": klien, "jenis": JenisSesi.KUNJUNGAN_RUMAH},
    )


@perlu_izin(Izin.CATAT_KEHADIRAN)
def sesi_create(request):
    program_id, klien_id = _id(request, "program"), _id(request, "klien")
    program = klien = None
    if program_id is not None:
        program = get_object_or_404(
            Program.objects.for_user(request.user).select_related("mitra"), pk=program_id
        )
        jenis = JenisSesi.KELOMPOK
        hindu = _hindu_program(program)
        initial = {
            "tempat": program.tempat,
            "moda": ModaSesi.LOKASI_MITRA if program.mitra_id else ModaSesi.KANTOR,
            "fasilitator": program.mitra.narahubung if program.mitra_id else "",
        }
    elif klien_id is not None:
        klien = get_object_or_404(Klien.objects.for_user(request.user), pk=klien_id)
        jenis = request.GET.get("jenis", JenisSesi.KUNJUNGAN_RUMAH)
        if jenis != JenisSesi.KUNJUNGAN_RUMAH:
            raise Http404
        hindu = klien.agama == Agama.HINDU
        initial = {}
    else:
        return _pilih(request)

    form = SesiBaruForm(
        request.POST if request.method == "POST" else None,
        initial={"tanggal": timezone.localdate(), "jam": JAM_AWAL, **initial},
        bali=kantor_di_bali(request.user.unit_id),
        hindu=hindu,
    )
    if form.is_bound and form.is_valid():
        try:
            sesi = services.sesi_buat(
                oleh=request.user,
                minggu=form.jumlah_minggu(),
                jenis=jenis,
                mulai=form.mulai(),
                program=program,
                klien=klien,
                **form.data_sesi(),
            )
        except PENOLAKAN as e:
            galat_dengan_nama(form, e, NAMA_FIELD)
        else:
            messages.success(
                request,
                ngettext("%(n)d sesi dijadwalkan.", "%(n)d sesi dijadwalkan.", len(sesi))
                % {"n": len(sesi)},
            )
            if program is not None:
                return redirect("pembimbingan:program-detail", pk=program.pk)
            return redirect("pembimbingan:sesi-detail", pk=sesi[0].pk)
    judul = (
        _("Jadwalkan sesi: %(program)s") % {"program": program.nama}
        if program is not None
        else _("Jadwalkan kunjungan rumah: %(nama)s") % {"nama": klien.nama}
    )
    return render(
        request,
        "pembimbingan/sesi_form.html",
        {"form": form, "judul": judul, "program": program, "klien": klien, "sesi": None},
    )


@perlu_izin(Izin.CATAT_KEHADIRAN)
def sesi_update(request, pk):
    """Change a session's day, time, place, mode, facilitator or notes. Once its
    attendance is recorded the day stays (the service refuses, and says why)."""
    sesi = get_object_or_404(
        Sesi.objects.for_user(request.user).select_related("program", "klien", "pos"), pk=pk
    )
    lokal = timezone.localtime(sesi.mulai)
    if sesi.program_id:
        hindu = _hindu_program(sesi.program)
    else:
        hindu = sesi.klien_id is not None and sesi.klien.agama == Agama.HINDU
    form = SesiForm(
        request.POST if request.method == "POST" else None,
        initial={
            "tanggal": lokal.date(),
            "jam": lokal.time().replace(second=0, microsecond=0),
            "moda": sesi.moda,
            "tempat": sesi.tempat,
            "fasilitator": sesi.fasilitator,
            "catatan": sesi.catatan,
        },
        bali=kantor_di_bali(request.user.unit_id),
        hindu=hindu,
        tanggal_lama=lokal.date(),
    )
    ada_kehadiran = Kehadiran.objects.filter(sesi=sesi).exists()
    if ada_kehadiran:
        form.fields["tanggal"].help_text = _(
            "Kehadiran sesi ini sudah dicatat: tanggalnya tetap, jamnya masih dapat diubah."
        )
    if form.is_bound and form.is_valid():
        try:
            services_program.sesi_ubah(
                sesi=sesi, oleh=request.user, data={"mulai": form.mulai(), **form.data_sesi()}
            )
        except PENOLAKAN as e:
            galat_dengan_nama(form, e, NAMA_FIELD)
        else:
            messages.success(request, _("Sesi tersimpan."))
            return redirect("pembimbingan:sesi-detail", pk=sesi.pk)
    return render(
        request,
        "pembimbingan/sesi_form.html",
        {
            "form": form,
            "judul": _("Ubah sesi"),
            "program": sesi.program,
            "klien": sesi.klien,
            "sesi": sesi,
        },
    )
