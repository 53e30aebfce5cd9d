from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KerjaSosialConfig(AppConfig):
    """Pidana kerja sosial (UU 1/2023 KUHP Pasal 85): the order (8–240 hours within at most
    six months), the placement sites and the ledger of hours worked per client and day."""

    name = "kerjasosial"
    verbose_name = _("Pidana kerja sosial")

    def ready(self):
        from . import terkait  # noqa: F401 (registers the data held about a client)
