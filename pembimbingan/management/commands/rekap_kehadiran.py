"""The attendance rollup against a full recount of the attendance rows: `--periksa` lists
every cell that differs (exit code 1 when any does), `--bangun-ulang` rebuilds the whole
rollup in one transaction. Safe to run while the offices work (pembimbingan/rekap.py)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from akun.models import Unit
from inti.perintah_rekap import PerintahRekap
from pembimbingan.rekap import KunciKantor, Perbedaan, bangun_ulang, perbedaan


class Command(PerintahRekap):
    help = _(
        "Memeriksa rekap kehadiran terhadap hitungan ulang dari data kehadiran, atau "
        "membangunnya ulang."
    )
    nama_rekap = _("Rekap kehadiran")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--unit", type=int, action="append", help=_("Hanya kantor ini (id; boleh berulang).")
        )

    def bangun_ulang(self, **options) -> int:
        if options["unit"]:
            raise CommandError(_("--bangun-ulang selalu membangun rekap semua kantor."))
        return bangun_ulang()

    def perbedaan(self, **options) -> list[Perbedaan]:
        return perbedaan(options["unit"])

    def uraian(self, beda: list[Perbedaan]) -> list[str]:
        nama = dict(
            Unit.objects.filter(pk__in={b.kunci.unit_id for b in beda}).values_list("pk", "nama")
        )
        return [_uraian(b, nama.get(b.kunci.unit_id, b.kunci.unit_id)) for b in beda]


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
