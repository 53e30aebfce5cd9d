"""The guidance module's sections on the client page and the partner page (inti.bagian):
what they show, their empty states, scoping, and query counts that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inti import bagian as inti_bagian
from inti.bagian import Bagian, bagian_halaman, daftar_bagian
from klien.models import Klien
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi, StatusPeserta
from pembimbingan.selectors_klien import pembimbingan_klien
from pembimbingan.selectors_mitra import pembimbingan_mitra
from pokmas.pilihan import StatusMitra
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    JadwalLaporFactory,
    KehadiranFactory,
    PendaftaranPosFactory,
    PesertaFactory,
    PosLayananFactory,
    ProgramFactory,
    SesiFactory,
)
from tests.pokmas.factories import MitraFactory

HARI = datetime.timedelta(days=1)

# A client's outcomes, oldest first: 2 present of 5 recorded, one acceptable absence, one
# not, one awaiting evidence within its deadline.
HASIL = (
    {"hasil": HasilHadir.HADIR},
    {
        "hasil": HasilHadir.IZIN,
        "alasan": AlasanAbsen.UPACARA_AGAMA_ADAT,
        "dapat_diterima": True,
    },
    {"hasil": HasilHadir.TIDAK_HADIR, "dapat_diterima": False},
    {"hasil": HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN},
    {"hasil": HasilHadir.MENUNGGU_KETERANGAN, "batas_keterangan": None},  # set below
)


def _isi_program(program, klien, *, pencatat):
    """Enrol `klien`, hold five past sessions with HASIL and one coming session."""
    sekarang = timezone.now()
    PesertaFactory(program=program, klien=klien, dibuat_oleh=pencatat)
    for i, hasil in enumerate(HASIL):
        sesi = SesiFactory(
            program=program, pk_pencatat=pencatat, mulai=sekarang - (len(HASIL) - i) * 7 * HARI
        )
        if hasil["hasil"] == HasilHadir.MENUNGGU_KETERANGAN:
            hasil = {**hasil, "batas_keterangan": timezone.localdate() + 3 * HARI}
        KehadiranFactory(sesi=sesi, klien=klien, oleh=pencatat, **hasil)
    return SesiFactory(program=program, pk_pencatat=pencatat, mulai=sekarang + 2 * HARI)


@pytest.fixture
def mitra(unit):
    return MitraFactory(unit=unit, nama="Yayasan Mina Lestari", status=StatusMitra.AKTIF)


@pytest.fixture
def klien_dibimbing(unit, pk, mitra):
    """A client of `pk` in a partner's programme, with a schedule and two misses in a row."""
    klien = KlienFactory(pk_pembimbing=pk, nama="Ketut Sudarma")
    program = ProgramFactory(unit=unit, mitra=mitra, nama="Budidaya lele")
    mendatang = _isi_program(program, klien, pencatat=pk)
    lapor = SesiFactory(
        program=None,
        klien=klien,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=timezone.now() + 4 * HARI,
    )
    JadwalLaporFactory(klien=klien)
    Klien.objects.filter(pk=klien.pk).update(
        mangkir_berturut=2, tanggal_lapor_berikutnya=timezone.localdate() + 4 * HARI
    )
    # someone else's programme and session: not this client's
    lain = ProgramFactory(unit=unit, nama="Program Orang Lain")
    SesiFactory(program=lain, pk_pencatat=pk, mulai=timezone.now() + HARI)
    klien.refresh_from_db()
    klien.uji = {"program": program, "mendatang": mendatang, "lapor": lapor}
    return klien


def test_halaman_klien_menampilkan_program_kehadiran_dan_lapor(client, pk, klien_dibimbing):
    client.force_login(pk)
    resp = client.get(klien_dibimbing.get_absolute_url())
    assert resp.status_code == 200
    html = resp.content.decode()
    program = klien_dibimbing.uji["program"]
    assert reverse("pembimbingan:program-detail", args=[program.pk]) in html
    assert "Budidaya lele" in html and "Yayasan Mina Lestari" in html
    assert "2 dari 5 sesi hadir (40%)" in html
    h = resp.context["bagian"][0].isi["h"]
    r = h.kehadiran
    assert (r.tercatat, r.hadir, r.dapat_diterima, r.tidak_diterima, r.menunggu) == (5, 2, 1, 1, 1)
    assert "Upacara agama / adat" in html
    assert "Setiap minggu" in html
    assert "2 kali berturut-turut · berisiko" in html
    # the coming sessions: the programme's and the client's own report, not another's
    assert [s.pk for s in h.sesi_mendatang] == [
        klien_dibimbing.uji["mendatang"].pk,
        klien_dibimbing.uji["lapor"].pk,
    ]
    assert "Program Orang Lain" not in html
    # every session linked from the section opens for the PK
    for s in (*h.sesi_mendatang, *(k.sesi for k in h.kehadiran_terakhir)):
        url = reverse("pembimbingan:sesi-detail", args=[s.pk])
        assert url in html
        assert client.get(url).status_code == 200


