from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akun.izin import Izin, perlu_izin
from akun.models import User
from akun.otp import otp_wajib
from akun.otp import services as otp_services
from inti.kendala import PENOLAKAN, galat_ke_form

from ..forms import PenggunaBaruForm, PenggunaForm
from . import kata_sandi_setel, pengguna_buat, pengguna_ubah


def _pengguna(request, pk) -> User:
    return get_object_or_404(User.objects.for_user(request.user), pk=pk)


def _simpan(request, form, pesan: str, simpan):
    try:
        user = simpan(
            {n: form.cleaned_data[n] for n in form.fields if not n.startswith("password")}
        )
    except PENOLAKAN as exc:
        galat_ke_form(form, exc)
    else:
        messages.success(request, pesan % {"nama": user})
        return redirect("akun:pengguna-list")
    return None


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_list(request):
    pengguna = User.objects.for_user(request.user).order_by(
        "-is_active", "peran", "first_name", "username"
    )
    return render(request, "akun/pengguna_list.html", {"pengguna": pengguna})


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_create(request):
    admin = request.user
    form = PenggunaBaruForm(request.POST or None, unit=admin.unit, pengelola=admin)
    if request.method == "POST" and form.is_valid():
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
        hasil = _simpan(
            request,
            form,
            _("Akun %(nama)s disimpan."),
            lambda data: pengguna_ubah(pengguna=user, oleh=admin, data=data),
        )
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
        },
    )


@perlu_izin(Izin.KELOLA_PENGGUNA)
def pengguna_kata_sandi(request, pk):
    """A new password for a user who forgot theirs (the Admin tells them in person)."""
    user = _pengguna(request, pk)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        kata_sandi_setel(
            user=user,
            sandi=form.cleaned_data["new_password1"],
            aksi="kata_sandi_direset",
            request=request,
        )
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
    otp_services.otp_reset(user=user, request=request)
    messages.success(
        request,
        _("Verifikasi dua langkah %(nama)s diatur ulang; ia mendaftarkan ponselnya lagi.")
        % {"nama": user},
    )
    return redirect("akun:pengguna-update", pk=user.pk)
