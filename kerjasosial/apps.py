from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KerjaSosialConfig(AppConfig):
    """Pidana kerja sosial (UU 1/2023 KUHP Pasal 85): the order (8–240 hours within at most
    six months), the placement sites, the ledger of hours worked per client and day, and the
    pace a client must keep to finish within the window."""

    name = "kerjasosial"
    verbose_name = _("Pidana kerja sosial")

    def ready(self):
        from . import (
            bagian,  # noqa: F401 (the order and its pace on the client page)
            menu,  # noqa: F401 (its menu entry)
            terkait,  # noqa: F401 (registers the data held about a client)
        )
