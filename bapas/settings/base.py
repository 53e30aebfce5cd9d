"""Settings shared by every environment; values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "akun",
    "jejak",
    "pekerjaan",
    "wilayah",
    "klien",
    "pokmas",
    "pembimbingan",
    "pengawasan",
    "kerjasosial",
    "laporan",
]

MIDDLEWARE = [
    # the database out of reach: 503, not 500 (its exceptions from other middleware: handler500)
    "bapas.basisdata.BasisDataTakTerjangkauMiddleware",
    # reports read the primary for a while after the user's own write (with a replica only)
    "inti.replika.ReplikaLengketMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jejak.middleware.JejakMiddleware",
    "akun.middleware.WajibOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "akun.middleware.BatasSesiMiddleware",
    "akun.middleware.ZonaWaktuUnitMiddleware",
    "akun.middleware.TanpaCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bapas.urls"
WSGI_APPLICATION = "bapas.wsgi.application"
ASGI_APPLICATION = "bapas.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "akun.context_processors.navigasi",
            ],
            # the error summary of long forms: {% load galat %}{% ringkasan_galat form %}
            "libraries": {"galat": "inti.galat"},
        },
    },
]


def tanpa_jit(db: dict) -> dict:
    """PostgreSQL's JIT compiles a query when its estimated cost is high; for this
    application's queries (an office's or the country's figures: tens to hundreds of
    milliseconds) compiling costs more than it saves: 196 ms of JIT for 85 ms of work on the
    dashboard's outcome query (bench/README.md). Off for the application's connections; an
    analyst's own session keeps the server's setting."""
    if "postgresql" in db.get("ENGINE", ""):
        opsi = db.setdefault("OPTIONS", {})
        opsi["options"] = f"{opsi.get('options', '')} -c jit=off".strip()
    return db


# SQLite file for development; DATABASE_URL=postgres://... for PostgreSQL (production).
DATABASES = {
    "default": tanpa_jit(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Development's SQLite file is shared by the web server and the background worker
    # (`make run`): write-ahead logging lets pages read while a job writes, a write waits
    # for the other's (up to 20 s) instead of failing, and a transaction takes the write
    # lock when it begins, so two never deadlock upgrading from a read.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL"
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A persistent connection (CONN_MAX_AGE > 0) is checked before a request reuses it, so that
# one a PostgreSQL restart broke is replaced instead of failing the request (bapas.basisdata;
# bench/db_restart.py). Without persistent connections there is nothing to check.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica of the primary for the reports (inti.replika; README, "Production"):
# with DATABASE_REPLIKA_URL set, the dashboard, the monthly and regional reports and the large
# exports read from it (bapas.router), the rest from the primary. Its connections are made
# like the primary's; a test run mirrors it onto the test database.
if env("DATABASE_REPLIKA_URL", default=""):
    DATABASES["replika"] = tanpa_jit(env.db("DATABASE_REPLIKA_URL"))
    DATABASES["replika"].update(
        ATOMIC_REQUESTS=False,
        CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"],
        CONN_HEALTH_CHECKS=True,
        TEST={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["bapas.router.RouterReplika"]  # everything to the primary without a replica
# After a request that may write, the user's reports read the primary for this many seconds.
REPLIKA_LENGKET_DETIK = env.int("REPLIKA_LENGKET_DETIK", default=60)
# A replica further behind than this is not read (the primary is instead) ...
REPLIKA_JEDA_MAKS_DETIK = env.float("REPLIKA_JEDA_MAKS_DETIK", default=10.0)
# ... as measured at most this often per process (no lag query on every request).
REPLIKA_PERIKSA_DETIK = env.float("REPLIKA_PERIKSA_DETIK", default=5.0)
# A user reads the replica again only once it has replayed their last write: it is then at
# most JEDA_MAKS + PERIKSA behind, so the pin must outlast that.
if REPLIKA_LENGKET_DETIK <= REPLIKA_JEDA_MAKS_DETIK + REPLIKA_PERIKSA_DETIK:
    raise ImproperlyConfigured(
        "REPLIKA_LENGKET_DETIK harus lebih besar dari REPLIKA_JEDA_MAKS_DETIK + "
        "REPLIKA_PERIKSA_DETIK."
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "akun.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "akun.backends.UnitAwareBackend",
]
LOGIN_URL = "akun:login"
LOGIN_REDIRECT_URL = "akun:beranda"
LOGOUT_REDIRECT_URL = "akun:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Third-party assets are served straight from the npm install (package-lock.json), never copied.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]


def penyimpanan_dokumen(env: environ.Env) -> dict:
    """STORAGES["default"], for uploaded documents: local disk under MEDIA_ROOT, or an
    S3-compatible bucket when S3_BUCKET is set (README, "Documents on object storage").
    Credentials are not settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    from the environment, or the instance's role. The objects are private (no ACL is sent,
    so the bucket's own policy applies; presigned URLs only, and no view hands one out:
    every download is streamed through a view that checks permissions)."""
    bucket = env("S3_BUCKET", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    enkripsi = env("S3_SERVER_SIDE_ENCRYPTION", default="AES256")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "region_name": env("S3_REGION", default="") or None,
            "addressing_style": env("S3_ADDRESSING_STYLE", default="") or None,
            "location": env("S3_LOCATION", default="").strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": enkripsi} if enkripsi else {},
            # a download is buffered in memory up to 2 MB, then in a temporary file
            "max_memory_size": 2 * 1024 * 1024,
        },
    }


STORAGES = {
    "default": penyimpanan_dokumen(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded documents (PKS agreements, imports) live outside the web root (or in the bucket)
# and are served only through views that check permissions.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/berkas/"
# Request size (issue 10). The largest legitimate request is a PKS document (at most 5 MB,
# pokmas.forms) with its form: the whole body may be 6 MB, refused before it is read
# (inti.unggahan) with the 413 page; the reverse proxy enforces the same (README). An
# import file (at most 2 MB, klien.impor) stays in memory; a larger upload goes to a
# temporary file. Form fields without the files: 1 MB, 1,000 fields, 5 files at most.
UKURAN_PERMINTAAN_MAKS = 6 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "inti.unggahan.BatasUnggahanHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions: 30 minutes idle (the expiry moves with every request), 12 hours at most since
# login (akun.middleware.BatasSesiMiddleware), and gone with the browser.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_BATAS_MUTLAK = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: only our own origin; no inline scripts or styles anywhere.
# (Bootstrap's CSS draws some icons from data: URIs, hence img-src data:.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Login lockout (django-axes): 5 failures for one username from one address lock that pair
# for 15 minutes. Keyed on the pair, so an attacker elsewhere cannot lock a user out, and
# further failures during the lockout do not extend it, so nobody is locked out forever.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "akun/terkunci.html"
# The client's address (for the lockout and the trail): REMOTE_ADDR, or, behind
# AXES_IPWARE_PROXY_COUNT trusted reverse proxies (1 behind one), the entry the nearest proxy
# appended to X-Forwarded-For; inti.alamat says why axes' own ipware lookup is not used.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "inti.alamat.alamat_klien"
AXES_SENSITIVE_PARAMETERS = ["password"]

# Two-step verification (django-otp, TOTP apps with recovery codes). Roles listed here must
# use it in every office; an office may add roles of its own (Unit.peran_wajib_otp).
# Production always requires ADMIN and KABAPAS (prod.py); development and tests require none.
OTP_WAJIB_PERAN = tuple(
    p.strip().upper() for p in env.list("OTP_WAJIB_PERAN", default=[]) if p.strip()
)
OTP_TOTP_ISSUER = "Bapas"
# The keys that encrypt the authenticator secrets and hash the recovery codes at rest
# (akun.otp.rahasia): Fernet keys, comma-separated, the first encrypts, all decrypt (key
# rotation: SECURITY.md). Kept out of the database and its backups. Production refuses to
# start without one (prod.py); development has a fixed default (dev.py), tests another.
OTP_KUNCI_ENKRIPSI = env.list("OTP_KUNCI_ENKRIPSI", default=[])
# Keys published in this repository (development's default, the tests'): production
# refuses them.
OTP_KUNCI_TERBUKA = (
    "21uExXdv5pS24fgQHAmQT9S6yBpJqfBx63BpaTpMLR0=",  # dev.py
    "uc7FgOKgAIA6gM7B7ISnd6fBywzB52uzmPQ0Pvd0Gqw=",  # test.py
)

# Audit trail (django-auditlog, written into jejak.JejakAudit). Every model holding office
# data is listed here; tests/jejak/test_jejak.py fails when a new one is left out.
AUDITLOG_LOGENTRY_MODEL = "jejak.JejakAudit"
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    # otp_aktif follows the device rows; each change is its own security event already
    {"model": "akun.user", "exclude_fields": ["password", "last_login", "otp_aktif"]},
    {"model": "akun.unit", "m2m_fields": ["wilayah_kerja"]},
    "akun.kanwil",
    # a second person's approval of an Admin's or Kabapas's account change; the new
    # password's hash stays out of the trail
    {"model": "akun.permintaanperubahanakun", "exclude_fields": ["sandi_hash"]},
    "akun.pemberitahuanakun",
    # enrolment, confirmation and removal of a second factor; never its secrets, and not
    # every use (each verification moves counters: the security events say what matters)
    {"model": "akun.perangkattotp", "include_fields": ["name", "confirmed"]},
    {"model": "akun.perangkatkodecadangan", "include_fields": ["name", "confirmed"]},
    {"model": "wilayah.kecamatan", "include_fields": ["waktu_tempuh_menit", "keterangan_tempuh"]},
    {"model": "klien.klien", "exclude_fields": ["diubah_pada"]},
    "klien.riwayatstatus",
    "klien.pengalihanpk",
    "klien.peristiwaresidivisme",
    "klien.indikatorreintegrasi",
    "klien.usulanpencabutan",
    "klien.lembagaasal",
    "pokmas.mitra",
    "pokmas.riwayatstatusmitra",
    "pokmas.layananmitra",
    "pokmas.perjanjiankerjasama",
    "pembimbingan.program",
    "pembimbingan.sumberdaya",
    "pembimbingan.peserta",
    {"model": "pembimbingan.sesi", "exclude_fields": ["versi"]},
    # attendance is saved in bulk: pembimbingan.services writes its entries itself
    # (jejak.massal), in the same shape as auditlog's
    "pembimbingan.kehadiran",
    "pembimbingan.poslayanan",
    # a client's reporting schedule (who set it and when: the entry itself)
    "pembimbingan.jadwallapor",
    # registrations for an outreach day are saved in bulk too (pembimbingan.services_pos)
    "pembimbingan.pendaftaranpos",
    # a calendar subscription made and revoked; never the key's digest, and not every
    # fetch (terakhir_dipakai is bookkeeping, written by a plain UPDATE)
    {"model": "pembimbingan.tokenkalender", "include_fields": ["user", "dicabut_pada"]},
    # pidana pengawasan: the order, its conditions and their history, the PK's considerations
    "pengawasan.pidanapengawasan",
    "pengawasan.syaratpengawasan",
    "pengawasan.riwayatsyarat",
    "pengawasan.pertimbanganpk",
    # pidana kerja sosial: the sites, a client's order and each day's hours
    "kerjasosial.lokasikerjasosial",
    "kerjasosial.putusankerjasosial",
    "kerjasosial.jamkerjasosial",
)

# Error reports (mail, logs) never carry request bodies, query strings or frame variables:
# they may hold NIKs, names and case details (UU PDP). See bapas/pelaporan.py.
DEFAULT_EXCEPTION_REPORTER_FILTER = "bapas.pelaporan.PenyaringLaporanGalat"
DEFAULT_EXCEPTION_REPORTER = "bapas.pelaporan.PelaporGalat"

# Demo accounts share one password, development only (see README).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="bapas-demo-2026")
# Retention (UU PDP Pasal 42-44): days after a client's guidance ended before their personal
# data is anonymised (manage.py retensi_klien). Set it to the office's archive retention
# schedule ("Jadwal Retensi Arsip"); the default of five years is only a placeholder.
RETENSI_KLIEN_HARI = env.int("RETENSI_KLIEN_HARI", default=5 * 365)
# The daily retention job (klien.latar_retensi) only lists what is due until the office has
# checked that list and turns this on; then it anonymises them.
RETENSI_OTOMATIS = env.bool("RETENSI_OTOMATIS", default=False)

# Every handler carries the `tanpa_data_pribadi` filter (bapas.log): NIK-like numbers and
# PostgreSQL's row details are masked in messages and tracebacks. Django's own "django"
# and "django.server" loggers are redefined here so that their handlers (the mail to
# ADMINS, runserver's request log) carry it too; tests/keamanan checks every handler.
# Background jobs (README, "Background jobs"): django-tasks' database backend, the queue in
# this application's own database (SQLite or PostgreSQL: no new server); `manage.py pekerja`
# runs them. A job of ours is a `pekerjaan.Pekerjaan` around its task.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# attempts of a job whose database went away, or whose worker stopped, before it fails
PEKERJAAN_PERCOBAAN_MAKS = env.int("PEKERJAAN_PERCOBAAN_MAKS", default=3)
# SQLite only (PostgreSQL knows a dead worker by its lock): a job silent this long is stuck
PEKERJAAN_MACET_DETIK = env.int("PEKERJAAN_MACET_DETIK", default=900)
# finished jobs, with their files (an export holds personal data), are kept this many days
PEKERJAAN_SIMPAN_HARI = env.int("PEKERJAAN_SIMPAN_HARI", default=30)
# A client export of more rows than this is made by a background job (klien.latar) rather
# than sent at once; at or under it, the download is immediate.
EKSPOR_LATAR_AMBANG = env.int("EKSPOR_LATAR_AMBANG", default=5000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "tanpa_data_pribadi": {"()": "bapas.log.PenyaringLog"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["tanpa_data_pribadi"]},
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "tanpa_data_pribadi"],
        },
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["require_debug_true", "tanpa_data_pribadi"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # propagates to the root's console; mails errors to ADMINS when DEBUG is off
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # WeasyPrint announces each rendering step at INFO: only its warnings and errors
        "weasyprint": {"level": "WARNING"},
    },
}
