"""Running the queue inside a test: the worker's own code (django-tasks-db's `Worker.run_task`)
on the tasks that are ready, in the test's connection (so it sees the test's rows)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from pekerjaan.models import Pekerjaan
from pekerjaan.tasks import jalankan_tugas


def _pekerja() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="uji",
        excluded_queue_names=[],
    )


def kerjakan_antrean(*, hanya_pekerjaan: bool = True, maks: int = 20) -> int:
    """Run the ready tasks (only the jobs' by default, not the schedule's beat) until none is
    left; the number run."""
    pekerja = _pekerja()
    n = 0
    while n < maks:
        siap = DBTaskResult.objects.ready()
        if hanya_pekerjaan:
            siap = siap.filter(task_path=jalankan_tugas.module_path)
        tugas = siap.first()
        if tugas is None:
            return n
        tugas.claim(pekerja.worker_id)
        pekerja.run_task(tugas)
        n += 1
    raise AssertionError(f"the queue did not empty after {maks} tasks")


def pekerjaan_dari(resp) -> Pekerjaan:
    """The job a view redirected to (its page's URL ends with the job's id)."""
    assert resp.status_code == 302, resp.status_code
    pk = resp["Location"].rstrip("/").rsplit("/", 1)[-1]
    return Pekerjaan.objects.get(pk=pk)


def impor(client, berkas, url="/klien/impor/"):
    """Upload a file to the import page and run the job it starts: (the job, its page)."""
    resp = client.post(url, {"berkas": berkas})
    p = pekerjaan_dari(resp)
    kerjakan_antrean()
    p.refresh_from_db()
    return p, client.get(p.get_absolute_url())
