"""Small checks every app's services make on what they are given.

A service refuses a field it does not take (a programming error, not a user's: a ValueError),
a required text left empty, or a date in the future or before the date it must follow (the
user's: a ValidationError keyed by the field, in Indonesian)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def tolak_kunci_asing(data: dict, boleh) -> None:
    """A caller passing a field the service sets itself (unit, status, author...) or one the
    model does not have."""
    lain = set(data) - set(boleh)
    if lain:
        raise ValueError(f"not accepted here: {sorted(lain)}")


def wajib_diisi(**isian: str | datetime.date | None) -> None:
    """Every named value given: a text not empty nor only spaces, a date not None; else one
    message per empty field."""
    kosong = {
        f: _("Wajib diisi.")
        for f, nilai in isian.items()
        if nilai is None or (isinstance(nilai, str) and not nilai.strip())
    }
    if kosong:
        raise ValidationError(kosong)


def tanggal_dalam_batas(
    field: str, tanggal: datetime.date, *, paling_awal: datetime.date, pesan
) -> None:
    """Not in the future, and not before `paling_awal` (`pesan` says why, on `field`)."""
    if tanggal > timezone.localdate():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})
    if tanggal < paling_awal:
        raise ValidationError({field: pesan})
