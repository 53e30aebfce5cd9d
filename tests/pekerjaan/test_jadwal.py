"""The schedule (`pelaksana.mulai_terjadwal`, `pelaksana.jadwal`): each daily job once a day
after its time, per office in the office's own time zone (or once for the installation at
the server's), never twice however often the schedule beats."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from akun.models import ZonaWaktu
from pekerjaan import jenis, pelaksana
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from pekerjaan.tasks import jadwal_tugas, jalankan_tugas
from tests.factories import UnitFactory

WITA = ZoneInfo("Asia/Makassar")
HARI = datetime.date(2026, 12, 6)
PEMBIMBINGAN, POKMAS = "pembimbingan.batas_keterangan", "pokmas.pks"
RETENSI, BERSIHKAN = "klien.retensi", "pekerjaan.bersihkan"


def _wita(jam: int, menit: int, hari: datetime.date = HARI) -> datetime.datetime:
    return datetime.datetime.combine(hari, datetime.time(jam, menit), tzinfo=WITA)


def _kunci() -> set[str]:
    return set(Pekerjaan.objects.values_list("kunci", flat=True))


@pytest.fixture
def unit_wib(kanwil_bali):
    return UnitFactory(nama="Bapas Kelas I Surabaya", zona_waktu=ZonaWaktu.WIB, kanwil=kanwil_bali)


def test_jam_harian_dan_zona_server():
    """The times this module's tests rely on, as the apps registered them."""
    jam = {j.kode: (j.harian, j.per_kantor) for j in jenis.terjadwal()}
    assert jam[PEMBIMBINGAN] == (datetime.time(0, 30), True)
    assert jam[POKMAS] == (datetime.time(0, 45), True)
    assert jam[RETENSI] == (datetime.time(1, 0), True)
    assert jam[BERSIHKAN] == (datetime.time(2, 0), False)
    assert settings.TIME_ZONE == "Asia/Makassar"  # the installation's job runs at 02:00 WITA
    assert not any(k.startswith("uji.") for k in jam)


def test_sebelum_waktunya_tidak_ada(unit, unit_lain):
    assert pelaksana.mulai_terjadwal(_wita(0, 29)) == []
    assert not Pekerjaan.objects.exists() and not DBTaskResult.objects.exists()


def test_pukul_0050_wita_sekali_per_kantor(unit, unit_lain):
    sekarang = _wita(0, 50)
    dimulai = pelaksana.mulai_terjadwal(sekarang)

    tanggal = HARI.isoformat()
    harapan = {
        f"{kode}:{u.pk}:{tanggal}" for kode in (PEMBIMBINGAN, POKMAS) for u in (unit, unit_lain)
    }
    # every daily kind whose time had come, and only those: not retensi (01:00) nor
    # bersihkan (02:00 server time)
    sudah = {j.kode for j in jenis.terjadwal() if j.per_kantor and j.harian <= datetime.time(0, 50)}
    assert sudah == {PEMBIMBINGAN, POKMAS}
    assert {p.kunci for p in dimulai} == harapan == _kunci()
    for p in Pekerjaan.objects.all():
        assert p.pemilik is None
        assert p.unit_id == int(p.kunci.split(":")[1])
        assert p.jenis == p.kunci.split(":")[0]
        assert p.parameter == {"tanggal": tanggal}
        assert p.status == StatusPekerjaan.MENUNGGU
        tugas = DBTaskResult.objects.get(pk=p.tugas_id)
        assert (tugas.status, tugas.task_path) == ("READY", jalankan_tugas.module_path)
    assert not Pekerjaan.objects.filter(jenis__in=[RETENSI, BERSIHKAN]).exists()

    # the schedule beats again (a second scheduler, a minute later): nothing more
    assert pelaksana.mulai_terjadwal(sekarang) == []
    assert pelaksana.mulai_terjadwal(_wita(0, 51)) == []
    assert Pekerjaan.objects.count() == 4 and DBTaskResult.objects.count() == 4


def test_sepanjang_hari_dan_hari_berikutnya(unit):
    pelaksana.mulai_terjadwal(_wita(1, 0))
    assert {p.jenis for p in Pekerjaan.objects.all()} == {PEMBIMBINGAN, POKMAS, RETENSI}

    pelaksana.mulai_terjadwal(_wita(2, 0))
    (bersihkan,) = Pekerjaan.objects.filter(jenis=BERSIHKAN)
    assert bersihkan.unit_id is None and bersihkan.pemilik is None
    assert bersihkan.kunci == f"{BERSIHKAN}:-:{HARI.isoformat()}"

    pelaksana.mulai_terjadwal(_wita(23, 59))
    assert Pekerjaan.objects.count() == 4

    besok = HARI + datetime.timedelta(days=1)
    pelaksana.mulai_terjadwal(_wita(3, 0, besok))
    assert Pekerjaan.objects.count() == 8
    assert Pekerjaan.objects.filter(parameter__tanggal=besok.isoformat()).count() == 4


