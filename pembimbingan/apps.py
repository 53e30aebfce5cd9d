from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PembimbinganConfig(AppConfig):
    name = "pembimbingan"
    verbose_name = _("Pembimbingan")

    def ready(self):
        from . import (
            bagian,  # noqa: F401 (its sections on the client and partner pages)
            cari_mitra,  # noqa: F401 (the partner search finds programmes' names and topics)
            dasar_pencabutan,  # noqa: F401 (three misses in a row: a ground for revocation)
            latar,  # noqa: F401 (its daily job)
            menu,  # noqa: F401 (its menu entries)
            saringan_klien,  # noqa: F401 (its filters on the client list)
            terkait,  # noqa: F401 (registers the data held about a client)
        )
        from .rekap import pantau_perubahan

        pantau_perubahan()  # the attendance rollup follows the grain's fields on their parents
