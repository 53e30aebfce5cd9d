"""Every demo role logs in through the real login form and lands on its own home page."""

from django.conf import settings

from akun.navigasi import beranda_url
from tests.browser.axe import audit, login

PERAN_DEMO = ["pk1", "kasi", "kabapas", "admin", "pk-denpasar", "kasi-denpasar", "kanwil", "pusat"]


def test_login_mendarat_di_beranda_peran(demo, live_server, browser):
    """Every role, one after the other on one demo load (loading the demo is most of a
    browser test's cost): each in a fresh context that enforces the CSP, where any
    violation is a console error."""
    for username in PERAN_DEMO:
        context = browser.new_context(locale="id-ID")
        page = context.new_page()
        pelanggaran_csp = []
        page.on(
            "console",
            lambda m, p=pelanggaran_csp: (
                p.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )
        user = demo.pengguna[username]
        login(page, live_server, username, settings.DEMO_PASSWORD)
        assert page.url == f"{live_server.url}{beranda_url(user)}", username
        assert (
            page.get_by_role("button", name="Keluar").is_visible()
            or page.get_by_role("button", name="Buka menu").is_visible()
        ), username
        assert pelanggaran_csp == [], username
        context.close()


def test_login_salah_tetap_di_halaman_masuk(demo, live_server, page):
    login(page, live_server, "pk1", "bukan-kata-sandinya")
    assert page.url.startswith(f"{live_server.url}/masuk/")
    assert page.get_by_text("Nama pengguna atau kata sandi salah").is_visible()
    assert audit(page) == []
