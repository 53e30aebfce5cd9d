from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wilayah.loader import ProvinsiTidakDikenal, daftar_provinsi_tersedia, muat_provinsi


class Command(BaseCommand):
    help = _("Memuat wilayah (provinsi, kabupaten, kecamatan, desa) dari data paket areaid.")

    def add_arguments(self, parser):
        parser.add_argument(
            "provinsi",
            nargs="*",
            default=["bali"],
            help=_("Nama provinsi sesuai data areaid (bawaan: bali)."),
        )
        parser.add_argument("--semua", action="store_true", help=_("Muat seluruh Indonesia."))

    def handle(self, *args, provinsi, semua, **options):
        daftar = daftar_provinsi_tersedia() if semua else provinsi
        for nama in daftar:
            try:
                hasil = muat_provinsi(nama)
            except ProvinsiTidakDikenal as exc:
                raise CommandError(
                    _("Provinsi '%(nama)s' tidak ada di data. Pilihan: %(pilihan)s")
                    % {"nama": exc, "pilihan": ", ".join(daftar_provinsi_tersedia())}
                ) from exc
            self.stdout.write(
                _(
                    "%(prov)s: %(kab)d kabupaten/kota, %(kec)d kecamatan, %(desa)d desa/kelurahan, "
                    "%(wt)d waktu tempuh."
                )
                % {
                    "prov": nama,
                    "kab": hasil.kabupaten,
                    "kec": hasil.kecamatan,
                    "desa": hasil.desa,
                    "wt": hasil.waktu_tempuh,
                }
            )
