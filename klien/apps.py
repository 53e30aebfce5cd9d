from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlienConfig(AppConfig):
    name = "klien"
    verbose_name = _("Klien")

    def ready(self):
        from . import (
            latar,  # noqa: F401 (its background jobs)
            latar_retensi,  # noqa: F401 (the retention run, daily)
            menu,  # noqa: F401 (its menu entries)
            pengguna,  # noqa: F401 (a PK with running clients stays active)
        )
        from .rekap import pantau_perubahan
        from .terkait import daftar_milik_klien

        daftar_milik_klien()  # the tables held about a client that klien owns
        pantau_perubahan()  # the flows per office and month follow the clients' saves
