from django.conf import settings
from django.core.checks import Error, register

from akun.models import Peran


@register()
def periksa_otp_wajib_peran(app_configs, **kwargs):
    """A misspelt role in OTP_WAJIB_PERAN would silently require nothing: refuse to start."""
    salah = [p for p in settings.OTP_WAJIB_PERAN if p not in Peran.values]
    if not salah:
        return []
    return [
        Error(
            f"OTP_WAJIB_PERAN berisi peran yang tidak dikenal: {', '.join(salah)}.",
            hint=f"Peran yang sah: {', '.join(Peran.values)}.",
            id="akun.E001",
        )
    ]


@register()
def periksa_kunci_enkripsi_otp(app_configs, **kwargs):
    """Without a usable key no second factor can be enrolled or checked: refuse to start."""
    from .rahasia import periksa_kunci

    masalah = periksa_kunci([k for k in settings.OTP_KUNCI_ENKRIPSI if k.strip()])
    return [
        Error(
            m,
            hint="Buat dengan: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())' (SECURITY.md, rotasi kunci).",
            id="akun.E002",
        )
        for m in masalah
    ]
