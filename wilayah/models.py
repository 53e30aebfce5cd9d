"""Indonesia's regions: provinsi > kabupaten/kota > kecamatan > desa/kelurahan.

Loaded from the `areaid` package by `manage.py muat_wilayah`, never typed in by hand.
`sumber_id` is the record's id in that data set, so reloading updates instead of duplicating.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Provinsi(models.Model):
    sumber_id = models.PositiveIntegerField(_("id sumber data"), unique=True)
    nama = models.CharField(_("nama"), max_length=100, unique=True)
    kode_iso = models.CharField(_("kode ISO 3166-2"), max_length=6, blank=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self) -> str:
        return self.nama


class JenisKabupaten(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


# A region's name with its kind, in the word order of the language: "Kabupaten Bangli",
# "Bangli Regency"; "Kota Denpasar", "Denpasar City"; "Kec. Kintamani", "Kintamani District".
NAMA_BERJENIS = {
    JenisKabupaten.KABUPATEN: _("Kabupaten %(nama)s"),
    JenisKabupaten.KOTA: _("Kota %(nama)s"),
}
NAMA_KECAMATAN = _("Kec. %(nama)s")


class Kabupaten(models.Model):
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="kabupaten")
    sumber_id = models.PositiveIntegerField(_("id sumber data"), unique=True)
    jenis = models.CharField(_("jenis"), max_length=9, choices=JenisKabupaten)
    nama = models.CharField(_("nama"), max_length=100)
    ibukota = models.CharField(_("ibu kota"), max_length=100, blank=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.UniqueConstraint(
                fields=["provinsi", "jenis", "nama"], name="kabupaten_nama_unik_per_provinsi"
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisKabupaten.values), name="kabupaten_jenis_valid"
            ),
        ]

    def __str__(self) -> str:
        pola = NAMA_BERJENIS.get(self.jenis)
        return pola % {"nama": self.nama} if pola is not None else self.nama


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    sumber_id = models.PositiveIntegerField(_("id sumber data"), unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    # The usual one-way travel time from this kecamatan to the Bapas office whose work area
    # holds it: at most one, since a kabupaten lies in at most one work area (the constraint
    # wilayah_kerja_kabupaten_satu_unit on akun.WilayahKerja). Null: not yet recorded.
    waktu_tempuh_menit = models.PositiveSmallIntegerField(
        _("waktu tempuh ke kantor Bapas (menit)"), null=True, blank=True
    )
    keterangan_tempuh = models.CharField(_("keterangan perjalanan"), max_length=200, blank=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "nama"], name="kecamatan_nama_unik_per_kabupaten"
            ),
            models.CheckConstraint(
                condition=Q(waktu_tempuh_menit__isnull=True) | Q(waktu_tempuh_menit__lte=24 * 60),
                name="kecamatan_waktu_tempuh_wajar",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def nama_lengkap(self) -> str:
        """The name with its kind ("Kec. Kintamani"; in English "Kintamani District")."""
        return NAMA_KECAMATAN % {"nama": self.nama}


class DesaQuerySet(models.QuerySet):
    def di_wilayah_kerja(self, unit):
        """The villages of an office's work area (the kabupaten it serves)."""
        return self.filter(kecamatan__kabupaten__unit_bapas=unit)


class Desa(models.Model):
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa")
    sumber_id = models.PositiveIntegerField(_("id sumber data"), unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    kode_pos = models.CharField(_("kode pos"), max_length=5, blank=True)

    objects = DesaQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        constraints = [
            models.CheckConstraint(
                condition=Q(kode_pos="") | Q(kode_pos__regex=r"^[0-9]{5}$"),
                name="desa_kode_pos_lima_digit",
            ),
        ]

    def __str__(self) -> str:
        return self.nama
