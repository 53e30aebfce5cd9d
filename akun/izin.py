"""Permissions named after what people do in the office, and which roles may do it.

Views declare the action they perform with `@perlu_izin(Izin.X)`; a user whose role is not
listed gets a 403. Which *records* they reach is a separate question, answered by each
model's `for_user(user)` (someone else's record is a 404).
"""

from collections.abc import Callable
from enum import Enum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Peran

P = Peran


class Izin(Enum):
    # value: the roles allowed to perform the action
    LIHAT_BEBAN_KASUS = frozenset({P.PK})
    LIHAT_KLIEN_KANTOR = frozenset({P.KASI, P.KABAPAS, P.ADMIN})
    LIHAT_DASBOR_KANTOR = frozenset({P.KASI, P.KABAPAS})
    LIHAT_RINGKASAN_WILAYAH = frozenset({P.KANWIL, P.PUSAT})
    # klien (issue 3)
    LIHAT_KLIEN = frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN})  # records via for_user
    KELOLA_KLIEN = frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN})  # PK: own caseload only
    UBAH_STATUS_KLIEN = frozenset({P.PK, P.KASI, P.KABAPAS})
    ALIHKAN_PK = frozenset({P.KASI, P.KABAPAS})
    IMPOR_KLIEN = frozenset({P.KASI, P.ADMIN})
    LIHAT_NIK_LENGKAP = frozenset({P.PK, P.ADMIN})  # others see it masked
    # pokmas (issue 4)
    LIHAT_MITRA = frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN})
    KELOLA_MITRA = frozenset({P.ADMIN})
    AKTIFKAN_MITRA = frozenset({P.KASI, P.KABAPAS})
    # privacy and audit (issue 5)
    LIHAT_JEJAK = frozenset({P.KABAPAS, P.ADMIN})
    EKSPOR_DATA_SUBJEK = frozenset({P.KABAPAS, P.ADMIN})
    TAHAN_HUKUM = frozenset({P.KABAPAS, P.ADMIN})
    ATUR_OTP_KANTOR = frozenset({P.KABAPAS})
    KELOLA_PENGGUNA = frozenset({P.ADMIN})

    @property
    def peran(self) -> frozenset[str]:
        return self.value


def boleh(user, izin: Izin) -> bool:
    return bool(user.is_authenticated and user.is_active and user.peran in izin.peran)


def perlu_izin(izin: Izin) -> Callable:
    """Login required (anonymous → login page), then the role must hold `izin` (else 403)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not boleh(request.user, izin):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.izin = izin
        return wrapper

    return decorator
