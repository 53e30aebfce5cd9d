"""The office's accounts, kept by its Admin: create, edit, deactivate, reset a password or
the second factor. Every change is in the audit trail (auditlog tracks User; the password
and second-factor events are written explicitly, without the secrets).

Apps above akun say why an account may not be deactivated yet (klien: a PK who still has
running clients) with `@pemeriksa_nonaktif`, registered in their AppConfig.ready(); akun
never imports them.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from jejak.models import Peristiwa
from jejak.services import catat_peristiwa

Pemeriksa = Callable[[object], str | None]
_PEMERIKSA: list[Pemeriksa] = []


def pemeriksa_nonaktif(fungsi: Pemeriksa) -> Pemeriksa:
    """Register `(user) -> reason or None`: a reason keeps the account active."""
    if fungsi not in _PEMERIKSA:
        _PEMERIKSA.append(fungsi)
    return fungsi


def alasan_tetap_aktif(user) -> list[str]:
    return [alasan for periksa in _PEMERIKSA if (alasan := periksa(user))]


@transaction.atomic
def pengguna_simpan(*, form, request=None):
    """Save the account from a valid PenggunaForm; a deactivation is refused while another
    app still needs the account (the form gets the reasons)."""
    user = form.instance
    if user.pk and not user.is_active and form.initial.get("is_active", True):
        alasan = alasan_tetap_aktif(user)
        if alasan:
            raise ValidationError({"is_active": alasan})
    user = form.save(commit=False)
    if user.pk is None:  # the creation itself is auditlog's entry; the password never is
        form.set_password_and_save(user, commit=False)
    user.save()
    return user


@transaction.atomic
def kata_sandi_setel(*, user, sandi: str, aksi: str, request=None) -> None:
    """A new password: the user's own change (`aksi="kata_sandi_diganti"`) or an Admin's
    reset for a user who forgot theirs (`"kata_sandi_direset"`). The user's other sessions
    end (the session hash changes); the event, not the password, goes to the trail."""
    user.set_password(sandi)
    user.save(update_fields=["password"])
    catat_peristiwa(Peristiwa.KEAMANAN, request=request, objek=user, data={"aksi": aksi})
