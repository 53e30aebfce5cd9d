"""The PK's agenda, recording a wajib lapor from it, the schedule page, and the searchable,
paged caseload."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from akun.navigasi import beranda_url
from klien.models import Klien
from pembimbingan.models import JadwalLapor, Kehadiran, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, PolaLapor
from pembimbingan.selectors_agenda import agenda
from pembimbingan.services import HasilKehadiran, jadwal_lapor_setel, lapor_catat
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import ProgramFactory, SesiFactory

HARI_INI = timezone.localdate


def _terjadwal(pk, n: int, *, berikutnya=None, **kwargs) -> list[Klien]:
    hasil = []
    for _ in range(n):
        k = KlienFactory(pk_pembimbing=pk, **kwargs)
        jadwal_lapor_setel(
            klien=k, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=berikutnya or HARI_INI()
        )
        hasil.append(Klien.objects.get(pk=k.pk))
    return hasil


def test_agenda_adalah_beranda_pk(pk, kasi):
    assert beranda_url(pk) == reverse("pembimbingan:agenda")
    assert beranda_url(kasi) != reverse("pembimbingan:agenda")


def test_agenda_berisi_sesi_lapor_dan_perhatian(client, pk, pk_lain):
    program = ProgramFactory(unit=pk.unit, nama="Budidaya Ikan Subak Baru")
    hari_ini = SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now())
    SesiFactory(program=program, pk_pencatat=pk_lain, mulai=timezone.now())  # not pk's
    due = _terjadwal(pk, 1, nama="Ni Luh Jatuh Tempo")[0]
    _terjadwal(pk_lain, 1, nama="Klien Orang Lain")
    mangkir = _terjadwal(pk, 1, nama="Made Mangkir", berikutnya=HARI_INI())[0]
    lapor_catat(
        klien=mangkir, oleh=pk, jatuh_tempo=HARI_INI(), hasil=HasilKehadiran(HasilHadir.TIDAK_HADIR)
    )
    client.force_login(pk)
    resp = client.get(reverse("pembimbingan:agenda"))
    html = resp.content.decode()
    a = resp.context["a"]
    assert [s.sesi.pk for s in a.sesi_hari_ini] == [hari_ini.pk]
    assert [b.klien.pk for b in a.lapor] == [due.pk]  # Made next week
    assert [p.klien.pk for p in a.perhatian] == [mangkir.pk]
    assert a.perhatian[0].tanggal_mangkir == [HARI_INI()]
    assert "Budidaya Ikan Subak Baru" in html and "Ni Luh Jatuh Tempo" in html
    assert "Klien Orang Lain" not in html
    assert reverse("pembimbingan:sesi-kehadiran", args=[hari_ini.pk]) in html


def test_jumlah_query_agenda_tetap(pk):
    program = ProgramFactory(unit=pk.unit)

    def isi(n):
        for _ in range(n):
            SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now())
        klien = _terjadwal(pk, n)
        lapor_catat(
            klien=klien[0],
            oleh=pk,
            jatuh_tempo=HARI_INI(),
            hasil=HasilKehadiran(HasilHadir.TIDAK_HADIR),
        )

    isi(2)
    with CaptureQueriesContext(connection) as sedikit:
        agenda(pk)
    isi(20)
    with CaptureQueriesContext(connection) as banyak:
        a = agenda(pk)
    assert len(a.lapor) == 20 and len(a.perhatian) == 2
    assert len(banyak.captured_queries) == len(sedikit.captured_queries) == 6


def test_lapor_hari_ini_satu_ketukan_dari_agenda(client, pk):
    k = _terjadwal(pk, 1)[0]
    client.force_login(pk)
    agenda_url = reverse("pembimbingan:agenda")
    data = {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "hadir", "kembali": agenda_url}
    resp = client.post(reverse("pembimbingan:lapor", args=[k.pk]), data)
    assert resp.status_code == 302 and resp.url == agenda_url
    assert Klien.objects.get(pk=k.pk).tanggal_lapor_berikutnya == HARI_INI() + datetime.timedelta(
        days=7
    )
    # the double tap: same answer, nothing new
    resp = client.post(reverse("pembimbingan:lapor", args=[k.pk]), data)
    assert resp.status_code == 302
    assert Sesi.objects.filter(klien=k).count() == 1


def test_tidak_lapor_dengan_alasan(client, pk):
    k = _terjadwal(pk, 1)[0]
    client.force_login(pk)
    url = reverse("pembimbingan:lapor", args=[k.pk])
    assert client.get(url).status_code == 200
    resp = client.post(url, {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "izin", "alasan": ""})
    assert resp.status_code == 200
    assert "Izin harus disertai alasan" in resp.content.decode()
    assert not Sesi.objects.filter(klien=k).exists()
    resp = client.post(
        url, {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "izin", "alasan": "sakit"}
    )
    assert resp.status_code == 302
    h = Kehadiran.objects.get(klien=k)
    assert (h.hasil, h.alasan, h.dapat_diterima) == (HasilHadir.IZIN, AlasanAbsen.SAKIT, True)


def test_lapor_pada_galungan_bawaan_izin_upacara(client, pk):
    """A Hindu client due on Galungan (an office in Bali): the miss starts as an accepted
    absence for upacara agama/adat."""
    from pembimbingan.kalender import hari_khusus

    galungan = next(
        HARI_INI() + datetime.timedelta(days=n)
        for n in range(0, 211)
        if any(h.nama == "Galungan" for h in hari_khusus(
            HARI_INI() + datetime.timedelta(days=n), bali=False, hindu=True))
    )  # fmt: skip
    k = KlienFactory(pk_pembimbing=pk, agama="HINDU")
    Klien.objects.filter(pk=k.pk).update(tanggal_lapor_berikutnya=galungan)
    client.force_login(pk)
    resp = client.get(reverse("pembimbingan:lapor", args=[k.pk]))
    form = resp.context["form"]
    assert form.initial["hasil"] == HasilHadir.IZIN
    assert form.initial["alasan"] == AlasanAbsen.UPACARA_AGAMA_ADAT
    assert "Galungan" in resp.content.decode()


def test_lapor_salah_tidak_500(client, pk, pk_lain):
    k = _terjadwal(pk, 1)[0]
    url = reverse("pembimbingan:lapor", args=[k.pk])
    client.force_login(pk)
    for data in (
        {"jatuh_tempo": "bukan-tanggal", "hasil": "hadir"},
        {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "terbang"},
        {"jatuh_tempo": "2020-01-01", "hasil": "hadir"},  # not the current due date
    ):
        resp = client.post(url, data)
        assert resp.status_code == 200, data
    assert not Sesi.objects.exists()
    assert "sudah berubah" in resp.content.decode()
    client.force_login(pk_lain)
    assert (
        client.post(url, {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "hadir"}).status_code
        == 404
    )


def test_halaman_jadwal_lapor(client, pk):
    k = KlienFactory(pk_pembimbing=pk)
    url = reverse("pembimbingan:jadwal-lapor", args=[k.pk])
    client.force_login(pk)
    assert client.get(url).status_code == 200
    besok = HARI_INI() + datetime.timedelta(days=1)
    resp = client.post(url, {"pola": "dua_mingguan", "berikutnya": besok.isoformat()})
    if resp.status_code == 200:  # tomorrow is a special day: confirm
        assert "tetap_simpan" in resp.content.decode()
        assert not JadwalLapor.objects.exists()
        resp = client.post(
            url, {"pola": "dua_mingguan", "berikutnya": besok.isoformat(), "tetap_simpan": "on"}
        )
    assert resp.status_code == 302
    assert JadwalLapor.objects.get(klien=k).pola == PolaLapor.DUA_MINGGUAN
    assert Klien.objects.get(pk=k.pk).tanggal_lapor_berikutnya == besok
    # set dates, typed as people type them; a bad one is named
    resp = client.post(url, {"pola": "tanggal_tertentu", "tanggal_tertentu": "31-02-2027\nxx"})
    assert resp.status_code == 200 and "31-02-2027" in resp.content.decode()


def test_jadwal_pada_galungan_minta_konfirmasi(client, pk):
    k = KlienFactory(pk_pembimbing=pk, agama="HINDU", tanggal_mulai=datetime.date(2024, 1, 1))
    Klien.objects.filter(pk=k.pk).update(tanggal_ekspirasi=datetime.date(2030, 1, 1))
    url = reverse("pembimbingan:jadwal-lapor", args=[k.pk])
    client.force_login(pk)
    # Galungan 2024-09-25 + 210 days * 4 = 2027-01-13
    galungan = datetime.date(2024, 9, 25) + datetime.timedelta(days=210 * 4)
    data = {"pola": "mingguan", "berikutnya": galungan.isoformat()}
    resp = client.post(url, data)
    assert resp.status_code == 200 and "Galungan" in resp.content.decode()
    assert not JadwalLapor.objects.exists()
    assert client.post(url, {**data, "tetap_simpan": "on"}).status_code == 302
    assert JadwalLapor.objects.filter(klien=k).exists()


# --- the caseload: searched, paged ---------------------------------------------------------


def test_beban_kasus_berhalaman_dan_dapat_dicari(client, pk):
    for i in range(45):
        KlienFactory(pk_pembimbing=pk, nama=f"I Ketut Klien {i:02d}")
    KlienFactory(pk_pembimbing=pk, nama="Ni Komang Dicari", no_register="KRA-CARI-01")
    client.force_login(pk)
    url = reverse("klien:caseload")
    resp = client.get(url)
    assert len(resp.context["beban"].halaman) == 20
    assert resp.context["halaman"].paginator.num_pages == 3
    resp = client.post(url, {"q": "KRA-CARI"})
    assert resp.status_code == 302 and "KRA-CARI" not in resp.url  # the term is kept out
    resp = client.get(resp.url)
    assert [b.klien.nama for b in resp.context["beban"].halaman] == ["Ni Komang Dicari"]


@pytest.mark.parametrize("peran", ["kasi", "admin_unit"])
def test_agenda_hanya_untuk_pk(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    assert client.get(reverse("pembimbingan:agenda")).status_code == 403


# --- the Kasi's lists ----------------------------------------------------------------------


def test_daftar_kasi_menyaring_dan_menandai_kepatuhan(client, pk, kasi):
    """Misses counted from the rows show on the office's list (a filter per threshold, a
    badge) and on the dashboard with their dates."""
    sekali, tiga = _terjadwal(pk, 2, berikutnya=HARI_INI() - datetime.timedelta(weeks=3))
    sekali.nama, tiga.nama = "Ni Wayan Sekali", "I Made Tiga Kali"
    Klien.objects.filter(pk=sekali.pk).update(nama=sekali.nama)
    Klien.objects.filter(pk=tiga.pk).update(nama=tiga.nama)
    tidak = HasilKehadiran(HasilHadir.TIDAK_HADIR)
    tanggal = []
    for k, n in ((sekali, 1), (tiga, 3)):
        for _ in range(n):
            k = Klien.objects.get(pk=k.pk)
            tanggal.append(k.tanggal_lapor_berikutnya)
            lapor_catat(klien=k, oleh=pk, jatuh_tempo=k.tanggal_lapor_berikutnya, hasil=tidak)
    client.force_login(kasi)
    url = reverse("klien:klien-list")
    semua = client.get(url + "?kepatuhan=1").content.decode()
    assert "Ni Wayan Sekali" in semua and "I Made Tiga Kali" in semua
    assert "dasar pencabutan" in semua
    tiga_kali = client.get(url + "?kepatuhan=3").content.decode()
    assert "Ni Wayan Sekali" not in tiga_kali and "I Made Tiga Kali" in tiga_kali
    dasbor = client.get(reverse("laporan:dashboard")).content.decode()
    bagian = dasbor[dasbor.index('id="judul-berisiko"') : dasbor.index('id="judul-beban"')]
    # the warning list holds both (one miss is a warning), each with its badge
    assert "I Made Tiga Kali" in bagian and "Ni Wayan Sekali" in bagian
    assert re.search(r"Ni Wayan Sekali</a>.*?text-bg-secondary\">1 kali<", bagian, re.S)
    assert re.search(r"I Made Tiga Kali</a>.*?text-bg-danger\">3 kali berturut-turut", bagian, re.S)
    assert "×" not in bagian
    for t in tanggal[1:]:  # the three misses of the second client, dated
        assert f'datetime="{t:%Y-%m-%d}"' in bagian


def test_daftar_kasi_wajib_lapor_terlambat_belum_dicatat(client, pk, kasi):
    """The morning check: clients whose report was due before today and is not recorded."""
    lewat = _terjadwal(pk, 1, berikutnya=HARI_INI() - datetime.timedelta(days=2))[0]
    hari_ini = _terjadwal(pk, 1, berikutnya=HARI_INI())[0]
    Klien.objects.filter(pk=lewat.pk).update(nama="I Nyoman Terlambat")
    Klien.objects.filter(pk=hari_ini.pk).update(nama="Ni Made Hari Ini")
    client.force_login(kasi)
    url = reverse("klien:klien-list") + "?kepatuhan=terlambat"
    isi = client.get(url).content.decode()
    assert "I Nyoman Terlambat" in isi and "Ni Made Hari Ini" not in isi
    # once recorded (a miss), the due date rolls on and the client leaves this list
    k = Klien.objects.get(pk=lewat.pk)
    lapor_catat(
        klien=k,
        oleh=pk,
        jatuh_tempo=k.tanggal_lapor_berikutnya,
        hasil=HasilKehadiran(HasilHadir.TIDAK_HADIR),
    )
    assert "I Nyoman Terlambat" not in client.get(url).content.decode()


def test_jejak_mencatat_siapa_mengatur_jadwal(client, pk):
    """Who set a schedule and when is the audit entry's (the schedule keeps no copy)."""
    from jejak.models import JejakAudit

    k = KlienFactory(pk_pembimbing=pk)
    client.force_login(pk)
    data = {"pola": "bulanan", "berikutnya": (HARI_INI() + datetime.timedelta(days=3)).isoformat()}
    resp = client.post(reverse("pembimbingan:jadwal-lapor", args=[k.pk]), data)
    if resp.status_code == 200:  # a special day: confirm
        resp = client.post(
            reverse("pembimbingan:jadwal-lapor", args=[k.pk]), {**data, "tetap_simpan": "on"}
        )
    assert resp.status_code == 302
    entri = JejakAudit.objects.get(content_type__model="jadwallapor")
    assert entri.actor == pk and entri.klien_id == k.pk and entri.timestamp is not None


def test_lapor_tanpa_jadwal_memperingatkan(client, pk):
    """Reported, but no next due date follows (no schedule): the PK is told to set one."""
    k = KlienFactory(pk_pembimbing=pk)
    Klien.objects.filter(pk=k.pk).update(tanggal_lapor_berikutnya=HARI_INI())
    client.force_login(pk)
    resp = client.post(
        reverse("pembimbingan:lapor", args=[k.pk]),
        {"jatuh_tempo": HARI_INI().isoformat(), "hasil": "hadir"},
        follow=True,
    )
    pesan = [str(m) for m in resp.context["messages"]]
    assert any("hadir tercatat" in m for m in pesan)
    assert any("tidak memiliki jatuh tempo lapor berikutnya" in m for m in pesan)
