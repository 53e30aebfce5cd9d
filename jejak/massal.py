"""Audit entries for rows written in bulk.

django-auditlog writes its entries from the model signals, which `bulk_create` and
`QuerySet.update` do not send. A service that writes many rows at once (attendance for a
whole session) builds the entries here, in the shape auditlog gives them (the same diff,
content type, label, actor, address and correlation id), and inserts them in one statement.
"""

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import model_instance_diff
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import smart_str

from .konteks import pelaku_saat_ini
from .models import JENIS_DARI_AKSI, JejakAudit, bisa_disimpan, klien_terkait, unit_pemilik


def entri_perubahan(
    lama: models.Model | None, baru: models.Model, *, pelaku=None
) -> JejakAudit | None:
    """The (unsaved) entry for `baru`: a creation when `lama` is None, else an update with
    the fields that differ from `lama`; None when nothing tracked differs."""
    changes = model_instance_diff(
        lama, baru, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
    )
    if not changes:
        return None
    pelaku = pelaku or pelaku_saat_ini()
    try:
        konteks = auditlog_value.get()
    except LookupError:
        konteks = {}
    aksi = JejakAudit.Action.CREATE if lama is None else JejakAudit.Action.UPDATE
    pk = baru.pk
    return JejakAudit(
        action=aksi,
        jenis=JENIS_DARI_AKSI[aksi],
        content_type=ContentType.objects.get_for_model(baru),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=bisa_disimpan(smart_str(baru)),
        changes=bisa_disimpan(changes),
        actor=pelaku,
        actor_email=getattr(pelaku, "email", None) or None,
        peran=getattr(pelaku, "peran", "") or "",
        remote_addr=konteks.get("remote_addr"),
        cid=get_cid(),
        unit_id=unit_pemilik(baru, pelaku),
        klien_id=klien_terkait(baru),
    )


def catat_massal(pasangan, *, pelaku=None, tambahan: dict | None = None) -> list[JejakAudit]:
    """Write the entries of `pasangan` ((old or None, new) per row) in one INSERT; rows
    without a tracked change get none. `tambahan`: extra details for every entry (e.g. the
    reason for a correction), shown on the trail page. Returns the entries written."""
    entri = [e for lama, baru in pasangan if (e := entri_perubahan(lama, baru, pelaku=pelaku))]
    if tambahan:
        for e in entri:
            e.additional_data = {**(e.additional_data or {}), **tambahan}
    if entri:
        JejakAudit.objects.bulk_create(entri)
    return entri
