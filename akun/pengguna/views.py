from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akun.izin import Izin, perlu_izin
from akun.models import User
from akun.otp import otp_wajib
from akun.otp import services as otp_services
from inti.kendala import PENOLAKAN, galat_ke_form, pesan_penolakan

from ..forms import PenggunaBaruForm, PenggunaForm
from ..persetujuan import selectors as persetujuan_selectors
from ..persetujuan.aturan import PERAN_PEKA, perubahan_peka
from ..persetujuan.models import JenisPerubahan, PermintaanPerubahanAkun
from ..persetujuan.services import permintaan_ajukan
from . import kata_sandi_setel, pengguna_buat, pengguna_ubah


def _pengguna(request, pk) -> User:
    return get_object_or_404(User.objects.for_user(request.user), pk=pk)


def _data(form) -> dict:
    return {n: form.cleaned_data[n] for n in form.fields if not n.startswith("password")}


def _simpan(request, form, pesan: str, simpan):
    try:
        user = simpan(_data(form))
    except PENOLAKAN as exc:
        galat_ke_form(form, exc)
    else:
        messages.success(request, pesan % {"nama": user})
        return redirect("akun:pengguna-list")
    return None


def _pesan_diajukan(request, permintaan: PermintaanPerubahanAkun) -> None:
    messages.info(
        request,
        _("%(perubahan)s menunggu persetujuan %(penyetuju)s; perubahan berlaku setelah disetujui.")
        % {
            "perubahan": permintaan.get_jenis_display(),
            "penyetuju": permintaan.get_peran_penyetuju_display(),
        },
    )


def _ajukan(request, form, **kwargs):
    """Record a request for approval instead of the change; its refusal lands on `form`."""
    try:
        permintaan = permintaan_ajukan(oleh=request.user, **kwargs)
    except PENOLAKAN as exc:
        if form is None:
            messages.error(request, pesan_penolakan(exc))
            return None
        galat_ke_form(form, exc)
        return None
    _pesan_diajukan(request, permintaan)
    return permintaan


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_list(request):
    pengguna = User.objects.for_user(request.user).order_by(
        "-is_active", "peran", "first_name", "username"
    )
    return render(
        request,
        "akun/pengguna_list.html",
        {
            "pengguna": pengguna,
            "permintaan": persetujuan_selectors.permintaan_menunggu(request.user),
        },
    )


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_create(request):
    admin = request.user
    form = PenggunaBaruForm(request.POST or None, unit=admin.unit, pengelola=admin)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["peran"] in PERAN_PEKA:  # an Admin or Kabapas: on approval
            if _ajukan(
                request,
                form,
                jenis=JenisPerubahan.BUAT,
                data=_data(form),
                sandi=form.cleaned_data["password1"],
            ):
                return redirect("akun:pengguna-list")
        else:
            hasil = _simpan(
                request,
                form,
                _("Akun %(nama)s dibuat."),
                lambda data: pengguna_buat(
                    unit=admin.unit, data=data, sandi=form.cleaned_data["password1"]
                ),
            )
            if hasil is not None:
                return hasil
    return render(request, "akun/pengguna_form.html", {"form": form, "judul": _("Tambah pengguna")})


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_update(request, pk):
    admin = request.user
    user = _pengguna(request, pk)
    form = PenggunaForm(request.POST or None, instance=user, unit=admin.unit, pengelola=admin)
    if request.method == "POST" and form.is_valid():
        hasil = _ubah_atau_ajukan(request, form, user)
        if hasil is not None:
            return hasil
    return render(
        request,
        "akun/pengguna_form.html",
        {
            "form": form,
            "judul": _("Ubah pengguna"),
            "target": user,
            "otp_wajib": otp_wajib(user),
            "peka": user.peran in PERAN_PEKA,
            "permintaan": persetujuan_selectors.permintaan_menunggu(request.user, pengguna=user),
        },
    )


def _ubah_atau_ajukan(request, form, user: User):
    """The plain part of the edit is saved at once; a change of role or status of an Admin
    or Kabapas (or to one) becomes a request for approval. Both or neither: a refusal of
    either lands on the form and saves nothing."""
    data = _data(form)
    asli = User.objects.get(pk=user.pk)  # the form has already set the new values on `user`
    peka = perubahan_peka(asli, data)
    if not peka:
        return _simpan(
            request,
            form,
            _("Akun %(nama)s disimpan."),
            lambda d: pengguna_ubah(pengguna=asli, oleh=request.user, data=d),
        )
    biasa = {n: v for n, v in data.items() if n not in peka}
    try:
        with transaction.atomic():
            permintaan = permintaan_ajukan(
                oleh=request.user, jenis=JenisPerubahan.UBAH, pengguna=asli, data=peka
            )
            asli = pengguna_ubah(pengguna=asli, oleh=request.user, data=biasa)
    except PENOLAKAN as exc:
        galat_ke_form(form, exc)
        return None
    messages.success(request, _("Akun %(nama)s disimpan.") % {"nama": asli})
    _pesan_diajukan(request, permintaan)
    return redirect("akun:pengguna-list")


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_kata_sandi(request, pk):
    """A new password for a user who forgot theirs (the Admin tells them in person)."""
    user = _pengguna(request, pk)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        sandi = form.cleaned_data["new_password1"]
        if user.peran in PERAN_PEKA:  # an Admin or Kabapas: on approval
            if _ajukan(request, form, jenis=JenisPerubahan.KATA_SANDI, pengguna=user, sandi=sandi):
                return redirect("akun:pengguna-update", pk=user.pk)
        else:
            kata_sandi_setel(user=user, sandi=sandi, aksi="kata_sandi_direset", request=request)
            messages.success(
                request, _("Kata sandi %(nama)s diganti; sesinya berakhir.") % {"nama": user}
            )
            return redirect("akun:pengguna-update", pk=user.pk)
    return render(
        request,
        "akun/pengguna_form.html",
        {"form": form, "judul": _("Kata sandi baru"), "target": user, "hanya_sandi": True},
    )


@perlu_izin(Izin.KELOLA_PENGGUNA)
@require_POST
def pengguna_reset_otp(request, pk):
    """A lost phone: the user's authenticator and recovery codes are removed (audited)."""
    user = _pengguna(request, pk)
    if user.peran in PERAN_PEKA:  # an Admin or Kabapas: on approval
        _ajukan(request, None, jenis=JenisPerubahan.RESET_OTP, pengguna=user)
        return redirect("akun:pengguna-update", pk=user.pk)
    otp_services.otp_reset(user=user, request=request)
    messages.success(
        request,
        _("Verifikasi dua langkah %(nama)s diatur ulang; ia mendaftarkan ponselnya lagi.")
        % {"nama": user},
    )
    return redirect("akun:pengguna-update", pk=user.pk)
