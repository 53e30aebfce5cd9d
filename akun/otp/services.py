"""Writes for two-step verification: every one keeps `User.otp_aktif` in step with the device
rows inside one transaction, and leaves a security event in the audit trail."""

import math
from base64 import b32encode
from dataclasses import dataclass, field
from datetime import datetime

import django_otp
import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun.persetujuan.aturan import PERAN_PEKA, PESAN_PERLU_PERSETUJUAN
from akun.persetujuan.models import JenisPerubahan, StatusPermintaan
from akun.persetujuan.pemberitahuan import beri_tahu
from akun.signals import umumkan_keamanan

from .models import PerangkatKodeCadangan, PerangkatTOTP

JUMLAH_KODE_CADANGAN = 10
NAMA_TOTP = "Aplikasi autentikator"
NAMA_CADANGAN = "Kode cadangan"


@dataclass(frozen=True)
class HasilVerifikasi:
    """The device that accepted a code, or why none did (`ditahan_sampai`: refused without
    checking because of earlier wrong codes, until that moment)."""

    perangkat: Device | None = None
    ditahan_sampai: datetime | None = None
    kode_cadangan: list[str] = field(default_factory=list)  # new codes, after enrolment

    @property
    def berhasil(self) -> bool:
        return self.perangkat is not None

    def sisa_detik(self) -> int:
        if self.ditahan_sampai is None:
            return 0
        return max(1, math.ceil((self.ditahan_sampai - timezone.now()).total_seconds()))


def normalkan_kode(kode: str) -> str:
    """Codes may be typed with spaces or dashes ('123 456', 'abcd-efgh')."""
    return "".join(kode.split()).replace("-", "").lower()


def _adalah_totp(kode: str) -> bool:
    return len(kode) == 6 and kode.isdigit()


def _catat(request, user, aksi: str, **lain) -> None:
    """Announce a security event about `user` (jejak records it; the actor is the request's
    user, none for a command)."""
    umumkan_keamanan(request=request, user=user, aksi=aksi, **lain)


def _coba(user, perangkat: Device, kode: str) -> HasilVerifikasi:
    """One device: refused while throttled (django-otp's growing delay), else verified with
    `django_otp.verify_token` (row lock, throttle counted on failure)."""
    boleh, info = perangkat.verify_is_allowed()
    if not boleh:
        return HasilVerifikasi(ditahan_sampai=(info or {}).get("locked_until"))
    cocok = django_otp.verify_token(user, perangkat.persistent_id, kode)
    return HasilVerifikasi(perangkat=cocok)


def verifikasi_kode(*, user, kode: str, request=None) -> HasilVerifikasi:
    """Check a code against the user's confirmed devices: six digits go to the authenticator,
    anything else to the recovery codes (a used recovery code is gone). A wrong or throttled
    code is written to the audit trail."""
    kode = normalkan_kode(kode)
    model = PerangkatTOTP if _adalah_totp(kode) else PerangkatKodeCadangan
    ditahan = None
    for perangkat in model.objects.devices_for_user(user, confirmed=True):
        hasil = _coba(user, perangkat, kode)
        if hasil.berhasil:
            return hasil
        ditahan = ditahan or hasil.ditahan_sampai
    _catat(
        request,
        user,
        "token_salah",
        jenis="totp" if model is PerangkatTOTP else "cadangan",
        ditahan=ditahan is not None,
    )
    return HasilVerifikasi(ditahan_sampai=ditahan)


def totp_calon(*, user) -> PerangkatTOTP:
    """The user's unconfirmed authenticator, created on first visit; reloading the enrolment
    page shows the same secret until it is confirmed."""
    perangkat = PerangkatTOTP.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if perangkat is None:
        perangkat = PerangkatTOTP.objects.create(user=user, name=NAMA_TOTP, confirmed=False)
    return perangkat


def rahasia_terkelompok(perangkat: PerangkatTOTP) -> str:
    """The base32 secret for typing by hand, in groups of four: 'ABCD EFGH ...'."""
    rahasia = b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(rahasia[i : i + 4] for i in range(0, len(rahasia), 4))


