"""Daily: an absence awaiting evidence becomes a miss when its deadline passes, without any
write that would recount it. This recounts the clients concerned (safe to repeat). The
worker does it for each office after midnight office time (`pembimbingan.latar`); this
command is the same by hand."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from pembimbingan.latar import klien_lewat_batas
from pembimbingan.services import kepatuhan_hitung_ulang


class Command(BaseCommand):
    help = _(
        "Menghitung ulang ketidakhadiran berturut-turut klien yang keterangannya lewat batas "
        "(jalankan setiap hari; aman diulang)."
    )

    def handle(self, *args, **options):
        klien_ids = klien_lewat_batas(timezone.localdate())
        if klien_ids:
            kepatuhan_hitung_ulang(klien_ids=klien_ids)
        self.stdout.write(
            _("%(n)d klien dengan keterangan lewat batas dihitung ulang.") % {"n": len(klien_ids)}
        )
