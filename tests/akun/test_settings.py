"""Production settings refuse to start without secrets; check --deploy is clean."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

PROD_OK = {
    "SECRET_KEY": "x" * 20 + "-uji-kunci-rahasia-yang-cukup-panjang-untuk-produksi-0123456789",
    "ALLOWED_HOSTS": "bapas.example.go.id",
    "OTP_KUNCI_ENKRIPSI": Fernet.generate_key().decode(),
}


def _manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("SECRET_KEY", "ALLOWED_HOSTS", "OTP_KUNCI_ENKRIPSI", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "bapas.settings.prod", **env_extra})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env_extra", "pesan"),
    [
        ({"ALLOWED_HOSTS": "bapas.example.go.id"}, "SECRET_KEY"),
        ({"SECRET_KEY": PROD_OK["SECRET_KEY"]}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "pendek", "ALLOWED_HOSTS": "x.go.id"}, "SECRET_KEY"),
    ],
)
def test_produksi_menolak_tanpa_rahasia_dan_host(env_extra, pesan):
    hasil = _manage("check", env_extra=env_extra)
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
    assert pesan in hasil.stderr


def test_check_deploy_bersih():
    hasil = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PROD_OK)
    assert hasil.returncode == 0, hasil.stderr
    assert "no issues" in hasil.stdout


def test_pengaturan_dasar():
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "id"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.AUTH_USER_MODEL == "akun.User"


def test_hasher_produksi_argon2():
    from bapas.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_log_akses_gunicorn_tanpa_query_string():
    """A NIK or name searched for travels in the query string; the access log leaves it out."""
    import runpy

    from django.conf import settings

    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    fmt = conf["access_log_format"]
    assert "%(U)s" in fmt
    for bocor in ("%(r)s", "%(q)s", "%(f)s", "%(u)s"):
        assert bocor not in fmt
