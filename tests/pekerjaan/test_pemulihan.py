"""Jobs a stopped worker left running (`pelaksana.pulihkan_macet`): queued again, its old
task marked failed; given up after `PEKERJAAN_PERCOBAAN_MAKS` attempts; a job whose runner
is alive left alone. SQLite knows a dead runner by its silence (`PEKERJAAN_MACET_DETIK`),
PostgreSQL by its advisory lock, released when the runner's connection dies."""

import datetime
import os
import time

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pekerjaan import pelaksana
from pekerjaan.models import Pekerjaan, StatusPekerjaan

from .antrean import kerjakan_antrean

pg_saja = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="PostgreSQL only: a live runner is known by its advisory lock",
)


def _berjalan(oleh, *, denyut_lalu: datetime.timedelta, percobaan: int = 1) -> Pekerjaan:
    """A job a worker took (its task claimed, the job running), last heard of
    `denyut_lalu` ago."""
    p = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=oleh)
    DBTaskResult.objects.get(pk=p.tugas_id).claim("pekerja-mati")
    Pekerjaan.objects.filter(pk=p.pk).update(
        status=StatusPekerjaan.BERJALAN,
        percobaan=percobaan,
        mulai=timezone.now() - denyut_lalu,
        denyut=timezone.now() - denyut_lalu,
        progres=3,
        total=10,
    )
    p.refresh_from_db()
    return p


@pytest.fixture
def jalur_sqlite(monkeypatch):
    """SQLite's path on either database: a runner is dead when silent too long."""
    monkeypatch.setattr(pelaksana, "_pakai_kunci_pg", lambda: False)


def test_sqlite_macet_diantrekan_lagi_yang_segar_dibiarkan(jalur_sqlite, pk, settings):
    settings.PEKERJAAN_MACET_DETIK = 900
    macet = _berjalan(pk, denyut_lalu=datetime.timedelta(seconds=901))
    segar = _berjalan(pk, denyut_lalu=datetime.timedelta(seconds=600))
    tugas_lama = macet.tugas_id
    sebelum = Pekerjaan.objects.filter(pk=segar.pk).values().get()

    assert [p.pk for p in pelaksana.pulihkan_macet()] == [macet.pk]

    macet.refresh_from_db()
    assert macet.status == StatusPekerjaan.MENUNGGU
    assert macet.progres == 0
    assert macet.percobaan == 1
    assert macet.langkah == "Pekerja berhenti di tengah jalan; diulang dari awal."
    assert macet.tugas_id and macet.tugas_id != tugas_lama
    lama = DBTaskResult.objects.get(pk=tugas_lama)
    assert lama.status == "FAILED"
    assert lama.exception_class_path == "pekerjaan.pelaksana.PekerjaTerhenti"
    assert lama.finished_at is not None
    assert DBTaskResult.objects.get(pk=macet.tugas_id).status == "READY"

    assert Pekerjaan.objects.filter(pk=segar.pk).values().get() == sebelum
    assert DBTaskResult.objects.get(pk=segar.tugas_id).status == "RUNNING"

    # the queued task runs it again, from the start, to its end
    assert kerjakan_antrean() == 1
    macet.refresh_from_db()
    assert (macet.status, macet.percobaan) == (StatusPekerjaan.SELESAI, 2)


def test_sqlite_menyerah_setelah_percobaan_maks(jalur_sqlite, pk, settings):
    settings.PEKERJAAN_PERCOBAAN_MAKS = 3
    p = _berjalan(pk, denyut_lalu=datetime.timedelta(hours=1), percobaan=3)

    assert [q.pk for q in pelaksana.pulihkan_macet()] == [p.pk]

    p.refresh_from_db()
    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == "Pekerja berhenti di tengah pekerjaan ini beberapa kali."
    assert p.selesai is not None
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "FAILED"
    assert not DBTaskResult.objects.filter(status="READY").exists()  # not queued again
    assert pelaksana.pulihkan_macet() == []


def test_pulihkan_tidak_menyentuh_yang_menunggu_atau_selesai(jalur_sqlite, pk):
    menunggu = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=pk)
    lama = timezone.now() - datetime.timedelta(days=1)
    Pekerjaan.objects.filter(pk=menunggu.pk).update(denyut=lama)
    selesai = Pekerjaan.objects.create(
        jenis="pekerjaan.bersihkan", status=StatusPekerjaan.SELESAI, denyut=lama, selesai=lama
    )
    assert pelaksana.pulihkan_macet() == []
    assert Pekerjaan.objects.get(pk=menunggu.pk).status == StatusPekerjaan.MENUNGGU
    assert Pekerjaan.objects.get(pk=selesai.pk).status == StatusPekerjaan.SELESAI


def _koneksi_kedua():
    kedua = connections.create_connection("default")
    kedua.connect()
    return kedua


def _kunci(p: Pekerjaan) -> list[int]:
    return [0x504B4A, p.pk.int & 0x7FFFFFFF]


def _tutup(kedua, p: Pekerjaan) -> None:
    """Close the runner's connection, as its dying process would, and wait for PostgreSQL
    to let go of its lock (the server ends the session a moment after the client leaves)."""
    kedua.close()
    akhir = time.monotonic() + 10
    while time.monotonic() < akhir:
        with connection.cursor() as c:
            c.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
                "AND objid = %s AND objsubid = 2",
                _kunci(p),
            )
            if c.fetchone()[0] == 0:
                return
        time.sleep(0.05)
    raise AssertionError("PostgreSQL kept the closed connection's lock")


