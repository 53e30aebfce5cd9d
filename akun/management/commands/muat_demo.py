from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akun.demo import PENGGUNA_DEMO
from inti.demo import jalankan_demo


class Command(BaseCommand):
    help = _(
        "Mengisi data demo (Bapas Kelas II Karangasem, Bapas Kelas I Denpasar, pengguna demo, "
        "mitra, klien). Hanya untuk pengembangan: ditolak bila DEBUG mati."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jumlah-klien", type=int, default=300, help=_("Jumlah klien sintetis (bawaan 300).")
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, jumlah_klien, seed, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "Data demo hanya boleh dimuat saat DEBUG aktif (pengembangan). "
                    "Perintah ini tidak mengubah apa pun."
                )
            )
        if jumlah_klien < 0:
            raise CommandError(_("Jumlah klien tidak boleh negatif."))
        ctx = jalankan_demo(jumlah_klien=jumlah_klien, seed=seed)
        for baris in ctx.catatan:
            self.stdout.write(baris)
        self.stdout.write(self.style.SUCCESS(_("Data demo siap. Akun demo:")))
        for username, (peran, _unit, nama, _nip) in PENGGUNA_DEMO.items():
            self.stdout.write(f"  {username:<14} {peran.label} ({nama})")
        # The password in use (settings: DEMO_PASSWORD from the environment, else its default).
        self.stdout.write(
            _("Kata sandi semua akun demo: %(pw)s (atur DEMO_PASSWORD untuk kata sandi lain).")
            % {"pw": settings.DEMO_PASSWORD}
        )
