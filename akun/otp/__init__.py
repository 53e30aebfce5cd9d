"""Two-step verification (TOTP apps plus one-time recovery codes) on top of django-otp.

Who must use it is decided here: the roles in `settings.OTP_WAJIB_PERAN` (production always
lists ADMIN and KABAPAS) and the roles an office adds itself (`Unit.peran_wajib_otp`).
Whether a user *has* it is `User.otp_aktif`, kept in step with the device rows by
`akun.otp.services`, so the check on every request costs no query.
"""

from django.conf import settings

HALAMAN_KODE = "akun:otp-verifikasi"
HALAMAN_DAFTAR = "akun:otp-daftar"


def peran_wajib(unit) -> set[str]:
    """The roles that must use two-step verification in `unit`: those every office must
    require (settings.OTP_WAJIB_PERAN) and those the office added itself."""
    return set(settings.OTP_WAJIB_PERAN) | set(unit.peran_wajib_otp if unit else ())


def otp_wajib(user) -> bool:
    """True when this user's role must use two-step verification (everywhere or in their
    own office)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.peran in peran_wajib(user.unit if user.unit_id else None)


def sudah_terverifikasi(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def halaman_wajib(user) -> str | None:
    """The page a logged-in user must pass before any other: the token page when they have
    an authenticator and have not used it in this session, the enrolment page when they must
    have one and do not; None when they may go on."""
    if not getattr(user, "is_authenticated", False) or sudah_terverifikasi(user):
        return None
    if user.otp_aktif:
        return HALAMAN_KODE
    if otp_wajib(user):
        return HALAMAN_DAFTAR
    return None
