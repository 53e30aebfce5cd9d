"""Write one encrypted backup archive: the PostgreSQL database and MEDIA_ROOT (README, "Backups").
When the documents are in an S3 bucket instead (S3_BUCKET), the archive holds the database only
and the command says so: the bucket's own versioning and replication back them up.

    CADANGAN_SANDI_FILE=/etc/bapas/cadangan.sandi manage.py cadangan --folder /var/backups/bapas

Then keeps only the newest `--simpan` archives there (CADANGAN_SIMPAN, default 14).
"""

import os
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from inti.penyimpanan import dokumen_di_disk
from jejak import cadangan


class Command(BaseCommand):
    help = _(
        "Mencadangkan basis data PostgreSQL (pg_dump) dan dokumen unggahan (MEDIA_ROOT) ke satu "
        "arsip terenkripsi (GnuPG AES256), lalu menghapus arsip lama di luar jumlah yang disimpan. "
        "Dokumen di bucket S3 (S3_BUCKET) tidak ikut arsip: cadangannya versioning bucket itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", required=True, help=_("Folder tujuan arsip cadangan."))
        parser.add_argument(
            "--simpan",
            type=int,
            default=int(os.environ.get("CADANGAN_SIMPAN", "14")),
            help=_("Jumlah arsip terbaru yang disimpan (bawaan CADANGAN_SIMPAN, atau 14)."),
        )
        parser.add_argument(
            "--berkas-sandi",
            help=_("Berkas berisi kata sandi enkripsi (bawaan CADANGAN_SANDI_FILE)."),
        )

    def handle(self, *args, folder, simpan, berkas_sandi, **options):
        if connection.vendor != "postgresql":
            raise CommandError(_("Cadangan hanya untuk PostgreSQL."))
        if simpan < 1:
            raise CommandError(_("--simpan minimal 1."))
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(_("Folder %(folder)s tidak ada.") % {"folder": folder})
        try:
            sandi = cadangan.baca_sandi(berkas=berkas_sandi)
        except ImproperlyConfigured as e:
            raise CommandError(str(e)) from e
        tujuan = folder / cadangan.nama_arsip()
        media = Path(settings.MEDIA_ROOT) if dokumen_di_disk() else None
        argumen, env = cadangan.env_pg(connection.settings_dict)
        with tempfile.TemporaryDirectory(prefix="bapas-cadangan-") as kerja:
            dump = Path(kerja) / cadangan.DUMP
            try:
                pg_dump = cadangan.program("pg_dump")
            except cadangan.GagalCadangan as e:
                raise CommandError(str(e)) from e
            hasil = subprocess.run(  # noqa: S603 (no shell, our own arguments)
                [pg_dump, "--format=custom", "--file", str(dump), *argumen],
                env=env,
                capture_output=True,
                text=True,
            )
            if hasil.returncode != 0:
                raise CommandError(_("pg_dump gagal: %(galat)s") % {"galat": hasil.stderr.strip()})
            try:
                cadangan.tulis_arsip(tujuan, berkas_dump=dump, media=media, sandi=sandi)
            except cadangan.GagalCadangan as e:
                raise CommandError(str(e)) from e
        dihapus = cadangan.terapkan_retensi(folder, simpan=simpan)
        self.stdout.write(
            _("Cadangan ditulis: %(arsip)s (%(ukuran)d bait); %(n)d arsip lama dihapus.")
            % {"arsip": tujuan, "ukuran": tujuan.stat().st_size, "n": len(dihapus)}
        )
        if media is None:
            self.stdout.write(
                _(
                    "Dokumen unggahan tersimpan di bucket S3 %(bucket)s dan tidak ikut arsip ini; "
                    "cadangannya adalah versioning dan replikasi bucket itu."
                )
                % {"bucket": getattr(default_storage, "bucket_name", "?")}
            )
