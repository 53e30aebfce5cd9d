"""What this app does when klien records something (klien knows nothing of it)."""

from .services import langgar_syarat_umum


def residivisme_tercatat(sender, instance, created, raw=False, **kwargs):
    """A new offence recorded (klien.services.residivisme_catat) breaches the general
    condition of a client under supervision."""
    if created and not raw:
        langgar_syarat_umum(instance)
