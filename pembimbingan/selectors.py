"""Reads of the pembimbingan app that are more than a lookup."""

from django.db.models import Q

from wilayah.models import Kabupaten

# The province whose offices see the Balinese Hindu days (pembimbingan.kalender).
PROVINSI_BALI = Q(provinsi__nama__iexact="Bali") | Q(provinsi__kode_iso="ID-BA")


def kantor_di_bali(unit_id: int | None) -> bool:
    """Whether an office works in Bali: one of its kabupaten (Unit.wilayah_kerja) lies in
    the province of Bali. One query; False for a user without an office."""
    if unit_id is None:
        return False
    return Kabupaten.objects.filter(PROVINSI_BALI, unit_bapas__id=unit_id).exists()
