"""Running a job: once, whole or not at all, and again after a worker died.

`jalankan` is what the worker calls (`pekerjaan.tasks.jalankan_tugas`):

1. It marks itself as the job's runner. On PostgreSQL it first takes a session advisory
   lock on the job: held for as long as its connection lives, released by PostgreSQL when
   the worker dies, however it dies. A job that is done, failed, or held by a live runner is
   left alone, so a task delivered twice does the work once.
2. It runs the job's function and records the result (the file through the storage API,
   the summary, "done") in one transaction: a worker killed half-way leaves no partial
   result and no partial write.
3. A refusal (`PekerjaanGagal`) is recorded with its reason; a lost database connection is
   tried again later, up to `PEKERJAAN_PERCOBAAN_MAKS` attempts; any other error is logged
   and the job fails with a plain message.

`pulihkan_macet` finds jobs left running by a dead worker (PostgreSQL: nobody holds their
lock; SQLite: no word from them for `PEKERJAAN_MACET_DETIK`) and queues them again. The
schedule (`jadwal`) runs it every minute, with the daily jobs (`jenis.terjadwal`).
"""

import contextlib
import datetime
import logging
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile, File
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from akun.models import Unit, User
from inti.ekspor import suasana_permintaan
from jejak.konteks import sebagai
from jejak.models import Peristiwa
from jejak.services import catat_peristiwa

from . import jenis as jenis_
from .models import Pekerjaan, StatusPekerjaan
from .progres import Progres

log = logging.getLogger("pekerjaan")

# the first key of the job's advisory lock (the second is drawn from its id): "PKJ"
_RUANG_KUNCI = 0x504B4A
SELANG_JADWAL_DETIK = 60


def _percobaan_maks() -> int:
    return getattr(settings, "PEKERJAAN_PERCOBAAN_MAKS", 3)


def _kunci(pekerjaan_id) -> tuple[int, int]:
    return _RUANG_KUNCI, pekerjaan_id.int & 0x7FFFFFFF


def _pakai_kunci_pg() -> bool:
    return connection.vendor == "postgresql"


def _coba_kunci(pekerjaan_id) -> bool:
    if not _pakai_kunci_pg():
        return True
    with connection.cursor() as c:
        c.execute("SELECT pg_try_advisory_lock(%s, %s)", _kunci(pekerjaan_id))
        return c.fetchone()[0]


def _lepas_kunci(pekerjaan_id) -> None:
    if not _pakai_kunci_pg():
        return
    with contextlib.suppress(DatabaseError), connection.cursor() as c:
        c.execute("SELECT pg_advisory_unlock(%s, %s)", _kunci(pekerjaan_id))


# -- starting ----------------------------------------------------------------------------


def antrekan(pekerjaan: Pekerjaan, *, setelah: datetime.datetime | None = None) -> None:
    """Queue the job's task, in the caller's transaction: the job and its task exist
    together or not at all (the worker sees the task only once it commits)."""
    from .tasks import jalankan_tugas

    tugas = jalankan_tugas.using(run_after=setelah) if setelah else jalankan_tugas
    hasil = tugas.enqueue(str(pekerjaan.pk))
    pekerjaan.tugas_id = str(hasil.id)
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(tugas_id=pekerjaan.tugas_id)


@transaction.atomic
def mulai(
    *,
    jenis: str,
    oleh: User | None,
    unit=None,
    parameter: dict | None = None,
    berkas_masukan=None,
    kunci: str | None = None,
) -> Pekerjaan:
    """Record a job and queue it. `berkas_masukan` (an uploaded file) is stored through
    the storage API for the worker to read; its name is kept for the user."""
    jenis_.ambil(jenis)  # an unknown kind is refused here, not in the worker
    p = Pekerjaan(
        jenis=jenis,
        pemilik=oleh,
        unit=unit if unit is not None else getattr(oleh, "unit", None),
        parameter=parameter or {},
        kunci=kunci,
        langkah=_("Menunggu giliran"),
    )
    p.save()
    if berkas_masukan is not None:
        p.nama_masukan = berkas_masukan.name[:200]
        p.berkas_masukan.save(_nama_aman(berkas_masukan.name), berkas_masukan, save=False)
        p.save(update_fields=["berkas_masukan", "nama_masukan"])
    antrekan(p)
    return p


