"""Daily: an absence awaiting evidence becomes a miss when its deadline passes, without any
write that would recount it. This recounts the clients concerned (run it once a day, after
midnight office time; safe to repeat)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from pembimbingan.models import Kehadiran
from pembimbingan.pilihan import HasilHadir
from pembimbingan.services import kepatuhan_hitung_ulang


class Command(BaseCommand):
    help = _(
        "Menghitung ulang ketidakhadiran berturut-turut klien yang keterangannya lewat batas "
        "(jalankan setiap hari; aman diulang)."
    )

    def handle(self, *args, **options):
        klien_ids = sorted(
            set(
                Kehadiran.objects.filter(
                    hasil=HasilHadir.MENUNGGU_KETERANGAN,
                    batas_keterangan__lt=timezone.localdate(),
                ).values_list("klien_id", flat=True)
            )
        )
        if klien_ids:
            kepatuhan_hitung_ulang(klien_ids=klien_ids)
        self.stdout.write(
            _("%(n)d klien dengan keterangan lewat batas dihitung ulang.") % {"n": len(klien_ids)}
        )
