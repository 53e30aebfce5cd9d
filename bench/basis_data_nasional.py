"""The benchmarks' national-size PostgreSQL database, shared by bench/laporan.py and
bench/beban.py (Django set up first): DATABASE_URL's database, which must be named as a
bench one (it may be dropped), created when missing, migrated, and filled by
`manage.py data_sintetis` when it holds no office; `isi_ulang` drops and fills it anew."""

import sys

import psycopg2
from django.conf import settings
from django.core.management import call_command


def siapkan(*, isi_ulang: bool, skala: float) -> bool:
    """Ready the database; True when it was filled now (False: an earlier fill reused)."""
    from akun.models import Unit

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("This benchmark is for PostgreSQL: set DATABASE_URL=postgres://...")
    if "bench" not in db["NAME"]:
        sys.exit(
            f"The benchmark may drop its database: {db['NAME']!r} is not named as a bench one."
        )
    c = psycopg2.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres"
    )
    c.autocommit = True
    with c.cursor() as cur:
        if isi_ulang:
            cur.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{db["NAME"]}"')
    c.close()
    call_command("migrate", verbosity=0)
    if Unit.objects.exists():
        return False
    call_command("data_sintetis", skala=skala)
    return True