def qr_svg(perangkat: PerangkatTOTP) -> str:
    """The otpauth:// URL as an inline SVG QR code (no XML header, valid inside HTML5)."""
    svg = segno.make(perangkat.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="img-fluid border"
    )
    label = escape(_("Kode QR untuk aplikasi autentikator"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _buat_kode_cadangan(user) -> list[str]:
    """Ten new codes, returned to be shown once; only their keyed hashes are stored."""
    perangkat, _dibuat = PerangkatKodeCadangan.objects.select_for_update().get_or_create(
        user=user, name=NAMA_CADANGAN, defaults={"confirmed": True}
    )
    kode = [PerangkatKodeCadangan.random_token() for _i in range(JUMLAH_KODE_CADANGAN)]
    perangkat.isi_kode(kode)
    perangkat.throttle_reset(commit=False)
    perangkat.confirmed = True
    perangkat.save()
    return kode


@transaction.atomic
def totp_konfirmasi(*, user, perangkat: PerangkatTOTP, kode: str, request=None) -> HasilVerifikasi:
    """Confirm the new authenticator with its first code: the device is confirmed, ten
    recovery codes replace any earlier ones, and the user counts as having two-step
    verification. A wrong code confirms nothing."""
    kode = normalkan_kode(kode)
    hasil = _coba(user, perangkat, kode) if _adalah_totp(kode) else HasilVerifikasi()
    if not hasil.berhasil:
        return hasil
    perangkat = hasil.perangkat
    perangkat.confirmed = True
    perangkat.save(update_fields=["confirmed"])
    PerangkatTOTP.objects.filter(user=user).exclude(pk=perangkat.pk).delete()
    kode_cadangan = _buat_kode_cadangan(user)
    user.otp_aktif = True
    user.save(update_fields=["otp_aktif"])
    _catat(request, user, "totp_didaftarkan")
    return HasilVerifikasi(perangkat=perangkat, kode_cadangan=kode_cadangan)


@transaction.atomic
def kode_cadangan_buat_ulang(*, user, request=None) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    kode = _buat_kode_cadangan(user)
    _catat(request, user, "kode_cadangan_baru")
    return kode


def sisa_kode_cadangan(user) -> int:
    perangkat = PerangkatKodeCadangan.objects.filter(user=user, confirmed=True)
    return sum(p.sisa for p in perangkat.only("sidik"))


def _hapus_perangkat(user) -> None:
    PerangkatTOTP.objects.filter(user=user).delete()
    PerangkatKodeCadangan.objects.filter(user=user).delete()
    # django-otp's own plain-text devices are no longer made (migration akun 0006 moved them);
    # should one exist all the same, a reset removes it too.
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.otp_aktif = False
    user.save(update_fields=["otp_aktif"])


@transaction.atomic
def otp_nonaktifkan(*, user, request=None) -> None:
    """The user turns two-step verification off (the view checks that they may)."""
    _hapus_perangkat(user)
    _catat(request, user, "totp_dinonaktifkan")


@transaction.atomic
def otp_reset(*, user, request=None, permintaan=None, langsung: bool = False) -> None:
    """An administrator removes every device of a user who lost their phone; where
    two-step verification is required, the user enrols again at the next login, and is
    told of the reset then. An Admin's or Kabapas's reset needs a second person: it is
    refused here unless `permintaan` is the approved request (akun.persetujuan) or
    `langsung` says an operator with shell access runs `reset_otp` (SECURITY.md)."""
    if permintaan is not None and (
        permintaan.pengguna_id != user.pk
        or permintaan.diputus_oleh_id is None
        or permintaan.status != StatusPermintaan.DISETUJUI
    ):
        raise ValueError("otp_reset: not an approved request about this user")
    if user.peran in PERAN_PEKA and permintaan is None and not langsung:
        raise ValidationError(PESAN_PERLU_PERSETUJUAN)
    _hapus_perangkat(user)
    if permintaan is not None:
        _catat(request, user, "reset", permintaan=permintaan.pk)
        beri_tahu(
            user=user,
            jenis=JenisPerubahan.RESET_OTP,
            diminta_oleh=permintaan.diminta_oleh,
            disetujui_oleh=permintaan.diputus_oleh,
        )
        return
    _catat(request, user, "reset")
    pelaku = getattr(request, "user", None)
    beri_tahu(
        user=user,
        jenis=JenisPerubahan.RESET_OTP,
        diminta_oleh=pelaku if pelaku is not None and pelaku.is_authenticated else None,
    )


@transaction.atomic
def kebijakan_kantor_simpan(*, unit, peran: list[str]) -> None:
    """The office's own list of roles that must use two-step verification. The save writes
    the before/after to the audit trail (Unit is tracked); those roles are made to enrol at
    their next request."""
    unit.peran_wajib_otp = sorted(peran)
    unit.full_clean(validate_unique=False, validate_constraints=False)
    unit.save(update_fields=["peran_wajib_otp"])
