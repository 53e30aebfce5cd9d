"""Writes to the reference list of institutions (klien.LembagaAsal), kept by an Admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from akun.models import User

from .models import LembagaAsal


@transaction.atomic
def lembaga_asal_simpan(*, lembaga: LembagaAsal | None, oleh: User, data: dict) -> LembagaAsal:
    """Add an institution (`lembaga` None) or change one. A name another institution has
    under another spelling (the import's comparison, LembagaAsalQuerySet.cari_nama: "Lapas
    Kls IIA Kerobokan" is "Lapas Kelas IIA Kerobokan") is refused, naming the one that has
    it; an institution is made inactive, never deleted (clients point at it). The change is
    in the audit trail (auditlog), with `oleh` as the request's actor."""
    lembaga = lembaga or LembagaAsal()
    for field, nilai in data.items():
        setattr(lembaga, field, nilai)
    lembaga.nama = " ".join(str(lembaga.nama).split())
    kembar = LembagaAsal.objects.exclude(pk=lembaga.pk).cari_nama(lembaga.nama)
    if kembar is not None:
        raise ValidationError(
            {"nama": _("Lembaga ini sudah ada di daftar: %(nama)s.") % {"nama": kembar.nama}}
        )
    lembaga.full_clean()
    lembaga.save()
    return lembaga