def mulai_ekspor(request, *, jenis: str, parameter: dict, jejak: dict) -> Pekerjaan:
    """Start an export for the request's user as a job that writes the file as the page
    would (its language and time zone: `inti.ekspor.suasana_permintaan`), and write the
    export to the trail with the job's id (`jejak`: the file, its format, filters...), both
    in one transaction. The rows it holds are written by each download of its file."""
    with transaction.atomic():
        p = mulai(jenis=jenis, oleh=request.user, parameter=parameter | suasana_permintaan())
        catat_peristiwa(Peristiwa.EKSPOR, request=request, data=jejak | {"pekerjaan": str(p.pk)})
    return p


def _nama_aman(nama: str) -> str:
    akhiran = nama.rsplit(".", 1)[-1].lower() if "." in nama else "bin"
    return get_valid_filename(f"masukan.{akhiran[:8]}")


# -- running -----------------------------------------------------------------------------


def jalankan(pekerjaan_id: str) -> str:
    """The worker's entry point. Returns what happened, for the task's own record."""
    pid = uuid.UUID(str(pekerjaan_id))
    if not _coba_kunci(pid):
        return "dilewati: dijalankan pekerja lain"
    try:
        p = _ambil_giliran(pid)
        if p is None:
            return "dilewati: sudah selesai"
        return _jalankan(p)
    finally:
        _lepas_kunci(pid)


@transaction.atomic
def _ambil_giliran(pid) -> Pekerjaan | None:
    p = Pekerjaan.objects.select_for_update().filter(pk=pid).first()
    if p is None or not p.terbuka:
        return None
    sekarang = timezone.now()
    p.status = StatusPekerjaan.BERJALAN
    p.percobaan += 1
    p.mulai = p.mulai or sekarang
    p.denyut = sekarang
    p.progres = 0
    p.langkah = _("Dimulai")
    p.save(update_fields=["status", "percobaan", "mulai", "denyut", "progres", "langkah"])
    return p


def _jalankan(p: Pekerjaan) -> str:
    progres = Progres(p)
    try:
        jenis = jenis_.ambil(p.jenis)
        if p.pemilik is not None and not p.pemilik.is_active:
            raise jenis_.PekerjaanGagal(_("Akun yang memulai pekerjaan ini sudah dinonaktifkan."))
        with sebagai(p.pemilik), transaction.atomic():
            hasil = jenis.fungsi(p, progres)
            _catat_selesai(p, hasil, progres)
        return "selesai"
    except jenis_.PekerjaanGagal as exc:
        _catat_gagal(p, exc.pesan, exc.ringkasan)
        return "gagal: ditolak"
    except (OperationalError, InterfaceError) as exc:
        # the database went away or refused for now (a restart, a deadlock): again later
        log.warning("job %s (%s) attempt %d: database error: %s", p.pk, p.jenis, p.percobaan, exc)
        if p.percobaan < _percobaan_maks():
            _ulang_nanti(p, _("Basis data sementara tidak terjangkau; dicoba lagi."))
            return "diulang"
        _catat_gagal(p, _("Basis data tidak terjangkau setelah beberapa percobaan."))
        return "gagal: basis data"
    except Exception:
        log.exception("job %s (%s) failed", p.pk, p.jenis)
        _catat_gagal(
            p,
            _(
                "Terjadi kesalahan pada sistem, dan tidak ada data yang berubah. Rinciannya "
                "tercatat di log server; hubungi admin bila terulang."
            ),
        )
        return "gagal: kesalahan sistem"
    finally:
        progres.tutup()


def _catat_selesai(p: Pekerjaan, hasil: jenis_.Hasil, progres: Progres) -> None:
    p.status = StatusPekerjaan.SELESAI
    p.selesai = p.denyut = timezone.now()
    p.ringkasan = hasil.ringkasan | ({"tautan": hasil.tautan} if hasil.tautan else {})
    p.total = progres.total
    p.progres = progres.total if progres.total is not None else progres.selesai
    p.langkah = _("Selesai")
    p.pesan_galat = ""
    kolom = ["status", "selesai", "denyut", "ringkasan", "total", "progres", "langkah"]
    kolom.append("pesan_galat")
    if hasil.berkas is not None:
        berkas = hasil.berkas
        berkas = ContentFile(berkas) if isinstance(berkas, bytes) else File(berkas)
        p.nama_hasil = hasil.nama_berkas[:200]
        p.tipe_hasil = hasil.tipe[:120]
        try:
            p.berkas_hasil.save(_nama_hasil(hasil.nama_berkas), berkas, save=False)
        finally:
            berkas.close()  # a temporary file of the job's is let go here
        kolom += ["berkas_hasil", "nama_hasil", "tipe_hasil"]
    p.save(update_fields=kolom)


