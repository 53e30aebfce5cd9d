"""The client row itself: identity, case data, lifecycle status, reporting standing."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.induk import pilihan_sah
from inti.kendala import KendalaPerFieldMixin
from inti.nama import NamaBersihMixin

from ..nik import ValidatorNik
from ..pilihan import (
    AKHIR_PROGRAM,
    PROGRAM_DAPAT_DICABUT,
    STATUS_BERAKHIR,
    STATUS_BERJALAN,
    Agama,
    JenisKelamin,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusKlien,
    StatusPerkawinan,
    Tahap,
)
from ..querysets import MANGKIR_BERISIKO, KlienQuerySet

NIK_REGEX = r"^[0-9]{16}$"
# 16 digits (the database's CHECK too), and a NIK that could exist (klien.nik.masalah_nik)
nik_validator = ValidatorNik(NIK_REGEX, _("NIK terdiri atas tepat 16 angka."), code="nik")
TANGGAL_LAHIR_MINIMUM = datetime.date(1900, 1, 1)


def _akhir_sesuai_program() -> Q:
    kondisi = Q()
    for akhir in sorted({a for semua in AKHIR_PROGRAM.values() for a in semua}):
        program = sorted(p for p, semua in AKHIR_PROGRAM.items() if akhir in semua)
        if len(program) < len(AKHIR_PROGRAM):
            kondisi &= ~Q(status=akhir) | Q(program__in=program)
    return kondisi


class Klien(NamaBersihMixin, KendalaPerFieldMixin, models.Model):
    FIELD_NAMA = ("nama", "alias", "nama_penjamin")  # stored through inti.nama.bersihkan_nama

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="klien", verbose_name=_("unit")
    )
    pk_pembimbing = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="klien_bimbingan",
        verbose_name=_("PK pembimbing"),
    )
    # Register
    no_register = models.CharField(_("no. register Bapas"), max_length=50)
    no_register_lapas = models.CharField(_("no. register Lapas/Rutan"), max_length=50, blank=True)
    # Identity
    nama = models.CharField(_("nama lengkap"), max_length=150)
    alias = models.CharField(_("nama alias"), max_length=150, blank=True)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        validators=[nik_validator],
        help_text=_("16 angka; boleh kosong untuk anak."),
    )
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin)
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    agama = models.CharField(_("agama"), max_length=10, choices=Agama)
    pendidikan = models.CharField(_("pendidikan"), max_length=13, choices=Pendidikan, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    status_perkawinan = models.CharField(
        _("status perkawinan"), max_length=11, choices=StatusPerkawinan, blank=True
    )
    alamat = models.CharField(_("alamat (jalan, banjar)"), max_length=255, blank=True)
    desa = models.ForeignKey(
        "wilayah.Desa", on_delete=models.PROTECT, related_name="klien", verbose_name=_("desa")
    )
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    nama_penjamin = models.CharField(_("nama penjamin"), max_length=150, blank=True)
    hubungan_penjamin = models.CharField(_("hubungan penjamin"), max_length=50, blank=True)
    telepon_penjamin = models.CharField(_("telepon penjamin"), max_length=30, blank=True)
    kontak_keluarga = models.CharField(
        _("kontak keluarga"), max_length=200, blank=True, help_text=_("Nama, hubungan, telepon.")
    )
    # Case
    perkara = models.CharField(_("perkara"), max_length=200)
    pasal = models.CharField(_("pasal"), max_length=200, blank=True)
    no_putusan = models.CharField(_("no. putusan"), max_length=100, blank=True)
    tanggal_putusan = models.DateField(_("tanggal putusan"), null=True, blank=True)
    lama_pidana_bulan = models.PositiveSmallIntegerField(
        _("lama pidana (bulan)"), null=True, blank=True
    )
    program = models.CharField(_("program integrasi"), max_length=17, choices=ProgramIntegrasi)
    kategori = models.CharField(_("kategori"), max_length=6, choices=Kategori)
    tanggal_mulai = models.DateField(_("mulai bimbingan"))
    tanggal_ekspirasi = models.DateField(_("ekspirasi"))
    # Intake papers. The Litmas: made by a PK of this office (pk_litmas) or, when the client
    # comes from another Bapas's area, by a PK this office has no account for (pk_litmas_lain,
    # the name and office as written on the Litmas); never both.
    no_litmas = models.CharField(_("no. register Litmas"), max_length=100, blank=True)
    tanggal_litmas = models.DateField(_("tanggal Litmas"), null=True, blank=True)
    pk_litmas = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="klien_litmas",
        verbose_name=_("PK pembuat Litmas"),
    )
    pk_litmas_lain = models.CharField(
        _("PK pembuat Litmas dari Bapas lain"),
        max_length=200,
        blank=True,
        help_text=_("Nama PK dan Bapas-nya, bila Litmas dibuat di Bapas lain."),
    )
    # The decision letter granting the programme (SK PB/CB/CMB/asimilasi/CMK). Required by
    # the intake form for those programmes (PROGRAM_BER_SK); nullable here, since the clients
    # registered before it was asked for have none.
    no_sk = models.CharField(_("no. SK pemberian program"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    penerbit_sk = models.CharField(
        _("penerbit SK"),
        max_length=200,
        blank=True,
        help_text=_("Pejabat yang menetapkan, mis. Direktur Jenderal Pemasyarakatan."),
    )
    # The handover (berita acara serah terima) by the releasing institution, which is the
    # client's Lapas/Rutan/LPKA asal.
    lembaga_asal = models.ForeignKey(
        "klien.LembagaAsal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="klien",
        verbose_name=_("Lapas/Rutan/LPKA asal"),
    )
    tanggal_serah_terima = models.DateField(
        _("tanggal berita acara serah terima"), null=True, blank=True
    )
    # Lifecycle (changed only through klien.services)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusKlien, default=StatusKlien.PENERIMAAN
    )
    tanggal_berakhir = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    # Derived from tanggal_mulai/tanggal_ekspirasi in save(), never typed in.
    batas_tahap_lanjutan = models.DateField(editable=False)
    batas_tahap_akhir = models.DateField(editable=False)
    # Reporting duty: derived from the attendance records by pembimbingan and stored here
    # through services.klien_setel_kepatuhan_lapor (the register cannot import attendance).
    tanggal_lapor_berikutnya = models.DateField(_("wajib lapor berikutnya"), null=True, blank=True)
    mangkir_berturut = models.PositiveSmallIntegerField(
        _("tidak lapor berturut-turut"), default=0, editable=False
    )
    # Retention (UU PDP Pasal 42-44): a client whose data is tied to a pending legal matter
    # is held; the others are anonymised once the retention period after the end has passed.
    tahan_hukum = models.BooleanField(
        _("ditahan untuk perkara hukum"),
        default=False,
        help_text=_(
            "Data terkait perkara hukum yang masih berjalan tidak dianonimkan saat masa "
            "retensi berakhir."
        ),
    )
    tahan_hukum_alasan = models.CharField(_("alasan penahanan data"), max_length=300, blank=True)
    dianonimkan_pada = models.DateTimeField(_("dianonimkan pada"), null=True, editable=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    objects = KlienQuerySet.as_manager()

    FIELD_KENDALA = {
        "klien_no_register_unik_per_unit": "no_register",
        "klien_nik_unik_per_unit": "nik",
        "klien_nik_16_digit": "nik",
        "klien_nik_wajib_dewasa": "nik",
        "klien_ekspirasi_setelah_mulai": "tanggal_ekspirasi",
        "klien_lahir_sebelum_bimbingan": "tanggal_lahir",
        "klien_tahan_hukum_beralasan": "tahan_hukum_alasan",
        "klien_diversi_tanpa_pidana": "lama_pidana_bulan",
        "klien_lapor_tidak_sebelum_mulai": "tanggal_lapor_berikutnya",
        "klien_pk_litmas_satu": "pk_litmas_lain",
        "klien_serah_terima_dari_lembaga": "lembaga_asal",
    }

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("klien")
        verbose_name_plural = _("klien")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "no_register"],
                name="klien_no_register_unik_per_unit",
                violation_error_message=_("Nomor register ini sudah dipakai di kantor ini."),
            ),
            models.UniqueConstraint(
                fields=["unit", "nik"],
                condition=~Q(nik=""),
                name="klien_nik_unik_per_unit",
                violation_error_message=_(
                    "NIK ini sudah terdaftar untuk klien lain di kantor ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(nik="") | Q(nik__regex=NIK_REGEX),
                name="klien_nik_16_digit",
                violation_error_message=_("NIK terdiri atas tepat 16 angka."),
            ),
            models.CheckConstraint(
                condition=Q(kategori=Kategori.ANAK)
                | ~Q(nik="")
                | Q(dianonimkan_pada__isnull=False),
                name="klien_nik_wajib_dewasa",
                violation_error_message=_("NIK wajib diisi untuk klien dewasa."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_ekspirasi__gte=F("tanggal_mulai")),
                name="klien_ekspirasi_setelah_mulai",
                violation_error_message=_("Ekspirasi tidak boleh sebelum mulai bimbingan."),
            ),
            # "Born in the past": a CHECK cannot read the clock, so the database holds the
            # deterministic part (born before guidance started); forms check against today.
            models.CheckConstraint(
                condition=Q(tanggal_lahir__lt=F("tanggal_mulai"))
                & Q(tanggal_lahir__gte=TANGGAL_LAHIR_MINIMUM),
                name="klien_lahir_sebelum_bimbingan",
                violation_error_message=_("Tanggal lahir harus sebelum mulai bimbingan."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_lapor_berikutnya__isnull=True)
                | Q(tanggal_lapor_berikutnya__gte=F("tanggal_mulai")),
                name="klien_lapor_tidak_sebelum_mulai",
                violation_error_message=_(
                    "Wajib lapor berikutnya tidak boleh sebelum mulai bimbingan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(pk_litmas__isnull=True) | Q(pk_litmas_lain=""),
                name="klien_pk_litmas_satu",
                violation_error_message=_(
                    "Pilih PK kantor ini atau tulis PK dari Bapas lain, tidak keduanya."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_serah_terima__isnull=True) | Q(lembaga_asal__isnull=False),
                name="klien_serah_terima_dari_lembaga",
                violation_error_message=_("Sebutkan Lapas/Rutan/LPKA yang menyerahkan klien."),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=STATUS_BERAKHIR) & Q(tanggal_berakhir__isnull=False))
                | (Q(status__in=STATUS_BERJALAN) & Q(tanggal_berakhir__isnull=True)),
                name="klien_tanggal_berakhir_sesuai_status",
                violation_error_message=_(
                    "Tanggal berakhir harus diisi tepat untuk klien yang sudah berakhir."
                ),
            ),
            # Each ending belongs to its programmes: revocation to PB/CB/CMB/asimilasi, a
            # diversion not carried out to a diversion, a decision ending supervision to
            # court-ordered guidance (pilihan.AKHIR_PROGRAM).
            models.CheckConstraint(
                condition=_akhir_sesuai_program(),
                name="klien_akhir_sesuai_program",
                violation_error_message=_("Cara berakhir ini tidak berlaku untuk program klien."),
            ),
            # A diversion settles a child's case outside court: it carries no prison sentence.
            models.CheckConstraint(
                condition=~Q(program=ProgramIntegrasi.DIVERSI) | Q(lama_pidana_bulan__isnull=True),
                name="klien_diversi_tanpa_pidana",
                violation_error_message=_("Diversi tidak memiliki lama pidana."),
            ),
            models.CheckConstraint(
                condition=Q(tahan_hukum=False) | ~Q(tahan_hukum_alasan=""),
                name="klien_tahan_hukum_beralasan",
                violation_error_message=_("Sebutkan perkara yang menjadi alasan penahanan data."),
            ),
            # Only an ended client without a legal hold can have been anonymised.
            models.CheckConstraint(
                condition=Q(dianonimkan_pada__isnull=True)
                | (Q(status__in=STATUS_BERAKHIR) & Q(tahan_hukum=False)),
                name="klien_anonim_hanya_berakhir_tanpa_tahan",
            ),
            models.CheckConstraint(
                condition=pilihan_sah("status", StatusKlien), name="klien_status_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("program", ProgramIntegrasi), name="klien_program_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("kategori", Kategori), name="klien_kategori_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("jenis_kelamin", JenisKelamin),
                name="klien_jenis_kelamin_valid",
            ),
            models.CheckConstraint(condition=pilihan_sah("agama", Agama), name="klien_agama_valid"),
        ]
        indexes = [
            models.Index(fields=["unit", "pk_pembimbing", "status"]),
            # the client list: an office's clients in Meta.ordering, read a page at a time
            # from the index instead of sorting the whole office (bench/README.md, issue 15)
            models.Index(fields=["unit", "nama", "id"], name="klien_unit_nama"),
            # the clients at risk of revocation (a few in a hundred), per office: the
            # regional summary counts them from this index alone
            models.Index(
                fields=["unit"],
                condition=Q(status__in=STATUS_BERJALAN, mangkir_berturut__gte=MANGKIR_BERISIKO),
                name="klien_berisiko_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.no_register})"

    def save(self, *args, **kwargs):
        self.hitung_batas_tahap()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "batas_tahap_lanjutan",
                "batas_tahap_akhir",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("klien:klien-detail", kwargs={"pk": self.pk})

    def hitung_batas_tahap(self) -> None:
        """Stage boundaries: the first third of the period is awal, the middle lanjutan."""
        if self.tanggal_mulai and self.tanggal_ekspirasi:
            durasi = max((self.tanggal_ekspirasi - self.tanggal_mulai).days, 0)
            self.batas_tahap_lanjutan = self.tanggal_mulai + datetime.timedelta(days=durasi // 3)
            self.batas_tahap_akhir = self.tanggal_mulai + datetime.timedelta(days=(2 * durasi) // 3)

    @property
    def berjalan(self) -> bool:
        return self.status in STATUS_BERJALAN

    def tahap(self, hari_ini: datetime.date | None = None) -> str | None:
        """The stage of an active client today; None at intake and after the end."""
        if self.status != StatusKlien.AKTIF:
            return None
        hari_ini = hari_ini or timezone.localdate()
        if hari_ini < self.batas_tahap_lanjutan:
            return Tahap.AWAL
        if hari_ini < self.batas_tahap_akhir:
            return Tahap.LANJUTAN
        return Tahap.AKHIR

    def get_tahap_display(self) -> str:
        tahap = self.tahap()
        return Tahap(tahap).label if tahap else ""

    def sisa_hari(self, hari_ini: datetime.date | None = None) -> int | None:
        if not self.berjalan:
            return None
        return (self.tanggal_ekspirasi - (hari_ini or timezone.localdate())).days

    @property
    def dapat_dicabut(self) -> bool:
        """Running, in a programme that revocation applies to (PB, CB, CMB, asimilasi)."""
        return self.berjalan and self.program in PROGRAM_DAPAT_DICABUT

    @property
    def berisiko(self) -> bool:
        """Running and missed enough reports in a row to risk revocation (the row-level twin
        of `KlienQuerySet.berisiko()`)."""
        return self.berjalan and self.mangkir_berturut >= MANGKIR_BERISIKO

    def ekspirasi_tiba(self, hari_ini: datetime.date | None = None) -> bool:
        """Active and the expiry date has come (the row-level twin of
        `querysets.ekspirasi_tiba`)."""
        hari_ini = hari_ini or timezone.localdate()
        return self.status == StatusKlien.AKTIF and self.tanggal_ekspirasi <= hari_ini

    def wajib_lapor_jatuh_tempo(self, hari_ini: datetime.date | None = None) -> bool:
        """Due to report today or overdue."""
        hari_ini = hari_ini or timezone.localdate()
        return (
            self.tanggal_lapor_berikutnya is not None and self.tanggal_lapor_berikutnya <= hari_ini
        )

    @property
    def nik_tersamar(self) -> str:
        return self.nik[:4] + "•" * 8 + self.nik[-4:] if self.nik else ""

    def peringatan_nik(self) -> list[str]:
        from ..nik import periksa_nik

        return periksa_nik(self.nik, self.tanggal_lahir, self.jenis_kelamin)
