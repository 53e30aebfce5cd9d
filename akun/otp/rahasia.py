"""The second factor's secrets at rest: TOTP keys encrypted, recovery codes hashed.

A database dump (a backup, a replica, a stolen disk) must not be enough to forge a second
factor. The keys come from the environment (`settings.OTP_KUNCI_ENKRIPSI`, a list of Fernet
keys from the `cryptography` library: the first encrypts, every one decrypts), never from
the database:

- a TOTP secret is encrypted with Fernet (AES-128-CBC + HMAC-SHA256, a fresh IV each save)
  in `RahasiaTerenkripsiField`; the model sees the plain hex key, the column only the token;
- a recovery code is only ever compared for equality, so it is stored as an HMAC-SHA256
  under a key derived from the Fernet key (`sidik`), prefixed with that key's id so that a
  rotation can tell which codes still hang on an old key.

Rotation (SECURITY.md): put a new key first, keep the old ones after it, run
`manage.py enkripsi_ulang_otp`; drop an old key once no recovery codes depend on it.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class KunciTidakCocok(ImproperlyConfigured):
    """A stored secret that none of the configured keys opens: the key list lost a key
    that is still needed (see SECURITY.md, key rotation)."""


def periksa_kunci(kunci: list[str] | tuple[str, ...]) -> list[str]:
    """The problems of a key list (empty when it is usable): at least one key, each a
    Fernet key (32 random bytes, url-safe base64; `Fernet.generate_key()`)."""
    if not kunci:
        return ["OTP_KUNCI_ENKRIPSI kosong."]
    salah = []
    for i, k in enumerate(kunci, start=1):
        try:
            Fernet(k)
        except (ValueError, TypeError):
            salah.append(f"OTP_KUNCI_ENKRIPSI ke-{i} bukan kunci Fernet (32 bait, base64).")
    return salah


def _daftar_kunci() -> tuple[str, ...]:
    kunci = tuple(k.strip() for k in settings.OTP_KUNCI_ENKRIPSI if k.strip())
    masalah = periksa_kunci(kunci)
    if masalah:
        raise ImproperlyConfigured(" ".join(masalah))
    return kunci


@lru_cache(maxsize=4)
def _fernet(kunci: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k) for k in kunci])


@lru_cache(maxsize=16)
def _kunci_sidik(kunci: str) -> tuple[str, bytes]:
    """(id, HMAC key) derived from one Fernet key with HKDF: the recovery-code hashes never
    use the encryption key itself."""
    turunan = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"bapas otp kode cadangan"
    ).derive(kunci.encode())
    return hashlib.sha256(turunan).hexdigest()[:8], turunan


def enkripsi(teks: str) -> str:
    return _fernet(_daftar_kunci()).encrypt(teks.encode()).decode()


def dekripsi(token: str) -> str:
    try:
        return _fernet(_daftar_kunci()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise KunciTidakCocok(
            "Rahasia OTP tidak dapat dibuka dengan OTP_KUNCI_ENKRIPSI yang terpasang."
        ) from None


def _sidik_dengan(kunci: str, kode: str) -> str:
    ident, rahasia = _kunci_sidik(kunci)
    return f"{ident}${hmac.new(rahasia, kode.encode(), hashlib.sha256).hexdigest()}"


def sidik(kode: str) -> str:
    """A recovery code as stored: HMAC-SHA256 under the current key, with the key's id."""
    return _sidik_dengan(_daftar_kunci()[0], kode)


def sidik_semua(kode: str) -> list[str]:
    """The code's hash under every configured key (a code made before a rotation)."""
    return [_sidik_dengan(k, kode) for k in _daftar_kunci()]


def id_kunci_sekarang() -> str:
    return _kunci_sidik(_daftar_kunci()[0])[0]


class RahasiaTerenkripsiField(models.TextField):
    """Plain text in Python, a Fernet token in the database. Only equality of the plain
    value is meaningful, and it cannot be queried (each encryption differs)."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else dekripsi(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else enkripsi(value)
