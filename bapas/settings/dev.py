"""Local development: DEBUG on, an SQLite file unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import OTP_KUNCI_TERBUKA, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 (local disk, or the bucket when S3_BUCKET is set)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A fixed key for development databases only (never for real secrets).
OTP_KUNCI_ENKRIPSI = env.list("OTP_KUNCI_ENKRIPSI", default=[OTP_KUNCI_TERBUKA[0]])
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
