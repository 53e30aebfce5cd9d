"""A proposal to revoke a client's integration programme and the steps it went through.

The PK examines the case and proposes revocation on a legal ground with the evidence; the
office's TPP (Tim Pengamat Pemasyarakatan) holds a session and recommends; the Kepala Bapas
decides a temporary revocation and reports it to the Kanwil; the final decision letter (SK
pencabutan) is recorded, and only then is the client revoked (DOMAIN.md). Each step keeps its
document's number and date and who recorded it; klien.pencabutan moves a proposal from one
step to the next, and the audit trail keeps every change.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inti.induk import pilihan_sah
from inti.kendala import KendalaPerFieldMixin

from ..pilihan import TAHAP_TERBUKA, AlasanPencabutan, TahapUsulan
from .anak import AnakKlien
from .klien import Klien

T = TahapUsulan
# The steps a proposal in each stage has passed (the fields of those steps are filled in).
SUDAH_TPP = (T.DIREKOMENDASIKAN, T.SEMENTARA, T.DICABUT, T.DIPULIHKAN)
SUDAH_SEMENTARA = (T.SEMENTARA, T.DICABUT, T.DIPULIHKAN)


def _oleh(label: str, *, wajib: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=not wajib,
        blank=not wajib,
        verbose_name=label,
    )


class UsulanPencabutan(KendalaPerFieldMixin, AnakKlien):
    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="usulan_pencabutan", verbose_name=_("klien")
    )
    tahap = models.CharField(_("tahap"), max_length=16, choices=TahapUsulan, default=T.DIUSULKAN)

    # 1. The PK's proposal: the ground, what the examination found, the evidence.
    alasan = models.CharField(_("dasar pencabutan"), max_length=13, choices=AlasanPencabutan)
    tanggal_kejadian = models.DateField(
        _("tanggal kejadian"),
        help_text=_("Tanggal pelanggaran, atau tanggal tidak lapor yang ketiga."),
    )
    uraian = models.TextField(_("hasil pemeriksaan"))
    bukti = models.TextField(
        _("bukti"), help_text=_("Mis. tanggal tidak lapor, nomor surat kepolisian, berita acara.")
    )
    tanggal_usulan = models.DateField(_("tanggal usulan"))
    diusulkan_oleh = _oleh(_("diusulkan oleh"), wajib=True)

    # 2. The TPP session and its recommendation.
    tpp_nomor = models.CharField(_("nomor sidang TPP"), max_length=100, blank=True)
    tpp_tanggal = models.DateField(_("tanggal sidang TPP"), null=True, blank=True)
    tpp_merekomendasikan = models.BooleanField(
        _("TPP merekomendasikan pencabutan"), null=True, blank=True
    )
    tpp_catatan = models.TextField(_("catatan sidang TPP"), blank=True)
    tpp_oleh = _oleh(_("sidang TPP dicatat oleh"))

    # 3. The Kepala Bapas: temporary revocation, reported to the Kanwil (or refused).
    keputusan_nomor = models.CharField(
        _("nomor keputusan pencabutan sementara"), max_length=100, blank=True
    )
    keputusan_tanggal = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    laporan_kanwil_nomor = models.CharField(
        _("nomor laporan ke Kanwil"), max_length=100, blank=True
    )
    laporan_kanwil_tanggal = models.DateField(_("tanggal laporan ke Kanwil"), null=True, blank=True)
    keputusan_catatan = models.TextField(_("catatan Kepala Bapas"), blank=True)
    keputusan_oleh = _oleh(_("diputuskan oleh"))

    # 4. The final decision letter (or the letter that restores the programme).
    sk_nomor = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_tanggal = models.DateField(_("tanggal SK"), null=True, blank=True)
    sk_penerbit = models.CharField(_("penerbit SK"), max_length=200, blank=True)
    sk_oleh = _oleh(_("SK dicatat oleh"))

    # Withdrawn or refused: why, and by whom.
    ditutup_alasan = models.TextField(_("alasan penutupan"), blank=True)
    ditutup_oleh = _oleh(_("ditutup oleh"))

    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    FIELD_KENDALA = {
        "usulan_pencabutan_satu_terbuka": "alasan",
        "usulan_pencabutan_tpp_setelah_usulan": "tpp_tanggal",
        "usulan_pencabutan_keputusan_setelah_tpp": "keputusan_tanggal",
        "usulan_pencabutan_laporan_setelah_keputusan": "laporan_kanwil_tanggal",
        "usulan_pencabutan_sk_setelah_keputusan": "sk_tanggal",
    }

    class Meta:
        ordering = ["-tanggal_usulan", "-pk"]
        verbose_name = _("usulan pencabutan")
        verbose_name_plural = _("usulan pencabutan")
        constraints = [
            models.UniqueConstraint(
                fields=["klien"],
                condition=Q(tahap__in=TAHAP_TERBUKA),
                name="usulan_pencabutan_satu_terbuka",
                violation_error_message=_(
                    "Klien ini sudah memiliki usulan pencabutan yang sedang diproses."
                ),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("tahap", TahapUsulan), name="usulan_pencabutan_tahap_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("alasan", AlasanPencabutan),
                name="usulan_pencabutan_alasan_valid",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_kejadian__lte=F("tanggal_usulan")),
                name="usulan_pencabutan_kejadian_sebelum_usulan",
                violation_error_message=_("Tanggal kejadian tidak boleh setelah tanggal usulan."),
            ),
            # Each stage has the documents of the steps before it.
            models.CheckConstraint(
                condition=~Q(tahap__in=SUDAH_TPP)
                | (
                    ~Q(tpp_nomor="")
                    & Q(tpp_tanggal__isnull=False, tpp_merekomendasikan=True)
                    & Q(tpp_oleh__isnull=False)
                ),
                name="usulan_pencabutan_tpp_lengkap",
            ),
            models.CheckConstraint(
                condition=~Q(tahap__in=SUDAH_SEMENTARA)
                | (
                    ~Q(keputusan_nomor="")
                    & ~Q(laporan_kanwil_nomor="")
                    & Q(keputusan_tanggal__isnull=False, laporan_kanwil_tanggal__isnull=False)
                    & Q(keputusan_oleh__isnull=False)
                ),
                name="usulan_pencabutan_keputusan_lengkap",
            ),
            models.CheckConstraint(
                condition=~Q(tahap__in=(T.DICABUT, T.DIPULIHKAN))
                | (
                    ~Q(sk_nomor="")
                    & ~Q(sk_penerbit="")
                    & Q(sk_tanggal__isnull=False, sk_oleh__isnull=False)
                ),
                name="usulan_pencabutan_sk_lengkap",
            ),
            models.CheckConstraint(
                condition=~Q(tahap__in=(T.DITOLAK, T.DIBATALKAN))
                | (~Q(ditutup_alasan="") & Q(ditutup_oleh__isnull=False)),
                name="usulan_pencabutan_penutupan_beralasan",
            ),
            models.CheckConstraint(
                condition=Q(tpp_tanggal__isnull=True) | Q(tpp_tanggal__gte=F("tanggal_usulan")),
                name="usulan_pencabutan_tpp_setelah_usulan",
                violation_error_message=_("Sidang TPP tidak boleh sebelum tanggal usulan."),
            ),
            models.CheckConstraint(
                condition=Q(keputusan_tanggal__isnull=True)
                | Q(keputusan_tanggal__gte=F("tpp_tanggal")),
                name="usulan_pencabutan_keputusan_setelah_tpp",
                violation_error_message=_("Keputusan tidak boleh sebelum sidang TPP."),
            ),
            models.CheckConstraint(
                condition=Q(laporan_kanwil_tanggal__isnull=True)
                | Q(laporan_kanwil_tanggal__gte=F("keputusan_tanggal")),
                name="usulan_pencabutan_laporan_setelah_keputusan",
                violation_error_message=_("Laporan ke Kanwil tidak boleh sebelum keputusan."),
            ),
            models.CheckConstraint(
                condition=Q(sk_tanggal__isnull=True) | Q(sk_tanggal__gte=F("keputusan_tanggal")),
                name="usulan_pencabutan_sk_setelah_keputusan",
                violation_error_message=_(
                    "Tanggal SK tidak boleh sebelum keputusan pencabutan sementara."
                ),
            ),
        ]
        indexes = [
            # the office's open proposals (the Kasi's list)
            models.Index(
                fields=["unit", "tahap"],
                condition=Q(tahap__in=TAHAP_TERBUKA),
                name="usulan_pencabutan_terbuka",
            ),
        ]

    def __str__(self) -> str:
        return _("Usulan pencabutan %(klien)s (%(tanggal)s)") % {
            "klien": self.klien,
            "tanggal": self.tanggal_usulan,
        }

    def get_absolute_url(self) -> str:
        return reverse("klien:usulan-detail", kwargs={"pk": self.pk})

    @property
    def terbuka(self) -> bool:
        return self.tahap in TAHAP_TERBUKA
