"""This app's own daily job: clearing away old jobs (their files too) and the queue's
finished tasks, after `PEKERJAAN_SIMPAN_HARI` days."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from .jenis import Hasil, jenis_pekerjaan
from .models import STATUS_AKHIR, Pekerjaan


def simpan_hari() -> int:
    return getattr(settings, "PEKERJAAN_SIMPAN_HARI", 30)


@jenis_pekerjaan(
    "pekerjaan.bersihkan",
    gettext_lazy("Pembersihan pekerjaan lama"),
    harian=datetime.time(2, 0),
    per_kantor=False,
)
def bersihkan(p, progres) -> Hasil:
    batas = timezone.now() - datetime.timedelta(days=simpan_hari())
    lama = list(Pekerjaan.objects.filter(status__in=STATUS_AKHIR, selesai__lt=batas))
    progres(0, total=len(lama), langkah=_("Menghapus pekerjaan lama dan berkasnya"))
    for n, lalu in enumerate(lama, start=1):
        # the files first: a row without its file is harmless, a file without its row is not
        for berkas in (lalu.berkas_masukan, lalu.berkas_hasil):
            if berkas:
                berkas.delete(save=False)
        lalu.delete()
        progres(n)
    tugas, _jenis = DBTaskResult.objects.finished().filter(finished_at__lt=batas).delete()
    return Hasil(
        ringkasan={
            "pekerjaan_dihapus": len(lama),
            "tugas_dihapus": tugas,
            "baris": [
                _("%(n)d pekerjaan lebih tua dari %(hari)d hari dihapus bersama berkasnya.")
                % {"n": len(lama), "hari": simpan_hari()}
            ],
        }
    )
