"""The rows recorded about a client: lifecycle events and outcomes (every one hangs off a
`Klien`; those that carry an office derive from `AnakKlien`)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.induk import UnitBerbeda, pilihan_sah, unit_dari_induk

from ..pilihan import JenisResidivisme, StatusKlien, Tonggak
from ..querysets import AnakKlienQuerySet
from .klien import Klien


class LogKlien(models.Model):
    """Common shape of a recorded event: who recorded it and when."""

    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        abstract = True


class UnitBerbedaDenganKlien(UnitBerbeda):
    """A row about a client was given another office than the client's."""


class AnakKlien(models.Model):
    """A table hanging off a client that carries the office (`unit`) for office-level queries.

    Every such table derives from this (tests/rails/test_unit_anak.py checks that none is
    missed): its `unit` is always the client's (`save()` fills it in from the client and
    refuses another, and a second parent of another office: INDUK_KANTOR) and
    `objects.for_user(user)` narrows like `Klien.objects.for_user`, so a PK sees only their
    own clients' rows. The subclass declares its `klien` foreign key (with
    its own related name)."""

    unit = models.ForeignKey("akun.Unit", on_delete=models.PROTECT, related_name="+")

    objects = AnakKlienQuerySet.as_manager()

    # Another parent the row hangs off that has an office of its own (an enrolment's
    # programme, an attendance's session): it must be the client's office too.
    INDUK_KANTOR: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.INDUK_KANTOR is not None:
            induk = getattr(self, self.INDUK_KANTOR)
            if induk.unit_id != self.klien.unit_id:
                raise UnitBerbedaDenganKlien(
                    f"{self._meta.label}: {self.INDUK_KANTOR} {induk.pk} bukan dari kantor klien."
                )
        try:
            unit_dari_induk(self, self.klien)
        except UnitBerbeda as exc:
            raise UnitBerbedaDenganKlien(*exc.args) from None
        super().save(*args, **kwargs)


class RiwayatStatus(LogKlien):
    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="riwayat_status")
    status_lama = models.CharField(_("status lama"), max_length=10, choices=StatusKlien, blank=True)
    status_baru = models.CharField(_("status baru"), max_length=10, choices=StatusKlien)
    tanggal = models.DateField(_("tanggal"))
    alasan = models.TextField(_("alasan"))
    # The document that decided an ending (pilihan.AKHIR_BERDOKUMEN): the SK pencabutan, the
    # court's or prosecutor's decision, the PK's report on a diversion not carried out.
    # Required by klien.services.ubah_status for those endings; not a database constraint,
    # because the endings recorded before these fields existed have no document here.
    dokumen_nomor = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    dokumen_tanggal = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    dokumen_pihak = models.CharField(
        _("penerbit / tujuan dokumen"),
        max_length=200,
        blank=True,
        help_text=_("Yang menerbitkan keputusan, atau pejabat yang menerima laporan."),
    )

    class Meta:
        ordering = ["-tanggal", "-dicatat_pada"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("status_baru", StatusKlien), name="riwayat_status_baru_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status_lama=F("status_baru")), name="riwayat_status_berubah"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.status_lama} → {self.status_baru}"


class PengalihanPK(LogKlien):
    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="pengalihan_pk")
    dari_pk = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ke_pk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField(_("tanggal"))
    alasan = models.TextField(_("alasan"))

    class Meta:
        ordering = ["-tanggal", "-dicatat_pada"]
        verbose_name = _("pengalihan PK")
        verbose_name_plural = _("pengalihan PK")
        constraints = [
            models.CheckConstraint(
                condition=~Q(dari_pk=F("ke_pk")),
                name="pengalihan_pk_berbeda",
                violation_error_message=_("PK baru harus berbeda dengan PK lama."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.dari_pk_id} → {self.ke_pk_id}"


class PeristiwaResidivisme(LogKlien, AnakKlien):
    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="residivisme")
    tanggal = models.DateField(_("tanggal peristiwa"))
    jenis = models.CharField(_("jenis"), max_length=9, choices=JenisResidivisme)
    sumber = models.CharField(_("sumber informasi"), max_length=200)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-tanggal"]
        verbose_name = _("peristiwa residivisme")
        verbose_name_plural = _("peristiwa residivisme")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisResidivisme), name="residivisme_jenis_valid"
            ),
            models.UniqueConstraint(
                fields=["klien", "tanggal", "jenis"],
                name="residivisme_unik_per_tanggal",
                violation_error_message=_("Peristiwa ini sudah dicatat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.jenis} {self.tanggal}"


class IndikatorReintegrasi(LogKlien, AnakKlien):
    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="indikator")
    tonggak = models.CharField(_("tonggak"), max_length=8, choices=Tonggak)
    tanggal = models.DateField(_("tanggal pengukuran"))
    bekerja = models.BooleanField(_("bekerja atau berwirausaha"), default=False)
    sekolah_pelatihan = models.BooleanField(_("sekolah atau pelatihan"), default=False)
    dukungan_keluarga = models.BooleanField(_("tinggal dengan dukungan keluarga"), default=False)
    tempat_tinggal_stabil = models.BooleanField(_("tempat tinggal stabil"), default=False)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["tanggal"]
        verbose_name = _("indikator reintegrasi")
        verbose_name_plural = _("indikator reintegrasi")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("tonggak", Tonggak), name="indikator_tonggak_valid"
            ),
            models.UniqueConstraint(
                fields=["klien", "tonggak"],
                name="indikator_satu_per_tonggak",
                violation_error_message=_("Indikator untuk tonggak ini sudah dicatat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.tonggak}"

    @property
    def skor(self) -> int:
        return sum(
            (
                self.bekerja,
                self.sekolah_pelatihan,
                self.dukungan_keluarga,
                self.tempat_tinggal_stabil,
            )
        )
