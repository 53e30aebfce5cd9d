"""A background job as its user sees it: what was asked, how far it is, and its result.

The queue itself is django-tasks' database backend (`django_tasks_db.DBTaskResult`, the
backport of Django's own tasks framework): it stores the task and hands it to one worker
(`manage.py pekerja`). A `Pekerjaan` row is this application's record of the job around
it: the office and user it belongs to (so it is scoped like every office record), its
input file and result file (through the storage API: local disk or object storage), its
progress, and why it failed. A job runs its writes and the recording of its result in one
transaction (`pekerjaan.pelaksana`), so a worker that dies half-way leaves nothing
written, and a job run twice does its work once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh
from akun.models import UnitScopedQuerySet

from .jenis import judul as judul_jenis


class StatusPekerjaan(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu giliran")
    BERJALAN = "berjalan", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


STATUS_AKHIR = (StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL)


class PekerjaanQuerySet(UnitScopedQuerySet):
    def for_user(self, user):
        """A user sees the jobs they started (an export holds what they may see, and no
        more); the office's scheduled jobs (no owner) are seen by whoever may read the
        office's trail. Kanwil and Pusat staff have no office: their own jobs only."""
        if not user.is_authenticated:
            return self.none()
        milik = Q(pemilik=user)
        if boleh(user, Izin.LIHAT_JEJAK) and user.unit_id is not None:
            milik |= Q(pemilik__isnull=True, unit_id=user.unit_id)
        return self.filter(milik)

    def terbuka(self):
        return self.exclude(status__in=STATUS_AKHIR)


def _folder(instance, nama: str, jenis: str) -> str:
    return f"pekerjaan/{jenis}/{instance.dibuat:%Y/%m}/{instance.pk}/{nama}"


def folder_masukan(instance, nama: str) -> str:
    return _folder(instance, nama, "masukan")


def folder_hasil(instance, nama: str) -> str:
    return _folder(instance, nama, "hasil")


class Pekerjaan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField(_("jenis"), max_length=60)
    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kantor"),
    )
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimulai oleh"),
    )
    # the job's arguments (plain JSON values: ids, dates as ISO text, a filter's query)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    # a scheduled job's identity ("pokmas.pks:2026-12-06"): the schedule may fire twice,
    # the job exists once
    kunci = models.CharField(_("kunci jadwal"), max_length=120, null=True, blank=True)  # noqa: DJ001 - unique among scheduled jobs only
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPekerjaan, default=StatusPekerjaan.MENUNGGU
    )
    langkah = models.CharField(_("langkah"), max_length=200, blank=True)
    progres = models.PositiveIntegerField(_("selesai"), default=0)
    total = models.PositiveIntegerField(_("dari"), null=True, blank=True)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    pesan_galat = models.TextField(_("alasan gagal"), blank=True)
    berkas_masukan = models.FileField(
        _("berkas masukan"), upload_to=folder_masukan, max_length=300, blank=True
    )
    nama_masukan = models.CharField(_("nama berkas masukan"), max_length=200, blank=True)
    berkas_hasil = models.FileField(
        _("berkas hasil"), upload_to=folder_hasil, max_length=300, blank=True
    )
    nama_hasil = models.CharField(_("nama berkas hasil"), max_length=200, blank=True)
    tipe_hasil = models.CharField(_("jenis berkas hasil"), max_length=120, blank=True)
    # django_tasks_db.DBTaskResult of the latest attempt (text: it is another app's id)
    tugas_id = models.CharField(_("tugas"), max_length=64, blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    denyut = models.DateTimeField(_("kabar terakhir"), null=True, blank=True)

    objects = PekerjaanQuerySet.as_manager()

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        indexes = [
            models.Index(fields=["pemilik", "-dibuat"], name="pekerjaan_pemilik_idx"),
            models.Index(
                fields=["status", "denyut"],
                name="pekerjaan_terbuka_idx",
                condition=Q(status__in=["menunggu", "berjalan"]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci"],
                condition=Q(kunci__isnull=False),
                name="pekerjaan_kunci_unik",
                violation_error_message=_("Pekerjaan terjadwal ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusPekerjaan.values),
                name="pekerjaan_status_valid",
                violation_error_message=_("Status pekerjaan tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(progres__lte=models.F("total")),
                name="pekerjaan_progres_dalam_total",
                violation_error_message=_("Kemajuan pekerjaan melebihi totalnya."),
            ),
            models.CheckConstraint(
                condition=~Q(status="gagal") | ~Q(pesan_galat=""),
                name="pekerjaan_gagal_beralasan",
                violation_error_message=_("Pekerjaan yang gagal harus menyebut alasannya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("pekerjaan:detail", args=[self.pk])

    @property
    def judul(self):
        """The kind's title, as its app registered it (`pekerjaan.jenis`)."""
        return judul_jenis(self.jenis)

    @property
    def terbuka(self) -> bool:
        return self.status not in STATUS_AKHIR

    @property
    def persen(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.progres / self.total))
