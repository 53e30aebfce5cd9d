"""A PK on a phone: caseload → a client → the timeline, with no serious axe violations."""

from django.conf import settings

from tests.browser.axe import audit, login


def test_pk_di_ponsel_membuka_klien_dan_riwayat(demo, live_server, ponsel):
    login(ponsel, live_server, "pk1", settings.DEMO_PASSWORD)
    ponsel.goto(f"{live_server.url}/klien/beban-kasus/")
    assert ponsel.get_by_role("heading", name="Beban kasus").is_visible()
    assert audit(ponsel) == []
    ponsel.locator("#judul-semua ~ ul a").first.click()
    ponsel.get_by_role("heading", name="Riwayat").wait_for()  # the client's page, loaded
    assert ponsel.locator("#judul-timeline ~ ol li").count() >= 1
    assert audit(ponsel) == []
