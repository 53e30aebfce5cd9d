"""A client's supervision order (pidana pengawasan, KUHP Pasal 75–77): the term, the
conditions the decision sets and how each stands, and the PK's considerations to the
prosecutor.

The court's decision (number, date) is on the client (klien.Klien.no_putusan /
tanggal_putusan); the supervision runs from the client's `tanggal_mulai` for `lama_bulan`
calendar months, and the client's `tanggal_ekspirasi` is kept at that end (pengawasan.services
sets it when the order is recorded and when a granted consideration changes the term).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.induk import pilihan_sah
from inti.kendala import KendalaPerFieldMixin
from klien.hasil import tambah_bulan
from klien.models import AnakKlien, Klien, LogKlien, UnitBerbedaDenganKlien

from .pilihan import (
    ANCAMAN_MAKS_BULAN,
    LAMA_MAKS_BULAN,
    PERTIMBANGAN_PELANGGARAN,
    HasilPertimbangan,
    JenisPertimbangan,
    JenisSyarat,
    StatusSyarat,
)


def _oleh(label) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=label
    )


LAMA_SAH = Q(lama_bulan__gte=1, lama_bulan__lte=LAMA_MAKS_BULAN)


class PidanaPengawasan(KendalaPerFieldMixin, AnakKlien):
    """The order of one client in programme PENGAWASAN (one per client)."""

    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="pidana_pengawasan", verbose_name=_("klien")
    )
    kejaksaan = models.CharField(
        _("kejaksaan pelaksana"),
        max_length=200,
        help_text=_("Kejaksaan yang melaksanakan putusan, mis. Kejaksaan Negeri Karangasem."),
    )
    ancaman_bulan = models.PositiveSmallIntegerField(
        _("ancaman pidana penjara (bulan)"),
        help_text=_("Ancaman pidana penjara tindak pidananya; paling lama 60 bulan (5 tahun)."),
    )
    lama_bulan = models.PositiveSmallIntegerField(
        _("lama pidana pengawasan (bulan)"),
        help_text=_("1 sampai 36 bulan, dan tidak melebihi ancaman pidana penjara."),
    )
    dicatat_oleh = _oleh(_("dicatat oleh"))
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    FIELD_KENDALA = {
        "pengawasan_lama_paling_3_tahun": "lama_bulan",
        "pengawasan_lama_tidak_melebihi_ancaman": "lama_bulan",
        "pengawasan_ancaman_paling_5_tahun": "ancaman_bulan",
    }

    class Meta:
        verbose_name = _("pidana pengawasan")
        verbose_name_plural = _("pidana pengawasan")
        constraints = [
            models.UniqueConstraint(
                fields=["klien"],
                name="pengawasan_satu_per_klien",
                violation_error_message=_("Putusan pidana pengawasan klien ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=LAMA_SAH,
                name="pengawasan_lama_paling_3_tahun",
                violation_error_message=_(
                    "Lama pidana pengawasan 1 sampai 36 bulan (paling lama 3 tahun, KUHP Pasal 75)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(lama_bulan__lte=F("ancaman_bulan")),
                name="pengawasan_lama_tidak_melebihi_ancaman",
                violation_error_message=_(
                    "Lama pidana pengawasan tidak boleh melebihi ancaman pidana penjaranya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ancaman_bulan__gte=1, ancaman_bulan__lte=ANCAMAN_MAKS_BULAN),
                name="pengawasan_ancaman_paling_5_tahun",
                violation_error_message=_(
                    "Pidana pengawasan hanya untuk tindak pidana yang diancam pidana penjara "
                    "paling lama 5 tahun (60 bulan)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Pidana pengawasan %(klien)s (%(lama)d bulan)") % {
            "klien": self.klien,
            "lama": self.lama_bulan,
        }

    @property
    def tanggal_selesai(self) -> datetime.date:
        """The end of the term: the client's start plus the term in calendar months."""
        return tambah_bulan(self.klien.tanggal_mulai, self.lama_bulan)

    @property
    def ekspirasi_sesuai(self) -> bool:
        """The client's expiry is still the term's end (the client's dates can be edited on
        the client's own form, which knows nothing of the order)."""
        return self.klien.tanggal_ekspirasi == self.tanggal_selesai


