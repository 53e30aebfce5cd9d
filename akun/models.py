"""Users, their roles, and the offices (units) that own every piece of office data."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from inti.kendala import KendalaPerFieldMixin
from inti.nama import NamaBersihMixin


class Peran(models.TextChoices):
    PK = "PK", _("Pembimbing Kemasyarakatan")
    KASI = "KASI", _("Kasi Bimbingan Klien")
    KABAPAS = "KABAPAS", _("Kepala Bapas")
    ADMIN = "ADMIN", _("Admin / operator")
    KANWIL = "KANWIL", _("Staf Kanwil")
    PUSAT = "PUSAT", _("Staf Ditjenpas")


# Roles that belong to one office and see its records; the others see aggregates only.
# (Tuples, not sets: their order ends up in a migration and must be stable.)
PERAN_KANTOR = (Peran.PK, Peran.KASI, Peran.KABAPAS, Peran.ADMIN)


class ZonaWaktu(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class KelasUnit(models.TextChoices):
    I = "I", _("Kelas I")  # noqa: E741
    II = "II", _("Kelas II")


class Kanwil(models.Model):
    """A regional office of the ministry; its staff see the figures of its units."""

    nama = models.CharField(_("nama"), max_length=150, unique=True)
    provinsi = models.ForeignKey(
        "wilayah.Provinsi", on_delete=models.PROTECT, verbose_name=_("provinsi")
    )

    class Meta:
        ordering = ["nama"]
        verbose_name = _("kanwil")
        verbose_name_plural = _("kanwil")

    def __str__(self) -> str:
        return self.nama


def validasi_daftar_peran(nilai) -> None:
    """A list of role values, each one of `Peran` (the unit's own list of roles that must
    use two-step verification)."""
    if not isinstance(nilai, list) or any(p not in Peran.values for p in nilai):
        raise ValidationError(
            _("Isi dengan daftar peran yang sah: %(peran)s."),
            code="peran_tidak_valid",
            params={"peran": ", ".join(Peran.values)},
        )


class UnitQuerySet(models.QuerySet):
    def for_user(self, user):
        """Offices a user may see: their own; for Kanwil staff their region; Pusat: all."""
        if not user.is_authenticated:
            return self.none()
        if user.peran == Peran.PUSAT:
            return self.all()
        if user.peran == Peran.KANWIL:
            return self.filter(kanwil_id=user.kanwil_id)
        return self.filter(pk=user.unit_id)


class Unit(models.Model):
    """A Bapas office (UPT). Every record that belongs to an office points here."""

    nama = models.CharField(_("nama"), max_length=150, unique=True)
    kelas = models.CharField(_("kelas"), max_length=2, choices=KelasUnit)
    kanwil = models.ForeignKey(
        Kanwil, on_delete=models.PROTECT, related_name="unit", verbose_name=_("kanwil")
    )
    alamat = models.TextField(_("alamat"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    zona_waktu = models.CharField(
        _("zona waktu"), max_length=20, choices=ZonaWaktu, default=ZonaWaktu.WITA
    )
    wilayah_kerja = models.ManyToManyField(
        "wilayah.Kabupaten",
        through="WilayahKerja",
        related_name="unit_bapas",
        verbose_name=_("wilayah kerja (kabupaten/kota)"),
        blank=True,
    )
    peran_wajib_otp = models.JSONField(
        _("peran yang wajib verifikasi dua langkah"),
        default=list,
        blank=True,
        validators=[validasi_daftar_peran],
        help_text=_("Selain yang diwajibkan untuk semua kantor (OTP_WAJIB_PERAN)."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("unit Bapas")
        verbose_name_plural = _("unit Bapas")
        constraints = [
            models.CheckConstraint(
                condition=Q(kelas__in=KelasUnit.values), name="unit_kelas_valid"
            ),
            models.CheckConstraint(
                condition=Q(zona_waktu__in=ZonaWaktu.values), name="unit_zona_waktu_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class WilayahKerja(models.Model):
    """One kabupaten/kota of an office's work area (the table behind `Unit.wilayah_kerja`).

    A kabupaten, and so each of its kecamatan, lies in at most one Bapas work area: national
    figures that add offices up never count a kecamatan twice. Written through
    `unit.wilayah_kerja.add/set/remove`, so the trail records it as the unit's change.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, verbose_name=_("unit"))
    kabupaten = models.ForeignKey(
        "wilayah.Kabupaten", on_delete=models.CASCADE, verbose_name=_("kabupaten/kota")
    )

    class Meta:
        db_table = "akun_unit_wilayah_kerja"
        verbose_name = _("wilayah kerja")
        verbose_name_plural = _("wilayah kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten"],
                name="wilayah_kerja_kabupaten_satu_unit",
                violation_error_message=_(
                    "Kabupaten/kota ini sudah menjadi wilayah kerja kantor Bapas lain."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.kabupaten}"


