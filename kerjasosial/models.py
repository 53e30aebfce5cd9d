"""Pidana kerja sosial (KUHP Pasal 85): the placement sites, the court's order for a client,
and the ledger of hours worked.

The rules that Pasal 85 sets hold in the database: 8 to 240 hours ordered, at most 8 hours in
one day (one ledger row per client per day, 0 < jam <= 8), never outside the order's window
(each ledger row keeps a copy of the window, checked against its date), the client's consent
recorded, and a site whose work is non-commercial. The window's six-month limit is calendar
arithmetic that SQLite and PostgreSQL do not share, so the service refuses a longer window
(kerjasosial.services.putusan_simpan) and the database only keeps the end after the start.

Why a ledger of its own rather than pembimbingan's sessions and attendance: a Kehadiran row
has no hours, and adding them (or a session kind for a site) would need a pembimbingan
migration while that app is changed by others at the same time. A morning of work at a site
is recorded here as one row per client per day (hours, or an absence with its reason); it
stays on the client's timeline beside the sessions through klien.terkait.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import UnitScopedQuerySet
from inti.induk import pilihan_sah, unit_dari_induk
from inti.kendala import KendalaPerFieldMixin
from klien.models import Klien
from klien.models.anak import AnakKlien, LogKlien

JAM_MIN = 8
JAM_MAKS = 240
JAM_SEHARI = Decimal(8)
BULAN_MAKS = 6


class JenisLokasi(models.TextChoices):
    SEKOLAH = "sekolah", _("Sekolah")
    TEMPAT_IBADAH = "ibadah", _("Tempat ibadah")
    TAMAN = "taman", _("Taman / ruang publik")
    PANTI_ASUHAN = "panti", _("Panti asuhan")
    KANTOR_DESA = "kantor_desa", _("Kantor desa / kelurahan")
    GRIYA_ABHIPRAYA = "griya", _("Griya Abhipraya")
    LAINNYA = "lainnya", _("Lainnya")


class AkibatTidakSelesai(models.TextChoices):
    """What the court order says follows when the hours are not done without lawful reason."""

    ULANG = "ulang", _("Mengulang seluruh atau sebagian pidana kerja sosial")
    PENJARA = "penjara", _("Menjalani pidana penjara yang diganti")
    DENDA = "denda", _("Membayar pidana denda")


class LokasiQuerySet(UnitScopedQuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class LokasiKerjaSosial(KendalaPerFieldMixin, models.Model):
    """A public or social place where clients do their community service."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama lokasi"), max_length=150)
    jenis = models.CharField(_("jenis lokasi"), max_length=12, choices=JenisLokasi)
    alamat = models.CharField(_("alamat"), max_length=250)
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kecamatan"),
    )
    narahubung = models.CharField(_("narahubung"), max_length=150)
    telepon = models.CharField(_("telepon narahubung"), max_length=30)
    jenis_pekerjaan = models.TextField(
        _("jenis pekerjaan"), help_text=_("Misalnya: membersihkan halaman, merawat kebun.")
    )
    kapasitas = models.PositiveSmallIntegerField(
        _("kapasitas"), help_text=_("Jumlah klien yang dapat bekerja bersamaan.")
    )
    hari_buka = models.CharField(
        _("hari buka"), max_length=150, help_text=_("Misalnya: Senin–Jumat, 08.00–12.00.")
    )
    nomor_perjanjian = models.CharField(_("nomor perjanjian dengan Bapas"), max_length=100)
    tanggal_perjanjian = models.DateField(_("tanggal perjanjian"))
    mitra = models.ForeignKey(
        "pokmas.Mitra",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mitra Pokmas (bila ada)"),
    )
    nonkomersial = models.BooleanField(
        _("pekerjaan tidak bersifat komersial"),
        default=False,
        help_text=_("Pasal 85: pidana kerja sosial tidak boleh dikomersialkan."),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    objects = LokasiQuerySet.as_manager()

    FIELD_KENDALA = {
        "lokasi_ks_nama_unik_per_kantor": "nama",
        "lokasi_ks_nonkomersial": "nonkomersial",
        "lokasi_ks_kapasitas_positif": "kapasitas",
    }

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("lokasi kerja sosial")
        verbose_name_plural = _("lokasi kerja sosial")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "nama"],
                name="lokasi_ks_nama_unik_per_kantor",
                violation_error_message=_("Kantor ini sudah memiliki lokasi dengan nama itu."),
            ),
            models.CheckConstraint(
                condition=Q(nonkomersial=True),
                name="lokasi_ks_nonkomersial",
                violation_error_message=_(
                    "Pekerjaan di lokasi kerja sosial wajib dinyatakan tidak komersial."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kapasitas__gte=1),
                name="lokasi_ks_kapasitas_positif",
                violation_error_message=_("Kapasitas paling sedikit 1 klien."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisLokasi), name="lokasi_ks_jenis_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs):
        if self.mitra_id is not None:
            unit_dari_induk(self, self.mitra)
        super().save(*args, **kwargs)


class PutusanKerjaSosial(KendalaPerFieldMixin, LogKlien, AnakKlien):
    """The court's order of community service for one client (one per client)."""

    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="putusan_kerja_sosial")
    lokasi = models.ForeignKey(
        LokasiKerjaSosial,
        on_delete=models.PROTECT,
        related_name="putusan",
        verbose_name=_("lokasi penempatan"),
    )
    nomor_putusan = models.CharField(_("nomor putusan"), max_length=100)
    tanggal_putusan = models.DateField(_("tanggal putusan"))
    kejaksaan = models.CharField(_("kejaksaan negeri"), max_length=150)
    jam_diputus = models.PositiveSmallIntegerField(
        _("jam kerja sosial yang diputus"), help_text=_("8 sampai 240 jam.")
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    batas_akhir = models.DateField(
        _("batas akhir pelaksanaan"), help_text=_("Paling lama 6 bulan sejak tanggal mulai.")
    )
    persetujuan_klien = models.BooleanField(
        _("klien menyetujui pidana kerja sosial"), default=False
    )
    akibat_tidak_selesai = models.CharField(
        _("bila tidak dilaksanakan tanpa alasan sah"),
        max_length=8,
        choices=AkibatTidakSelesai,
    )
    catatan = models.TextField(_("catatan"), blank=True)

    INDUK_KANTOR = "lokasi"
    FIELD_KENDALA = {
        "putusan_ks_jam_8_240": "jam_diputus",
        "putusan_ks_batas_setelah_mulai": "batas_akhir",
        "putusan_ks_persetujuan": "persetujuan_klien",
    }

    class Meta:
        verbose_name = _("putusan kerja sosial")
        verbose_name_plural = _("putusan kerja sosial")
        constraints = [
            models.UniqueConstraint(
                fields=["klien"],
                name="putusan_ks_satu_per_klien",
                violation_error_message=_("Putusan kerja sosial klien ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=Q(jam_diputus__gte=JAM_MIN, jam_diputus__lte=JAM_MAKS),
                name="putusan_ks_jam_8_240",
                violation_error_message=_("Pidana kerja sosial 8 sampai 240 jam."),
            ),
            models.CheckConstraint(
                condition=Q(batas_akhir__gt=F("tanggal_mulai")),
                name="putusan_ks_batas_setelah_mulai",
                violation_error_message=_("Batas akhir harus setelah tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(persetujuan_klien=True),
                name="putusan_ks_persetujuan",
                violation_error_message=_("Persetujuan klien wajib dicatat."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("akibat_tidak_selesai", AkibatTidakSelesai),
                name="putusan_ks_akibat_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.jam_diputus} jam"


class JamKerjaSosial(KendalaPerFieldMixin, LogKlien, AnakKlien):
    """One client's day of community service at a site: the hours worked, or an absence with
    its reason (and whether the reason is lawful: an unexcused no-show counts against the
    order). One row per client per day, so the daily limit is a CHECK on the row."""

    klien = models.ForeignKey(Klien, on_delete=models.CASCADE, related_name="jam_kerja_sosial")
    lokasi = models.ForeignKey(
        LokasiKerjaSosial, on_delete=models.PROTECT, related_name="jam", verbose_name=_("lokasi")
    )
    tanggal = models.DateField(_("tanggal"))
    hadir = models.BooleanField(_("hadir"), default=True)
    jam = models.DecimalField(_("jam kerja"), max_digits=3, decimal_places=1, default=Decimal(0))
    alasan = models.CharField(_("alasan tidak hadir"), max_length=250, blank=True)
    alasan_sah = models.BooleanField(_("alasan sah"), default=False)
    # a copy of the order's window, so the database refuses work outside it
    mulai = models.DateField(editable=False)
    batas_akhir = models.DateField(editable=False)

    INDUK_KANTOR = "lokasi"
    FIELD_KENDALA = {
        "jam_ks_maks_8_sehari": "jam",
        "jam_ks_hadir_berjam": "jam",
        "jam_ks_alasan_tidak_hadir": "alasan",
        "jam_ks_dalam_jangka": "tanggal",
    }

    class Meta:
        ordering = ["tanggal", "pk"]
        verbose_name = _("jam kerja sosial")
        verbose_name_plural = _("jam kerja sosial")
        constraints = [
            models.UniqueConstraint(
                fields=["klien", "tanggal"],
                name="jam_ks_satu_per_hari",
                violation_error_message=_("Kerja sosial klien pada tanggal ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=Q(jam__lte=JAM_SEHARI),
                name="jam_ks_maks_8_sehari",
                violation_error_message=_("Kerja sosial paling lama 8 jam dalam sehari."),
            ),
            models.CheckConstraint(
                condition=Q(hadir=True, jam__gt=0) | Q(hadir=False, jam=0),
                name="jam_ks_hadir_berjam",
                violation_error_message=_(
                    "Klien yang hadir bekerja lebih dari 0 jam; yang tidak hadir 0 jam."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hadir=True) | ~Q(alasan=""),
                name="jam_ks_alasan_tidak_hadir",
                violation_error_message=_("Alasan tidak hadir wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal__gte=F("mulai"), tanggal__lte=F("batas_akhir")),
                name="jam_ks_dalam_jangka",
                violation_error_message=_("Tanggal kerja sosial di luar jangka waktu putusan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id} {self.tanggal}: {self.jam} jam"

    @property
    def tanpa_alasan_sah(self) -> bool:
        return not self.hadir and not self.alasan_sah
