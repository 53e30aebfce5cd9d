"""The attendance screen on a phone (390 px): a PK opens a session of the demo, keeps
everyone present but one, who is away for a ceremony, and saves; no JavaScript needed."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.browser.axe import login


def test_pk_mencatat_kehadiran_di_ponsel(demo, live_server, ponsel):
    from pembimbingan.models import Kehadiran, Sesi

    unit = demo.unit["karangasem"]
    sesi = Sesi.objects.filter(program__unit=unit, mulai__lt=timezone.now()).order_by("-mulai")[0]
    login(ponsel, live_server, "pk1", settings.DEMO_PASSWORD)
    ponsel.goto(live_server.url + reverse("pembimbingan:sesi-kehadiran", args=[sesi.pk]))
    # phone-first: nothing wider than the screen
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 390
    pertama = ponsel.locator("fieldset").first
    nama = pertama.locator("legend").inner_text()
    pertama.get_by_label("Izin (dapat diterima)").check()
    pertama.get_by_label("Alasan absen").select_option("upacara_agama_adat")
    pertama.get_by_label("Catatan").fill("Odalan di pura desa")
    ponsel.get_by_role("button", name="Simpan kehadiran").click()
    ponsel.get_by_text("Kehadiran tersimpan.").wait_for()
    assert ponsel.url.endswith(reverse("pembimbingan:sesi-detail", args=[sesi.pk]))
    assert "Odalan di pura desa" in ponsel.content()
    baris = Kehadiran.objects.get(sesi=sesi, keterangan="Odalan di pura desa")
    assert baris.hasil == "izin" and baris.alasan == "upacara_agama_adat"
    assert baris.klien.nama in nama
