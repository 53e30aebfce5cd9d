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

import copy
import re

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh
from akun.models import Peran, UnitScopedQuerySet
from inti.pencarian import samarkan_kata

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

        On PostgreSQL the database function ``jejak_redaksi_klien`` (migration jejak 0003)
        does it: the application's role may not UPDATE the trail, only call that function,
        which can do nothing but this. A database built without migrations (the test
        suite's) has neither the function nor the trigger; there, as on SQLite, the same
        redaction runs in Python (tests/jejak/test_pemicu_postgresql.py checks they agree).
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT to_regprocedure('jejak_redaksi_klien(bigint, text[])')")
                if cursor.fetchone()[0] is not None:
                    cursor.execute(
                        "SELECT jejak_redaksi_klien(%s, %s::text[])",
                        [klien_id, sorted(field_pribadi)],
                    )
                    return cursor.fetchone()[0]
        ubah = models.QuerySet.update  # the guarded update() refuses; this is the one bypass
        entri = self.filter(klien_id=klien_id)
        with transaction.atomic():
            # Most entries (page views) carry no changes: one statement for every label.
            jumlah = ubah(entri, object_repr=REDAKSI, serialized_data=None)
            for e in entri.filter(changes__isnull=False).only("pk", "changes"):
                nama = field_pribadi & set(e.changes or {})
                if nama:
                    changes = e.changes | {n: [REDAKSI, REDAKSI] for n in nama}
                    ubah(JejakAudit.objects.all().filter(pk=e.pk), changes=changes)
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
    # No single-column indexes on unit and actor: jejak_unit_waktu and jejak_pelaku_waktu
    # lead with them and serve every lookup they would (bench/README.md, issue 15).
    unit = models.ForeignKey(
        "akun.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        db_index=False,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        blank=True,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
        db_index=False,
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
        # Whatever an entry carries (a refused path, a search term, an import's cell, a
        # record's label), the database must be able to store it: the refusal of a hostile
        # request is exactly what the trail is for.
        for nama in ("object_repr", "changes", "additional_data", "serialized_data"):
            setattr(self, nama, bisa_disimpan(getattr(self, nama)))
        if not self.jenis:
            self.jenis = JENIS_DARI_AKSI[self.action]
        if self.actor_id and not self.peran:
            self.peran = self.actor.peran
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JejakTidakBolehDiubah(_("Jejak audit tidak boleh dihapus."))

    @property
    def jumlah(self) -> int:
        """How many times this event happened: a refusal repeated within its minute counts
        its repeats (UlanganPenolakan; select_related("ulangan") reads it in the same query),
        every other entry is once."""
        try:
            return self.ulangan.jumlah
        except UlanganPenolakan.DoesNotExist:
            return 1

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_jenis_display()} {self.object_repr}"

    def keterangan_tampil(self) -> list[tuple[str, str]]:
        """The extra details (path, file, rows, action, ...) under translated labels."""
        return keterangan(self.additional_data)

    def perubahan_tampil(self, nik_lengkap: bool = True) -> list[tuple[str, str, str]]:
        """The changed fields as (label, before, after), for people to read: labels are the
        fields' verbose names, choices their labels, and an empty value is a dash. A reader
        who may not see a full NIK (`nik_lengkap=False`) sees it masked, as on screen."""
        if not self.changes:
            return []
        entri = self
        if not nik_lengkap:
            entri = copy.copy(self)  # never saved: only read for display
            entri.changes = perubahan_nik_tersamar(self.changes)
        baris = []
        for label, nilai in entri.changes_display_dict.items():
            if str(label).lower() == "id":
                continue
            if isinstance(nilai, dict):  # many-to-many: {"operation": "add", "objects": [...]}
                tanda = "+" if nilai.get("operation") == "add" else "−"
                baris.append((str(label), "", f"{tanda} " + ", ".join(map(str, nilai["objects"]))))
                continue
            lama, baru = [*nilai, None, None][:2]
            baris.append((str(label), _tampil(lama), _tampil(baru)))
        return baris


# Fields whose before/after values are a NIK: masked for roles that see NIKs masked.
FIELD_NIK = frozenset({"nik"})


def perubahan_nik_tersamar(changes: dict | None) -> dict | None:
    """`changes` with the NIK fields' values masked (`5105••••••••0003`)."""
    if not changes:
        return changes
    return {
        nama: [samarkan_kata(str(v)) if isinstance(v, str) else v for v in nilai]
        if nama in FIELD_NIK and isinstance(nilai, list)
        else nilai
        for nama, nilai in changes.items()
    }


def _tampil(nilai) -> str:
    return "—" if nilai in (None, "None", "") else str(nilai)


class UlanganPenolakan(models.Model):
    """How many times one refused request was repeated within its minute.

    A refusal (a 403 or 404 served to a logged-in user) is written to the trail once per
    user, request pattern (method, status and URL pattern, ids replaced) and minute: the
    first one writes the entry and this row beside it; every repeat within that minute adds
    one to `jumlah` and writes nothing to the trail. So a scan of 10,000 ids is a handful of
    entries, each with its count, and the trail grows with what happened, not with how
    often.

    The trail stays append-only: the entry is never touched again. This counter is a
    separate, ordinary table keyed by the entry (the one row in it that changes is the
    current minute's), which the trail page and its export read beside the entry. Losing
    or altering it can change a count, never hide that a refusal happened, who was refused,
    or when.
    """

    # Keyed by its entry, without a database foreign key: a constraint pointing at the trail
    # would make PostgreSQL refuse a TRUNCATE of it for that reason before the trail's own
    # trigger refuses it, and the trail never deletes an entry anyway.
    entri = models.OneToOneField(
        JejakAudit,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="ulangan",
        verbose_name=_("entri jejak"),
    )
    # Plain values, not keys: the counter follows its entry, not the user's account.
    pelaku_id = models.BigIntegerField(_("pengguna"))
    pola = models.CharField(_("pola permintaan"), max_length=520)
    menit = models.DateTimeField(_("menit"))
    jumlah = models.PositiveIntegerField(_("jumlah"), default=1)

    class Meta:
        verbose_name = _("ulangan penolakan")
        verbose_name_plural = _("ulangan penolakan")
        constraints = [
            models.UniqueConstraint(
                fields=["pelaku_id", "pola", "menit"],
                name="ulangan_penolakan_unik",
                violation_error_message=_("Penolakan ini sudah dicatat untuk menit yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=1),
                name="ulangan_penolakan_jumlah_positif",
                violation_error_message=_("Jumlah ulangan minimal 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pola} ×{self.jumlah}"


# What PostgreSQL cannot store in a text or jsonb value: NUL, and the UTF-16 surrogates
# (U+D800–U+DFFF), which are no character at all and cannot be encoded (a lone one comes
# from decoding broken bytes with "surrogateescape"). SQLite takes both, which is how a %00
# in a URL passed every test and was a 500 in production.
_TAK_BISA_DISIMPAN = re.compile("[\x00\ud800-\udfff]")


def _lolos(m: re.Match) -> str:
    kode = ord(m[0])
    return f"\\x{kode:02x}" if kode < 0x100 else f"\\u{kode:04x}"


def bisa_disimpan(nilai):
    """`nilai` (a string, or a JSON value: dicts, lists, strings, numbers) with every
    character a database refuses written out as its escape (``\\x00``, ``\\udc80``), keys
    included, so the entry can be stored and still shows what was sent."""
    if isinstance(nilai, str):
        return _TAK_BISA_DISIMPAN.sub(_lolos, nilai)
    if isinstance(nilai, dict):
        return {bisa_disimpan(k): bisa_disimpan(v) for k, v in nilai.items()}
    if isinstance(nilai, list | tuple):
        return [bisa_disimpan(v) for v in nilai]
    return nilai
