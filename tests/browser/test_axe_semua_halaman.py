"""axe-core audit of every page in the permission matrix, as the first role that may open it.

In parts, so that the test processes share it (each part restores the demo)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.browser.axe import audit
from tests.browser.conftest import AXE_JS
from tests.matrix import AKUN_DEMO, MATRIX, PERAN_UJI, Dunia

BAGIAN = 4


@pytest.mark.parametrize("bagian", range(BAGIAN))
def test_semua_halaman_tanpa_pelanggaran_serius(demo, live_server, context, bagian):
    dunia = Dunia(pengguna={p: demo.pengguna[u] for p, u in AKUN_DEMO.items()})
    sesi = {}
    for peran in PERAN_UJI:
        if peran == "anon":
            continue
        c = Client()
        c.force_login(dunia[peran])
        sesi[peran] = c.cookies[settings.SESSION_COOKIE_NAME].value

    # axe-core in every page from the start: sent to the browser once, not once a page
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    pelanggaran = []
    diperiksa = 0
    for baris in MATRIX[bagian::BAGIAN]:
        if not baris.halaman:
            continue
        peran = next((p for p in PERAN_UJI if baris.status[p] == 200), None)
        if peran is None:
            continue
        context.clear_cookies()
        if peran != "anon":
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": sesi[peran],
                        "url": live_server.url,
                    }
                ]
            )
        url = live_server.url + reverse(baris.url_name, kwargs=baris.kwargs(dunia)) + baris.query
        resp = page.goto(url)
        assert resp.status == 200, f"{peran} {url}: {resp.status}"
        diperiksa += 1
        pelanggaran += [f"{peran} {url}: {v}" for v in audit(page)]
    assert diperiksa > 0
    assert not pelanggaran, "\n".join(pelanggaran)
