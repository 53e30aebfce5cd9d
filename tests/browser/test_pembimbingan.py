"""The PK's day on a phone (390 px), as the issue's acceptance describes it: from the agenda
(their home) a PK opens today's session, taps "semua hadir", marks one client away for a
ceremony, saves; then records one wajib lapor from the agenda with one tap, and sees the
warning for that client leave the caseload. The saved rows are checked in the database."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.browser.axe import login


def _awal_hari_ini() -> datetime.datetime:
    """Local midnight: the sessions made below stay on today's agenda at any hour."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))


def _siapkan(demo):
    """Today's session of a demo programme run by pk1, and a client of pk1's (not in that
    programme) who was not at home for a visit just now (a warning) and is due to report
    today: made through the services."""
    from klien.models import Klien
    from pembimbingan import services
    from pembimbingan.models import Sesi
    from pembimbingan.pilihan import HasilHadir, JenisSesi, PolaLapor

    pk = demo.pengguna["pk1"]
    program = (
        Sesi.objects.filter(program__unit=pk.unit, program__peserta__status="aktif")
        .order_by("-mulai")[0]
        .program
    )
    [sesi] = services.sesi_buat(
        oleh=pk,
        jenis=JenisSesi.KELOMPOK,
        program=program,
        mulai=max(timezone.now() - datetime.timedelta(minutes=30), _awal_hari_ini()),
        tempat=program.tempat,
    )
    klien = (
        Klien.objects.for_user(pk)
        .berjalan()
        .filter(mangkir_berturut=0)
        .exclude(pk__in=program.peserta.values("klien_id"))
        .order_by("nama")[0]
    )
    services.jadwal_lapor_setel(
        klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=timezone.localdate()
    )
    # a home visit a moment ago, the client not at home: the latest contact, a miss
    [kunjungan] = services.sesi_buat(
        oleh=pk,
        jenis=JenisSesi.KUNJUNGAN_RUMAH,
        klien=klien,
        mulai=max(timezone.now() - datetime.timedelta(minutes=1), sesi.mulai),
    )
    services.sesi_catat_kehadiran(
        sesi=kunjungan,
        oleh=pk,
        hasil={klien.pk: services.HasilKehadiran(HasilHadir.TIDAK_HADIR)},
        versi=0,
    )
    return sesi, Klien.objects.get(pk=klien.pk)


def test_hari_pk_di_ponsel(demo, live_server, ponsel):
    from klien.models import Klien
    from pembimbingan.models import Kehadiran

    sesi, klien = _siapkan(demo)
    assert klien.mangkir_berturut == 1 and klien.tanggal_lapor_berikutnya == timezone.localdate()

    login(ponsel, live_server, "pk1", settings.DEMO_PASSWORD)
    # the agenda is the PK's home
    assert ponsel.url.endswith(reverse("pembimbingan:agenda"))
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 390

    # today.s session, from the agenda
    formulir = reverse("pembimbingan:sesi-kehadiran", args=[sesi.pk])
    ponsel.locator(f'a[href="{formulir}"]').click()
    ponsel.wait_for_url(f"**{formulir}")  # the new page, not the agenda while it leaves
    ponsel.wait_for_load_state()
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 390
    pertama = ponsel.locator("fieldset").first
    pertama.get_by_label("Tidak hadir tanpa keterangan yang diterima").check()
    ponsel.get_by_role("button", name="Semua hadir").click()  # undoes it: all present
    assert pertama.get_by_label("Hadir", exact=True).is_checked()
    nama = pertama.locator("legend").inner_text()
    pertama.get_by_label("Izin (dapat diterima)").check()
    pertama.get_by_label("Alasan absen").select_option("upacara_agama_adat")
    pertama.get_by_label("Catatan").fill("Odalan di pura desa")
    ponsel.get_by_role("button", name="Simpan kehadiran").click()
    ponsel.get_by_text("Kehadiran tersimpan.").wait_for()
    assert ponsel.url.endswith(reverse("pembimbingan:sesi-detail", args=[sesi.pk]))
    baris = {k.klien_id: k for k in Kehadiran.objects.filter(sesi=sesi).select_related("klien")}
    izin = [k for k in baris.values() if k.hasil == "izin"]
    assert len(izin) == 1 and izin[0].alasan == "upacara_agama_adat"
    assert izin[0].keterangan == "Odalan di pura desa" and izin[0].klien.nama in nama
    assert all(k.hasil == "hadir" for k in baris.values() if k is not izin[0])

    # the caseload warns about the client who missed last week
    ponsel.goto(live_server.url + reverse("klien:caseload"))
    peringatan = ponsel.locator("#judul-mangkir").locator("xpath=..")
    assert klien.nama in peringatan.inner_text()

    # one tap on the agenda: reported today
    ponsel.goto(live_server.url + reverse("pembimbingan:agenda"))
    ponsel.get_by_role("button", name=f"Lapor hari ini: {klien.nama}").click()
    ponsel.get_by_text(f"{klien.nama}: hadir tercatat.").wait_for()
    assert ponsel.url.endswith(reverse("pembimbingan:agenda"))
    k = Klien.objects.get(pk=klien.pk)
    assert k.mangkir_berturut == 0
    assert k.tanggal_lapor_berikutnya == timezone.localdate() + datetime.timedelta(days=7)

    # and the warning is gone from the caseload
    ponsel.goto(live_server.url + reverse("klien:caseload"))
    peringatan = ponsel.locator("#judul-mangkir").locator("xpath=..")
    assert klien.nama not in peringatan.inner_text()
