"""Pokmas Lipas: community partners, their criteria check, status history and PKS agreements."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from akun.models import UnitScopedQuerySet
from inti.induk import unit_dari_induk
from inti.kendala import KendalaPerFieldMixin
from inti.nama import NamaBersihMixin
from inti.penyimpanan import BagianPenyimpanan

from .pilihan import (
    HARI_PERINGATAN_PKS,
    BidangLayanan,
    JenisMitra,
    KelompokMitra,
    MasaPKS,
    StatusMitra,
    StatusPKS,
)


@deconstructible
class PenyimpananPKS(BagianPenyimpanan):
    """PKS documents in the folder pks/ of the default storage (MEDIA_ROOT/pks on local
    disk, or the bucket): outside the web root, no URL serves them."""

    def __init__(self):
        super().__init__("pks")

    def url(self, name):  # never link a document directly; use pokmas:pks-dokumen
        raise NotImplementedError("PKS documents are served only by pokmas:pks-dokumen")


def _hari_ini(tanggal: datetime.date | None) -> datetime.date:
    return tanggal or timezone.localdate()


class MitraQuerySet(UnitScopedQuerySet):
    @staticmethod
    def q_aktif(tanggal: datetime.date | None = None) -> Q:
        """The one definition of an active partner on `tanggal` (default today): status
        AKTIF and an agreement in force that day (PerjanjianQuerySet.berlaku_pada: its
        tanggal_selesai is the last day in force). A partner whose PKS has expired keeps
        its status, and its programmes already running, but counts as active nowhere:
        not in the guideline's composition, the lists' counts, the dashboards, nor the
        choices for a new programme. For filter(), Count(filter=...) and annotate()."""
        pks = PerjanjianKerjaSama.objects.filter(mitra=OuterRef("pk")).berlaku_pada(tanggal)
        return Q(status=StatusMitra.AKTIF) & Q(Exists(pks))

    def aktif(self, tanggal: datetime.date | None = None):
        """Partners active on `tanggal` (q_aktif)."""
        return self.filter(self.q_aktif(tanggal))

    def aktif_tanpa_pks(self, tanggal: datetime.date | None = None):
        """Partners whose status is AKTIF but that have no agreement in force on `tanggal`
        (expired, terminated, or the next one not yet begun): to renew or deactivate."""
        return self.filter(status=StatusMitra.AKTIF).exclude(self.q_aktif(tanggal))

    def tersedia_untuk_program_baru(self, tanggal: datetime.date | None = None):
        """The partners the programme registry offers for a new programme: the active ones
        (aktif). A partner whose PKS has expired keeps its existing programmes."""
        return self.aktif(tanggal)

    def dengan_masa_pks(self, tanggal: datetime.date | None = None):
        """Annotate each partner's agreement standing `masa` (a MasaPKS value), from
        `pks_berlaku_hingga` (end of the agreement in force, if any) and
        `pks_selesai_terakhir` (the latest end of any non-terminated agreement). A partner
        whose agreement in force is its last and ends within HARI_PERINGATAN_PKS days is
        'ending soon'; a renewal already signed silences that. Also `aktif_berlaku`:
        whether the partner counts as active that day (q_aktif)."""
        hari = _hari_ini(tanggal)
        batas = hari + datetime.timedelta(days=HARI_PERINGATAN_PKS)
        sah = Q(perjanjian__status=StatusPKS.BERLAKU)
        return self.annotate(
            aktif_berlaku=ExpressionWrapper(self.q_aktif(hari), output_field=BooleanField()),
            pks_berlaku_hingga=Max(
                "perjanjian__tanggal_selesai", filter=_q_pks_berlaku(hari, "perjanjian")
            ),
            pks_selesai_terakhir=Max("perjanjian__tanggal_selesai", filter=sah),
        ).annotate(
            masa=Case(
                When(pks_selesai_terakhir__isnull=True, then=Value(MasaPKS.TANPA_PKS.value)),
                When(
                    pks_berlaku_hingga__isnull=True,
                    pks_selesai_terakhir__lt=hari,
                    then=Value(MasaPKS.KEDALUWARSA.value),
                ),
                When(pks_berlaku_hingga__isnull=True, then=Value(MasaPKS.BELUM_BERLAKU.value)),
                When(
                    pks_berlaku_hingga__lte=batas,
                    pks_selesai_terakhir=models.F("pks_berlaku_hingga"),
                    then=Value(MasaPKS.SEGERA_BERAKHIR.value),
                ),
                default=Value(MasaPKS.BERLAKU.value),
                output_field=models.CharField(),
            )
        )


class Mitra(NamaBersihMixin, KendalaPerFieldMixin, models.Model):
    """A Pokmas Lipas partner: an individual or an organisation working with one office."""

    FIELD_NAMA = ("nama", "narahubung")  # stored through inti.nama.bersihkan_nama

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="mitra", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama mitra"), max_length=200)
    jenis = models.CharField(_("jenis mitra"), max_length=20, choices=JenisMitra)
    kelompok = models.CharField(_("kelompok Pokmas Lipas"), max_length=24, choices=KelompokMitra)
    program_kepribadian = models.BooleanField(_("melayani program kepribadian"), default=False)
    program_kemandirian = models.BooleanField(_("melayani program kemandirian"), default=False)
    uraian_layanan = models.TextField(_("uraian layanan untuk klien"), blank=True)
    narahubung = models.CharField(_("narahubung"), max_length=150)
    telepon = models.CharField(_("telepon"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    alamat = models.CharField(_("alamat (jalan, banjar)"), max_length=250)
    desa = models.ForeignKey(
        "wilayah.Desa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("desa/kelurahan"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=StatusMitra, default=StatusMitra.KANDIDAT
    )
    # The guideline's criteria, checked by the admin when registering.
    kriteria_peduli = models.BooleanField(_("peduli terhadap pemasyarakatan"), default=False)
    kriteria_komitmen = models.BooleanField(
        _("berkomitmen dan dapat dipertanggungjawabkan"), default=False
    )
    kriteria_bersedia = models.BooleanField(_("bersedia menjadi mitra kerja"), default=False)
    kriteria_sumber_daya = models.BooleanField(
        _("memiliki sumber daya yang bermanfaat bagi klien"), default=False
    )
    catatan_kriteria = models.TextField(_("catatan pemeriksaan kriteria"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("didaftarkan oleh"),
    )
    dibuat_pada = models.DateTimeField(_("didaftarkan pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = MitraQuerySet.as_manager()

    FIELD_KENDALA = {
        "mitra_nama_unik_per_unit": "nama",
        "mitra_melayani_satu_jenis_program": "program_kepribadian",
    }

    class Meta:
        ordering = ["nama"]
        verbose_name = _("mitra Pokmas Lipas")
        verbose_name_plural = _("mitra Pokmas Lipas")
        constraints = [
            models.UniqueConstraint(
                Lower("nama"),
                "unit",
                name="mitra_nama_unik_per_unit",
                violation_error_message=_("Mitra dengan nama ini sudah terdaftar di kantor ini."),
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=JenisMitra.values), name="mitra_jenis_valid"
            ),
            models.CheckConstraint(
                condition=Q(kelompok__in=KelompokMitra.values), name="mitra_kelompok_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusMitra.values), name="mitra_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(program_kepribadian=True) | Q(program_kemandirian=True),
                name="mitra_melayani_satu_jenis_program",
                violation_error_message=_(
                    "Pilih sedikitnya satu jenis program: kepribadian atau kemandirian."
                ),
            ),
            # An active partner has met every criterion (the PKS gate is in the service).
            models.CheckConstraint(
                condition=~Q(status=StatusMitra.AKTIF)
                | Q(
                    kriteria_peduli=True,
                    kriteria_komitmen=True,
                    kriteria_bersedia=True,
                    kriteria_sumber_daya=True,
                ),
                name="mitra_aktif_memenuhi_kriteria",
                violation_error_message=_(
                    "Mitra aktif harus tetap memenuhi semua kriteria; "
                    "nonaktifkan dahulu bila tidak."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("pokmas:mitra-detail", kwargs={"pk": self.pk})

    KRITERIA = ("kriteria_peduli", "kriteria_komitmen", "kriteria_bersedia", "kriteria_sumber_daya")

    @property
    def kriteria(self) -> list[tuple[str, bool]]:
        """The guideline's criteria as (label, met), in the guideline's order."""
        return [(self._meta.get_field(n).verbose_name, getattr(self, n)) for n in self.KRITERIA]

    @property
    def kriteria_terpenuhi(self) -> bool:
        return all(terpenuhi for _, terpenuhi in self.kriteria)

    @property
    def kriteria_belum(self) -> list[str]:
        """Labels of the criteria not (yet) met."""
        return [label for label, terpenuhi in self.kriteria if not terpenuhi]

    @property
    def jenis_program(self) -> list[str]:
        hasil = []
        if self.program_kepribadian:
            hasil.append(_("Kepribadian"))
        if self.program_kemandirian:
            hasil.append(_("Kemandirian"))
        return hasil


class LayananMitra(models.Model):
    """One field of service a partner offers (a partner has one or more)."""

    mitra = models.ForeignKey(Mitra, on_delete=models.CASCADE, related_name="layanan")
    bidang = models.CharField(_("bidang layanan"), max_length=24, choices=BidangLayanan)

    class Meta:
        ordering = ["bidang"]
        verbose_name = _("bidang layanan mitra")
        verbose_name_plural = _("bidang layanan mitra")
        constraints = [
            models.UniqueConstraint(fields=["mitra", "bidang"], name="layanan_mitra_unik"),
            models.CheckConstraint(
                condition=Q(bidang__in=BidangLayanan.values), name="layanan_mitra_bidang_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_bidang_display()


class RiwayatStatusMitra(models.Model):
    """Each status change of a partner: who, when, why."""

    mitra = models.ForeignKey(Mitra, on_delete=models.CASCADE, related_name="riwayat_status")
    status_lama = models.CharField(_("status lama"), max_length=8, choices=StatusMitra, blank=True)
    status_baru = models.CharField(_("status baru"), max_length=8, choices=StatusMitra)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    pada = models.DateTimeField(_("pada"), default=timezone.now)
    alasan = models.TextField(_("alasan"))

    class Meta:
        ordering = ["-pada", "-pk"]
        verbose_name = _("riwayat status mitra")
        verbose_name_plural = _("riwayat status mitra")
        constraints = [
            models.CheckConstraint(
                condition=Q(status_baru__in=StatusMitra.values),
                name="riwayat_mitra_status_baru_valid",
            ),
            models.CheckConstraint(
                condition=Q(status_lama="") | Q(status_lama__in=StatusMitra.values),
                name="riwayat_mitra_status_lama_valid",
            ),
        ]

    def __str__(self) -> str:
        lama = self.get_status_lama_display() if self.status_lama else "-"
        return f"{self.mitra}: {lama} → {self.get_status_baru_display()}"


def _q_pks_berlaku(hari: datetime.date, lewat: str = "") -> Q:
    """An agreement in force on `hari`: recorded as in force, from its first day to its
    last (tanggal_selesai included; it has expired from the day after). `lewat`: the
    relation it is reached through from another model ("perjanjian" from Mitra)."""
    p = f"{lewat}__" if lewat else ""
    return Q(
        **{
            f"{p}status": StatusPKS.BERLAKU,
            f"{p}tanggal_mulai__lte": hari,
            f"{p}tanggal_selesai__gte": hari,
        }
    )


class PerjanjianQuerySet(UnitScopedQuerySet):
    def berlaku_pada(self, tanggal: datetime.date | None = None):
        return self.filter(_q_pks_berlaku(_hari_ini(tanggal)))

    def perlu_diperbarui(self, tanggal: datetime.date | None = None):
        """The agreements the Kasi's home lists, each a partner's latest (a later agreement,
        a renewal already signed, silences it), on `tanggal` (default today):
        - expired: ended before that day, of a partner still AKTIF (which so counts as
          active nowhere, MitraQuerySet.q_aktif): renew it, or deactivate the partner;
        - ending soon: in force, ending within HARI_PERINGATAN_PKS days, of a partner not
          deactivated.
        The expired first, then the soonest to end (by end date); the partner selected."""
        hari = _hari_ini(tanggal)
        batas = hari + datetime.timedelta(days=HARI_PERINGATAN_PKS)
        lanjutan = PerjanjianKerjaSama.objects.filter(
            mitra=OuterRef("mitra"),
            status=StatusPKS.BERLAKU,
            tanggal_selesai__gt=OuterRef("tanggal_selesai"),
        )
        kedaluwarsa = Q(
            status=StatusPKS.BERLAKU, tanggal_selesai__lt=hari, mitra__status=StatusMitra.AKTIF
        )
        segera = (
            _q_pks_berlaku(hari)
            & Q(tanggal_selesai__lte=batas)
            & ~Q(mitra__status=StatusMitra.NONAKTIF)
        )
        return (
            self.filter(kedaluwarsa | segera)
            .exclude(Exists(lanjutan))
            .select_related("mitra")
            .order_by("tanggal_selesai", "pk")
        )


class PerjanjianKerjaSama(KendalaPerFieldMixin, models.Model):
    """A PKS (cooperation agreement) between the office and a partner, with its term."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    mitra = models.ForeignKey(
        Mitra, on_delete=models.PROTECT, related_name="perjanjian", verbose_name=_("mitra")
    )
    nomor = models.CharField(_("nomor PKS"), max_length=100)
    tanggal_tanda_tangan = models.DateField(_("tanggal penandatanganan"))
    tanggal_mulai = models.DateField(_("berlaku mulai"))
    tanggal_selesai = models.DateField(_("berlaku sampai"))
    dokumen = models.FileField(
        _("dokumen PKS (PDF)"), storage=PenyimpananPKS(), upload_to="%Y/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=StatusPKS, default=StatusPKS.BERLAKU
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    objects = PerjanjianQuerySet.as_manager()

    FIELD_KENDALA = {
        "pks_nomor_unik_per_unit": "nomor",
        "pks_selesai_setelah_mulai": "tanggal_selesai",
        "pks_ditandatangani_sebelum_selesai": "tanggal_tanda_tangan",
    }

    class Meta:
        ordering = ["-tanggal_mulai", "-pk"]
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        constraints = [
            models.UniqueConstraint(
                Lower("nomor"),
                "unit",
                name="pks_nomor_unik_per_unit",
                violation_error_message=_("Nomor PKS ini sudah tercatat di kantor ini."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="pks_selesai_setelah_mulai",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_tanda_tangan__lte=models.F("tanggal_selesai")),
                name="pks_ditandatangani_sebelum_selesai",
                violation_error_message=_(
                    "Tanggal penandatanganan tidak boleh setelah PKS berakhir."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusPKS.values), name="pks_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.nomor

    def save(self, *args, **kwargs):
        """An agreement belongs to its partner's office: taken from the partner when unset,
        and another office is refused (tests/rails/test_unit_anak.py)."""
        unit_dari_induk(self, self.mitra)
        super().save(*args, **kwargs)

    def masa(self, tanggal: datetime.date | None = None) -> str:
        hari = _hari_ini(tanggal)
        if self.status == StatusPKS.DIAKHIRI:
            return MasaPKS.DIAKHIRI
        if hari < self.tanggal_mulai:
            return MasaPKS.BELUM_BERLAKU
        if hari > self.tanggal_selesai:
            return MasaPKS.KEDALUWARSA
        if (self.tanggal_selesai - hari).days <= HARI_PERINGATAN_PKS:
            return MasaPKS.SEGERA_BERAKHIR
        return MasaPKS.BERLAKU

    def sisa_hari(self, tanggal: datetime.date | None = None) -> int:
        return (self.tanggal_selesai - _hari_ini(tanggal)).days
