from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

KUNCI_WAKTU_MASUK = "waktu_masuk"


@receiver(user_logged_in)
def catat_waktu_masuk(sender, request, user, **kwargs):
    """Remember when the session began, for the absolute session cap."""
    if request is not None and hasattr(request, "session"):
        request.session[KUNCI_WAKTU_MASUK] = timezone.now().timestamp()
