"""Pages of the supervision order: set it up, add a special condition, change a condition's
status, record a consideration and its outcome, and the Kasi's watch list. Thin: load
scoped (another office's record is a 404), validate with a form, act through a service."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form
from klien.pilihan import ProgramIntegrasi
from klien.views import klien_atau_404

from . import selectors, services
from .forms import HasilForm, PengawasanForm, PertimbanganForm, StatusSyaratForm, SyaratForm
from .models import PertimbanganPK, PidanaPengawasan, SyaratPengawasan
from .pilihan import HasilPertimbangan, StatusSyarat

TEMPLAT_FORM = "pengawasan/form.html"


def _form(request, *, form, klien, judul, keterangan="", tombol=None):
    return render(
        request,
        TEMPLAT_FORM,
        {
            "form": form,
            "klien": klien,
            "judul": judul,
            "keterangan": keterangan,
            "tombol": tombol or _("Simpan"),
        },
    )


def _klien_pengawasan(request, pk):
    """A running supervision client the user may see; None (with a message) otherwise."""
    klien = klien_atau_404(request, pk)
    if klien.program != ProgramIntegrasi.PENGAWASAN or not klien.berjalan:
        messages.error(request, _("Klien ini tidak sedang menjalani pidana pengawasan."))
        return klien, False
    return klien, True


@perlu_izin(Izin.CATAT_PENGAWASAN)
def pengawasan_create(request, pk):
    klien, sah = _klien_pengawasan(request, pk)
    if not sah:
        return redirect(klien)
    if PidanaPengawasan.objects.filter(klien=klien).exists():
        messages.info(request, _("Putusan pidana pengawasan klien ini sudah dicatat."))
        return redirect(klien)
    form = PengawasanForm(request.POST or None, klien=klien)
    if request.method == "POST" and form.is_valid():
        try:
            services.pengawasan_catat(klien=klien, oleh=request.user, **form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(
                request,
                _("Putusan pidana pengawasan tercatat; ekspirasi klien mengikuti lama pidananya."),
            )
            return redirect(klien)
    return _form(
        request,
        form=form,
        klien=klien,
        judul=_("Catat putusan pidana pengawasan"),
        keterangan=_(
            "Putusan %(nomor)s. Masa pengawasan mulai %(mulai)s; ekspirasi klien diatur menjadi "
            "tanggal mulai ditambah lama pidana pengawasan. Syarat umum (tidak melakukan tindak "
            "pidana) tercatat bersama putusan."
        )
        % {"nomor": klien.no_putusan or "—", "mulai": date_format(klien.tanggal_mulai, "j F Y")},
    )


@perlu_izin(Izin.CATAT_PENGAWASAN)
def syarat_create(request, pk):
    klien, sah = _klien_pengawasan(request, pk)
    if not sah:
        return redirect(klien)
    form = SyaratForm(request.POST or None, klien=klien)
    if request.method == "POST" and form.is_valid():
        try:
            services.syarat_tambah(klien=klien, oleh=request.user, **form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Syarat khusus tercatat."))
            return redirect(klien)
    return _form(request, form=form, klien=klien, judul=_("Tambah syarat khusus"))


@perlu_izin(Izin.CATAT_PENGAWASAN)
def syarat_status(request, pk):
    syarat = get_object_or_404(
        SyaratPengawasan.objects.for_user(request.user).select_related("klien"), pk=pk
    )
    klien = syarat.klien
    if not klien.berjalan:
        messages.error(request, _("Klien ini sudah tidak dalam bimbingan."))
        return redirect(klien)
    form = StatusSyaratForm(
        request.POST or None,
        initial={"status": syarat.status, "bukti": syarat.bukti},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.syarat_ubah_status(syarat=syarat, oleh=request.user, **form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Status syarat tersimpan."))
            return redirect(klien)
    return _form(
        request,
        form=form,
        klien=klien,
        judul=_("Ubah status syarat"),
        keterangan=f"{syarat.get_jenis_display()}: {syarat.uraian}",
    )


@perlu_izin(Izin.CATAT_PENGAWASAN)
def pertimbangan_create(request, pk):
    klien, sah = _klien_pengawasan(request, pk)
    if not sah:
        return redirect(klien)
    if not PidanaPengawasan.objects.filter(klien=klien).exists():
        messages.info(request, _("Catat dahulu putusan pidana pengawasan klien ini."))
        return redirect(klien)
    syarat = SyaratPengawasan.objects.for_user(request.user).filter(
        klien=klien, status=StatusSyarat.DILANGGAR
    )
    form = PertimbanganForm(request.POST or None, syarat=syarat)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.pertimbangan_buat(klien=klien, oleh=request.user, **form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Pertimbangan tercatat; menunggu jawaban kejaksaan."))
            return redirect(p.get_absolute_url())
    return _form(
        request,
        form=form,
        klien=klien,
        judul=_("Buat pertimbangan PK kepada jaksa"),
        keterangan=_(
            "Berkelakuan baik: pemendekan masa pengawasan. Syarat umum dilanggar, atau syarat "
            "khusus dilanggar tanpa alasan yang sah: perpanjangan atau pidana penjara."
        ),
    )


def _pertimbangan_atau_404(request, pk) -> PertimbanganPK:
    qs = PertimbanganPK.objects.for_user(request.user).select_related(
        "klien", "syarat", "dibuat_oleh", "hasil_oleh"
    )
    return get_object_or_404(qs, pk=pk)


@perlu_izin(Izin.LIHAT_KLIEN)
def pertimbangan_detail(request, pk):
    p = _pertimbangan_atau_404(request, pk)
    return render(
        request,
        "pengawasan/pertimbangan_detail.html",
        {
            "p": p,
            "klien": p.klien,
            "boleh_hasil": p.hasil == HasilPertimbangan.MENUNGGU
            and boleh(request.user, Izin.CATAT_PENGAWASAN),
        },
    )


@perlu_izin(Izin.CATAT_PENGAWASAN)
def pertimbangan_hasil(request, pk):
    p = _pertimbangan_atau_404(request, pk)
    if p.hasil != HasilPertimbangan.MENUNGGU:
        messages.info(request, _("Hasil pertimbangan ini sudah dicatat."))
        return redirect(p.get_absolute_url())
    form = HasilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pertimbangan_catat_hasil(
                pertimbangan=p, oleh=request.user, **form.cleaned_data
            )
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Hasil pertimbangan tercatat."))
            return redirect(p.get_absolute_url())
    return _form(
        request,
        form=form,
        klien=p.klien,
        judul=_("Catat hasil pertimbangan"),
        keterangan=str(p),
    )


@perlu_izin(Izin.PANTAU_PENGAWASAN)
def pantau(request):
    """The Kasi's list: supervision clients with a breached condition or a consideration
    waiting for the prosecutor, and those whose order is not recorded yet."""
    return render(
        request,
        "pengawasan/pantau.html",
        {
            "daftar": selectors.klien_pantauan(request.user)[:200],
            "tanpa_putusan": selectors.klien_tanpa_putusan(request.user)[:200],
        },
    )