def test_hari_layanan_yang_didaftarkan_termasuk_sesi_mendatang(client, pk, unit):
    klien = KlienFactory(pk_pembimbing=pk)
    pos = PosLayananFactory(unit=unit)
    hari = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=timezone.now() + 3 * HARI)
    HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=timezone.now() + 4 * HARI)  # not registered
    PendaftaranPosFactory(sesi=hari, klien=klien, didaftarkan_oleh=pk)
    h = pembimbingan_klien(klien, pk)
    assert [s.pk for s in h.sesi_mendatang] == [hari.pk]
    assert not h.kosong


def test_kehadiran_terakhir_sepuluh_terbaru(pk, unit):
    klien = KlienFactory(pk_pembimbing=pk)
    program = ProgramFactory(unit=unit)
    PesertaFactory(program=program, klien=klien)
    sesi = [
        SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now() - i * HARI)
        for i in range(1, 13)
    ]
    for s in sesi:
        KehadiranFactory(sesi=s, klien=klien, oleh=pk)
    h = pembimbingan_klien(klien, pk)
    assert [k.sesi_id for k in h.kehadiran_terakhir] == [s.pk for s in sesi[:10]]
    assert h.kehadiran.tercatat == 12 and h.kehadiran.persen == 100


def test_keterangan_lewat_batas_dihitung_tidak_diterima(pk, unit):
    klien = KlienFactory(pk_pembimbing=pk)
    sesi = SesiFactory(program=ProgramFactory(unit=unit), pk_pencatat=pk)
    KehadiranFactory(
        sesi=sesi,
        klien=klien,
        oleh=pk,
        hasil=HasilHadir.MENUNGGU_KETERANGAN,
        batas_keterangan=timezone.localdate() - HARI,
    )
    r = pembimbingan_klien(klien, pk).kehadiran
    assert (r.tidak_diterima, r.menunggu, r.persen) == (1, 0, 0)


def test_halaman_klien_tanpa_data_kosong_yang_rapi(client, pk):
    klien = KlienFactory(pk_pembimbing=pk)
    client.force_login(pk)
    html = client.get(klien.get_absolute_url()).content.decode()
    assert "Klien ini belum mengikuti program dan belum memiliki sesi." in html
    assert "belum diatur" in html and "Belum ada kehadiran yang dicatat." in html
    assert "Sesi mendatang" not in html and "berturut-turut ·" not in html


def test_klien_pk_lain_tetap_404(client, pk_lain, kasi_lain, klien_dibimbing):
    for user in (pk_lain, kasi_lain):
        client.force_login(user)
        assert client.get(klien_dibimbing.get_absolute_url()).status_code == 404


def test_tautan_jadwal_lapor_untuk_pencatat(client, pk, admin_unit, klien_dibimbing):
    """Once the schedule page exists, who records reports gets the link, the admin not."""
    try:
        url = reverse("pembimbingan:jadwal-lapor", kwargs={"pk": klien_dibimbing.pk})
    except NoReverseMatch:
        pytest.skip("the schedule page is not there yet")
    client.force_login(pk)
    assert url in client.get(klien_dibimbing.get_absolute_url()).content.decode()
    client.force_login(admin_unit)
    assert url not in client.get(klien_dibimbing.get_absolute_url()).content.decode()


def test_halaman_mitra_menampilkan_program_dan_tingkat_kehadiran(
    client, kasi, pk, unit, mitra, klien_dibimbing
):
    # a second client in the same programme, present once of one
    program = klien_dibimbing.uji["program"]
    kedua = KlienFactory(pk_pembimbing=pk)
    PesertaFactory(program=program, klien=kedua)
    KehadiranFactory(sesi=program.sesi.order_by("mulai").first(), klien=kedua, oleh=pk)
    # an office programme without a partner does not count
    _isi_program(ProgramFactory(unit=unit), KlienFactory(pk_pembimbing=pk), pencatat=pk)
    client.force_login(kasi)
    resp = client.get(mitra.get_absolute_url())
    html = resp.content.decode()
    assert "setelah modul pembimbingan tersedia" not in html
    assert reverse("pembimbingan:program-detail", args=[program.pk]) in html
    h = resp.context["bagian"][0].isi["h"]
    assert (h.klien_dilayani, h.hadir, h.tercatat, h.persen) == (2, 3, 6, 50)
    (baris,) = h.program
    assert baris.program.jumlah_aktif == 2 and baris.program.sesi_terlaksana == 5
    assert baris.program.sesi_terakhir == max(
        s.mulai for s in program.sesi.filter(mulai__lte=timezone.now())
    )
    assert "50% (3 hadir dari 6 tercatat)" in html
    assert "5 sesi terlaksana" in html and "2 peserta aktif" in html


