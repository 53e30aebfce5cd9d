"""A Kabapas turns on two-step verification on a phone, then logs in with a recovery code:
every page of the flow passes axe, and the CSP holds (no inline script or style)."""

import base64

from django.conf import settings
from django_otp.oath import totp

from tests.browser.axe import audit, login


def test_kabapas_mengaktifkan_otp_lalu_masuk_dengan_kode_cadangan(demo, live_server, ponsel):
    page = ponsel
    pelanggaran_csp = []
    page.on(
        "console",
        lambda m: pelanggaran_csp.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, live_server, "kabapas", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/akun/keamanan/otp/")
    assert audit(page) == []
    assert page.locator("svg").first.is_visible()  # the QR code

    rahasia = page.locator("code").first.inner_text().replace(" ", "")
    kunci = base64.b32decode(rahasia + "=" * (-len(rahasia) % 8))
    page.get_by_label("Kode enam angka").fill(f"{totp(kunci):06d}")
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_load_state("domcontentloaded")
    assert audit(page) == []
    kode = [k.inner_text() for k in page.locator("li code").all()]
    assert len(kode) == 10

    page.context.clear_cookies()  # a new session, as on the next working day
    login(page, live_server, "kabapas", settings.DEMO_PASSWORD)
    assert "/masuk/otp/" in page.url  # the second step before anything else
    assert audit(page) == []
    page.get_by_label("Kode verifikasi").fill(kode[0])
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith("/laporan/dasbor/")  # the Kabapas home
    assert pelanggaran_csp == []
