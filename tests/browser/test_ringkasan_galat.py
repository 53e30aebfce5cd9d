"""The error summary in a browser: after a refused submit its heading has the focus (a
screen reader starts there), a link in it puts the focus on the field, and the page passes
the accessibility audit with the summary and the field errors on it."""

from django.conf import settings
from django.urls import reverse

from tests.browser.axe import audit, login


def test_ringkasan_galat_mendapat_fokus_dan_tautannya_ke_field(demo, live_server, context):
    page = context.new_page()
    login(page, live_server, "kasi", settings.DEMO_PASSWORD)
    page.goto(live_server.url + reverse("klien:klien-create"))
    page.get_by_label("Nama lengkap").fill("I Wayan Uji Ringkasan")
    page.get_by_label("Program integrasi").select_option("PB")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_function("document.activeElement && document.activeElement.id")
    assert page.evaluate("document.activeElement.id") == "ringkasan-galat"
    ringkasan = page.get_by_role("alert").filter(has_text="Ada masalah")
    assert ringkasan.get_by_role("link", name="No. SK pemberian program").count() == 1
    assert page.get_by_label("Nama lengkap").input_value() == "I Wayan Uji Ringkasan"
    assert audit(page) == []
    ringkasan.locator("a[href='#id_no_register']").click()
    assert page.evaluate("document.activeElement.id") == "id_no_register"


def test_daftar_lembaga_dan_formnya_dengan_galat(demo, live_server, context):
    page = context.new_page()
    login(page, live_server, "admin", settings.DEMO_PASSWORD)
    page.goto(live_server.url + reverse("klien:lembaga-list"))
    assert page.get_by_role("link", name="Lapas Kelas IIA Kerobokan").is_visible()
    assert audit(page) == []
    page.get_by_role("link", name="Tambah lembaga").click()
    page.get_by_label("Nama").fill("LAPAS KLS IIA Kerobokan")
    page.get_by_label("Jenis").select_option("LAPAS")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("alert").filter(has_text="sudah ada di daftar").is_visible()
    assert audit(page) == []
