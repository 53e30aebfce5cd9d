from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkunConfig(AppConfig):
    name = "akun"
    verbose_name = _("Akun dan unit kerja")

    def ready(self):
        from . import (
            menu,  # noqa: F401 (its menu entries)
            signals,  # noqa: F401 (connects the receivers)
        )
        from .otp import checks  # noqa: F401 (registers the system check)
