import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .otp import HALAMAN_DAFTAR, HALAMAN_KODE, halaman_wajib
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
            patch_cache_control(response, no_store=True, private=True)
        return response


class WajibOTPMiddleware:
    """After the password, the second step: a logged-in user who has an authenticator but
    has not used it in this session is sent to the code page; one who must have one and does
    not, to the enrolment page. Only those pages, logging out, the language switch, the
    health check and static files are reachable until then. The page asked for travels
    along as `next` (checked again before it is followed)."""

    BEBAS = frozenset({HALAMAN_KODE, HALAMAN_DAFTAR, "akun:logout", "set_language", "healthz"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        halaman = halaman_wajib(user) if user is not None else None
        if halaman is None or self._bebas(request):
            return self.get_response(request)
        url = reverse(halaman)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return HttpResponseRedirect(url)

    def _bebas(self, request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(request.path_info).view_name in self.BEBAS
        except Resolver404:
            return False
