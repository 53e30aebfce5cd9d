from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from akun.otp.models import PerangkatKodeCadangan, PerangkatTOTP
from akun.otp.rahasia import id_kunci_sekarang


class Command(BaseCommand):
    help = _(
        "Mengenkripsi ulang rahasia aplikasi autentikator dengan kunci pertama "
        "OTP_KUNCI_ENKRIPSI (setelah rotasi kunci), lalu menyebut pengguna yang kode "
        "cadangannya masih bergantung pada kunci lama (SECURITY.md)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # Loading decrypts with whichever configured key opens the secret; saving encrypts
        # it with the first one.
        jumlah = 0
        for perangkat in PerangkatTOTP.objects.select_for_update().order_by("pk"):
            perangkat.save(update_fields=["key"])
            jumlah += 1
        sekarang = id_kunci_sekarang() + "$"
        lama = sorted(
            {
                p.user.get_username()
                for p in PerangkatKodeCadangan.objects.select_related("user")
                if any(not s.startswith(sekarang) for s in p.sidik)
            }
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)d rahasia aplikasi autentikator dienkripsi ulang dengan kunci terbaru.")
                % {"n": jumlah}
            )
        )
        if lama:
            self.stdout.write(
                _(
                    "Kode cadangan pengguna berikut masih dibuat dengan kunci lama; jangan hapus "
                    "kunci lama sebelum mereka membuat kode cadangan baru: %(nama)s"
                )
                % {"nama": ", ".join(lama)}
            )
