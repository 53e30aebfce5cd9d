"""The command shape of a summary table kept beside its source rows: `--periksa` recounts
it and lists every cell that differs (exit code 1 when any does), `--bangun-ulang` rebuilds
it in one transaction. An app's command names its table and supplies the three steps."""

from collections.abc import Sequence

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class PerintahRekap(BaseCommand):
    nama_rekap: str  # how the table is called in the messages, e.g. "Rekap kehadiran"

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

    def bangun_ulang(self, **options) -> int:
        """Rebuild the table; the number of cells written."""
        raise NotImplementedError

    def perbedaan(self, **options) -> Sequence:
        """The cells that differ from a recount."""
        raise NotImplementedError

    def uraian(self, beda: Sequence) -> list[str]:
        """One line per differing cell, for the person running the check."""
        raise NotImplementedError

    def handle(self, *args, **options):
        rekap = str(self.nama_rekap)
        if options["bangun_ulang"]:
            n = self.bangun_ulang(**options)
            self.stdout.write(_("%(rekap)s dibangun ulang: %(n)d sel.") % {"rekap": rekap, "n": n})
            return
        beda = self.perbedaan(**options)
        if not beda:
            self.stdout.write(_("%(rekap)s sesuai dengan hitungan ulang.") % {"rekap": rekap})
            return
        for baris in self.uraian(beda):
            self.stdout.write(baris)
        raise CommandError(
            _("%(n)d sel %(rekap)s berbeda dari hitungan ulang; jalankan --bangun-ulang.")
            % {"n": len(beda), "rekap": rekap.lower()},
            returncode=1,
        )