def _nama_hasil(nama: str) -> str:
    try:
        return get_valid_filename(nama)
    except SuspiciousFileOperation:  # nothing left of the name ("", "..")
        return "hasil"


def _catat_gagal(p: Pekerjaan, pesan: str, ringkasan: dict | None = None) -> None:
    """The failure and its reason; for a kind that asks, an audit entry in the same
    transaction (a refused import is recorded, like one that succeeded)."""
    peristiwa = jenis_.jejak_gagal(p.jenis)
    with transaction.atomic():
        if peristiwa:
            catat_peristiwa(
                peristiwa,
                pelaku=p.pemilik,
                unit_id=p.unit_id,
                data={
                    "pekerjaan": str(p.pk),
                    "berkas": p.nama_masukan[:200],
                    "hasil": "gagal",
                    "alasan": str(pesan)[:300],
                    "kesalahan": (ringkasan or {}).get("jumlah_kesalahan", 0),
                }
                | (ringkasan or {}).get("jejak", {}),
            )
        Pekerjaan.objects.filter(pk=p.pk).update(
            status=StatusPekerjaan.GAGAL,
            pesan_galat=str(pesan) or _("Gagal."),
            ringkasan=ringkasan or {},
            selesai=timezone.now(),
            denyut=timezone.now(),
            langkah=_("Gagal"),
        )


def _ulang_nanti(p: Pekerjaan, alasan: str) -> None:
    jeda = datetime.timedelta(seconds=30 * p.percobaan)
    with transaction.atomic():
        Pekerjaan.objects.filter(pk=p.pk).update(
            status=StatusPekerjaan.MENUNGGU, langkah=str(alasan)[:200], denyut=timezone.now()
        )
        antrekan(p, setelah=timezone.now() + jeda)


# -- recovery and the schedule -------------------------------------------------------------


def _macet_sqlite() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(
        seconds=getattr(settings, "PEKERJAAN_MACET_DETIK", 900)
    )


def pulihkan_macet() -> list[Pekerjaan]:
    """Queue again the jobs a dead worker left running (they wrote nothing: their
    transaction died with it), or fail them after `PEKERJAAN_PERCOBAAN_MAKS` attempts."""
    dipulihkan = []
    calon = Pekerjaan.objects.filter(status=StatusPekerjaan.BERJALAN)
    if not _pakai_kunci_pg():
        calon = calon.filter(denyut__lt=_macet_sqlite())
    for pid in calon.values_list("pk", flat=True):
        if not _coba_kunci(pid):
            continue  # its runner is alive
        try:
            p = _pulihkan(pid)
        finally:
            _lepas_kunci(pid)
        if p is not None:
            dipulihkan.append(p)
    return dipulihkan + _antrekan_yatim()


_TUGAS_HIDUP = ("READY", "RUNNING")


def _antrekan_yatim() -> list[Pekerjaan]:
    """Queue again the waiting jobs whose task ended without taking them up (the database
    went away as a worker took the task; on PostgreSQL, the task found the job's lock held a
    moment by this recovery): no task is left that would run them. Not an attempt: the job
    never started."""
    menunggu = dict(
        Pekerjaan.objects.filter(status=StatusPekerjaan.MENUNGGU).values_list("pk", "tugas_id")
    )
    hidup = {
        str(t)
        for t in DBTaskResult.objects.filter(
            pk__in=[t for t in menunggu.values() if t], status__in=_TUGAS_HIDUP
        ).values_list("pk", flat=True)
    }
    dipulihkan = []
    for pid, tugas_id in menunggu.items():
        if tugas_id not in hidup and (p := _antrekan_lagi(pid, tugas_id)) is not None:
            dipulihkan.append(p)
    return dipulihkan


