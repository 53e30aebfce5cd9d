"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium the tests are skipped with a clear reason; under CI=true a missing
Chromium is a failure instead.

Under pytest-xdist (make test) they run on any worker: each worker has its own Chromium (the
session fixture below), its own live server and its own test database, so nothing is shared.
(Grouping them with `xdist_group` would not work anyway: with pytest 9.2 and xdist 3.8,
`--dist loadgroup` silently stops grouping, pytest-xdist issue #1386.)

The `demo` fixture is in tests/conftest.py: list it first, before `live_server` (which makes
the test transactional, so the live server sees the demo's committed rows).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PONSEL = {"width": 390, "height": 844}  # a common phone viewport


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        msg = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    # bypass_csp lets the axe audit script be injected into pages served with a strict CSP
    ctx = browser.new_context(locale="id-ID", bypass_csp=True)
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def ponsel(browser):
    ctx = browser.new_context(
        locale="id-ID", bypass_csp=True, viewport=PONSEL, is_mobile=True, has_touch=True
    )
    ctx.set_default_timeout(15_000)
    yield ctx.new_page()
    ctx.close()
