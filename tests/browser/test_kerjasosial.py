"""A PK logs a morning of community service on a phone (390 px): at the village office, three
clients placed there, two with their hours and one absent without a lawful reason; the hours
left change on the page, and the rows are checked in the database."""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.browser.axe import login


def _siapkan(demo):
    """Two more clients of pk1 placed at the demo's village office (one is there already)."""
    from kerjasosial.models import LokasiKerjaSosial, PutusanKerjaSosial
    from tests.kerjasosial.factories import KlienKerjaSosialFactory, PutusanFactory

    pk = demo.pengguna["pk1"]
    lokasi = LokasiKerjaSosial.objects.get(unit=pk.unit, jenis="kantor_desa")
    hari_ini = timezone.localdate()
    for nama in ("I Ketut Juliarta", "Ni Kadek Suartini"):
        PutusanFactory(
            klien=KlienKerjaSosialFactory(pk_pembimbing=pk, nama=nama),
            lokasi=lokasi,
            jam_diputus=16,
            tanggal_mulai=hari_ini - datetime.timedelta(days=3),
            batas_akhir=hari_ini + datetime.timedelta(days=40),
        )
    putusan = PutusanKerjaSosial.objects.filter(lokasi=lokasi, klien__status="AKTIF")
    return lokasi, sorted(putusan.values_list("klien__nama", flat=True))


def _sisa(kartu) -> float:
    teks = kartu.locator("[data-sisa]").inner_text()
    return float(re.search(r"Sisa ([\d,]+)", teks).group(1).replace(",", "."))


def test_pk_mencatat_pagi_kerja_sosial_di_ponsel(demo, live_server, ponsel):
    from kerjasosial.models import JamKerjaSosial

    lokasi, nama = _siapkan(demo)
    assert len(nama) == 3
    login(ponsel, live_server, "pk1", settings.DEMO_PASSWORD)
    ponsel.goto(live_server.url + reverse("kerjasosial:lokasi-list"))
    formulir = reverse("kerjasosial:kerja-catat", args=[lokasi.pk])
    ponsel.locator(f'a[href="{formulir}"]').click()
    ponsel.wait_for_url(f"**{formulir}")
    ponsel.wait_for_load_state()
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 390

    kartu = [ponsel.locator("li[data-klien]").filter(has_text=n) for n in nama]
    sebelum = [_sisa(k) for k in kartu]
    kartu[0].get_by_label("Jam kerja").fill("4")
    kartu[1].get_by_label("Jam kerja").fill("3.5")
    kartu[2].get_by_label("Tidak hadir", exact=True).check()
    kartu[2].get_by_label("Alasan tidak hadir").fill("Tidak datang, tanpa kabar")
    ponsel.get_by_role("button", name="Simpan").click()
    ponsel.get_by_text("Kerja sosial tersimpan.").wait_for()

    kartu = [ponsel.locator("li[data-klien]").filter(has_text=n) for n in nama]
    assert [_sisa(k) for k in kartu] == [sebelum[0] - 4, sebelum[1] - 3.5, sebelum[2]]
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 390
    baris = {
        j.klien.nama: j
        for j in JamKerjaSosial.objects.filter(
            lokasi=lokasi, tanggal=timezone.localdate()
        ).select_related("klien")
    }
    assert (baris[nama[0]].jam, baris[nama[1]].jam) == (4, 3.5)
    assert baris[nama[2]].tanpa_alasan_sah and baris[nama[2]].alasan == "Tidak datang, tanpa kabar"
