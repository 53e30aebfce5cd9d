"""Production: every secret and host from the environment; refuses to start without them."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import OTP_KUNCI_TERBUKA, OTP_WAJIB_PERAN, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY harus diisi dari environment (minimal 50 karakter acak) untuk produksi."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS harus diisi dari environment untuk produksi.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Two-step verification: ADMIN and KABAPAS always; the environment may add roles, never drop these.
OTP_WAJIB_PERAN = tuple(dict.fromkeys(("ADMIN", "KABAPAS", *OTP_WAJIB_PERAN)))

# The second factor's secrets are encrypted with a key that is not in the database (SECURITY.md).
OTP_KUNCI_ENKRIPSI = [
    k.strip() for k in env.list("OTP_KUNCI_ENKRIPSI", default=[]) if k.strip()
]  # stripped as akun.otp.rahasia strips them: " <published key>" is the published key


def _kunci_fernet(kunci: str) -> bool:
    try:
        Fernet(kunci)
    except (ValueError, TypeError):
        return False
    return kunci not in OTP_KUNCI_TERBUKA


if not OTP_KUNCI_ENKRIPSI or not all(_kunci_fernet(k) for k in OTP_KUNCI_ENKRIPSI):
    raise ImproperlyConfigured(
        "OTP_KUNCI_ENKRIPSI harus diisi dari environment untuk produksi: kunci Fernet acak "
        "(Fernet.generate_key() dari pustaka cryptography), dipisah koma, yang terbaru dulu."
    )

# Behind a TLS-terminating reverse proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
for _db in DATABASES.values():  # noqa: F405 (the primary, and the replica when configured)
    _db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    _db["CONN_HEALTH_CHECKS"] = True

# The base configuration (every handler masks personal data, bapas.log), quieter by default.
LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
