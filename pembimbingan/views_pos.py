"""Outreach posts (Wayan Jempolan, issue 11 part 6): the post list and page, a post's form,
planning an outreach day, and registering clients for it. The day's attendance is the
session's own form (views.sesi_kehadiran), listing the registered clients."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akun.izin import Izin, boleh, perlu_izin
from akun.models import Peran
from inti.kendala import PENOLAKAN, galat_ke_form

from . import services_pos
from .forms_pos import HariLayananForm, PendaftaranPosForm, PosForm
from .models import PosLayanan, Sesi
from .pilihan import JenisSesi
from .selectors import kantor_di_bali
from .selectors_pos import WAKTU_TEMPUH_JAUH_MENIT, daftar_pos, halaman_pendaftaran, halaman_pos


def _pos_atau_404(request, pk) -> PosLayanan:
    qs = PosLayanan.objects.for_user(request.user).select_related("kecamatan__kabupaten")
    return get_object_or_404(qs, pk=pk)


@perlu_izin(Izin.LIHAT_PROGRAM)
def pos_list(request):
    return render(
        request,
        "pembimbingan/pos_list.html",
        {"daftar": daftar_pos(request.user), "boleh_kelola": boleh(request.user, Izin.KELOLA_POS)},
    )


@perlu_izin(Izin.LIHAT_PROGRAM)
def pos_detail(request, pk):
    pos = _pos_atau_404(request, pk)
    return render(
        request,
        "pembimbingan/pos_detail.html",
        {
            "h": halaman_pos(pos, request.user),
            "batas_menit": WAKTU_TEMPUH_JAUH_MENIT,
            "boleh_kelola": boleh(request.user, Izin.KELOLA_POS),
            "boleh_hari": pos.aktif and boleh(request.user, Izin.CATAT_KEHADIRAN),
            "saya_pk": request.user.peran == Peran.PK,
        },
    )


@perlu_izin(Izin.KELOLA_POS)
def pos_create(request):
    form = PosForm(request.POST or None, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            pos = services_pos.pos_buat(oleh=request.user, data=form.data_pos())
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Pos %(nama)s tersimpan.") % {"nama": pos.nama})
            return redirect("pembimbingan:pos-detail", pk=pos.pk)
    return render(
        request, "pembimbingan/pos_form.html", {"form": form, "judul": _("Pos layanan baru")}
    )


@perlu_izin(Izin.KELOLA_POS)
def pos_update(request, pk):
    pos = _pos_atau_404(request, pk)
    form = PosForm(request.POST or None, instance=pos, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services_pos.pos_ubah(pos=pos, oleh=request.user, data=form.data_pos())
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            messages.success(request, _("Data pos tersimpan."))
            return redirect("pembimbingan:pos-detail", pk=pos.pk)
    return render(
        request,
        "pembimbingan/pos_form.html",
        {"form": form, "pos": pos, "judul": _("Ubah pos layanan")},
    )


def _ke_field_form(e: Exception) -> Exception:
    """The service names the day's start `mulai`; the form asks for its date."""
    if isinstance(e, ValidationError) and hasattr(e, "error_dict") and "mulai" in e.error_dict:
        return ValidationError(
            {("tanggal" if k == "mulai" else k): v for k, v in e.error_dict.items()}
        )
    return e


@perlu_izin(Izin.CATAT_KEHADIRAN)
def hari_layanan_create(request, pk):
    pos = _pos_atau_404(request, pk)
    form = None
    if pos.aktif:
        form = HariLayananForm(request.POST or None, bali=kantor_di_bali(request.user.unit_id))
    if form is not None and request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sesi = services_pos.hari_layanan_buat(
                oleh=request.user,
                pos=pos,
                mulai=form.mulai(),
                tempat=d["tempat"],
                catatan=d["catatan"],
            )
        except PENOLAKAN as e:
            galat_ke_form(form, _ke_field_form(e))
        else:
            messages.success(request, _("Hari layanan tersimpan. Daftarkan klien yang akan hadir."))
            return redirect("pembimbingan:pendaftaran-pos", pk=sesi.pk)
    return render(request, "pembimbingan/hari_layanan_form.html", {"pos": pos, "form": form})


def _batalkan(request, sesi: Sesi, h) -> None:
    """Remove the registration named by the POST's `batalkan` (a client id)."""
    pilihan = {str(p.klien_id): p for p in h.terdaftar}
    pendaftaran = pilihan.get(request.POST.get("batalkan", ""))
    if pendaftaran is None:
        messages.error(request, _("Klien ini tidak terdaftar pada hari layanan ini."))
        return
    try:
        services_pos.pos_batalkan_pendaftaran(sesi=sesi, oleh=request.user, klien=pendaftaran.klien)
    except PENOLAKAN as e:
        pesan = e.messages if isinstance(e, ValidationError) else [str(e)]
        for p in pesan:
            messages.error(request, p)
    else:
        messages.success(
            request,
            _("Pendaftaran %(nama)s dibatalkan.") % {"nama": pendaftaran.klien.nama},
        )


@perlu_izin(Izin.CATAT_KEHADIRAN)
def pendaftaran_pos(request, pk):
    """Register clients for an outreach day (one POST of ticked clients through
    services_pos.pos_daftarkan), or remove one (a POST with `batalkan`)."""
    sesi = get_object_or_404(
        Sesi.objects.for_user(request.user)
        .filter(jenis=JenisSesi.LAYANAN_POS)
        .select_related("pos__kecamatan", "pk_pencatat"),
        pk=pk,
    )
    if request.method == "POST" and "batalkan" in request.POST:
        _batalkan(request, sesi, halaman_pendaftaran(sesi, request.user))
        return redirect("pembimbingan:pendaftaran-pos", pk=sesi.pk)
    hari, hari_ini = timezone.localdate(sesi.mulai), timezone.localdate()
    h = halaman_pendaftaran(sesi, request.user)
    saya_pk = request.user.peran == Peran.PK
    for p in h.terdaftar:  # a PK links to, and removes, only their own clients
        p.milik_saya = not saya_pk or p.klien.pk_pembimbing_id == request.user.pk
        p.boleh_batal = p.milik_saya and hari > hari_ini
    form = PendaftaranPosForm(
        request.POST if request.method == "POST" else None,
        disarankan=h.disarankan,
        lainnya=h.lainnya,
    )
    if request.method == "POST" and form.is_valid():
        try:
            baru = services_pos.pos_daftarkan(
                sesi=sesi, oleh=request.user, klien_ids=form.cleaned_data["klien"]
            )
        except PENOLAKAN as e:
            galat_ke_form(form, e)
        else:
            if baru:
                messages.success(
                    request,
                    ngettext("%(n)d klien didaftarkan.", "%(n)d klien didaftarkan.", len(baru))
                    % {"n": len(baru)},
                )
            else:
                messages.info(request, _("Klien yang dipilih sudah terdaftar."))
            return redirect("pembimbingan:pendaftaran-pos", pk=sesi.pk)
    return render(
        request,
        "pembimbingan/pendaftaran_pos.html",
        {
            "sesi": sesi,
            "h": h,
            "form": form,
            "terbuka": hari >= hari_ini,  # registration: up to the day itself
        },
    )
