"""The audit trail: one append-only table for every change, view, export, import and login.

django-auditlog writes the create/update/delete and "accessed" entries of the registered
models (``AUDITLOG_INCLUDE_TRACKING_MODELS`` in settings) into this model, which is its
swapped-in LogEntry. The events auditlog does not know about (logins, refused access,
exports, imports, data-subject exports, anonymisation) are written by
``jejak.services.catat_peristiwa`` into the same table, so one search answers "who opened
client K" and "whose records did user U open between T1 and T2".

The application never edits or deletes an entry: ``save()`` refuses an existing row and
``delete()``, ``QuerySet.update()`` and ``QuerySet.delete()`` refuse outright. The single
exception is the retention redaction (``JejakAuditQuerySet.redaksi_klien``), which blanks
the personal values of an anonymised client in its own entries (UU PDP Pasal 43) and
leaves the fact, time and actor of every event in place.
"""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh
from akun.models import Peran, UnitScopedQuerySet

from .konteks import pelaku_saat_ini
from .tampilan import keterangan


class JejakTidakBolehDiubah(Exception):
    """Raised when code tries to edit or delete an audit entry."""


class Peristiwa(models.TextChoices):
    BUAT = "buat", _("Membuat data")
    UBAH = "ubah", _("Mengubah data")
    HAPUS = "hapus", _("Menghapus data")
    LIHAT = "lihat", _("Membuka data")
    MASUK = "masuk", _("Masuk")
    KELUAR = "keluar", _("Keluar")
    GAGAL_MASUK = "gagal_masuk", _("Gagal masuk")
    DITOLAK = "ditolak", _("Akses ditolak")
    EKSPOR = "ekspor", _("Ekspor")
    IMPOR = "impor", _("Impor")
    DATA_SUBJEK = "data_subjek", _("Ekspor data subjek (Pasal 32)")
    ANONIMISASI = "anonimisasi", _("Anonimisasi (retensi)")
    KEAMANAN = "keamanan", _("Pengaturan keamanan akun")


A = AbstractLogEntry.Action
JENIS_DARI_AKSI = {
    A.CREATE: Peristiwa.BUAT,
    A.UPDATE: Peristiwa.UBAH,
    A.DELETE: Peristiwa.HAPUS,
    A.ACCESS: Peristiwa.LIHAT,
}
REDAKSI = "[dihapus: retensi]"


class JejakAuditQuerySet(UnitScopedQuerySet):
    def for_user(self, user):
        """Those who may read the trail (Izin.LIHAT_JEJAK) read their own office's."""
        return self.for_unit_of(user) if boleh(user, Izin.LIHAT_JEJAK) else self.none()

    def tentang_klien(self, klien_id: int):
        return self.filter(klien_id=klien_id)

    def update(self, **kwargs):
        raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh diubah."))

    def delete(self):
        raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh dihapus."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh diubah."))

    def redaksi_klien(self, klien_id: int, field_pribadi: set[str]) -> int:
        """Blank the personal values of an anonymised client in the entries about them.

        Keeps who did what and when; replaces the record's label and the before/after
        values of `field_pribadi`. Used only by the retention command, which audits itself.
        """
        ubah = models.QuerySet.update  # the guarded update() refuses; this is the one bypass
        entri = self.filter(klien_id=klien_id)
        with transaction.atomic(), connection.cursor() as cursor:
            pg = connection.vendor == "postgresql"
            if pg:  # lifts the append-only trigger for this transaction only
                cursor.execute("SELECT set_config('jejak.redaksi', 'on', true)")
            # Most entries (page views) carry no changes: one statement for every label.
            jumlah = ubah(entri, object_repr=REDAKSI, serialized_data=None)
            for e in entri.filter(changes__isnull=False).only("pk", "changes"):
                nama = field_pribadi & set(e.changes or {})
                if nama:
                    changes = e.changes | {n: [REDAKSI, REDAKSI] for n in nama}
                    ubah(JejakAudit.objects.all().filter(pk=e.pk), changes=changes)
            if pg:
                cursor.execute("SELECT set_config('jejak.redaksi', 'off', true)")
        return jumlah


