from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PokmasConfig(AppConfig):
    name = "pokmas"
    verbose_name = _("Pokmas Lipas")

    def ready(self):
        from . import (
            latar,  # noqa: F401 (its daily job)
            menu,  # noqa: F401 (its menu entries)
        )
