"""The tasks the worker runs (django-tasks). Each is a thin entry into `pelaksana`."""

from django_tasks import task

from . import pelaksana


@task()
def jalankan_tugas(pekerjaan_id: str) -> str:
    return pelaksana.jalankan(pekerjaan_id)


@task(priority=10)
def jadwal_tugas() -> dict:
    return pelaksana.jadwal()
