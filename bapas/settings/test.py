"""Test settings: fast hashing, plain static storage, in-memory SQLite unless DATABASE_URL."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, OTP_KUNCI_TERBUKA, env, tanpa_jit

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OTP_KUNCI_ENKRIPSI = [OTP_KUNCI_TERBUKA[1]]  # fixed: tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": tanpa_jit(env.db("DATABASE_URL"))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"]},
}
# Static files straight from the finders (no collectstatic in tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
