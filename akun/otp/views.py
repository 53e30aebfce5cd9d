"""Pages of two-step verification: the code after the password, enrolment, and the user's
own security page (recovery codes, turning it off)."""

import math

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from akun.izin import Izin, boleh, perlu_izin
from akun.models import Peran, User
from akun.navigasi import beranda_url

from . import otp_wajib, peran_wajib, services, sudah_terverifikasi
from .forms import KebijakanOTPKantorForm, KodeOTPForm, KodeTOTPForm
from .models import PerangkatKodeCadangan


def _tujuan(request) -> str:
    """Where to go after verifying: `next` when it stays on this site, else the home page."""
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return beranda_url(request.user)


def _pesan_gagal(hasil: services.HasilVerifikasi) -> str:
    if hasil.ditahan_sampai is not None:
        detik = hasil.sisa_detik()
        if detik > 90:
            return _("Terlalu banyak kode salah. Tunggu %(menit)s menit, lalu coba lagi.") % {
                "menit": math.ceil(detik / 60)
            }
        return ngettext(
            "Terlalu banyak kode salah. Tunggu %(detik)s detik, lalu coba lagi.",
            "Terlalu banyak kode salah. Tunggu %(detik)s detik, lalu coba lagi.",
            detik,
        ) % {"detik": detik}
    return _(
        "Kode tidak cocok. Periksa jam di ponsel Anda dan coba lagi, atau gunakan kode cadangan."
    )


def _masuk_terverifikasi(request, perangkat) -> None:
    """Mark this session as verified with `perangkat` (a new session key: the session just
    gained rights)."""
    request.session.cycle_key()
    django_otp.login(request, perangkat)


@login_required
def otp_verifikasi(request):
    """The second step of logging in: a code from the authenticator or a recovery code."""
    user = request.user
    if sudah_terverifikasi(user):
        return redirect(_tujuan(request))
    if not user.otp_aktif:
        return redirect("akun:otp-daftar" if otp_wajib(user) else "akun:keamanan")
    form = KodeOTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hasil = services.verifikasi_kode(user=user, kode=form.cleaned_data["kode"], request=request)
        if hasil.berhasil:
            _masuk_terverifikasi(request, hasil.perangkat)
            if isinstance(hasil.perangkat, PerangkatKodeCadangan):
                sisa = services.sisa_kode_cadangan(user)
                messages.warning(
                    request,
                    ngettext(
                        "Kode cadangan terpakai; tersisa %(n)d kode.",
                        "Kode cadangan terpakai; tersisa %(n)d kode.",
                        sisa,
                    )
                    % {"n": sisa},
                )
            return redirect(_tujuan(request))
        form.add_error("kode", _pesan_gagal(hasil))
    return render(
        request, "akun/otp_verifikasi.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_required
def otp_daftar(request):
    """Add an authenticator app: scan the QR code (or type the secret), confirm with a code."""
    user = request.user
    if user.otp_aktif:
        if not sudah_terverifikasi(user):
            return redirect("akun:otp-verifikasi")
        messages.info(request, _("Verifikasi dua langkah sudah aktif."))
        return redirect("akun:keamanan")
    perangkat = services.totp_calon(user=user)
    form = KodeTOTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hasil = services.totp_konfirmasi(
            user=user, perangkat=perangkat, kode=form.cleaned_data["kode"], request=request
        )
        if hasil.berhasil:
            _masuk_terverifikasi(request, hasil.perangkat)
            messages.success(request, _("Verifikasi dua langkah aktif."))
            return render(
                request,
                "akun/otp_kode_cadangan.html",
                {"kode_cadangan": hasil.kode_cadangan, "lanjut": _tujuan(request)},
            )
        form.add_error("kode", _pesan_gagal(hasil))
    return render(
        request,
        "akun/otp_daftar.html",
        {
            "form": form,
            "qr_svg": services.qr_svg(perangkat),
            "rahasia": services.rahasia_terkelompok(perangkat),
            "wajib": otp_wajib(user),
            "next": request.GET.get("next", ""),
        },
    )


def _halaman_keamanan(request, form_nonaktif=None):
    user = request.user
    return render(
        request,
        "akun/keamanan.html",
        {
            "aktif": user.otp_aktif,
            "wajib": otp_wajib(user),
            "sisa_kode": services.sisa_kode_cadangan(user) if user.otp_aktif else 0,
            "form_nonaktif": form_nonaktif or KodeOTPForm(),
            "boleh_atur_kantor": boleh(user, Izin.ATUR_OTP_KANTOR),
        },
    )


@login_required
def keamanan(request):
    """The user's own account security: is two-step verification on, and what to do next."""
    return _halaman_keamanan(request)


@login_required
@require_POST
def otp_kode_cadangan(request):
    """Ten new recovery codes, shown once; the old ones stop working."""
    user = request.user
    if not user.otp_aktif or not sudah_terverifikasi(user):
        messages.error(request, _("Aktifkan verifikasi dua langkah terlebih dahulu."))
        return redirect("akun:keamanan")
    kode = services.kode_cadangan_buat_ulang(user=user, request=request)
    return render(
        request,
        "akun/otp_kode_cadangan.html",
        {"kode_cadangan": kode, "lanjut": reverse("akun:keamanan")},
    )


@login_required
@require_POST
def otp_nonaktif(request):
    """Turn two-step verification off, with a current code; refused where it is required."""
    user = request.user
    if otp_wajib(user):
        raise PermissionDenied(_("Verifikasi dua langkah wajib untuk peran Anda."))
    if not user.otp_aktif:
        return redirect("akun:keamanan")
    form = KodeOTPForm(request.POST)
    if form.is_valid():
        hasil = services.verifikasi_kode(user=user, kode=form.cleaned_data["kode"], request=request)
        if hasil.berhasil:
            services.otp_nonaktifkan(user=user, request=request)
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
            return redirect("akun:keamanan")
        form.add_error("kode", _pesan_gagal(hasil))
    return _halaman_keamanan(request, form)


@perlu_izin(Izin.ATUR_OTP_KANTOR)
def kantor_otp(request):
    """The Kabapas decides which of the office's roles must use two-step verification, and
    sees who in the office has it on. The change is written to the audit trail (Unit)."""
    unit = request.user.unit
    nasional = tuple(settings.OTP_WAJIB_PERAN)
    form = KebijakanOTPKantorForm(
        request.POST or None,
        initial={"peran": [*unit.peran_wajib_otp, *nasional]},
        wajib_nasional=nasional,
    )
    if request.method == "POST" and form.is_valid():
        services.kebijakan_kantor_simpan(unit=unit, peran=form.cleaned_data["peran"])
        messages.success(request, _("Kebijakan verifikasi dua langkah kantor disimpan."))
        return redirect("akun:kantor-otp")
    wajib = peran_wajib(unit)
    pegawai = (
        User.objects.for_user(request.user).filter(is_active=True).order_by("peran", "first_name")
    )
    return render(
        request,
        "akun/kantor_otp.html",
        {
            "form": form,
            "nasional": [Peran(p).label for p in nasional],
            "pegawai": [(u, u.peran in wajib) for u in pegawai],
        },
    )
