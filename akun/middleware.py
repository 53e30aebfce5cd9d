import zoneinfo

from django.utils import timezone


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
