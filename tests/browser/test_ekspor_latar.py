"""A Kasi exports a client list larger than the immediate download allows: the export link
answers a page with the count and a button, the button starts a background job, its page
shows the download once the job is done; every page passes axe."""

import io
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from openpyxl import load_workbook

from akun.models import User
from klien.models import Klien
from tests.browser.axe import audit, login
from tests.pekerjaan.antrean import kerjakan_antrean


@override_settings(EKSPOR_LATAR_AMBANG=5)
def test_kasi_ekspor_besar_lewat_pekerjaan(demo, live_server, context):
    kasi = User.objects.get(username="kasi")
    jumlah = Klien.objects.for_user(kasi).count()
    assert jumlah > 5
    page = context.new_page()
    login(page, live_server, "kasi", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/klien/")
    page.get_by_role("link", name="Ekspor XLSX").click()
    page.wait_for_url("**/klien/ekspor.xlsx**")
    assert page.get_by_text(f"Daftar yang disaring berisi {jumlah} klien").is_visible()
    assert audit(page) == []
    page.get_by_role("button", name="Siapkan ekspor di latar belakang").click()
    page.wait_for_url("**/pekerjaan/**")
    assert page.get_by_role("heading", name="Ekspor klien").is_visible()
    assert audit(page) == []
    assert kerjakan_antrean() >= 1  # (with any job the demo left queued)
    tautan = page.get_by_role("link", name="Unduh klien.xlsx")
    tautan.wait_for()  # shown by the page's polling
    assert page.get_by_text(f"{jumlah} klien diekspor.").is_visible()
    assert audit(page) == []
    with page.expect_download() as unduh:
        tautan.click()
    buku = load_workbook(io.BytesIO(Path(unduh.value.path()).read_bytes()))
    assert buku.active.max_row == jumlah + 1