class SyaratPengawasan(KendalaPerFieldMixin, AnakKlien):
    """A condition of the decision: the general one (no new offence) or a special one."""

    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="syarat_pengawasan", verbose_name=_("klien")
    )
    jenis = models.CharField(_("jenis syarat"), max_length=15, choices=JenisSyarat)
    uraian = models.TextField(
        _("uraian syarat"),
        help_text=_(
            "Sebagaimana bunyi putusan. Syarat khusus tidak boleh membatasi kebebasan "
            "beragama, berkeyakinan dan berpolitik (KUHP Pasal 76)."
        ),
    )
    restitusi_jumlah = models.DecimalField(
        _("jumlah restitusi (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    restitusi_batas = models.DateField(_("batas waktu pembayaran"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=9, choices=StatusSyarat, default=StatusSyarat.BERJALAN
    )
    tanggal_status = models.DateField(_("tanggal status"))
    bukti = models.TextField(_("bukti"), blank=True)
    # For a breach: whether it was without lawful reason (what lets the prosecutor, on the
    # PK's consideration, ask for a longer term or prison). Empty unless breached.
    tanpa_alasan_sah = models.BooleanField(_("tanpa alasan yang sah"), null=True, blank=True)
    dicatat_oleh = _oleh(_("dicatat oleh"))
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    FIELD_KENDALA = {
        "syarat_restitusi_lengkap": "restitusi_jumlah",
        "syarat_status_berbukti": "bukti",
        "syarat_pelanggaran_beralasan": "tanpa_alasan_sah",
    }

    class Meta:
        ordering = ["pk"]
        verbose_name = _("syarat pidana pengawasan")
        verbose_name_plural = _("syarat pidana pengawasan")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisSyarat), name="syarat_jenis_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("status", StatusSyarat), name="syarat_status_valid"
            ),
            models.UniqueConstraint(
                fields=["klien"],
                condition=Q(jenis=JenisSyarat.UMUM),
                name="syarat_umum_satu_per_klien",
                violation_error_message=_("Syarat umum klien ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=~Q(jenis=JenisSyarat.RESTITUSI)
                | Q(restitusi_jumlah__gt=0, restitusi_batas__isnull=False),
                name="syarat_restitusi_lengkap",
                violation_error_message=_(
                    "Restitusi memerlukan jumlah (lebih dari nol) dan batas waktu pembayaran."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jenis=JenisSyarat.RESTITUSI)
                | Q(restitusi_jumlah__isnull=True, restitusi_batas__isnull=True),
                name="syarat_restitusi_hanya_untuk_restitusi",
                violation_error_message=_("Jumlah dan batas restitusi hanya untuk restitusi."),
            ),
            models.CheckConstraint(
                condition=Q(status=StatusSyarat.BERJALAN) | ~Q(bukti=""),
                name="syarat_status_berbukti",
                violation_error_message=_("Sebutkan bukti bahwa syarat dipenuhi atau dilanggar."),
            ),
            models.CheckConstraint(
                condition=(Q(status=StatusSyarat.DILANGGAR) & Q(tanpa_alasan_sah__isnull=False))
                | (~Q(status=StatusSyarat.DILANGGAR) & Q(tanpa_alasan_sah__isnull=True)),
                name="syarat_pelanggaran_beralasan",
                violation_error_message=_(
                    "Untuk pelanggaran, nyatakan apakah tanpa alasan yang sah."
                ),
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="syarat_per_status")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.uraian[:60]}"

    @property
    def khusus(self) -> bool:
        return self.jenis != JenisSyarat.UMUM

    @property
    def dasar_pelanggaran(self) -> bool:
        """Breached in a way that lets the PK consider a longer term or prison: the general
        condition, or a special one without lawful reason."""
        return self.status == StatusSyarat.DILANGGAR and (
            self.jenis == JenisSyarat.UMUM or bool(self.tanpa_alasan_sah)
        )


class RiwayatSyarat(LogKlien, AnakKlien):
    """One change of a condition's status, with its date and evidence (the page's history)."""

    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="riwayat_syarat_pengawasan"
    )
    syarat = models.ForeignKey(
        SyaratPengawasan, on_delete=models.CASCADE, related_name="riwayat", verbose_name=_("syarat")
    )
    status_lama = models.CharField(_("status lama"), max_length=9, choices=StatusSyarat, blank=True)
    status_baru = models.CharField(_("status baru"), max_length=9, choices=StatusSyarat)
    tanggal = models.DateField(_("tanggal"))
    bukti = models.TextField(_("bukti"), blank=True)
    tanpa_alasan_sah = models.BooleanField(_("tanpa alasan yang sah"), null=True, blank=True)

    INDUK_KANTOR = "syarat"

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("riwayat syarat pengawasan")
        verbose_name_plural = _("riwayat syarat pengawasan")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("status_baru", StatusSyarat), name="riwayat_syarat_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.syarat_id}: {self.status_lama} → {self.status_baru}"

    def save(self, *args, **kwargs):
        if self.syarat.klien_id != self.klien_id:
            raise UnitBerbedaDenganKlien(f"{self._meta.label}: syarat milik klien lain.")
        super().save(*args, **kwargs)


