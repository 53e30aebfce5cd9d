from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengawasanConfig(AppConfig):
    """Pidana pengawasan (UU 1/2023 KUHP Pasal 75–77): the term, the general and special
    conditions the decision sets, each tracked, and the PK's considerations (pertimbangan)
    to the prosecutor."""

    name = "pengawasan"
    verbose_name = _("Pidana pengawasan")