def test_kantor_wib_satu_jam_lebih_lambat(unit, unit_wib):
    # the day before, all through: both offices have had that day's jobs
    pelaksana.mulai_terjadwal(_wita(12, 0, HARI - datetime.timedelta(days=1)))
    kemarin = _kunci()
    assert len(kemarin) == 2 * 3 + 1

    def baru() -> set[tuple[str, int | None]]:
        return {(p.jenis, p.unit_id) for p in Pekerjaan.objects.exclude(kunci__in=kemarin)}

    # 00:50 WITA = 23:50 WIB the day before: the WITA office's jobs only
    pelaksana.mulai_terjadwal(_wita(0, 50))
    assert baru() == {(PEMBIMBINGAN, unit.pk), (POKMAS, unit.pk)}

    # 01:29 WITA = 00:29 WIB: still nothing for the WIB office (and retensi for WITA)
    pelaksana.mulai_terjadwal(_wita(1, 29))
    assert baru() == {(PEMBIMBINGAN, unit.pk), (POKMAS, unit.pk), (RETENSI, unit.pk)}

    # 01:50 WITA = 00:50 WIB: the WIB office's, an hour after the WITA office's
    pelaksana.mulai_terjadwal(_wita(1, 50))
    wib = {p.jenis: p for p in Pekerjaan.objects.exclude(kunci__in=kemarin).filter(unit=unit_wib)}
    assert set(wib) == {PEMBIMBINGAN, POKMAS}
    for p in wib.values():
        assert p.parameter == {"tanggal": HARI.isoformat()}  # its own date, WIB
        assert p.kunci == f"{p.jenis}:{unit_wib.pk}:{HARI.isoformat()}"

    # 02:00 WITA = 01:00 WIB: its retention run, and the installation's clearing
    pelaksana.mulai_terjadwal(_wita(2, 0))
    assert (RETENSI, unit_wib.pk) in baru() and (BERSIHKAN, None) in baru()
    assert len(baru()) == 2 * 3 + 1


def test_ketukan_tanpa_pekerjaan_baru_dua_query(unit, unit_wib, django_assert_num_queries):
    """A beat after the day's jobs started asks the same two queries however many offices."""
    UnitFactory.create_batch(5)
    assert len(pelaksana.mulai_terjadwal(_wita(12, 0))) == 7 * 3 + 1
    with django_assert_num_queries(2):  # the offices; which of the day's keys exist
        assert pelaksana.mulai_terjadwal(_wita(12, 1)) == []


def test_kunci_unik_di_basis_data(unit):
    """Two schedulers at once: the second's row is refused by the unique key, not doubled."""
    from django.db import IntegrityError, transaction

    (p, *_) = pelaksana.mulai_terjadwal(_wita(0, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        Pekerjaan.objects.create(jenis=p.jenis, unit=unit, kunci=p.kunci)


def test_jadwal_mengantrekan_ketukan_berikutnya_sekali(unit, time_machine):
    time_machine.move_to(_wita(0, 40), tick=False)
    assert pelaksana.pastikan_jadwal() is True
    assert pelaksana.pastikan_jadwal() is False  # one beat waits already

    hasil = pelaksana.jadwal()

    assert hasil["dipulihkan"] == []
    assert hasil["dimulai"] == [f"{PEMBIMBINGAN}:{unit.pk}:{HARI.isoformat()}"]
    ketukan = DBTaskResult.objects.filter(task_path=jadwal_tugas.module_path)
    assert ketukan.count() == 1  # the beat already waiting: no second one
    assert pelaksana.jadwal()["dimulai"] == []
    assert ketukan.count() == 1

    # once the waiting beat ran, the next beat queues one, a minute on
    ketukan.update(status="SUCCESSFUL")
    pelaksana.jadwal()
    (berikut,) = ketukan.filter(status="READY")
    assert berikut.run_after == _wita(0, 41)
    assert pelaksana.pastikan_jadwal() is False


def test_ketukan_gagal_tetap_mengantrekan_berikutnya(unit, monkeypatch):
    """A beat that fails (the database refused for a moment while it started the daily
    jobs) still queues the next one: otherwise the schedule stops, silently, until a worker
    restarts."""
    from django.db import OperationalError

    from .antrean import kerjakan_antrean

    def gagal(sekarang=None):
        raise OperationalError("could not serialize access")

    monkeypatch.setattr(pelaksana, "mulai_terjadwal", gagal)
    assert pelaksana.pastikan_jadwal() is True
    ketukan = DBTaskResult.objects.filter(task_path=jadwal_tugas.module_path)

    assert kerjakan_antrean(hanya_pekerjaan=False) == 1

    assert ketukan.filter(status="FAILED").count() == 1
    assert ketukan.filter(status="READY").count() == 1
