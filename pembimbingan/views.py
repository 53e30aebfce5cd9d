"""Programme list and page, session page and the attendance form (issue 11, part 8)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin
from akun.models import Peran
from inti.kendala import PENOLAKAN, galat_ke_form
from klien.pilihan import Agama

from . import services
from .forms import KehadiranForm
from .kalender import hari_khusus
from .models import Program, Sesi
from .selectors import kantor_di_bali
from .selectors_program import daftar_program, halaman_program, kehadiran_sesi


def _bisa_dicatat(sesi: Sesi) -> bool:
    """Attendance is recorded from the session's day on (the service refuses earlier)."""
    return timezone.localdate(sesi.mulai) <= timezone.localdate()


def _sesi_atau_404(request, pk) -> Sesi:
    qs = Sesi.objects.for_user(request.user).select_related("program", "klien", "pk_pencatat")
    return get_object_or_404(qs, pk=pk)


@perlu_izin(Izin.LIHAT_PROGRAM)
def program_list(request):
    return render(
        request,
        "pembimbingan/program_list.html",
        {
            "daftar": daftar_program(request.user),
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PROGRAM),
        },
    )


@perlu_izin(Izin.LIHAT_PROGRAM)
def program_detail(request, pk):
    program = get_object_or_404(
        Program.objects.for_user(request.user).select_related("mitra"), pk=pk
    )
    return render(
        request,
        "pembimbingan/program_detail.html",
        {
            "h": halaman_program(program, request.user),
            "saya_pk": request.user.peran == Peran.PK,  # links only to their own clients
            "boleh_kelola": boleh(request.user, Izin.KELOLA_PROGRAM),
            "boleh_daftar": boleh(request.user, Izin.DAFTARKAN_PESERTA),
            "boleh_sesi": boleh(request.user, Izin.CATAT_KEHADIRAN),
        },
    )


@perlu_izin(Izin.LIHAT_PROGRAM)
def sesi_detail(request, pk):
    sesi = _sesi_atau_404(request, pk)
    return render(
        request,
        "pembimbingan/sesi_detail.html",
        {
            "sesi": sesi,
            "baris": kehadiran_sesi(sesi, request.user),
            "boleh_catat": boleh(request.user, Izin.CATAT_KEHADIRAN) and _bisa_dicatat(sesi),
            # an outreach day: its registration page (views_pos.pendaftaran_pos)
            "boleh_daftar_pos": sesi.layanan_pos and boleh(request.user, Izin.CATAT_KEHADIRAN),
            "boleh_ubah": boleh(request.user, Izin.CATAT_KEHADIRAN),
        },
    )


@perlu_izin(Izin.CATAT_KEHADIRAN)
def sesi_kehadiran(request, pk):
    """One POST, one call of the service. A refusal because someone else saved in between
    is shown with the differences, the user's input kept, and the form moved to the current
    version so that saving again records what the user decided."""
    sesi = _sesi_atau_404(request, pk)
    baris = kehadiran_sesi(sesi, request.user)
    hari = timezone.localdate(sesi.mulai)
    bali = kantor_di_bali(sesi.unit_id)
    upacara = frozenset(
        b["klien"].pk
        for b in baris
        if hari_khusus(hari, bali=bali, hindu=b["klien"].agama == Agama.HINDU)
    )
    data = request.POST.copy() if request.method == "POST" else None
    form = KehadiranForm(
        data,
        baris=baris,
        versi=sesi.versi,
        hari_upacara=upacara,
        koreksi=boleh(request.user, Izin.KOREKSI_KEHADIRAN)
        and any(
            b["kehadiran"] and services.koreksi(b["kehadiran"], request.user, timezone.now())
            for b in baris
        ),
    )
    if data is not None and form.is_valid():
        try:
            services.sesi_catat_kehadiran(
                sesi=sesi,
                oleh=request.user,
                hasil=form.hasil(),
                versi=form.cleaned_data["versi"],
                alasan_koreksi=form.isian_koreksi(),
            )
        except PENOLAKAN as e:
            if isinstance(e, ValidationError) and "versi" in getattr(e, "error_dict", {}):
                data["versi"] = str(sesi.versi)  # the version read above, at this request
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Kehadiran tersimpan."))
            return redirect("pembimbingan:sesi-detail", pk=sesi.pk)
    return render(
        request,
        "pembimbingan/sesi_kehadiran.html",
        {
            "sesi": sesi,
            "form": form,
            "bisa_dicatat": _bisa_dicatat(sesi),
            "hari_khusus": hari_khusus(hari, bali=bali, hindu=bool(upacara)),
        },
    )