class JejakAuditManager(LogEntryManager.from_queryset(JejakAuditQuerySet)):
    """auditlog's manager, filling in who (and in which role), which office and which client."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        self._lengkapi(instance, kwargs)
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        self._lengkapi(instance, kwargs)
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)

    @staticmethod
    def _lengkapi(instance, kwargs) -> None:
        actor = kwargs.get("actor") or pelaku_saat_ini()
        kwargs["actor"] = actor
        kwargs.setdefault("unit_id", unit_pemilik(instance, actor))
        kwargs.setdefault("klien_id", klien_terkait(instance))


def unit_pemilik(instance, actor=None) -> int | None:
    """The office a record belongs to: its own unit, its parent record's (the client of a
    status change, the partner of a service), or the actor's. A user who merely recorded
    the row (`oleh`) is not its parent."""
    from akun.models import Unit, User

    if isinstance(instance, Unit):
        return instance.pk
    if getattr(instance, "unit_id", None):
        return instance.unit_id
    for field in instance._meta.concrete_fields:
        if field.many_to_one and getattr(instance, field.attname, None):
            induk = field.related_model
            if induk is User:
                continue
            if any(f.name == "unit" for f in induk._meta.concrete_fields):
                return getattr(instance, field.name).unit_id
    return getattr(actor, "unit_id", None)


def klien_terkait(instance) -> int | None:
    if instance._meta.label == "klien.Klien":
        return instance.pk
    return getattr(instance, "klien_id", None)


class JejakAudit(AbstractLogEntry):
    # Events without a record (a failed login for an unknown name, a list export) have no
    # content type; auditlog's own entries always have one.
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jenis data"),
    )
    object_pk = models.CharField(_("id data"), max_length=255, blank=True, db_index=True)
    object_repr = models.TextField(_("data"), blank=True)
    jenis = models.CharField(_("peristiwa"), max_length=12, choices=Peristiwa)
    peran = models.CharField(_("peran pelaku"), max_length=10, choices=Peran, blank=True)
    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    # Not a foreign key: the trail outlives the record and must never cascade with it.
    klien_id = models.BigIntegerField(_("klien"), null=True, blank=True)

    objects = JejakAuditManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["unit", "timestamp"], name="jejak_unit_waktu"),
            models.Index(fields=["klien_id", "timestamp"], name="jejak_klien_waktu"),
            models.Index(fields=["actor", "timestamp"], name="jejak_pelaku_waktu"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=Peristiwa.values), name="jejak_jenis_valid"
            ),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh diubah."))
        if not self.jenis:
            self.jenis = JENIS_DARI_AKSI[self.action]
        if self.actor_id and not self.peran:
            self.peran = self.actor.peran
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh dihapus."))

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_jenis_display()} {self.object_repr}"

    def keterangan_tampil(self) -> list[tuple[str, str]]:
        """The extra details (path, file, rows, action, ...) under translated labels."""
        return keterangan(self.additional_data)

    def perubahan_tampil(self) -> list[tuple[str, str, str]]:
        """The changed fields as (label, before, after), for people to read: labels are the
        fields' verbose names, choices their labels, and an empty value is a dash."""
        if not self.changes:
            return []
        baris = []
        for label, nilai in self.changes_display_dict.items():
            if str(label).lower() == "id":
                continue
            if isinstance(nilai, dict):  # many-to-many: {"operation": "add", "objects": [...]}
                tanda = "+" if nilai.get("operation") == "add" else "−"
                baris.append((str(label), "", f"{tanda} " + ", ".join(map(str, nilai["objects"]))))
                continue
            lama, baru = [*nilai, None, None][:2]
            baris.append((str(label), _tampil(lama), _tampil(baru)))
        return baris


def _tampil(nilai) -> str:
    return "—" if nilai in (None, "None", "") else str(nilai)