@transaction.atomic
def _antrekan_lagi(pid, tugas_id: str) -> Pekerjaan | None:
    p = (
        Pekerjaan.objects.select_for_update()
        .filter(pk=pid, status=StatusPekerjaan.MENUNGGU, tugas_id=tugas_id)
        .first()
    )
    if p is None or (
        tugas_id and DBTaskResult.objects.filter(pk=tugas_id, status__in=_TUGAS_HIDUP).exists()
    ):
        return None  # taken up, or queued again, meanwhile
    log.warning("job %s (%s) was waiting with no task to run it", p.pk, p.jenis)
    antrekan(p)
    return p


@transaction.atomic
def _pulihkan(pid) -> Pekerjaan | None:
    p = Pekerjaan.objects.select_for_update().filter(pk=pid).first()
    if p is None or p.status != StatusPekerjaan.BERJALAN:
        return None
    if p.tugas_id:
        DBTaskResult.objects.filter(pk=p.tugas_id, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path="pekerjaan.pelaksana.PekerjaTerhenti",
            traceback="the worker stopped while running this task; the job was queued again",
        )
    log.warning("job %s (%s) was left running by a stopped worker", p.pk, p.jenis)
    if p.percobaan >= _percobaan_maks():
        _catat_gagal(p, _("Pekerja berhenti di tengah pekerjaan ini beberapa kali."))
        return p
    p.status = StatusPekerjaan.MENUNGGU
    p.langkah = _("Pekerja berhenti di tengah jalan; diulang dari awal.")
    p.progres = 0
    p.save(update_fields=["status", "langkah", "progres"])
    antrekan(p)
    return p


def mulai_terjadwal(sekarang: datetime.datetime | None = None) -> list[Pekerjaan]:
    """Start each daily job whose time has come today and that has not run today: once per
    office at the office's local time, or once for the installation at the server's. Its key
    (`kode:office:date`) is unique, so two schedulers start it once."""
    sekarang = sekarang or timezone.now()
    kantor = list(Unit.objects.order_by("pk").only("pk", "zona_waktu"))
    calon = {}  # each job whose time has come, by its key: (kind, office, date)
    for j in jenis_.terjadwal():
        for unit in kantor if j.per_kantor else [None]:
            zona = unit.zona_waktu if unit is not None else settings.TIME_ZONE
            setempat = timezone.localtime(sekarang, ZoneInfo(zona))
            if setempat.time() >= j.harian:
                tanggal = setempat.date().isoformat()
                kunci = f"{j.kode}:{unit.pk if unit is not None else '-'}:{tanggal}"
                calon[kunci] = (j, unit, tanggal)
    # the ones already started, in one query (the schedule beats every minute)
    sudah = set(Pekerjaan.objects.filter(kunci__in=calon).values_list("kunci", flat=True))
    dimulai = []
    for kunci, (j, unit, tanggal) in calon.items():
        if kunci in sudah:
            continue
        try:
            p = mulai(
                jenis=j.kode, oleh=None, unit=unit, parameter={"tanggal": tanggal}, kunci=kunci
            )
        except IntegrityError:
            continue  # another scheduler started it a moment ago
        dimulai.append(p)
    return dimulai


def jadwal() -> dict:
    """One beat of the schedule: recover stopped jobs, start the daily ones, and queue the
    next beat (unless one is already queued). The next beat is queued even when this one
    fails: otherwise the schedule would stop, silently, until a worker restarts."""
    try:
        dipulihkan = pulihkan_macet()
        dimulai = mulai_terjadwal()
    finally:
        pastikan_jadwal(setelah=timezone.now() + datetime.timedelta(seconds=SELANG_JADWAL_DETIK))
    return {"dipulihkan": [str(p.pk) for p in dipulihkan], "dimulai": [p.kunci for p in dimulai]}


def pastikan_jadwal(*, setelah: datetime.datetime | None = None) -> bool:
    """Queue a beat of the schedule unless one is waiting already. True when queued."""
    from .tasks import jadwal_tugas

    menunggu = DBTaskResult.objects.filter(
        task_path=jadwal_tugas.module_path, status="READY"
    ).exists()
    if menunggu:
        return False
    (jadwal_tugas.using(run_after=setelah) if setelah else jadwal_tugas).enqueue()
    return True
