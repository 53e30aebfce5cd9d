"""Reusable reads of the client register: scoping, stage, risk and the counts reports use."""

import datetime
from types import MappingProxyType

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from akun.models import Peran, UnitScopedQuerySet

from .pilihan import STATUS_BERJALAN, StatusKlien, Tahap

# Missed reports in a row (DOMAIN.md, revocation grounds): one is a warning sign, two a risk,
# three a ground for revocation. Named once, here; code and templates use these names.
MANGKIR_PERINGATAN = 1
MANGKIR_BERISIKO = 2
MANGKIR_DASAR_PENCABUTAN = 3
# The same three for templates (pass it in the context as `batas_mangkir`).
BATAS_MANGKIR = MappingProxyType(
    {
        "peringatan": MANGKIR_PERINGATAN,
        "berisiko": MANGKIR_BERISIKO,
        "dasar_pencabutan": MANGKIR_DASAR_PENCABUTAN,
    }
)
BERJALAN = Q(status__in=STATUS_BERJALAN)


def berjalan_pada(tanggal: datetime.date) -> Q:
    """Clients under guidance on `tanggal`: started by then and not ended by then (the
    dashboards' "running at the end of the period", and the client list's filter)."""
    return Q(tanggal_mulai__lte=tanggal) & (
        Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gt=tanggal)
    )


BERISIKO = BERJALAN & Q(mangkir_berturut__gte=MANGKIR_BERISIKO)


def ekspirasi_tiba(hari_ini: datetime.date) -> Q:
    """Active clients whose expiry date has come by `hari_ini`: the end the system proposes
    and the PK confirms (klien.services.klien_akhiri_ekspirasi)."""
    return Q(status=StatusKlien.AKTIF, tanggal_ekspirasi__lte=hari_ini)


# The stages (awal, lanjutan, akhir) divide the guidance of an active client; a client still
# at intake (penerimaan) has none yet, an ended one none any more.
BERTAHAP = Q(status=StatusKlien.AKTIF)


class KlienQuerySet(UnitScopedQuerySet):
    def for_user(self, user):
        """PK: their own caseload in their own office; Kasi/Kabapas/Admin: their office."""
        qs = self.for_unit_of(user)
        if user.is_authenticated and user.peran == Peran.PK:
            qs = qs.filter(pk_pembimbing=user)
        return qs

    def berjalan(self):
        return self.filter(BERJALAN)

    def dengan_tahap(self, hari_ini: datetime.date | None = None):
        """Annotate `tahap_sekarang` (AWAL/LANJUTAN/AKHIR) from the stored stage boundaries."""
        hari_ini = hari_ini or timezone.localdate()
        return self.annotate(
            tahap_sekarang=Case(
                When(batas_tahap_lanjutan__gt=hari_ini, then=Value(Tahap.AWAL.value)),
                When(batas_tahap_akhir__gt=hari_ini, then=Value(Tahap.LANJUTAN.value)),
                default=Value(Tahap.AKHIR.value),
                output_field=models.CharField(),
            )
        )

    def tahap(self, tahap: str, hari_ini: datetime.date | None = None):
        """Active clients in `tahap` today (the queryset twin of `Klien.tahap()`)."""
        hari_ini = hari_ini or timezone.localdate()
        qs = self.filter(BERTAHAP)
        if tahap == Tahap.AWAL:
            return qs.filter(batas_tahap_lanjutan__gt=hari_ini)
        if tahap == Tahap.LANJUTAN:
            return qs.filter(batas_tahap_lanjutan__lte=hari_ini, batas_tahap_akhir__gt=hari_ini)
        if tahap == Tahap.AKHIR:
            return qs.filter(batas_tahap_akhir__lte=hari_ini)
        return self.none()

    def berisiko(self):
        """Running clients who missed two or more reports in a row: at risk of revocation."""
        return self.filter(BERISIKO)


class AnakKlienQuerySet(UnitScopedQuerySet):
    """A table hanging off a client (a `klien` foreign key): its rows are seen exactly where
    the client is, through the client's own `for_user` (a PK: their caseload's rows only;
    the office's managers: the office's). One query: the clients are a subquery."""

    def for_user(self, user):
        klien = self.model._meta.get_field("klien").related_model
        return self.for_unit_of(user).filter(klien__in=klien.objects.for_user(user))
