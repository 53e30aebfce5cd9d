from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

from akun.izin import ATRIBUT_IZIN_DITOLAK
from inti.samaran import samarkan

from .konteks import sebagai
from .services import alamat_klien, catat_penolakan

DICATAT_SEBAGAI_PENOLAKAN = (403, 404)


class JejakMiddleware(AuditlogMiddleware):
    """auditlog's middleware (actor, address and correlation id for every entry written
    during the request), with two changes:

    - the address is the one django-axes uses, not the first X-Forwarded-For value that
      any client can forge;
    - a 403 or 404 served to a logged-in user is written to the trail as refused access
      (repeats within a minute counted on one entry: `catat_penolakan`).
    """

    @staticmethod
    def _get_remote_addr(request):
        return alamat_klien(request)

    @staticmethod
    def _get_remote_port(request):
        return None

    def __call__(self, request):
        with sebagai(self._get_actor(request)):
            response = super().__call__(request)
        if response.status_code in DICATAT_SEBAGAI_PENOLAKAN and _perlu_dicatat(request):
            data = {
                "path": _path_untuk_jejak(request),
                "metode": request.method,
                "status": response.status_code,
            }
            izin = getattr(request, ATRIBUT_IZIN_DITOLAK, None)
            if izin is not None:  # the permission a @perlu_izin view refused
                data["izin"] = izin
            catat_penolakan(request, status=response.status_code, data=data)
        return response


def path_rahasia(view):
    """Mark a view whose address carries a secret (the key of a private calendar feed): a
    refusal of it is written to the trail with the URL pattern, not the address."""
    view.jejak_path_rahasia = True
    return view


def _path_untuk_jejak(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match.func, "jejak_path_rahasia", False):
        return "/" + match.route
    # a NIK typed into an address must not settle in the trail
    return samarkan(request.path[:500])


def _perlu_dicatat(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return not request.path.startswith(("/" + settings.STATIC_URL.lstrip("/"), "/favicon"))
