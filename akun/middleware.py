import zoneinfo

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

from .signals import KUNCI_WAKTU_MASUK


class BatasSesiMiddleware:
    """End a session 12 hours after login however active it is (the idle limit of 30 minutes
    is the session cookie's own age, renewed on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            masuk = request.session.get(KUNCI_WAKTU_MASUK)
            batas = settings.SESSION_BATAS_MUTLAK.total_seconds()
            if masuk is None or timezone.now().timestamp() - masuk > batas:
                logout(request)
        return self.get_response(request)


class ZonaWaktuUnitMiddleware:
    """Show times in the user's office time zone (Bali: WITA); the database stores UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.unit_id:
            timezone.activate(zoneinfo.ZoneInfo(user.unit.zona_waktu))
        else:
            timezone.deactivate()
        return self.get_response(request)


class TanpaCacheMiddleware:
    """Pages shown to a logged-in user may hold personal data: never stored by any cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
