"""The background worker: django-tasks' `db_worker`, after recovering the jobs a stopped
worker left running and making sure the schedule beats (`pekerjaan.pelaksana`).

Run as many as the machine affords, each its own process (README, "Background jobs"):
they share the queue and never take the same job."""

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from pekerjaan import pelaksana


class Command(DbWorker):
    help = (
        "Menjalankan pekerjaan latar belakang (impor, ekspor besar, jadwal harian); "
        "opsi sama dengan db_worker."
    )

    def handle(self, *args, **options):
        dipulihkan = pelaksana.pulihkan_macet()
        if dipulihkan:
            self.stdout.write(f"{len(dipulihkan)} job(s) left by a stopped worker queued again")
        pelaksana.pastikan_jadwal()
        super().handle(*args, **options)
