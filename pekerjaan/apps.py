from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PekerjaanConfig(AppConfig):
    name = "pekerjaan"
    verbose_name = _("Pekerjaan latar belakang")

    def ready(self):
        from . import latar  # noqa: F401 (its daily job)
