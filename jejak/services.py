"""Writing the events django-auditlog does not see: logins, refusals, exports, imports."""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import smart_str

from inti.samaran import samarkan

from .konteks import pelaku_saat_ini
from .models import (
    JejakAudit,
    Peristiwa,
    UlanganPenolakan,
    bisa_disimpan,
    klien_terkait,
    unit_pemilik,
)


def alamat_klien(request) -> str | None:
    """The client's address exactly as django-axes sees it for the lockout: axes calls
    `inti.alamat.alamat_klien` (AXES_CLIENT_IP_CALLABLE), which reads X-Forwarded-For only
    behind AXES_IPWARE_PROXY_COUNT trusted proxies, and then only the proxies' own entries."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) if request is not None else None


def catat_peristiwa(
    jenis: Peristiwa,
    *,
    request=None,
    pelaku=None,
    objek=None,
    unit_id: int | None = None,
    klien_id: int | None = None,
    data: dict | None = None,
) -> JejakAudit:
    """Write one audit entry. `pelaku` defaults to the request's logged-in user.

    Any value may come from the request (a path, a search term, a header, a cell of an
    imported file): `JejakAudit.save` writes out the characters a database refuses (NUL,
    lone surrogates) as escapes, so every event can be stored, on SQLite and PostgreSQL."""
    if pelaku is None and request is not None and request.user.is_authenticated:
        pelaku = request.user
    if pelaku is None:
        pelaku = pelaku_saat_ini()
    entri = JejakAudit(
        action=JejakAudit.Action.ACCESS,
        jenis=jenis,
        actor=pelaku,
        actor_email=getattr(pelaku, "email", None) or None,
        peran=getattr(pelaku, "peran", ""),
        remote_addr=alamat_klien(request),
        additional_data=data or None,
    )
    if objek is not None:
        entri.content_type = ContentType.objects.get_for_model(objek)
        entri.object_pk = str(objek.pk)
        entri.object_id = objek.pk if isinstance(objek.pk, int) else None
        entri.object_repr = smart_str(objek)
        entri.klien_id = klien_terkait(objek)
        entri.unit_id = unit_pemilik(objek, pelaku)
    if klien_id is not None:
        entri.klien_id = klien_id
    if unit_id is not None:
        entri.unit_id = unit_id
    elif entri.unit_id is None:
        entri.unit_id = getattr(pelaku, "unit_id", None)
    entri.save()
    return entri


def catat_akses(objek) -> None:
    """A record's page was opened (django-auditlog's "accessed" signal: one entry, with the
    actor and address of the current request)."""
    from auditlog.signals import accessed

    accessed.send(sender=type(objek), instance=objek)


def catat_ekspor(
    request, *, berkas: str, format: str, baris: int, saringan: str, **lain
) -> JejakAudit:
    """Write an export to the trail: the file, its format, how many rows it holds and the
    filters that chose them (`inti.ekspor.saringan_untuk_jejak`, free text left out), plus
    any detail of the export in `lain` (e.g. whether the NIK was masked). Called before the
    response is returned, so that a streamed export, whose rows are read while it is sent,
    is in the trail even if the download is broken off: `baris` is counted beforehand."""
    data = {"berkas": berkas, "format": format, "baris": baris, "saringan": saringan, **lain}
    return catat_peristiwa(Peristiwa.EKSPOR, request=request, data=data)


# A path segment with a digit in it is an id (or a NIK, already masked, or a date).
_SEGMEN_ID = re.compile(r"(?<=/)[^/]*[0-9][^/]*(?=/|$)")


def pola_permintaan(request, status: int) -> str:
    """What makes two refused requests "the same": the method, the status and the URL
    pattern that answered (`/klien/<int:pk>/`), or for an address that matched no pattern
    its path with every segment holding a digit replaced by `<id>`."""
    route = getattr(request.resolver_match, "route", None)
    pola = "/" + route if route else _SEGMEN_ID.sub("<id>", samarkan(request.path[:500]))
    return bisa_disimpan(f"{request.method[:10]} {status} {pola}")[:520]


def catat_penolakan(request, *, status: int, data: dict) -> JejakAudit | None:
    """A 403 or 404 served to a logged-in user, written to the trail once per user, pattern
    (`pola_permintaan`) and minute: the first writes the entry (`data` as it was for that
    one), the repeats within the minute only count up its `UlanganPenolakan`. Returns the
    entry when one was written, None for a repeat."""
    kunci = {
        "pelaku_id": request.user.pk,
        "pola": pola_permintaan(request, status),
        "menit": timezone.now().replace(second=0, microsecond=0),
    }
    ulangi = UlanganPenolakan.objects.filter(**kunci)
    with transaction.atomic():
        if ulangi.update(jumlah=F("jumlah") + 1):
            return None
        try:
            with transaction.atomic():
                entri = catat_peristiwa(Peristiwa.DITOLAK, request=request, data=data)
                UlanganPenolakan.objects.create(entri=entri, **kunci)
                return entri
        except IntegrityError:
            # The same refusal from a parallel request wrote this minute's entry first: ours
            # went back with the savepoint, and counts as a repeat of that one.
            ulangi.update(jumlah=F("jumlah") + 1)
            return None
