"""A Kasi opens the dashboard (her home), filters it by a partner, follows a number to the
rows behind it, and downloads the monthly report's PDF (made by a background job); every
page passes axe."""

import io
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from pypdf import PdfReader

from akun.models import User
from pokmas.models import Mitra
from tests.browser.axe import audit, login
from tests.pekerjaan.antrean import kerjakan_antrean


def test_kasi_saring_mitra_ikuti_angka_unduh_pdf(demo, live_server, context):
    # the Kasi's office's partner whose programmes recorded the most attendance
    kasi = User.objects.get(username="kasi")
    mitra = (
        Mitra.objects.filter(unit=kasi.unit, program__sesi__kehadiran__isnull=False)
        .annotate(n=Count("program__sesi__kehadiran"))
        .order_by("-n")
        .first()
    )
    assert mitra is not None
    page = context.new_page()
    login(page, live_server, "kasi", settings.DEMO_PASSWORD)
    page.wait_for_url("**/laporan/dasbor/")  # the Kasi's home
    assert page.get_by_role("heading", name="Kehadiran", exact=True).is_visible()
    assert page.locator("svg.pygal-chart").count() >= 4
    assert audit(page) == []

    page.get_by_text("Periode dan saringan").click()
    page.get_by_label("Mitra", exact=True).select_option(label=str(mitra))
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(f"**mitra={mitra.pk}**")
    assert audit(page) == []
    tabel_mitra = page.get_by_role("table", name="Per mitra")
    assert tabel_mitra.get_by_role("row").filter(has_text=mitra.nama).count() == 1
    # only this partner's programmes are left in the attendance by partner
    assert tabel_mitra.locator("tbody tr").count() == 1

    # the number of recorded outcomes of the partner opens exactly those rows
    angka = tabel_mitra.locator("tbody tr td").nth(1).get_by_role("link")
    n = int(angka.inner_text())
    assert n > 0
    angka.click()
    page.wait_for_url("**/laporan/kehadiran/**")
    assert page.get_by_text(f"{n} kehadiran", exact=False).first.is_visible()
    assert page.locator("tbody tr").count() == min(n, 50)
    assert audit(page) == []

    page.goto(f"{live_server.url}/laporan/bulanan/")
    assert audit(page) == []
    # the button starts a background job; its page follows it until the file is ready
    page.get_by_role("button", name="Unduh PDF").click()
    page.wait_for_url("**/pekerjaan/**")
    assert audit(page) == []
    assert kerjakan_antrean() >= 1  # (with any job the demo left queued)
    tautan = page.get_by_role("link", name="Unduh laporan-bulanan-")
    tautan.wait_for()  # shown by the page's polling
    assert audit(page) == []
    with page.expect_download() as unduh:
        tautan.click()
    isi = Path(unduh.value.path()).read_bytes()
    assert isi.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(isi))
    teks = "\n".join(hal.extract_text() for hal in pdf.pages)
    assert "Laporan bulanan" in teks
    assert f"Halaman 1 dari {len(pdf.pages)}" in teks
