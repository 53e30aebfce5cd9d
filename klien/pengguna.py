"""What the register tells akun about an account (registered in KlienConfig.ready())."""

from django.utils.translation import ngettext

from akun.pengguna import pemeriksa_nonaktif

from .models import Klien


@pemeriksa_nonaktif
def masih_membimbing(user) -> str | None:
    """A PK who still guides running clients stays active until they are reassigned."""
    jumlah = Klien.objects.filter(pk_pembimbing=user).berjalan().count()
    if not jumlah:
        return None
    return ngettext(
        "Masih membimbing %(n)d klien yang berjalan; alihkan ke PK lain dahulu.",
        "Masih membimbing %(n)d klien yang berjalan; alihkan ke PK lain dahulu.",
        jumlah,
    ) % {"n": jumlah}