class PertimbanganPK(KendalaPerFieldMixin, AnakKlien):
    """The PK's consideration (pertimbangan) to the prosecutor, and the answer it got."""

    klien = models.ForeignKey(
        Klien,
        on_delete=models.CASCADE,
        related_name="pertimbangan_pengawasan",
        verbose_name=_("klien"),
    )
    nomor = models.CharField(_("nomor surat"), max_length=100)
    tanggal = models.DateField(_("tanggal surat"))
    jenis = models.CharField(_("jenis pertimbangan"), max_length=10, choices=JenisPertimbangan)
    syarat = models.ForeignKey(
        SyaratPengawasan,
        on_delete=models.PROTECT,
        related_name="pertimbangan",
        null=True,
        blank=True,
        verbose_name=_("syarat yang dilanggar"),
    )
    alasan = models.TextField(_("alasan pertimbangan"))
    dibuat_oleh = _oleh(_("dibuat oleh"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    hasil = models.CharField(
        _("hasil"), max_length=10, choices=HasilPertimbangan, default=HasilPertimbangan.MENUNGGU
    )
    hasil_tanggal = models.DateField(_("tanggal putusan/penetapan"), null=True, blank=True)
    hasil_nomor = models.CharField(_("nomor putusan/penetapan"), max_length=100, blank=True)
    hasil_lama_bulan = models.PositiveSmallIntegerField(
        _("lama pengawasan yang baru (bulan)"), null=True, blank=True
    )
    hasil_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("hasil dicatat oleh"),
    )

    FIELD_KENDALA = {
        "pertimbangan_nomor_unik_per_unit": "nomor",
        "pertimbangan_satu_menunggu_per_jenis": "jenis",
        "pertimbangan_pelanggaran_bersyarat": "syarat",
        "pertimbangan_hasil_lengkap": "hasil_nomor",
        "pertimbangan_hasil_setelah_surat": "hasil_tanggal",
        "pertimbangan_lama_baru_sah": "hasil_lama_bulan",
        "pertimbangan_lama_baru_bila_diubah": "hasil_lama_bulan",
    }

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("pertimbangan PK")
        verbose_name_plural = _("pertimbangan PK")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisPertimbangan), name="pertimbangan_jenis_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("hasil", HasilPertimbangan), name="pertimbangan_hasil_valid"
            ),
            models.UniqueConstraint(
                fields=["unit", "nomor"],
                name="pertimbangan_nomor_unik_per_unit",
                violation_error_message=_("Nomor surat ini sudah dipakai di kantor ini."),
            ),
            models.UniqueConstraint(
                fields=["klien", "jenis"],
                condition=Q(hasil=HasilPertimbangan.MENUNGGU),
                name="pertimbangan_satu_menunggu_per_jenis",
                violation_error_message=_(
                    "Pertimbangan jenis ini untuk klien ini masih menunggu jawaban kejaksaan."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(jenis__in=PERTIMBANGAN_PELANGGARAN) | Q(syarat__isnull=False),
                name="pertimbangan_pelanggaran_bersyarat",
                violation_error_message=_(
                    "Pertimbangan perpanjangan atau pidana penjara harus menyebut syarat yang "
                    "dilanggar."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    hasil=HasilPertimbangan.MENUNGGU, hasil_tanggal__isnull=True, hasil_nomor=""
                )
                | (
                    ~Q(hasil=HasilPertimbangan.MENUNGGU)
                    & Q(hasil_tanggal__isnull=False)
                    & ~Q(hasil_nomor="")
                ),
                name="pertimbangan_hasil_lengkap",
                violation_error_message=_(
                    "Hasil pertimbangan memerlukan nomor dan tanggal putusan atau penetapannya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hasil_tanggal__isnull=True) | Q(hasil_tanggal__gte=F("tanggal")),
                name="pertimbangan_hasil_setelah_surat",
                violation_error_message=_(
                    "Tanggal putusan tidak boleh sebelum tanggal surat pertimbangan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hasil_lama_bulan__isnull=True)
                | Q(hasil_lama_bulan__gte=1, hasil_lama_bulan__lte=LAMA_MAKS_BULAN),
                name="pertimbangan_lama_baru_sah",
                violation_error_message=_(
                    "Lama pidana pengawasan 1 sampai 36 bulan (paling lama 3 tahun, KUHP Pasal 75)."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        hasil=HasilPertimbangan.DIKABULKAN,
                        jenis__in=(JenisPertimbangan.PERSINGKAT, JenisPertimbangan.PERPANJANG),
                    )
                    & Q(hasil_lama_bulan__isnull=False)
                )
                | (
                    ~Q(
                        hasil=HasilPertimbangan.DIKABULKAN,
                        jenis__in=(JenisPertimbangan.PERSINGKAT, JenisPertimbangan.PERPANJANG),
                    )
                    & Q(hasil_lama_bulan__isnull=True)
                ),
                name="pertimbangan_lama_baru_bila_diubah",
                violation_error_message=_(
                    "Isi lama pengawasan yang baru bila perpanjangan atau pemendekan dikabulkan "
                    "(dan hanya itu)."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["unit", "hasil"],
                condition=Q(hasil=HasilPertimbangan.MENUNGGU),
                name="pertimbangan_menunggu",
            )
        ]

    def __str__(self) -> str:
        return _("Pertimbangan %(nomor)s: %(jenis)s") % {
            "nomor": self.nomor,
            "jenis": self.get_jenis_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("pengawasan:pertimbangan-detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if self.syarat_id is not None and self.syarat.klien_id != self.klien_id:
            raise UnitBerbedaDenganKlien(f"{self._meta.label}: syarat milik klien lain.")
        super().save(*args, **kwargs)
