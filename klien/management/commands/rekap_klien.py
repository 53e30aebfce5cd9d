"""The client flows per office and month against a recount of the clients: `--periksa`
lists every cell that differs (exit code 1 when any does), `--bangun-ulang` rebuilds them
in one transaction (klien/rekap.py)."""

from django.utils.translation import gettext as _

from akun.models import Unit
from inti.perintah_rekap import PerintahRekap
from klien.rekap import Perbedaan, bangun_ulang, perbedaan


class Command(PerintahRekap):
    help = _("Memeriksa rekap alur klien terhadap hitungan ulang, atau membangunnya ulang.")
    nama_rekap = _("Rekap alur klien")

    def bangun_ulang(self, **options) -> int:
        return bangun_ulang()

    def perbedaan(self, **options) -> list[Perbedaan]:
        return perbedaan()

    def uraian(self, beda: list[Perbedaan]) -> list[str]:
        nama = dict(
            Unit.objects.filter(pk__in={b.sel.unit_id for b in beda}).values_list("pk", "nama")
        )
        return [
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
            for b in beda
        ]
