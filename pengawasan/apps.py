from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengawasanConfig(AppConfig):
    """Pidana pengawasan (UU 1/2023 KUHP Pasal 75–77): the term, the general and special
    conditions the decision sets, each tracked, and the PK's considerations (pertimbangan)
    to the prosecutor."""

    name = "pengawasan"
    verbose_name = _("Pidana pengawasan")

    def ready(self):
        from django.db.models.signals import post_save

        from klien.models import PeristiwaResidivisme

        from . import (
            bagian,  # noqa: F401 (its section on the client page)
            menu,  # noqa: F401 (its menu entry)
            terkait,  # noqa: F401 (registers the data held about a client)
        )
        from .sinyal import residivisme_tercatat

        # klien never imports this app: a new offence reaches the general condition by signal
        post_save.connect(
            residivisme_tercatat,
            sender=PeristiwaResidivisme,
            dispatch_uid="pengawasan.residivisme_tercatat",
        )
