"""The client flows per office and month against a recount of the clients: `--periksa`
lists every cell that differs (exit code 1 when any does), `--bangun-ulang` rebuilds them
in one transaction (klien/rekap.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akun.models import Unit
from klien.rekap import bangun_ulang, perbedaan


class Command(BaseCommand):
    help = _("Memeriksa rekap alur klien terhadap hitungan ulang, atau membangunnya ulang.")

    def add_arguments(self, parser):
        aksi = parser.add_mutually_exclusive_group(required=True)
        aksi.add_argument(
            "--periksa",
            action="store_true",
            help=_("Bandingkan dengan hitungan ulang; kode keluar 1 bila ada perbedaan."),
        )
        aksi.add_argument(
            "--bangun-ulang",
            action="store_true",
            help=_("Hapus rekap dan isi kembali dari hitungan ulang (satu transaksi)."),
        )

    def handle(self, *args, **options):
        if options["bangun_ulang"]:
            n = bangun_ulang()
            self.stdout.write(_("Rekap alur klien dibangun ulang: %(n)d sel.") % {"n": n})
            return
        beda = perbedaan()
        if not beda:
            self.stdout.write(_("Rekap alur klien sesuai dengan hitungan ulang."))
            return
        nama = dict(
            Unit.objects.filter(pk__in={b.sel.unit_id for b in beda}).values_list("pk", "nama")
        )
        for b in beda:
            self.stdout.write(
                _(
                    "%(kantor)s, %(bulan)s, %(peristiwa)s: tersimpan %(tersimpan)d, "
                    "hitungan %(hitungan)d"
                )
                % {
                    "kantor": nama.get(b.sel.unit_id, b.sel.unit_id),
                    "bulan": f"{b.sel.bulan:%Y-%m}",
                    "peristiwa": b.sel.peristiwa,
                    "tersimpan": b.tersimpan,
                    "hitungan": b.hitungan,
                }
            )
        raise CommandError(
            _("%(n)d sel rekap alur klien berbeda dari hitungan ulang; jalankan --bangun-ulang.")
            % {"n": len(beda)},
            returncode=1,
        )
