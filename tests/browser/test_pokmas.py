"""An admin registers a partner with its PKS, a Kasi activates it, and it is listed."""

import pytest
from django.conf import settings

from pokmas.models import Mitra, RiwayatStatusMitra
from tests.browser.axe import audit, login
from tests.pokmas.conftest import PDF


@pytest.fixture
def settings_media(settings, tmp_path):
    """Demo and uploaded PKS documents go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_admin_daftar_kasi_aktifkan_mitra_tampil(settings_media, demo, live_server, context):
    page = context.new_page()
    login(page, live_server, "admin", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/pokmas/mitra/")
    assert audit(page) == []
    page.get_by_role("link", name="Daftarkan mitra").click()
    assert audit(page) == []

    page.get_by_label("Nama mitra").fill("Yayasan Tunas Karya Amlapura")
    page.get_by_label("Jenis mitra").select_option("yayasan")
    page.get_by_label("Kelompok Pokmas Lipas").select_option("kemandirian_kepribadian")
    page.get_by_label("Keterampilan kerja / vokasi").check()
    page.get_by_label("Melayani program kemandirian").check()
    page.get_by_label("Narahubung").fill("Ni Wayan Sukerti")
    page.get_by_label("Telepon").fill("0813 3800 1122")
    page.get_by_label("Alamat (jalan, banjar)").fill("Jl. Gajah Mada 10")
    page.locator("#id_desa").select_option(index=1)
    for kriteria in (
        "Peduli terhadap pemasyarakatan",
        "Berkomitmen dan dapat dipertanggungjawabkan",
        "Bersedia menjadi mitra kerja",
        "Memiliki sumber daya yang bermanfaat bagi klien",
    ):
        page.get_by_label(kriteria).check()
    page.get_by_label("Nomor PKS").fill("W20.PAS.KRG-99/PKS-POKMAS")
    page.get_by_label("Tanggal penandatanganan").fill("2025-01-02")
    page.get_by_label("Berlaku mulai").fill("2025-01-02")
    page.get_by_label("Berlaku sampai").fill("2030-01-01")
    page.get_by_label("Dokumen PKS (PDF)").set_input_files(
        {"name": "pks.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_role("heading", name="Yayasan Tunas Karya Amlapura").is_visible()
    assert page.get_by_text("terdaftar sebagai kandidat").is_visible()
    assert audit(page) == []
    mitra = Mitra.objects.get(nama="Yayasan Tunas Karya Amlapura")
    assert mitra.status == "kandidat"
    assert mitra.perjanjian.get().dokumen

    context.clear_cookies()
    login(page, live_server, "kasi", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}{mitra.get_absolute_url()}")
    page.get_by_role("link", name="Ubah status / aktifkan").click()
    assert page.get_by_text("mitra dapat diaktifkan").is_visible()
    assert audit(page) == []
    page.get_by_label("Aktif", exact=True).check()
    page.get_by_label("Alasan").fill("Kriteria terpenuhi dan PKS ditandatangani.")
    page.get_by_role("button", name="Simpan status").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.get_by_text("Status mitra diubah menjadi Aktif").is_visible()
    mitra.refresh_from_db()
    assert mitra.status == "aktif"
    assert RiwayatStatusMitra.objects.filter(mitra=mitra, status_baru="aktif").exists()

    page.goto(f"{live_server.url}/pokmas/mitra/?status=aktif&kelompok=kemandirian_kepribadian")
    baris = page.get_by_role("row").filter(has_text="Yayasan Tunas Karya Amlapura")
    assert baris.count() == 1
    assert baris.get_by_text("Aktif").is_visible()
    assert audit(page) == []


def test_daftar_mitra_di_ponsel(settings_media, demo, live_server, ponsel):
    login(ponsel, live_server, "kasi", settings.DEMO_PASSWORD)
    ponsel.goto(f"{live_server.url}/pokmas/mitra/?pks=segera_berakhir")
    assert ponsel.get_by_role("link", name="Yayasan Mercy Indonesia").is_visible()
    # the table scrolls inside its wrapper instead of widening the page
    lebar = ponsel.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390
    assert audit(ponsel) == []