@pg_saja
@pytest.mark.django_db(transaction=True)
def test_pg_kunci_dipegang_pekerja_hidup_lalu_dilepas(pk):
    """A runner alive in another connection holds the job's lock: the job is left alone,
    however long it has been silent; once that connection lets go (the worker died), the
    job is queued again."""
    p = _berjalan(pk, denyut_lalu=datetime.timedelta(days=1))
    kedua = _koneksi_kedua()
    try:
        with kedua.cursor() as c:
            c.execute("SELECT pg_advisory_lock(%s, %s)", _kunci(p))
            # the runner's connection sees the job it runs (committed)
            c.execute("SELECT status FROM pekerjaan_pekerjaan WHERE id = %s", [str(p.pk)])
            assert c.fetchone() == ("berjalan",)

        assert pelaksana.pulihkan_macet() == []
        p.refresh_from_db()
        assert p.status == StatusPekerjaan.BERJALAN
        assert DBTaskResult.objects.get(pk=p.tugas_id).status == "RUNNING"
    finally:
        _tutup(kedua, p)  # the worker dies: PostgreSQL releases its lock

    tugas_lama = p.tugas_id
    assert [q.pk for q in pelaksana.pulihkan_macet()] == [p.pk]
    p.refresh_from_db()
    assert p.status == StatusPekerjaan.MENUNGGU and p.tugas_id != tugas_lama
    assert DBTaskResult.objects.get(pk=tugas_lama).status == "FAILED"
    # the recovery let go of the lock it took
    ketiga = _koneksi_kedua()
    try:
        with ketiga.cursor() as c:
            c.execute("SELECT pg_try_advisory_lock(%s, %s)", _kunci(p))
            assert c.fetchone() == (True,)
    finally:
        _tutup(ketiga, p)


@pg_saja
def test_pg_kunci_bebas_dipulihkan_walau_baru_berdenyut(pk, settings):
    """On PostgreSQL silence does not matter: a running job nobody holds the lock of is a
    dead runner's, even one heard of a second ago."""
    settings.PEKERJAAN_MACET_DETIK = 900
    p = _berjalan(pk, denyut_lalu=datetime.timedelta(seconds=1))
    tugas_lama = p.tugas_id

    assert [q.pk for q in pelaksana.pulihkan_macet()] == [p.pk]

    p.refresh_from_db()
    assert p.status == StatusPekerjaan.MENUNGGU and p.tugas_id != tugas_lama
    assert DBTaskResult.objects.get(pk=tugas_lama).status == "FAILED"


@pg_saja
def test_pg_jalankan_dilewati_selama_kunci_dipegang(pk):
    """A task delivered twice: the second runner finds the job's lock taken and leaves it."""
    p = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=pk)
    kedua = _koneksi_kedua()
    try:
        with kedua.cursor() as c:
            c.execute("SELECT pg_advisory_lock(%s, %s)", _kunci(p))
        assert pelaksana.jalankan(str(p.pk)) == "dilewati: dijalankan pekerja lain"
        p.refresh_from_db()
        assert (p.status, p.percobaan) == (StatusPekerjaan.MENUNGGU, 0)
    finally:
        _tutup(kedua, p)
    assert pelaksana.jalankan(str(p.pk)) == "selesai"


def test_tugas_berakhir_sebelum_mengambil_pekerjaan_diantrekan_lagi(pk, monkeypatch):
    """The database went away just as a worker took the task, before it took the job: the
    task failed, the job still waits, and no task is left to run it. The schedule's recovery
    queues it again; a job whose task still waits (now or later) is left alone."""
    p = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=pk)
    menunggu = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=pk)
    nanti = pelaksana.mulai(jenis="pekerjaan.bersihkan", oleh=pk)
    DBTaskResult.objects.filter(pk=nanti.tugas_id).update(
        run_after=timezone.now() + datetime.timedelta(minutes=5)
    )
    DBTaskResult.objects.filter(pk=menunggu.tugas_id).update(priority=-10)  # runs after p's

    def putus(pid):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(pelaksana, "_ambil_giliran", putus)
    tugas = DBTaskResult.objects.get(pk=p.tugas_id)
    tugas.claim("pekerja-uji")
    from .antrean import _pekerja

    _pekerja().run_task(tugas)
    monkeypatch.undo()
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "FAILED"
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (StatusPekerjaan.MENUNGGU, 0)
    tugas_lama = p.tugas_id

    assert [q.pk for q in pelaksana.pulihkan_macet()] == [p.pk]

    p.refresh_from_db()
    assert p.status == StatusPekerjaan.MENUNGGU and p.tugas_id != tugas_lama
    assert DBTaskResult.objects.get(pk=p.tugas_id).status == "READY"
    for q in (menunggu, nanti):
        assert Pekerjaan.objects.get(pk=q.pk).tugas_id == q.tugas_id
    assert pelaksana.pulihkan_macet() == []

    assert kerjakan_antrean() == 2  # p and `menunggu`; `nanti` in five minutes
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (StatusPekerjaan.SELESAI, 1)
