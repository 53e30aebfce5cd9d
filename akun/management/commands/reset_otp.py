from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from akun.otp import otp_wajib
from akun.otp.services import otp_reset


class Command(BaseCommand):
    help = _(
        "Menghapus aplikasi autentikator dan kode cadangan seorang pengguna (misalnya ponselnya "
        "hilang); dicatat di jejak audit. Bila perannya wajib verifikasi dua langkah, ia "
        "mendaftar ulang saat masuk berikutnya."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("Nama pengguna."))

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(
                _("Pengguna '%(username)s' tidak ditemukan.") % {"username": username}
            ) from None
        # Direct, without a second person's approval even for an Admin or Kabapas: whoever
        # runs this has shell access to the server already (SECURITY.md). The trail records
        # it with no actor, and the user is told at their next login.
        otp_reset(user=user, langsung=True)
        if otp_wajib(user):
            pesan = _(
                "Verifikasi dua langkah '%(username)s' diatur ulang; ia wajib mendaftar ulang "
                "saat masuk berikutnya."
            )
        else:
            pesan = _(
                "Verifikasi dua langkah '%(username)s' diatur ulang; ia dapat masuk dengan "
                "kata sandi saja."
            )
        self.stdout.write(self.style.SUCCESS(pesan % {"username": username}))
