"""Shared fixtures: the same people in every test.

Two offices (`unit`, `unit_lain`); in `unit`: two PKs (`pk`, `pk_lain`), `kasi`, `kabapas`,
`admin_unit`; in `unit_lain`: `kasi_lain`; and `kanwil`, who sees both only in aggregate.

`make test` runs the suite in parallel (pytest-xdist): each worker has its own test database
and, below, its own MEDIA_ROOT, so no two tests share a file. Every Hypothesis test is
marked `slow` here (the browser tests in tests/browser/conftest.py, the crawl in its module).
"""

import os

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import is_hypothesis_test

from akun.models import Peran
from tests.demo_snapshot import muat_demo
from tests.factories import KanwilFactory, UnitFactory, UserFactory

# Sync Playwright runs an event loop in the test thread; the ORM calls beside it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if isinstance(item, pytest.Function) and is_hypothesis_test(item.obj):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def bahasa_bawaan():
    """Every test starts in the default language: a request in another one (a language cookie)
    leaves it active in the thread after the response, for the next test's messages."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def media_per_sesi(tmp_path_factory):
    """Uploaded files (the demo's PKS documents) go to this session's own temporary directory
    (one per xdist worker), never to a directory another run or worker writes to."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def demo(db):
    """The demo offices, accounts and caseloads (30 clients per office), as `jalankan_demo`
    returns them: loaded once per process, then restored from a snapshot
    (tests/demo_snapshot.py). Restoring replaces every row, so list `demo` before any
    fixture that writes rows. With `live_server` the test is transactional (committed rows);
    pytest-django runs the `db` tests first, so one of them usually makes the snapshot."""
    return muat_demo(30)


@pytest.fixture
def kanwil_bali(db):
    return KanwilFactory()


@pytest.fixture
def unit(kanwil_bali):
    return UnitFactory(nama="Bapas Kelas II Karangasem", kanwil=kanwil_bali)


@pytest.fixture
def unit_lain(kanwil_bali):
    return UnitFactory(nama="Bapas Kelas I Denpasar", kelas="I", kanwil=kanwil_bali)


@pytest.fixture
def pk(unit):
    return UserFactory(username="pk-uji", peran=Peran.PK, unit=unit)


@pytest.fixture
def pk_lain(unit):
    return UserFactory(username="pk-lain-uji", peran=Peran.PK, unit=unit)


@pytest.fixture
def kasi(unit):
    return UserFactory(username="kasi-uji", peran=Peran.KASI, unit=unit)


@pytest.fixture
def kabapas(unit):
    return UserFactory(username="kabapas-uji", peran=Peran.KABAPAS, unit=unit)


@pytest.fixture
def admin_unit(unit):
    return UserFactory(username="admin-uji", peran=Peran.ADMIN, unit=unit)


@pytest.fixture
def kasi_lain(unit_lain):
    return UserFactory(username="kasi-lain-uji", peran=Peran.KASI, unit=unit_lain)


@pytest.fixture
def kanwil(kanwil_bali):
    return UserFactory(username="kanwil-uji", peran=Peran.KANWIL, unit=None, kanwil=kanwil_bali)


@pytest.fixture
def wilayah_bali(db):
    """The real Bali regions from the areaid data set (≈800 rows)."""
    from wilayah.loader import muat_provinsi

    muat_provinsi("bali")
