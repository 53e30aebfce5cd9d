"""The office's accounts, kept by its Admin: create, edit, deactivate, reset a password or
the second factor. Every change is in the audit trail (auditlog tracks User; the password
and second-factor events are announced on `akun.signals.keamanan_akun`, without the secrets,
and jejak records them).

Apps above akun say why an account may not be deactivated yet (klien: a PK who still has
running clients) with `@pemeriksa_nonaktif`, registered in their AppConfig.ready(); akun
never imports them.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import PERAN_KANTOR, User
from ..signals import umumkan_keamanan

Pemeriksa = Callable[[object], str | None]
_PEMERIKSA: list[Pemeriksa] = []


def pemeriksa_nonaktif(fungsi: Pemeriksa) -> Pemeriksa:
    """Register `(user) -> reason or None`: a reason keeps the account active."""
    if fungsi not in _PEMERIKSA:
        _PEMERIKSA.append(fungsi)
    return fungsi


def alasan_tetap_aktif(user) -> list[str]:
    return [alasan for periksa in _PEMERIKSA if (alasan := periksa(user))]


FIELD_PENGGUNA = ("username", "first_name", "last_name", "nip", "email", "peran", "is_active")


def _terapkan(user: User, data: dict) -> None:
    for nama, nilai in data.items():
        if nama not in FIELD_PENGGUNA:
            raise ValueError(nama)
        setattr(user, nama, nilai)
    if user.peran not in PERAN_KANTOR:
        raise ValidationError({"peran": _("Pilih salah satu peran kantor.")})
    user.full_clean(exclude=["password"])


@transaction.atomic
def pengguna_buat(*, unit, data: dict, sandi: str) -> User:
    """A new account of `unit` with one of the office roles and its initial password (the
    creation itself is auditlog's entry; the password never is)."""
    user = User(unit=unit)
    _terapkan(user, data)
    user.set_password(sandi)
    user.save()
    return user


@transaction.atomic
def pengguna_ubah(*, pengguna: User, oleh: User, data: dict) -> User:
    """Edit an account of the office. Nobody changes their own role or deactivates
    themselves; a deactivation is refused while another app still needs the account."""
    user = User.objects.select_for_update().get(pk=pengguna.pk)
    if user.pk == oleh.pk:
        for nama in ("peran", "is_active"):
            if nama in data and data[nama] != getattr(user, nama):
                raise ValidationError(
                    {nama: _("Peran dan status akun sendiri diubah oleh Admin lain.")}
                )
    if user.is_active and data.get("is_active", True) is False:
        alasan = alasan_tetap_aktif(user)
        if alasan:
            raise ValidationError({"is_active": alasan})
    _terapkan(user, data)
    user.save(update_fields=[n for n in FIELD_PENGGUNA if n in data])
    return user


@transaction.atomic
def kata_sandi_setel(*, user, sandi: str, aksi: str, request=None) -> None:
    """A new password: the user's own change (`aksi="kata_sandi_diganti"`) or an Admin's
    reset for a user who forgot theirs (`"kata_sandi_direset"`). The user's other sessions
    end (the session hash changes); the event, not the password, goes to the trail."""
    user.set_password(sandi)
    user.save(update_fields=["password"])
    umumkan_keamanan(request=request, user=user, aksi=aksi)
