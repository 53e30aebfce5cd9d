from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KerjaSosialConfig(AppConfig):
    """Pidana kerja sosial (UU 1/2023 KUHP Pasal 85): the order (8–240 hours within at most
    six months), the placement sites, the hours ledger built on the guidance sessions and
    their attendance, the report to the prosecutor and the certificate of completion."""

    name = "kerjasosial"
    verbose_name = _("Pidana kerja sosial")
