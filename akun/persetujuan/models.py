"""Changes to the accounts that hold an office's keys wait for a second person.

An Admin asks (`PermintaanPerubahanAkun`); the Kabapas approves what concerns an Admin, the
Kanwil what concerns a Kabapas (and an Admin's change when the office has no active
Kabapas). The change is applied only on approval, and the affected user is told at their
next login (`PemberitahuanAkun`). Both are tracked by the audit trail.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..models import Peran


class JenisPerubahan(models.TextChoices):
    BUAT = "buat", _("Membuat akun")
    UBAH = "ubah", _("Mengubah peran atau status akun")
    KATA_SANDI = "kata_sandi", _("Kata sandi baru")
    RESET_OTP = "reset_otp", _("Mengatur ulang verifikasi dua langkah")


class StatusPermintaan(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu persetujuan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


PERAN_PENYETUJU = (Peran.KABAPAS, Peran.KANWIL)


class PermintaanQuerySet(models.QuerySet):
    def for_user(self, user):
        """The requests a user may see: the office's Admin their office's (to follow them);
        the Kabapas those of their office waiting for a Kabapas; a Kanwil's staff those of
        their region's offices waiting for the Kanwil. Nobody else any."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.peran == Peran.ADMIN and user.unit_id:
            return self.filter(unit_id=user.unit_id)
        if user.peran == Peran.KABAPAS and user.unit_id:
            return self.filter(unit_id=user.unit_id, peran_penyetuju=Peran.KABAPAS)
        if user.peran == Peran.KANWIL and user.kanwil_id:
            return self.filter(unit__kanwil_id=user.kanwil_id, peran_penyetuju=Peran.KANWIL)
        return self.none()

    def menunggu(self):
        return self.filter(status=StatusPermintaan.MENUNGGU)


class PermintaanPerubahanAkun(models.Model):
    """One requested change to an Admin's or a Kabapas's account (or one that makes an
    account either). `data` holds the plain values asked for (fields of the account);
    a password is never stored: only its hash, in `sandi_hash`, which the audit trail
    leaves out and which is blanked once the request is decided."""

    unit = models.ForeignKey(
        "akun.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    pengguna = models.ForeignKey(
        "akun.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permintaan_perubahan",
        verbose_name=_("akun"),
        help_text=_("Kosong untuk akun baru sampai disetujui."),
    )
    jenis = models.CharField(_("perubahan"), max_length=10, choices=JenisPerubahan)
    data = models.JSONField(_("isi perubahan"), default=dict, blank=True)
    sandi_hash = models.CharField(_("hash kata sandi baru"), max_length=255, blank=True)
    peran_penyetuju = models.CharField(
        _("disetujui oleh peran"),
        max_length=8,
        choices=[(p.value, p.label) for p in PERAN_PENYETUJU],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPermintaan, default=StatusPermintaan.MENUNGGU
    )
    diminta_oleh = models.ForeignKey(
        "akun.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("diminta oleh")
    )
    diminta_pada = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        "akun.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputus oleh"),
    )
    diputus_pada = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    catatan = models.CharField(_("catatan keputusan"), max_length=500, blank=True)

    objects = PermintaanQuerySet.as_manager()

    class Meta:
        ordering = ["-diminta_pada", "-pk"]
        verbose_name = _("permintaan perubahan akun")
        verbose_name_plural = _("permintaan perubahan akun")
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisPerubahan.values), name="permintaan_jenis_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusPermintaan.values), name="permintaan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(peran_penyetuju__in=[p.value for p in PERAN_PENYETUJU]),
                name="permintaan_peran_penyetuju_valid",
            ),
            # Pending: nobody decided yet. Decided: by someone, at a time.
            models.CheckConstraint(
                condition=(
                    Q(status=StatusPermintaan.MENUNGGU, diputus_oleh__isnull=True)
                    | (
                        ~Q(status=StatusPermintaan.MENUNGGU)
                        & Q(diputus_oleh__isnull=False, diputus_pada__isnull=False)
                    )
                ),
                name="permintaan_keputusan_lengkap",
            ),
            # The second person is never the first.
            models.CheckConstraint(
                condition=Q(diputus_oleh__isnull=True) | ~Q(diputus_oleh=F("diminta_oleh")),
                name="permintaan_penyetuju_bukan_peminta",
                violation_error_message=_("Permintaan tidak dapat diputus oleh pemintanya."),
            ),
            # Only an existing account's change names it; a new account has none yet.
            models.CheckConstraint(
                condition=Q(jenis=JenisPerubahan.BUAT) | Q(pengguna__isnull=False),
                name="permintaan_akun_disebut",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "jenis"],
                condition=Q(status=StatusPermintaan.MENUNGGU),
                name="permintaan_satu_menunggu_per_akun_dan_jenis",
                violation_error_message=_(
                    "Permintaan yang sama untuk akun ini masih menunggu persetujuan."
                ),
            ),
        ]

    def __str__(self) -> str:
        sasaran = self.pengguna or self.data.get("username", "")
        return f"{self.get_jenis_display()}: {sasaran}"

    def rincian(self) -> list[str]:
        """What the change is, in words, for the approver."""
        if self.jenis == JenisPerubahan.BUAT:
            d = self.data
            nama = " ".join(filter(None, [d.get("first_name"), d.get("last_name")]))
            return [
                _(
                    "Akun baru %(username)s (%(nama)s), peran %(peran)s, dengan kata sandi awal "
                    "dari Admin."
                )
                % {"username": d.get("username"), "nama": nama, "peran": _peran(d.get("peran"))}
            ]
        if self.jenis == JenisPerubahan.UBAH:
            baris = []
            sebelum, sesudah = self.data.get("sebelum", {}), self.data.get("sesudah", {})
            if "peran" in sesudah:
                baris.append(
                    _("Peran: %(lama)s → %(baru)s")
                    % {"lama": _peran(sebelum.get("peran")), "baru": _peran(sesudah["peran"])}
                )
            if "is_active" in sesudah:
                baris.append(
                    _("Akun diaktifkan.") if sesudah["is_active"] else _("Akun dinonaktifkan.")
                )
            return baris
        if self.jenis == JenisPerubahan.KATA_SANDI:
            return [_("Kata sandi baru yang ditetapkan Admin; sesi pemilik akun berakhir.")]
        return [
            _(
                "Aplikasi autentikator dan kode cadangan dihapus; pemilik akun mendaftar ulang "
                "saat masuk berikutnya."
            )
        ]


def _peran(nilai) -> str:
    return str(Peran(nilai).label) if nilai in Peran.values else str(nilai)


class PemberitahuanAkun(models.Model):
    """A message for a user about a change to their account, shown once at their next
    login (akun.signals) and then marked as read."""

    pengguna = models.ForeignKey(
        "akun.User",
        on_delete=models.CASCADE,
        related_name="pemberitahuan",
        verbose_name=_("pengguna"),
    )
    jenis = models.CharField(_("perubahan"), max_length=10, choices=JenisPerubahan)
    diminta_oleh = models.CharField(_("diminta oleh"), max_length=300, blank=True)
    disetujui_oleh = models.CharField(_("disetujui oleh"), max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        ordering = ["dibuat_pada", "pk"]
        verbose_name = _("pemberitahuan akun")
        verbose_name_plural = _("pemberitahuan akun")
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=JenisPerubahan.values), name="pemberitahuan_jenis_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna}: {self.get_jenis_display()}"
