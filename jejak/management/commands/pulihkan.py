"""Restore a backup archive (`cadangan`) into a fresh, empty database (README, "Backups").

    createdb -O bapas_pemilik bapas_pulih
    DATABASE_URL=postgres://bapas_pemilik@host/bapas_pulih CADANGAN_SANDI_FILE=... \\
        manage.py pulihkan /var/backups/bapas/bapas-20261206T020000Z.tar.gpg --media /srv/media-baru

Refuses a database that already holds a table, view or sequence, and a non-empty --media folder:
a restore never mixes with existing data. Objects are owned by the connecting role (run it as
the owner role); the grants to the application role come back with the dump (--tanpa-hak
skips them when that role does not exist on the new server).
"""

import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from jejak import cadangan

# Every relation outside PostgreSQL's own schemas.
SQL_ISI = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%%' AND n.nspname NOT LIKE 'pg\\_temp%%'
      AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
"""


def jumlah_relasi() -> int:
    with connection.cursor() as c:
        c.execute(SQL_ISI)
        return c.fetchone()[0]


class Command(BaseCommand):
    help = _(
        "Memulihkan arsip cadangan ke basis data PostgreSQL yang baru dan kosong, dan dokumennya "
        "ke folder yang diberikan. Menolak basis data yang sudah berisi."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", help=_("Arsip cadangan (.tar.gpg)."))
        parser.add_argument(
            "--media",
            required=True,
            help=_("Folder kosong (atau belum ada) untuk dokumen unggahan yang dipulihkan."),
        )
        parser.add_argument(
            "--berkas-sandi",
            help=_("Berkas berisi kata sandi enkripsi (bawaan CADANGAN_SANDI_FILE)."),
        )
        parser.add_argument(
            "--tanpa-hak",
            action="store_true",
            help=_("Tanpa GRANT dari dump (peran aplikasi belum ada di server ini)."),
        )

    def handle(self, *args, arsip, media, berkas_sandi, tanpa_hak, **options):
        if connection.vendor != "postgresql":
            raise CommandError(_("Pemulihan hanya untuk PostgreSQL."))
        arsip = Path(arsip)
        if not arsip.is_file():
            raise CommandError(_("Arsip %(arsip)s tidak ada.") % {"arsip": arsip})
        nama_db = connection.settings_dict["NAME"]
        if (n := jumlah_relasi()) > 0:
            raise CommandError(
                _(
                    "Basis data %(db)s tidak kosong (%(n)d tabel, view atau sequence); "
                    "pulihkan hanya ke basis data baru yang kosong."
                )
                % {"db": nama_db, "n": n}
            )
        media = Path(media)
        if media.exists() and (not media.is_dir() or any(media.iterdir())):
            raise CommandError(
                _("Folder media %(folder)s tidak kosong; berikan folder baru.") % {"folder": media}
            )
        try:
            sandi = cadangan.baca_sandi(berkas=berkas_sandi)
        except ImproperlyConfigured as e:
            raise CommandError(str(e)) from e
        connection.close()  # pg_restore works in its own session
        media.mkdir(parents=True, exist_ok=True)
        argumen, env = cadangan.env_pg(connection.settings_dict)
        with tempfile.TemporaryDirectory(prefix="bapas-pulihkan-") as kerja:
            try:
                pg_restore = cadangan.program("pg_restore")
                dump = cadangan.baca_arsip(arsip, sandi=sandi, folder_dump=Path(kerja), media=media)
            except cadangan.GagalCadangan as e:
                raise CommandError(str(e)) from e
            opsi = ["--no-owner", "--exit-on-error", "--single-transaction"]
            if tanpa_hak:
                opsi.append("--no-privileges")
            hasil = subprocess.run(  # noqa: S603 (no shell, our own arguments)
                [pg_restore, *opsi, *argumen, str(dump)],
                env=env,
                capture_output=True,
                text=True,
            )
        if hasil.returncode != 0:
            raise CommandError(_("pg_restore gagal: %(galat)s") % {"galat": hasil.stderr.strip()})
        self.stdout.write(
            _("Arsip %(arsip)s dipulihkan ke basis data %(db)s, dokumen ke %(media)s.")
            % {"arsip": arsip, "db": nama_db, "media": media}
        )