nip_validator = RegexValidator(
    r"^[0-9]{18}$", _("NIP terdiri atas 18 angka."), code="nip_tidak_valid"
)


class PenggunaManager(UserManager):
    def for_user(self, user):
        """The accounts of the user's own office (office roles); none for the others. What
        may be done with them is the view's permission (e.g. Izin.KELOLA_PENGGUNA)."""
        return UnitScopedQuerySet(self.model, using=self._db).for_user(user)

    def pk_aktif(self, unit):
        """The active PKs of an office: who may be given a caseload."""
        return self.filter(unit=unit, peran=Peran.PK, is_active=True).order_by(
            "first_name", "username"
        )


class ValidatorNamaPengguna(ASCIIUsernameValidator):
    """Django's ASCII username rule (letters a-z and A-Z without accents, digits, @ . + - _),
    so a Cyrillic `а` or a full-width letter cannot make a second "admin"; with a message
    in plain Indonesian (Django's own translation of it is garbled)."""

    message = _(
        "Nama pengguna hanya boleh berisi huruf Latin tanpa aksen (a–z, A–Z), angka, dan "
        "tanda @ . + - _."
    )


class User(NamaBersihMixin, KendalaPerFieldMixin, AbstractUser):
    # The names shown everywhere (who recorded what, the trail, the PK lists) follow the
    # rule of every stored name (inti.nama); the username is ASCII and unique whatever its
    # case (`user_username_unik_tanpa_huruf_besar`), the login still matches it exactly.
    FIELD_NAMA = ("first_name", "last_name")
    FIELD_KENDALA = {"user_username_unik_tanpa_huruf_besar": "username"}
    username_validator = ValidatorNamaPengguna()
    # AbstractUser's field, with the validator above (its own was bound when it was built).
    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        validators=[username_validator],
        error_messages={"unique": _("A user with that username already exists.")},
    )

    peran = models.CharField(_("peran"), max_length=8, choices=Peran)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name=_("unit"),
    )
    kanwil = models.ForeignKey(
        Kanwil,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name=_("kanwil"),
    )
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    # Whether the user has a confirmed authenticator (set only by akun.otp.services, in the
    # same transaction as the device rows): read on every request without another query.
    otp_aktif = models.BooleanField(_("verifikasi dua langkah aktif"), default=False)

    objects = PenggunaManager()

    class Meta:
        ordering = ["first_name", "username"]
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(condition=Q(peran__in=Peran.values), name="user_peran_valid"),
            # Office roles belong to exactly one unit; Kanwil staff to one kanwil; Pusat to none.
            models.CheckConstraint(
                condition=(
                    Q(peran__in=[p.value for p in PERAN_KANTOR], unit__isnull=False)
                    | Q(peran=Peran.KANWIL, unit__isnull=True, kanwil__isnull=False)
                    | Q(peran=Peran.PUSAT, unit__isnull=True, kanwil__isnull=True)
                ),
                name="user_unit_sesuai_peran",
            ),
            models.CheckConstraint(
                condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"), name="user_nip_18_digit"
            ),
            models.UniqueConstraint(fields=["nip"], condition=~Q(nip=""), name="user_nip_unik"),
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unik_tanpa_huruf_besar",
                violation_error_message=_(
                    "Nama pengguna ini sudah dipakai akun lain (huruf besar dan kecil "
                    "dianggap sama)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class UnitScopedQuerySet(models.QuerySet):
    """Base for every office-owned model: `Model.objects.for_user(user)`.

    Office roles see their own unit's rows; aggregate roles (Kanwil, Pusat) and anonymous
    users see none, because they are shown figures, never records. Models that narrow
    further for a PK (their own caseload) override `for_user` and call `for_unit_of`.
    """

    unit_field = "unit"

    def for_unit_of(self, user):
        if not user.is_authenticated or user.peran not in PERAN_KANTOR or user.unit_id is None:
            return self.none()
        return self.filter(**{self.unit_field: user.unit_id})

    def for_user(self, user):
        return self.for_unit_of(user)

    def untuk_agregat(self, user):
        """The rows behind the figures a user may see, for counting only (never listing):
        Kanwil staff their region's offices, Pusat all, office roles their own office."""
        return self.filter(**{f"{self.unit_field}__in": Unit.objects.for_user(user)})


# The models of akun's sub-packages, registered with the app here (Django loads akun.models).
from .otp.models import PerangkatKodeCadangan, PerangkatTOTP  # noqa: E402, F401
from .persetujuan.models import PemberitahuanAkun, PermintaanPerubahanAkun  # noqa: E402, F401
