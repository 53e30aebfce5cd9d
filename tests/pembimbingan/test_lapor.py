"""Wajib lapor: the schedule's arithmetic, setting a schedule, recording a report or a miss,
the due date rolling forward, the standing counted from the rows, and repeats."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from klien.models import Klien
from klien.querysets import MANGKIR_BERISIKO, MANGKIR_DASAR_PENCABUTAN, MANGKIR_PERINGATAN
from pembimbingan.jadwal import jatuh_tempo_berikutnya
from pembimbingan.kepatuhan import mangkir_berturut, tanggal_mangkir
from pembimbingan.models import JadwalLapor, Kehadiran, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi, PolaLapor
from pembimbingan.services import (
    HasilKehadiran,
    jadwal_lapor_setel,
    kepatuhan_hitung_ulang,
    lapor_catat,
    sesi_catat_kehadiran,
)
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    PendaftaranPosFactory,
    PesertaFactory,
    PosLayananFactory,
    ProgramFactory,
    SesiFactory,
)

D = datetime.date
HADIR = HasilKehadiran(HasilHadir.HADIR)
TIDAK = HasilKehadiran(HasilHadir.TIDAK_HADIR)
IZIN_SAKIT = HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.SAKIT)
MENUNGGU = HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN)


# --- the arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pola", "jangkar", "setelah", "harap"),
    [
        (PolaLapor.MINGGUAN, D(2026, 12, 7), D(2026, 12, 7), D(2026, 12, 14)),
        # reported three weeks late: the next is after today, on the same weekday
        (PolaLapor.MINGGUAN, D(2026, 11, 2), D(2026, 11, 25), D(2026, 11, 30)),
        (PolaLapor.MINGGUAN, D(2026, 11, 2), D(2026, 11, 30), D(2026, 12, 7)),
        (PolaLapor.DUA_MINGGUAN, D(2026, 12, 7), D(2026, 12, 7), D(2026, 12, 21)),
        (PolaLapor.DUA_MINGGUAN, D(2026, 12, 7), D(2026, 12, 22), D(2027, 1, 4)),
        (PolaLapor.BULANAN, D(2026, 1, 31), D(2026, 1, 31), D(2026, 2, 28)),
        # the anchor is what is added to: the 31st comes back after a short month
        (PolaLapor.BULANAN, D(2026, 1, 31), D(2026, 3, 1), D(2026, 3, 31)),
        (PolaLapor.BULANAN, D(2026, 11, 15), D(2027, 1, 20), D(2027, 2, 15)),
    ],
)
def test_jatuh_tempo_berikutnya(pola, jangkar, setelah, harap):
    assert jatuh_tempo_berikutnya(pola, jangkar=jangkar, setelah=setelah) == harap


def test_jatuh_tempo_tanggal_tertentu():
    tanggal = [D(2026, 12, 20), D(2026, 12, 3), D(2027, 1, 10)]
    f = jatuh_tempo_berikutnya
    assert f(PolaLapor.TANGGAL_TERTENTU, jangkar=D(2026, 12, 3), setelah=D(2026, 12, 3),
             tanggal_tertentu=tanggal) == D(2026, 12, 20)  # fmt: skip
    assert f(PolaLapor.TANGGAL_TERTENTU, jangkar=D(2027, 1, 10), setelah=D(2027, 1, 10),
             tanggal_tertentu=tanggal) is None  # fmt: skip


# --- setting a schedule --------------------------------------------------------------------


@pytest.fixture
def klien(pk):
    return KlienFactory(pk_pembimbing=pk)


def _segar(k) -> Klien:
    return Klien.objects.get(pk=k.pk)


def test_jadwal_mingguan_menyetel_jatuh_tempo(klien, pk):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    jadwal = jadwal_lapor_setel(klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=besok)
    assert jadwal.pola == PolaLapor.MINGGUAN and jadwal.unit_id == klien.unit_id
    assert _segar(klien).tanggal_lapor_berikutnya == besok
    # set again: one schedule per client, changed in place
    jadwal_lapor_setel(klien=klien, oleh=pk, pola=PolaLapor.BULANAN, berikutnya=besok)
    assert JadwalLapor.objects.filter(klien=klien).get().pola == PolaLapor.BULANAN


def test_jadwal_tanggal_tertentu_mengambil_tanggal_pertama_mendatang(klien, pk):
    hari_ini = timezone.localdate()
    tanggal = [hari_ini + datetime.timedelta(days=n) for n in (40, 10, -5)]
    jadwal_lapor_setel(
        klien=klien, oleh=pk, pola=PolaLapor.TANGGAL_TERTENTU, tanggal_tertentu=tanggal
    )
    assert _segar(klien).tanggal_lapor_berikutnya == hari_ini + datetime.timedelta(days=10)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"pola": PolaLapor.MINGGUAN}, "berikutnya"),
        ({"pola": PolaLapor.MINGGUAN, "berikutnya": D(2000, 1, 1)}, "berikutnya"),
        ({"pola": PolaLapor.MINGGUAN, "berikutnya": D(2099, 1, 1)}, "berikutnya"),
        ({"pola": PolaLapor.TANGGAL_TERTENTU, "tanggal_tertentu": []}, "tanggal_tertentu"),
        (
            {"pola": PolaLapor.TANGGAL_TERTENTU, "tanggal_tertentu": [D(2000, 1, 1)]},
            "tanggal_tertentu",
        ),
        ({"pola": "harian", "berikutnya": D(2099, 1, 1)}, "pola"),
    ],
)
def test_jadwal_salah_ditolak_tanpa_perubahan(klien, pk, kwargs, field):
    with pytest.raises(ValidationError) as e:
        jadwal_lapor_setel(klien=klien, oleh=pk, **kwargs)
    assert field in e.value.message_dict
    assert not JadwalLapor.objects.exists()
    assert _segar(klien).tanggal_lapor_berikutnya is None


def test_jadwal_klien_pk_lain_tidak_ditemukan(klien, pk_lain):
    with pytest.raises(Klien.DoesNotExist):
        jadwal_lapor_setel(
            klien=klien, oleh=pk_lain, pola=PolaLapor.MINGGUAN, berikutnya=timezone.localdate()
        )


# --- recording reports ---------------------------------------------------------------------


@pytest.fixture
def terjadwal(klien, pk):
    """A weekly reporter due today."""
    jadwal_lapor_setel(
        klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=timezone.localdate()
    )
    return _segar(klien)


def test_lapor_hari_ini_menggulir_jatuh_tempo(terjadwal, pk):
    hari_ini = timezone.localdate()
    sesi = lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=HADIR)
    assert sesi.jenis == JenisSesi.WAJIB_LAPOR and sesi.jatuh_tempo == hari_ini
    assert Kehadiran.objects.get(sesi=sesi).hasil == HasilHadir.HADIR
    k = _segar(terjadwal)
    assert k.tanggal_lapor_berikutnya == hari_ini + datetime.timedelta(days=7)
    assert k.mangkir_berturut == 0


def test_ketukan_ganda_tidak_mengubah_apa_pun(terjadwal, pk):
    hari_ini = timezone.localdate()
    pertama = lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=HADIR)
    # the retry comes with the same (old) due date and the client object as it was
    kedua = lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=HADIR)
    assert kedua.pk == pertama.pk
    assert Sesi.objects.filter(klien=terjadwal).count() == 1
    assert Kehadiran.objects.filter(klien=terjadwal).count() == 1
    assert _segar(terjadwal).tanggal_lapor_berikutnya == hari_ini + datetime.timedelta(days=7)


def test_hasil_lain_untuk_jatuh_tempo_yang_sama_ditolak(terjadwal, pk):
    hari_ini = timezone.localdate()
    lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=HADIR)
    with pytest.raises(ValidationError) as e:
        lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=TIDAK)
    assert "sudah dicatat" in str(e.value.message_dict["jatuh_tempo"])
    assert Kehadiran.objects.get(klien=terjadwal).hasil == HasilHadir.HADIR


def test_jatuh_tempo_usang_ditolak(terjadwal, pk):
    with pytest.raises(ValidationError) as e:
        lapor_catat(
            klien=terjadwal,
            oleh=pk,
            jatuh_tempo=timezone.localdate() - datetime.timedelta(days=7),
            hasil=HADIR,
        )
    assert "sudah berubah" in str(e.value.message_dict["jatuh_tempo"])
    assert not Sesi.objects.exists()


def test_tidak_lapor_sebelum_jatuh_tempo_ditolak(klien, pk):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    jadwal_lapor_setel(klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=besok)
    with pytest.raises(ValidationError) as e:
        lapor_catat(klien=_segar(klien), oleh=pk, jatuh_tempo=besok, hasil=TIDAK)
    assert "hasil" in e.value.message_dict
    # reporting a day early is fine, and rolls from the due date
    lapor_catat(klien=_segar(klien), oleh=pk, jatuh_tempo=besok, hasil=HADIR)
    assert _segar(klien).tanggal_lapor_berikutnya == besok + datetime.timedelta(days=7)


def test_pk_lain_tidak_dapat_mencatat(terjadwal, pk_lain, kasi):
    with pytest.raises(Klien.DoesNotExist):
        lapor_catat(klien=terjadwal, oleh=pk_lain, jatuh_tempo=timezone.localdate(), hasil=HADIR)
    assert not Sesi.objects.exists()
    # the section head of the office may
    lapor_catat(klien=terjadwal, oleh=kasi, jatuh_tempo=timezone.localdate(), hasil=HADIR)


def test_tanpa_jadwal_jatuh_tempo_kosong(klien, pk):
    """A client whose due date was typed at intake but who has no schedule: reporting
    clears the due date (the PK is asked to set a schedule), it is never invented."""
    hari_ini = timezone.localdate()
    Klien.objects.filter(pk=klien.pk).update(tanggal_lapor_berikutnya=hari_ini)
    lapor_catat(klien=_segar(klien), oleh=pk, jatuh_tempo=hari_ini, hasil=HADIR)
    assert _segar(klien).tanggal_lapor_berikutnya is None


# --- the standing, counted from the rows ---------------------------------------------------


def _minggu_lalu(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(weeks=n)


def test_mangkir_berturut_dari_lapor_dan_sesi(klien, pk):
    """Three weekly reports missed in a row reach a ground for revocation; an accepted
    absence between them neither counts nor breaks the run; a group session attended
    afterwards resets the count."""
    jadwal_lapor_setel(klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=_minggu_lalu(4))
    urutan = [
        (TIDAK, MANGKIR_PERINGATAN),
        (IZIN_SAKIT, MANGKIR_PERINGATAN),
        (TIDAK, MANGKIR_BERISIKO),
        (TIDAK, MANGKIR_DASAR_PENCABUTAN),
    ]
    for hasil, harap in urutan:  # (due dates in the past: recorded late, one by one)
        k = _segar(klien)
        lapor_catat(klien=k, oleh=pk, jatuh_tempo=k.tanggal_lapor_berikutnya, hasil=hasil)
        assert _segar(klien).mangkir_berturut == harap
    k = _segar(klien)
    assert k.berisiko and k.mangkir_berturut >= MANGKIR_DASAR_PENCABUTAN
    assert Klien.objects.berisiko().filter(pk=k.pk).exists()
    # four misses recorded late, each rolling to the next week: due today again
    assert k.tanggal_lapor_berikutnya == timezone.localdate()

    program = ProgramFactory(unit=k.unit)
    PesertaFactory(program=program, klien=k, tanggal_masuk=_minggu_lalu(5))
    sesi = SesiFactory(program=program, pk_pencatat=pk, mulai=timezone.now())
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: HADIR}, versi=0)
    assert _segar(klien).mangkir_berturut == 0


def test_menunggu_keterangan_menjadi_mangkir_setelah_batas(terjadwal, pk):
    hari_ini = timezone.localdate()
    lapor_catat(klien=terjadwal, oleh=pk, jatuh_tempo=hari_ini, hasil=MENUNGGU)
    assert _segar(terjadwal).mangkir_berturut == 0
    batas = Kehadiran.objects.get(klien=terjadwal).batas_keterangan
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(batas, datetime.time(12)))
        + datetime.timedelta(days=1),
        tick=False,
    ):
        kepatuhan_hitung_ulang(klien_ids=[terjadwal.pk])
    assert _segar(terjadwal).mangkir_berturut == 1


def test_hadir_di_hari_layanan_pos_adalah_lapor(pk):
    """Coming to an outreach day rolls the due report forward; an absence there does not."""
    pos = PosLayananFactory(unit=pk.unit)
    hari = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=timezone.now())
    datang, absen = KlienFactory(pk_pembimbing=pk), KlienFactory(pk_pembimbing=pk)
    hari_ini = timezone.localdate()
    for k in (datang, absen):
        jadwal_lapor_setel(klien=k, oleh=pk, pola=PolaLapor.DUA_MINGGUAN, berikutnya=hari_ini)
        PendaftaranPosFactory(sesi=hari, klien=k)
    sesi_catat_kehadiran(
        sesi=hari,
        oleh=pk,
        hasil={
            datang.pk: HADIR,
            absen.pk: HasilKehadiran(HasilHadir.IZIN, alasan="jarak_transportasi"),
        },
        versi=0,
    )
    assert _segar(datang).tanggal_lapor_berikutnya == hari_ini + datetime.timedelta(days=14)
    assert _segar(absen).tanggal_lapor_berikutnya == hari_ini


def test_lapor_yang_ditulis_kemudian(klien, pk):
    """A report written up later carries the time it was made, and rolls from that day; a
    time in the future is refused."""
    dua_minggu_lalu = timezone.localdate() - datetime.timedelta(weeks=2)
    jadwal_lapor_setel(klien=klien, oleh=pk, pola=PolaLapor.MINGGUAN, berikutnya=dua_minggu_lalu)
    with pytest.raises(ValidationError) as e:
        lapor_catat(
            klien=_segar(klien),
            oleh=pk,
            jatuh_tempo=dua_minggu_lalu,
            hasil=HADIR,
            pada=timezone.now() + datetime.timedelta(hours=2),
        )
    assert "pada" in e.value.message_dict
    pada = timezone.now() - datetime.timedelta(weeks=2)
    sesi = lapor_catat(
        klien=_segar(klien), oleh=pk, jatuh_tempo=dua_minggu_lalu, hasil=HADIR, pada=pada
    )
    assert sesi.mulai == pada
    assert _segar(klien).tanggal_lapor_berikutnya == dua_minggu_lalu + datetime.timedelta(days=7)


@pytest.mark.parametrize("n", [5, 40])
def test_kueri_tetap_saat_semua_kepatuhan_berubah(pk, n, django_assert_num_queries):
    """Every participant absent: every standing changes, and still the same queries for 5
    and 40 (one UPDATE and one audit INSERT for all the clients)."""
    from django.contrib.contenttypes.models import ContentType

    from jejak.models import JejakAudit

    program = ProgramFactory(unit=pk.unit)
    klien = [
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
        for _ in range(n)
    ]
    sesi = SesiFactory(program=program, pk_pencatat=pk)
    ContentType.objects.get_for_model(Klien)  # cached, as in a running process
    ContentType.objects.get_for_model(Kehadiran)
    with django_assert_num_queries(KUERI_SEMUA_BERUBAH):
        sesi_catat_kehadiran(
            sesi=sesi, oleh=pk, hasil=dict.fromkeys([k.pk for k in klien], TIDAK), versi=0
        )
    assert set(
        Klien.objects.filter(pk__in=[k.pk for k in klien]).values_list(
            "mangkir_berturut", flat=True
        )
    ) == {1}
    assert JejakAudit.objects.filter(content_type__model="klien", action=1).count() == n


# The attendance save's own 13 (tests/pembimbingan/test_layanan_kehadiran.py, KUERI_SIMPAN),
# and the standings' five: in a savepoint (2), the changed clients read and locked, one
# UPDATE, one audit INSERT.
KUERI_SEMUA_BERUBAH = 18


def test_batas_keterangan_melewati_libur_nasional():
    """Working days skip weekends and national holidays (`holidays`, language "id")."""
    from pembimbingan.kalender import hari_libur
    from pembimbingan.services import tambah_hari_kerja

    # Tuesday 23 Dec 2025: Wednesday 24, Christmas (25) skipped, Friday 26, Monday 29
    assert hari_libur(D(2025, 12, 25)) and not hari_libur(D(2025, 12, 24))
    assert tambah_hari_kerja(D(2025, 12, 23), 3) == D(2025, 12, 29)
    # Friday 29 May 2026: Monday 1 June is Hari Lahir Pancasila: Tuesday 2 to Thursday 4
    assert tambah_hari_kerja(D(2026, 5, 29), 3) == D(2026, 6, 4)
    # an ordinary week
    assert tambah_hari_kerja(D(2026, 6, 8), 3) == D(2026, 6, 11)


def test_tanggal_mangkir_sebanyak_mangkir_berturut_di_demo(demo):
    """The dates the dashboard lists (followed in Python over the rows) are exactly the
    misses the count holds (counted in SQL), for every demo client."""
    ids = list(Klien.objects.values_list("pk", flat=True))
    tanggal, jumlah = tanggal_mangkir(ids), mangkir_berturut(ids)
    assert {k: len(t) for k, t in tanggal.items()} == jumlah
    assert any(jumlah.values())