def test_halaman_mitra_tanpa_program(client, pk, mitra):
    client.force_login(pk)
    html = client.get(mitra.get_absolute_url()).content.decode()
    assert "Mitra ini belum melaksanakan program pembimbingan." in html
    assert "setelah modul pembimbingan tersedia" not in html


def test_klien_dilayani_dihitung_sekali(pk, unit, mitra):
    """A client who dropped out is still served; one enrolled again, or in two of the
    partner's programmes, is one client."""
    program = ProgramFactory(unit=unit, mitra=mitra)
    keluar, kembali = KlienFactory(pk_pembimbing=pk), KlienFactory(pk_pembimbing=pk)
    for klien in (keluar, kembali):
        PesertaFactory(
            program=program,
            klien=klien,
            status=StatusPeserta.KELUAR,
            tanggal_keluar=timezone.localdate(),
            alasan_keluar="Pindah",
        )
    PesertaFactory(program=program, klien=kembali)
    PesertaFactory(program=ProgramFactory(unit=unit, mitra=mitra), klien=kembali)
    h = pembimbingan_mitra(mitra, pk)
    assert h.klien_dilayani == 2
    assert sorted(b.program.jumlah_aktif for b in h.program) == [1, 1]


def test_jumlah_query_bagian_tetap(pk, unit, mitra, klien_dibimbing, django_assert_num_queries):
    # enrolments, the attendance counts, the coming sessions, the last rows, the schedule
    with django_assert_num_queries(5):
        pembimbingan_klien(klien_dibimbing, pk)
    # programmes with their counts, attendance per programme, clients served
    with django_assert_num_queries(3):
        pembimbingan_mitra(mitra, pk)


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("peran", ["pk", "kasi"])
def test_jumlah_query_halaman_klien_dan_mitra_tidak_tumbuh(
    client, request, peran, pk, unit, mitra, django_assert_num_queries
):
    user = request.getfixturevalue(peran)
    klien = KlienFactory(pk_pembimbing=pk)
    JadwalLaporFactory(klien=klien)

    def tambah(n):
        for _ in range(n):
            program = ProgramFactory(unit=unit, mitra=mitra)
            _isi_program(program, klien, pencatat=pk)
            _isi_program(program, KlienFactory(pk_pembimbing=pk), pencatat=pk)

    client.force_login(user)
    tambah(1)
    klien_satu = _jumlah_query(client, klien.get_absolute_url())
    mitra_satu = _jumlah_query(client, mitra.get_absolute_url())
    tambah(4)
    with django_assert_num_queries(klien_satu):
        resp = client.get(klien.get_absolute_url())
    assert len(resp.context["bagian"][0].isi["h"].keikutsertaan) == 5
    with django_assert_num_queries(mitra_satu):
        resp = client.get(mitra.get_absolute_url())
    assert len(resp.context["bagian"][0].isi["h"].program) == 5


def test_bagian_berurutan_dan_yang_kosong_dilewati(monkeypatch, rf):
    monkeypatch.setattr(inti_bagian, "_BAGIAN", {})
    daftar_bagian(
        "uji:halaman",
        Bagian("b", "b.html", lambda request, obj: {"obj": obj}, urutan=20),
        Bagian("a", "a.html", lambda request, obj: {"obj": obj}, urutan=30),
        Bagian("c", "c.html", lambda request, obj: None, urutan=10),
    )
    # registering a name again replaces it
    daftar_bagian("uji:halaman", Bagian("a", "a2.html", lambda r, o: {"o": o}, urutan=5))
    tampil = bagian_halaman("uji:halaman", rf.get("/"), 7)
    assert [(b.template, b.isi) for b in tampil] == [("a2.html", {"o": 7}), ("b.html", {"obj": 7})]
    assert bagian_halaman("uji:lain", rf.get("/"), 7) == []
