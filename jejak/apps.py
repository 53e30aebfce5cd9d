from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JejakConfig(AppConfig):
    name = "jejak"
    verbose_name = _("Jejak audit")

    def ready(self):
        from . import (
            menu,  # noqa: F401 (its menu entry)
            signals,  # noqa: F401 (connects the login/logout receivers)
        )
