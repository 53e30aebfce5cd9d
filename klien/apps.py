from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlienConfig(AppConfig):
    name = "klien"
    verbose_name = _("Klien")
