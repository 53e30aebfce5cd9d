"""The office's accounts, kept by its Admin: create, edit, deactivate, reset a password or
the second factor. Every change is in the audit trail (auditlog tracks User; the password
and second-factor events are announced on `akun.signals.keamanan_akun`, without the secrets,
and jejak records them).

What touches an Admin's or a Kabapas's account (`akun.persetujuan.aturan`) is refused here
and goes through `akun.persetujuan.services` instead: it is applied only once a second
person approves, with `buat_disetujui`, `ubah_disetujui` and `setel_hash_sandi` below.

Apps above akun say why an account may not be deactivated yet (klien: a PK who still has
running clients) with `@pemeriksa_nonaktif`, registered in their AppConfig.ready(); akun
never imports them.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import PERAN_KANTOR, User
from ..persetujuan.aturan import PERAN_PEKA, PESAN_PERLU_PERSETUJUAN, perubahan_peka
from ..persetujuan.models import JenisPerubahan
from ..persetujuan.pemberitahuan import beri_tahu
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


def buat_disetujui(*, unit, data: dict, sandi_hash: str) -> User:
    """Make the account (no approval check: for `pengguna_buat` and akun.persetujuan, inside
    their transaction)."""
    user = User(unit=unit)
    _terapkan(user, data)
    user.password = sandi_hash
    user.save()
    return user


@transaction.atomic
def pengguna_buat(*, unit, data: dict, sandi: str) -> User:
    """A new account of `unit` with one of the office roles and its initial password (the
    creation itself is auditlog's entry; the password never is). An Admin or Kabapas
    account is made only on approval (akun.persetujuan)."""
    if data.get("peran") in PERAN_PEKA:
        raise ValidationError({"peran": PESAN_PERLU_PERSETUJUAN})
    user = User(unit=unit)
    user.set_password(sandi)
    return buat_disetujui(unit=unit, data=data, sandi_hash=user.password)


def periksa_aturan_ubah(user: User, *, oleh: User, data: dict) -> None:
    """The rules of an edit by `oleh`: nobody changes their own role or deactivates
    themselves; a deactivation is refused while another app still needs the account."""
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


def periksa_isian(user: User | None, *, unit, data: dict) -> None:
    """The values of `data` are valid for this account (or a new one), checked on a copy:
    nothing is saved, the caller's instance is left as it is."""
    salinan = User.objects.get(pk=user.pk) if user is not None else User(unit=unit)
    _terapkan(salinan, data)


def _simpan_ubah(user: User, data: dict) -> User:
    _terapkan(user, data)
    user.save(update_fields=[n for n in FIELD_PENGGUNA if n in data])
    return user


def ubah_disetujui(*, pengguna: User, oleh: User, data: dict) -> User:
    """An approved edit (akun.persetujuan, inside its transaction): the rules again, against
    the account as it is now, on behalf of the Admin who asked (`oleh`)."""
    user = User.objects.select_for_update().get(pk=pengguna.pk)
    periksa_aturan_ubah(user, oleh=oleh, data=data)
    return _simpan_ubah(user, data)


@transaction.atomic
def pengguna_ubah(*, pengguna: User, oleh: User, data: dict) -> User:
    """Edit an account of the office. Nobody changes their own role or deactivates
    themselves; a deactivation is refused while another app still needs the account; a
    change of role or status of an Admin or Kabapas waits for approval (akun.persetujuan)."""
    user = User.objects.select_for_update().get(pk=pengguna.pk)
    periksa_aturan_ubah(user, oleh=oleh, data=data)
    peka = perubahan_peka(user, data)
    if peka:
        raise ValidationError(dict.fromkeys(peka, PESAN_PERLU_PERSETUJUAN))
    return _simpan_ubah(user, data)


def setel_hash_sandi(*, user, sandi_hash: str, aksi: str, request=None, **data) -> None:
    """Set an already hashed password and announce it (no approval check: for
    `kata_sandi_setel` and akun.persetujuan, inside their transaction)."""
    user.password = sandi_hash
    user.save(update_fields=["password"])
    umumkan_keamanan(request=request, user=user, aksi=aksi, **data)


@transaction.atomic
def kata_sandi_setel(*, user, sandi: str, aksi: str, request=None) -> None:
    """A new password: the user's own change (`aksi="kata_sandi_diganti"`) or an Admin's
    reset for a user who forgot theirs (`"kata_sandi_direset"`). The user's other sessions
    end (the session hash changes); the event, not the password, goes to the trail. A reset
    of an Admin's or Kabapas's password waits for approval (akun.persetujuan); every reset
    is told to its owner at their next login."""
    pelaku = _pelaku(request)
    sendiri = aksi == "kata_sandi_diganti"
    if sendiri and pelaku is not None and pelaku.pk != user.pk:
        raise ValueError("kata_sandi_diganti is the owner's own change")
    if not sendiri and user.peran in PERAN_PEKA:
        raise ValidationError(PESAN_PERLU_PERSETUJUAN)
    user.set_password(sandi)
    setel_hash_sandi(user=user, sandi_hash=user.password, aksi=aksi, request=request)
    if not sendiri:
        beri_tahu(user=user, jenis=JenisPerubahan.KATA_SANDI, diminta_oleh=pelaku)


def _pelaku(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
