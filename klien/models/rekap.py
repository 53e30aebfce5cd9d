"""The client register's flows per office and month (what the regional and national views
read instead of scanning every client): klien/rekap.py keeps it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from akun.models import UnitScopedQuerySet
from inti.induk import pilihan_sah

from ..pilihan import StatusKlien

MASUK = "MASUK"  # the `peristiwa` of an intake (the client's start of guidance)


class PeristiwaKlien(models.TextChoices):
    MASUK = MASUK, pgettext_lazy("klien", "Masuk")
    SELESAI = StatusKlien.SELESAI.value, StatusKlien.SELESAI.label
    DICABUT = StatusKlien.DICABUT.value, StatusKlien.DICABUT.label
    KEMBALI = StatusKlien.KEMBALI.value, StatusKlien.KEMBALI.label
    DIAKHIRI = StatusKlien.DIAKHIRI.value, StatusKlien.DIAKHIRI.label
    MENINGGAL = StatusKlien.MENINGGAL.value, StatusKlien.MENINGGAL.label
    PINDAH = StatusKlien.PINDAH.value, StatusKlien.PINDAH.label


class RekapKlien(models.Model):
    """How many clients of an office started guidance in a month (`MASUK`), and how many
    ended it in a month, by the way they ended (STATUS_BERAKHIR). Each
    client is in one MASUK cell (the month of tanggal_mulai) and, once ended, in one ending
    cell (the month of tanggal_berakhir). From these the regional views read, per office,
    the intakes and endings of a period, the clients running at a month's end (intakes up to
    it less endings up to it) and those under guidance at some time in a period, without
    reading the clients. Written by klien.rekap from the client's own save and delete;
    `manage.py rekap_klien --periksa` recounts it."""

    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
    )
    bulan = models.DateField(_("bulan"))
    peristiwa = models.CharField(_("peristiwa"), max_length=10, choices=PeristiwaKlien)
    jumlah = models.IntegerField(_("jumlah"), default=0)

    objects = UnitScopedQuerySet.as_manager()  # Kanwil and Pusat: untuk_agregat

    class Meta:
        verbose_name = _("rekap klien")
        verbose_name_plural = _("rekap klien")
        constraints = [
            models.UniqueConstraint(fields=["unit", "bulan", "peristiwa"], name="rekap_klien_sel"),
            models.CheckConstraint(
                condition=pilihan_sah("peristiwa", PeristiwaKlien),
                name="rekap_klien_peristiwa_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.bulan:%Y-%m} {self.peristiwa}: {self.jumlah}"
