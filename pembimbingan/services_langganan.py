"""A user's private calendar subscription (TokenKalender): the key is made, shown once and
revoked here. Only the key's SHA-256 digest is stored; creation and revocation reach the
audit trail through django-auditlog (the model is registered without its digest)."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from akun.models import User

from .models import TokenKalender

# `terakhir_dipakai` is written at most this often: a calendar app polls every few minutes,
# and one write per poll would only say what one write an hour says.
CATAT_PAKAI_SETIAP = datetime.timedelta(hours=1)


def sidik_kunci(kunci: str) -> str:
    """The stored form of a key: its SHA-256 digest in hex. A key of 256 random bits needs
    no salt or slow hash: nobody can guess it, so the digest only keeps a copy of the
    database from being a list of working URLs."""
    return hashlib.sha256(kunci.encode()).hexdigest()


def token_aktif(user: User) -> TokenKalender | None:
    return TokenKalender.objects.filter(user=user, dicabut_pada__isnull=True).first()


def _kunci_pengguna(user: User) -> None:
    """Two requests of one user (a double tap) take turns: the second sees the first's key
    and revokes it, instead of both inserting an active key (the unique index would refuse
    the second with an error)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


def _cabut(token: TokenKalender, waktu: datetime.datetime) -> None:
    token.dicabut_pada = waktu
    token.save(update_fields=["dicabut_pada"])  # one by one: the trail sees the change


@transaction.atomic
def kalender_buat_kunci(*, user: User) -> str:
    """A new subscription key for `user`; the active one (if any) is revoked first. Returns
    the key itself, which is not stored: the caller shows it once."""
    _kunci_pengguna(user)
    sekarang = timezone.now()
    lama = token_aktif(user)
    if lama is not None:
        _cabut(lama, sekarang)
    kunci = secrets.token_urlsafe(32)
    TokenKalender.objects.create(user=user, sidik=sidik_kunci(kunci), dibuat_pada=sekarang)
    return kunci


@transaction.atomic
def kalender_cabut(*, user: User) -> bool:
    """Revoke the user's active key: its URL answers 404 from now on. False when there was
    none (a second tap on "stop")."""
    _kunci_pengguna(user)
    token = token_aktif(user)
    if token is None:
        return False
    _cabut(token, timezone.now())
    return True


def kalender_tandai_dipakai(*, token: TokenKalender) -> None:
    """Note that the feed was fetched, at most once per `CATAT_PAKAI_SETIAP`. One UPDATE
    without the model's save: bookkeeping, not a change for the audit trail."""
    sekarang = timezone.now()
    if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai >= CATAT_PAKAI_SETIAP:
        TokenKalender.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
        token.terakhir_dipakai = sekarang
