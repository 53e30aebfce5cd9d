"""Guidance programmes, their resources and participants, sessions and attendance.

Scoping (`for_user`), decided here once:
- Program, SumberDaya, Peserta: every office role sees the office's (a PK runs programmes
  for the whole office, so they see who is enrolled, whichever PK guides them).
- Sesi: the office's managers see the office's; a PK sees the office's group sessions
  (programmes, outreach days at a post) and the individual sessions (wajib lapor, home
  visits) of their own clients.
- Kehadiran: as Sesi: a PK sees every row of a group session or outreach day of the office
  (they record them) and the rows of their own clients; the managers the office's.
- PosLayanan, PendaftaranPos: the office's, for every office role.
- JadwalLapor: as the client (a PK their own clients').
- TokenKalender: never listed; looked up by its key's digest.
Kanwil and national roles see no rows (figures only), as everywhere.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import Peran, UnitScopedQuerySet
from inti.induk import pilihan_sah, unit_dari_induk
from inti.kendala import KendalaPerFieldMixin
from klien.models import AnakKlien, Klien, LogKlien
from klien.pilihan import Kategori
from klien.querysets import AnakKlienQuerySet

from .pilihan import (
    HASIL_HADIR,
    JENIS_INDIVIDU,
    AlasanAbsen,
    HasilHadir,
    JenisProgram,
    JenisSesi,
    ModaSesi,
    PolaLapor,
    StatusPeserta,
)


def _pk(user) -> bool:
    return user.is_authenticated and user.peran == Peran.PK


class ProgramQuerySet(UnitScopedQuerySet):
    pass


class Program(KendalaPerFieldMixin, models.Model):
    """A guidance programme of one office, run by a partner (`mitra`) or by the office itself
    (`mitra` empty)."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama program"), max_length=200)
    jenis = models.CharField(_("jenis program"), max_length=11, choices=JenisProgram)
    topik = models.CharField(_("topik"), max_length=200, blank=True)
    mitra = models.ForeignKey(
        "pokmas.Mitra",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="program",
        verbose_name=_("mitra pelaksana"),
        help_text=_("Kosongkan bila dilaksanakan oleh Bapas sendiri."),
    )
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    kapasitas = models.PositiveSmallIntegerField(
        _("kapasitas peserta"), null=True, blank=True, help_text=_("Kosongkan bila tak terbatas.")
    )
    anggaran = models.PositiveBigIntegerField(_("anggaran (Rp)"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    objects = ProgramQuerySet.as_manager()

    FIELD_KENDALA = {
        "program_jenis_valid": "jenis",
        "program_selesai_setelah_mulai": "tanggal_selesai",
        "program_kapasitas_positif": "kapasitas",
        "program_unik_per_kantor": "nama",
    }

    class Meta:
        ordering = ["-tanggal_mulai", "nama", "pk"]
        verbose_name = _("program pembimbingan")
        verbose_name_plural = _("program pembimbingan")
        constraints = [
            # the same programme opened twice (a double tap, a retry) is refused, not doubled
            models.UniqueConstraint(
                "unit",
                Lower("nama"),
                "tanggal_mulai",
                name="program_unik_per_kantor",
                violation_error_message=_(
                    "Kantor ini sudah memiliki program dengan nama dan tanggal mulai itu."
                ),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisProgram),
                name="program_jenis_valid",
                violation_error_message=_("Pilih jenis program: kepribadian atau kemandirian."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True)
                | Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="program_selesai_setelah_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(kapasitas__isnull=True) | Q(kapasitas__gte=1),
                name="program_kapasitas_positif",
                violation_error_message=_("Kapasitas sedikitnya 1 peserta."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def save(self, *args, **kwargs):
        """A programme run by a partner belongs to the partner's office."""
        if self.mitra_id is not None:
            unit_dari_induk(self, self.mitra)
        super().save(*args, **kwargs)


class SumberDayaQuerySet(UnitScopedQuerySet):
    unit_field = "program__unit"


class SumberDaya(models.Model):
    """A kit, material or tool a programme has, with its quantity: "participants per kit"
    is the programme's active participants divided by `jumlah`."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="sumber_daya", verbose_name=_("program")
    )
    nama = models.CharField(_("nama sumber daya"), max_length=150)
    jumlah = models.PositiveIntegerField(_("jumlah"))
    satuan = models.CharField(_("satuan"), max_length=30, blank=True)

    objects = SumberDayaQuerySet.as_manager()

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("sumber daya program")
        verbose_name_plural = _("sumber daya program")
        constraints = [
            models.CheckConstraint(
                condition=Q(jumlah__gte=1),
                name="sumber_daya_jumlah_positif",
                violation_error_message=_("Jumlah sedikitnya 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jumlah} {self.satuan})".strip()

    def peserta_per_unit(self, peserta_aktif: int) -> float:
        """How many active participants share one of these (the study's painting kits)."""
        return peserta_aktif / self.jumlah


class PesertaQuerySet(AnakKlienQuerySet):
    def for_user(self, user):
        """The office's enrolments for every office role (see the module's docstring)."""
        return self.for_unit_of(user)

    def aktif(self):
        return self.filter(status=StatusPeserta.AKTIF)


class Peserta(KendalaPerFieldMixin, AnakKlien):
    """A client's enrolment in a programme. The capacity of a programme is a rule across rows
    (count of active enrolments <= kapasitas), which a CHECK constraint cannot express (it
    sees one row); `services.peserta_daftar` enforces it under a lock on the programme.
    "One active enrolment per client per programme" is a partial unique constraint."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="peserta", verbose_name=_("program")
    )
    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="keikutsertaan", verbose_name=_("klien")
    )
    status = models.CharField(
        _("status"), max_length=7, choices=StatusPeserta, default=StatusPeserta.AKTIF
    )
    tanggal_masuk = models.DateField(_("tanggal masuk"))
    tanggal_keluar = models.DateField(_("tanggal keluar"), null=True, blank=True)
    alasan_keluar = models.TextField(_("alasan keluar"), blank=True)
    hasil = models.TextField(_("hasil / capaian"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = PesertaQuerySet.as_manager()
    INDUK_KANTOR = "program"

    FIELD_KENDALA = {
        "peserta_satu_aktif_per_program": "klien",
        "peserta_keluar_setelah_masuk": "tanggal_keluar",
        "peserta_keluar_beralasan": "alasan_keluar",
    }

    class Meta:
        ordering = ["program", "klien__nama", "pk"]
        verbose_name = _("peserta program")
        verbose_name_plural = _("peserta program")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "klien"],
                condition=Q(status=StatusPeserta.AKTIF),
                name="peserta_satu_aktif_per_program",
                violation_error_message=_("Klien ini sudah menjadi peserta aktif program ini."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("status", StatusPeserta), name="peserta_status_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status=StatusPeserta.AKTIF) & Q(tanggal_keluar__isnull=True))
                | (~Q(status=StatusPeserta.AKTIF) & Q(tanggal_keluar__isnull=False)),
                name="peserta_tanggal_keluar_sesuai_status",
                violation_error_message=_(
                    "Tanggal keluar diisi tepat untuk peserta yang selesai atau keluar."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_keluar__isnull=True)
                | Q(tanggal_keluar__gte=F("tanggal_masuk")),
                name="peserta_keluar_setelah_masuk",
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal masuk."),
            ),
            models.CheckConstraint(
                condition=~Q(status=StatusPeserta.KELUAR) | ~Q(alasan_keluar=""),
                name="peserta_keluar_beralasan",
                violation_error_message=_("Sebutkan alasan peserta keluar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id} @ {self.program_id} ({self.status})"


class SesiQuerySet(UnitScopedQuerySet):
    def for_user(self, user):
        qs = self.for_unit_of(user)
        if _pk(user):
            qs = qs.filter(Q(klien__isnull=True) | Q(klien__in=Klien.objects.for_user(user)))
        return qs


class PosLayananQuerySet(UnitScopedQuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class PosLayanan(KendalaPerFieldMixin, models.Model):
    """An outreach post (Wayan Jempolan) of an office: a place in a kecamatan far from the
    office where the PKs hold outreach days (sessions of kind `layanan_pos`)."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama pos"), max_length=150)
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kecamatan"),
    )
    alamat = models.CharField(_("alamat / tempat"), max_length=250, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    objects = PosLayananQuerySet.as_manager()

    FIELD_KENDALA = {"pos_nama_unik_per_kantor": "nama"}

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("pos layanan")
        verbose_name_plural = _("pos layanan")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "nama"],
                name="pos_nama_unik_per_kantor",
                violation_error_message=_("Kantor ini sudah memiliki pos dengan nama itu."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class Sesi(KendalaPerFieldMixin, models.Model):
    """A dated contact: a group session of a programme, or an individual one (a wajib lapor
    report, a home visit) with one client. `versi` counts the saves of its attendance, so
    two people saving the same session at once cannot overwrite each other unseen."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sesi",
        verbose_name=_("program"),
    )
    jenis = models.CharField(_("jenis sesi"), max_length=15, choices=JenisSesi)
    klien = models.ForeignKey(
        Klien,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sesi_individu",
        verbose_name=_("klien"),
    )
    pos = models.ForeignKey(
        "PosLayanan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hari_layanan",
        verbose_name=_("pos layanan"),
    )
    mulai = models.DateTimeField(_("waktu mulai"))
    # A wajib lapor report answers one due date of the client's schedule: a second report for
    # the same due date (a double tap, a retry) is refused by the unique constraint below.
    jatuh_tempo = models.DateField(_("jatuh tempo lapor"), null=True, blank=True)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    moda = models.CharField(_("moda"), max_length=12, choices=ModaSesi, default=ModaSesi.KANTOR)
    fasilitator = models.CharField(_("fasilitator"), max_length=200, blank=True)
    pk_pencatat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PK pencatat"),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    versi = models.PositiveIntegerField(_("versi kehadiran"), default=0, editable=False)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    objects = SesiQuerySet.as_manager()

    FIELD_KENDALA = {"sesi_bentuk_sesuai_jenis": "jenis"}

    class Meta:
        ordering = ["-mulai", "pk"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        constraints = [
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisSesi), name="sesi_jenis_valid"
            ),
            models.CheckConstraint(condition=pilihan_sah("moda", ModaSesi), name="sesi_moda_valid"),
            models.CheckConstraint(
                condition=(
                    Q(jenis=JenisSesi.KELOMPOK)
                    & Q(program__isnull=False)
                    & Q(klien__isnull=True)
                    & Q(pos__isnull=True)
                )
                | (
                    Q(jenis__in=JENIS_INDIVIDU)
                    & Q(program__isnull=True)
                    & Q(klien__isnull=False)
                    & Q(pos__isnull=True)
                )
                | (
                    Q(jenis=JenisSesi.LAYANAN_POS)
                    & Q(program__isnull=True)
                    & Q(klien__isnull=True)
                    & Q(pos__isnull=False)
                ),
                name="sesi_bentuk_sesuai_jenis",
                violation_error_message=_(
                    "Sesi kelompok memiliki program tanpa klien; wajib lapor dan kunjungan "
                    "rumah memiliki satu klien tanpa program; hari layanan pos memiliki pos."
                ),
            ),
            models.CheckConstraint(
                condition=Q(jatuh_tempo__isnull=True) | Q(jenis=JenisSesi.WAJIB_LAPOR),
                name="sesi_jatuh_tempo_untuk_lapor",
                violation_error_message=_("Jatuh tempo lapor hanya untuk sesi wajib lapor."),
            ),
            models.UniqueConstraint(
                fields=["klien", "jatuh_tempo"],
                condition=Q(jatuh_tempo__isnull=False),
                name="sesi_satu_lapor_per_jatuh_tempo",
                violation_error_message=_("Wajib lapor untuk jatuh tempo ini sudah dicatat."),
            ),
        ]
        indexes = [models.Index(fields=["unit", "mulai"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {timezone.localtime(self.mulai):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        """A session belongs to its programme's office, its client's, or its post's."""
        induk = self.program or self.klien or self.pos
        if induk is not None:
            unit_dari_induk(self, induk)
        super().save(*args, **kwargs)

    @property
    def kelompok(self) -> bool:
        return self.jenis == JenisSesi.KELOMPOK

    @property
    def layanan_pos(self) -> bool:
        return self.jenis == JenisSesi.LAYANAN_POS


class KehadiranQuerySet(AnakKlienQuerySet):
    def for_user(self, user):
        qs = self.for_unit_of(user)
        if _pk(user):
            qs = qs.filter(Q(sesi__klien__isnull=True) | Q(klien__in=Klien.objects.for_user(user)))
        return qs


class Kehadiran(LogKlien, KendalaPerFieldMixin, AnakKlien):
    """One outcome per client per session. `dapat_diterima` follows from `hasil` (izin:
    acceptable, tidak hadir: not, menunggu keterangan: not yet judged, attendance: not an
    absence); it is stored so the counts can filter on it, and the database keeps it
    consistent."""

    sesi = models.ForeignKey(
        Sesi, on_delete=models.CASCADE, related_name="kehadiran", verbose_name=_("sesi")
    )
    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="kehadiran", verbose_name=_("klien")
    )
    hasil = models.CharField(_("hasil"), max_length=28, choices=HasilHadir)
    alasan = models.CharField(_("alasan"), max_length=18, choices=AlasanAbsen, blank=True)
    dapat_diterima = models.BooleanField(_("absen dapat diterima"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    batas_keterangan = models.DateField(_("batas penyerahan keterangan"), null=True, blank=True)

    objects = KehadiranQuerySet.as_manager()
    INDUK_KANTOR = "sesi"

    FIELD_KENDALA = {
        "kehadiran_izin_beralasan": "alasan",
        "kehadiran_hadir_tanpa_alasan": "alasan",
        "kehadiran_batas_untuk_menunggu": "batas_keterangan",
    }

    class Meta:
        ordering = ["sesi", "klien__nama", "pk"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["sesi", "klien"],
                name="kehadiran_unik_per_sesi",
                violation_error_message=_("Kehadiran klien ini di sesi ini sudah dicatat."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("hasil", HasilHadir), name="kehadiran_hasil_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("alasan", AlasanAbsen, kosong=True),
                name="kehadiran_alasan_valid",
            ),
            models.CheckConstraint(
                condition=~Q(hasil=HasilHadir.IZIN) | ~Q(alasan=""),
                name="kehadiran_izin_beralasan",
                violation_error_message=_("Izin harus disertai alasan."),
            ),
            models.CheckConstraint(
                condition=~Q(hasil__in=HASIL_HADIR) | Q(alasan=""),
                name="kehadiran_hadir_tanpa_alasan",
                violation_error_message=_("Klien yang hadir tidak memerlukan alasan absen."),
            ),
            models.CheckConstraint(
                # (isnull=False first: a NULL compared with True is unknown, which a CHECK
                # lets through)
                condition=(
                    Q(hasil=HasilHadir.IZIN)
                    & Q(dapat_diterima__isnull=False)
                    & Q(dapat_diterima=True)
                )
                | (
                    Q(hasil=HasilHadir.TIDAK_HADIR)
                    & Q(dapat_diterima__isnull=False)
                    & Q(dapat_diterima=False)
                )
                | (
                    Q(hasil__in=[*HASIL_HADIR, HasilHadir.MENUNGGU_KETERANGAN])
                    & Q(dapat_diterima__isnull=True)
                ),
                name="kehadiran_diterima_sesuai_hasil",
                violation_error_message=_(
                    "Izin selalu dapat diterima, tidak hadir tidak; menunggu keterangan "
                    "belum dinilai."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(hasil=HasilHadir.MENUNGGU_KETERANGAN) & Q(batas_keterangan__isnull=False)
                )
                | (~Q(hasil=HasilHadir.MENUNGGU_KETERANGAN) & Q(batas_keterangan__isnull=True)),
                name="kehadiran_batas_untuk_menunggu",
                violation_error_message=_(
                    "Batas penyerahan keterangan diisi tepat untuk absen yang menunggu keterangan."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["klien", "hasil"]),
            # the absences still awaiting evidence, by office and deadline (the dashboard's
            # "past its deadline", without reading the office's other rows)
            models.Index(
                fields=["unit", "batas_keterangan"],
                condition=Q(hasil=HasilHadir.MENUNGGU_KETERANGAN),
                name="kehadiran_menunggu_batas",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id} @ {self.sesi_id}: {self.hasil}"


class PendaftaranPosQuerySet(AnakKlienQuerySet):
    def for_user(self, user):
        """The office's registrations: an outreach day is the office's, whoever registers."""
        return self.for_unit_of(user)


class PendaftaranPos(AnakKlien):
    """A client registered in advance for an outreach day: the day's attendance lists them."""

    sesi = models.ForeignKey(
        Sesi, on_delete=models.CASCADE, related_name="pendaftaran", verbose_name=_("hari layanan")
    )
    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="pendaftaran_pos", verbose_name=_("klien")
    )
    didaftarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    didaftarkan_pada = models.DateTimeField(_("didaftarkan pada"), default=timezone.now)

    objects = PendaftaranPosQuerySet.as_manager()
    INDUK_KANTOR = "sesi"

    class Meta:
        ordering = ["sesi", "klien__nama", "pk"]
        verbose_name = _("pendaftaran hari layanan pos")
        verbose_name_plural = _("pendaftaran hari layanan pos")
        constraints = [
            models.UniqueConstraint(
                fields=["sesi", "klien"],
                name="pendaftaran_pos_unik",
                violation_error_message=_("Klien ini sudah terdaftar pada hari layanan itu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id} @ {self.sesi_id}"


class JadwalLaporQuerySet(AnakKlienQuerySet):
    pass


class JadwalLapor(KendalaPerFieldMixin, AnakKlien):
    """A client's reporting schedule (wajib lapor). After each report, or each missed one,
    the client's next due date rolls forward by it (services.lapor_catat)."""

    # One per client (the unique constraint below; a foreign key rather than a one-to-one
    # field, so that the reverse side is a manager like every other client table's).
    klien = models.ForeignKey(
        Klien, on_delete=models.CASCADE, related_name="jadwal_lapor", verbose_name=_("klien")
    )
    pola = models.CharField(_("pola lapor"), max_length=16, choices=PolaLapor)
    # For `tanggal_tertentu`: the dates, ISO strings in ascending order.
    tanggal_tertentu = models.JSONField(_("tanggal lapor"), default=list, blank=True)
    # Who set it and when: the audit trail's entries (a column here would repeat them).

    objects = JadwalLaporQuerySet.as_manager()

    FIELD_KENDALA = {"jadwal_lapor_pola_valid": "pola", "jadwal_lapor_satu_per_klien": "klien"}

    class Meta:
        verbose_name = _("jadwal wajib lapor")
        verbose_name_plural = _("jadwal wajib lapor")
        constraints = [
            models.UniqueConstraint(
                fields=["klien"],
                name="jadwal_lapor_satu_per_klien",
                violation_error_message=_("Klien ini sudah memiliki jadwal lapor."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("pola", PolaLapor),
                name="jadwal_lapor_pola_valid",
                violation_error_message=_("Pilih pola lapor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klien_id}: {self.pola}"


class TokenKalender(models.Model):
    """A PK's private iCalendar subscription: the URL carries a random key, of which only
    the SHA-256 digest is stored. Revoking sets `dicabut_pada`; a user has at most one
    active key (a new one revokes the old)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_kalender"
    )
    sidik = models.CharField(_("sidik kunci"), max_length=64, unique=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        ordering = ["-dibuat_pada", "pk"]
        verbose_name = _("langganan kalender")
        verbose_name_plural = _("langganan kalender")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(dicabut_pada__isnull=True),
                name="token_kalender_satu_aktif",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ({'dicabut' if self.dicabut_pada else 'aktif'})"


class RekapKehadiran(models.Model):
    """How many attendance rows fall in one cell of the grain: the summary the dashboards
    read instead of the rows (an office's months hold hundreds of cells where the rows are
    tens of thousands). Written only by pembimbingan.rekap, in the transaction of the rows
    it counts; `manage.py rekap_kehadiran --periksa` recounts it.

    Grain: office; month of the session (its first day, in the office's time zone);
    programme (empty for wajib lapor, home visits and outreach days); session kind and
    mode; the client's kabupaten (of their village) and category (adult/child); outcome and
    reason. Whether an absence is acceptable or still awaiting evidence follows from the
    outcome (Kehadiran.dapat_diterima). A programme's type and partner are read through
    `program` (a join with a small table), so a programme corrected later needs no rewrite
    here. Not in the grain: the client's PK (a PK's caseload is small enough to count from
    the rows) and whether awaiting evidence has passed its deadline (it changes with the
    date, not with a write).

    `program` is the one column that may be empty: a unique constraint lets NULLs repeat
    (SQLite has no NULLS NOT DISTINCT, PostgreSQL only from 15), so the grain is held by two
    partial unique constraints, one for the cells with a programme and one for those
    without, which the upsert in rekap.py names as its conflict targets. `jumlah` has no
    CHECK >= 0 on purpose: a rollup knocked out of step must not stop a PK from recording
    attendance; the check command reports a negative cell.
    """

    # (no index of its own: the (unit, bulan) index below starts with it)
    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
    )
    bulan = models.DateField(_("bulan"))
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    jenis_sesi = models.CharField(_("jenis sesi"), max_length=15, choices=JenisSesi)
    moda = models.CharField(_("moda"), max_length=12, choices=ModaSesi)
    kabupaten = models.ForeignKey(
        "wilayah.Kabupaten", on_delete=models.PROTECT, related_name="+", verbose_name=_("kabupaten")
    )
    kategori = models.CharField(_("kategori klien"), max_length=6, choices=Kategori)
    hasil = models.CharField(_("hasil"), max_length=28, choices=HasilHadir)
    alasan = models.CharField(_("alasan"), max_length=18, choices=AlasanAbsen, blank=True)
    jumlah = models.IntegerField(_("jumlah"), default=0)

    # the rollup holds counts, no client: Kanwil and Pusat read it through untuk_agregat
    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekap kehadiran")
        verbose_name_plural = _("rekap kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "bulan",
                    "program",
                    "jenis_sesi",
                    "moda",
                    "kabupaten",
                    "kategori",
                    "hasil",
                    "alasan",
                ],
                condition=Q(program__isnull=False),
                name="rekap_kehadiran_sel_program",
            ),
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "bulan",
                    "jenis_sesi",
                    "moda",
                    "kabupaten",
                    "kategori",
                    "hasil",
                    "alasan",
                ],
                condition=Q(program__isnull=True),
                name="rekap_kehadiran_sel_tanpa_program",
            ),
            models.CheckConstraint(
                condition=(Q(jenis_sesi=JenisSesi.KELOMPOK) & Q(program__isnull=False))
                | (~Q(jenis_sesi=JenisSesi.KELOMPOK) & Q(program__isnull=True)),
                name="rekap_kehadiran_program_sesuai_jenis",
            ),
            models.CheckConstraint(
                condition=pilihan_sah("jenis_sesi", JenisSesi), name="rekap_kehadiran_jenis_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("moda", ModaSesi), name="rekap_kehadiran_moda_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("kategori", Kategori), name="rekap_kehadiran_kategori_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("hasil", HasilHadir), name="rekap_kehadiran_hasil_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("alasan", AlasanAbsen, kosong=True),
                name="rekap_kehadiran_alasan_valid",
            ),
        ]
        indexes = [
            # an office's dashboard reads all its cells of a period: on PostgreSQL from the
            # index alone (every column included; an office-year is ~20k cells scattered
            # over the table: 125 ms from the heap, 3 ms index-only, bench/README.md)
            models.Index(
                fields=["unit", "bulan"],
                include=[
                    "program",
                    "jenis_sesi",
                    "moda",
                    "kabupaten",
                    "kategori",
                    "hasil",
                    "alasan",
                    "jumlah",
                ],
                name="rekap_hadir_unit_bulan_isi",
            ),
            models.Index(fields=["bulan"], name="rekap_hadir_bulan"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.unit_id} {self.bulan:%Y-%m} {self.program_id or '-'} {self.jenis_sesi} "
            f"{self.moda} {self.kabupaten_id} {self.kategori} {self.hasil} {self.alasan}: "
            f"{self.jumlah}"
        )

    def save(self, *args, **kwargs):
        """A programme's cell belongs to the programme's office. (rekap.py writes the cells
        in bulk, from rows that hold the rule already; this guards a cell saved by itself.)"""
        if self.program_id is not None:
            unit_dari_induk(self, self.program)
        super().save(*args, **kwargs)


class RekapKehadiranKantor(models.Model):
    """The attendance rollup summed to office × month × outcome × reason: what the regional
    and national views read. RekapKehadiran's grain is fine (programme, mode, kabupaten,
    category) so that an office's dashboard can cut it every way, which makes a national
    year of it about a million cells; these cells are RekapKehadiran's summed over
    everything but the office, month, outcome and reason (about ten thousand a year for
    every office of the country). Written by pembimbingan.rekap in the same statement
    sequence as RekapKehadiran (every change to a cell there adds to its cell here),
    checked and rebuilt with it by `manage.py rekap_kehadiran`."""

    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("unit"),
    )
    bulan = models.DateField(_("bulan"))
    hasil = models.CharField(_("hasil"), max_length=28, choices=HasilHadir)
    alasan = models.CharField(_("alasan"), max_length=18, choices=AlasanAbsen, blank=True)
    jumlah = models.IntegerField(_("jumlah"), default=0)

    # the rollup holds counts, no client: Kanwil and Pusat read it through untuk_agregat
    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekap kehadiran kantor")
        verbose_name_plural = _("rekap kehadiran kantor")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "bulan", "hasil", "alasan"], name="rekap_kantor_sel"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("hasil", HasilHadir), name="rekap_kantor_hasil_valid"
            ),
            models.CheckConstraint(
                condition=pilihan_sah("alasan", AlasanAbsen, kosong=True),
                name="rekap_kantor_alasan_valid",
            ),
        ]
        indexes = [
            # the national and regional views: every office's months of a period
            models.Index(fields=["bulan", "unit"], name="rekap_kantor_bulan_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.bulan:%Y-%m} {self.hasil} {self.alasan}: {self.jumlah}"
