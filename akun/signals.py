"""What akun announces, and the one receiver it keeps for itself.

akun is the ground floor: it must not know the audit trail above it. It announces its
security events (`keamanan_akun`: a second factor enrolled or reset, recovery codes
renewed, a wrong code, a password set) and `jejak` records them, just as jejak records
Django's own login signals.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver
from django.utils import timezone

KUNCI_WAKTU_MASUK = "waktu_masuk"

# sent with: request (or None from a command), user (the account concerned), aksi (what
# happened, a short code), data (details, never a secret). Receivers run inside the
# sender's transaction, so the event and the change land or fail together.
keamanan_akun = Signal()


def umumkan_keamanan(*, request, user, aksi: str, **data) -> None:
    keamanan_akun.send(sender=type(user), request=request, user=user, aksi=aksi, data=data)


@receiver(user_logged_in)
def catat_waktu_masuk(sender, request, user, **kwargs):
    """Remember when the session began, for the absolute session cap."""
    if request is not None and hasattr(request, "session"):
        request.session[KUNCI_WAKTU_MASUK] = timezone.now().timestamp()


@receiver(user_logged_in, dispatch_uid="akun_pemberitahuan_saat_masuk")
def tampilkan_pemberitahuan(sender, request, user, **kwargs):
    """What someone else changed in the account since the last login, shown once
    (akun.persetujuan.pemberitahuan)."""
    from .persetujuan.pemberitahuan import tampilkan_saat_masuk

    tampilkan_saat_masuk(request, user)
