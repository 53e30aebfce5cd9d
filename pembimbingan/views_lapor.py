"""The PK's agenda (their home page), recording a wajib lapor, and a client's reporting
schedule (issue 11, parts 4 and 5)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from akun.izin import Izin, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form
from klien.models import Klien
from klien.pilihan import Agama
from klien.views import klien_atau_404

from . import services
from .forms_lapor import JadwalLaporForm, LaporForm
from .jadwal import tanggal_dari_teks
from .kalender import hari_khusus
from .models import JadwalLapor
from .pilihan import AlasanAbsen, HasilHadir
from .selectors import kantor_di_bali
from .selectors_agenda import agenda as agenda_pk


@perlu_izin(Izin.LIHAT_BEBAN_KASUS)
def agenda(request):
    return render(request, "pembimbingan/agenda.html", {"a": agenda_pk(request.user)})


def _kembali(request, klien: Klien) -> str:
    """Where to go after recording: the page the form came from (`kembali`, this site's
    only), else the client's page."""
    tujuan = request.POST.get("kembali") or request.GET.get("kembali") or ""
    if url_has_allowed_host_and_scheme(tujuan, {request.get_host()}, request.is_secure()):
        return tujuan
    return klien.get_absolute_url()


@perlu_izin(Izin.CATAT_KEHADIRAN)
def lapor(request, pk):
    """A client's wajib lapor for their current due date. The agenda's "lapor hari ini" is a
    POST straight here; "tidak lapor" opens this page to give the reason. On a ceremony day
    (for the client), a miss starts as an accepted absence for upacara agama/adat."""
    klien = klien_atau_404(request, pk)
    tempo = klien.tanggal_lapor_berikutnya
    khusus = (
        hari_khusus(tempo, bali=kantor_di_bali(klien.unit_id), hindu=klien.agama == Agama.HINDU)
        if tempo
        else []
    )
    awal = {"jatuh_tempo": tempo, "hasil": HasilHadir.TIDAK_HADIR}
    if khusus:
        awal |= {"hasil": HasilHadir.IZIN, "alasan": AlasanAbsen.UPACARA_AGAMA_ADAT}
    form = LaporForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.lapor_catat(
                klien=klien,
                oleh=request.user,
                jatuh_tempo=form.cleaned_data["jatuh_tempo"],
                hasil=form.isian(),
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            # (a repeat returns the stored report, whose outcome is the one submitted)
            klien.refresh_from_db(fields=["tanggal_lapor_berikutnya", "mangkir_berturut"])
            berikutnya = klien.tanggal_lapor_berikutnya
            teks = _("%(nama)s: %(hasil)s tercatat.") % {
                "nama": klien.nama,
                "hasil": HasilHadir(form.isian().hasil).label.lower(),
            }
            if berikutnya:
                teks += " " + _("Wajib lapor berikutnya %(t)s.") % {"t": f"{berikutnya:%d-%m-%Y}"}
            messages.success(request, teks)
            if berikutnya is None:  # no schedule, or its set dates are used up
                messages.warning(
                    request,
                    _(
                        "%(nama)s tidak memiliki jatuh tempo lapor berikutnya: aturlah "
                        "jadwal lapornya."
                    )
                    % {"nama": klien.nama},
                )
            return redirect(_kembali(request, klien))
    return render(
        request,
        "pembimbingan/lapor.html",
        {
            "klien": klien,
            "form": form,
            "jatuh_tempo": tempo,
            "hari_khusus": khusus,
            "kembali": request.GET.get("kembali", ""),
        },
    )


@perlu_izin(Izin.CATAT_KEHADIRAN)
def jadwal_lapor(request, pk):
    """Set a client's reporting schedule: the pattern and the next due date, or the dates."""
    klien = klien_atau_404(request, pk)
    jadwal = JadwalLapor.objects.filter(klien=klien).first()
    awal = {"berikutnya": klien.tanggal_lapor_berikutnya}
    if jadwal:
        awal |= {
            "pola": jadwal.pola,
            "tanggal_tertentu": tanggal_dari_teks(jadwal.tanggal_tertentu),
        }
    form = JadwalLaporForm(
        request.POST or None, initial=awal, klien=klien, bali=kantor_di_bali(klien.unit_id)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.jadwal_lapor_setel(
                klien=klien,
                oleh=request.user,
                pola=d["pola"],
                berikutnya=d["berikutnya"],
                tanggal_tertentu=d["tanggal_tertentu"],
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(
                request,
                _("Jadwal lapor %(nama)s tersimpan; wajib lapor berikutnya %(t)s.")
                % {"nama": klien.nama, "t": f"{klien.tanggal_lapor_berikutnya:%d-%m-%Y}"},
            )
            return redirect(klien.get_absolute_url())
    return render(
        request,
        "pembimbingan/jadwal_lapor.html",
        {"klien": klien, "form": form, "batal": reverse("klien:klien-detail", args=[klien.pk])},
    )
