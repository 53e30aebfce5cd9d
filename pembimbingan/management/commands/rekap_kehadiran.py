"""The attendance rollup against a full recount of the attendance rows: `--periksa` lists
every cell that differs (exit code 1 when any does), `--bangun-ulang` rebuilds the whole
rollup in one transaction. Safe to run while the offices work (pembimbingan/rekap.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akun.models import Unit
from pembimbingan.rekap import KunciKantor, Perbedaan, bangun_ulang, perbedaan


class Command(BaseCommand):
    help = _(
        "Memeriksa rekap kehadiran terhadap hitungan ulang dari data kehadiran, atau "
        "membangunnya ulang."
    )

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
        parser.add_argument(
            "--unit", type=int, action="append", help=_("Hanya kantor ini (id; boleh berulang).")
        )

    def handle(self, *args, **options):
        if options["bangun_ulang"]:
            if options["unit"]:
                raise CommandError(_("--bangun-ulang selalu membangun rekap semua kantor."))
            n = bangun_ulang()
            self.stdout.write(_("Rekap kehadiran dibangun ulang: %(n)d sel.") % {"n": n})
            return
        beda = perbedaan(options["unit"])
        if not beda:
            self.stdout.write(_("Rekap kehadiran sesuai dengan hitungan ulang."))
            return
        nama = dict(
            Unit.objects.filter(pk__in={b.kunci.unit_id for b in beda}).values_list("pk", "nama")
        )
        for b in beda:
            self.stdout.write(_uraian(b, nama.get(b.kunci.unit_id, b.kunci.unit_id)))
        raise CommandError(
            _("%(n)d sel rekap kehadiran berbeda dari hitungan ulang; jalankan --bangun-ulang.")
            % {"n": len(beda)},
            returncode=1,
        )


def _uraian(b: Perbedaan, kantor) -> str:
    k = b.kunci
    if isinstance(k, KunciKantor):
        return _(
            "%(kantor)s, %(bulan)s, rekap kantor, %(hasil)s%(alasan)s: tersimpan "
            "%(tersimpan)d, hitungan %(hitungan)d"
        ) % {
            "kantor": kantor,
            "bulan": f"{k.bulan:%Y-%m}",
            "hasil": k.hasil,
            "alasan": f" ({k.alasan})" if k.alasan else "",
            "tersimpan": b.tersimpan,
            "hitungan": b.hitungan,
        }
    return _(
        "%(kantor)s, %(bulan)s, program %(program)s, %(jenis)s, %(moda)s, kabupaten "
        "%(kabupaten)s, %(kategori)s, %(hasil)s%(alasan)s: tersimpan %(tersimpan)d, "
        "hitungan %(hitungan)d"
    ) % {
        "kantor": kantor,
        "bulan": f"{k.bulan:%Y-%m}",
        "program": k.program_id or "-",
        "jenis": k.jenis_sesi,
        "moda": k.moda,
        "kabupaten": k.kabupaten_id,
        "kategori": k.kategori,
        "hasil": k.hasil,
        "alasan": f" ({k.alasan})" if k.alasan else "",
        "tersimpan": b.tersimpan,
        "hitungan": b.hitungan,
    }
