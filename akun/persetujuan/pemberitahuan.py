"""Telling a user, at their next login, what someone else changed in their account.

A password set or a second factor reset by someone else, and every approved change to an
Admin's or Kabapas's account, leave a `PemberitahuanAkun`. The login receiver in
`akun.signals` shows the unread ones once as messages and marks them read, so a change
the owner did not ask for is noticed at once (and reported: the text says to whom).
"""

import zoneinfo

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import JenisPerubahan, PemberitahuanAkun


def beri_tahu(*, user, jenis: str, diminta_oleh=None, disetujui_oleh=None) -> PemberitahuanAkun:
    return PemberitahuanAkun.objects.create(
        pengguna=user,
        jenis=jenis,
        diminta_oleh=str(diminta_oleh or ""),
        disetujui_oleh=str(disetujui_oleh or ""),
    )


def teks(p: PemberitahuanAkun, *, zona: str | None = None) -> str:
    """The message for the account's owner, in the language of the request."""
    waktu = timezone.localtime(p.dibuat_pada, zoneinfo.ZoneInfo(zona) if zona else None)
    apa = {
        JenisPerubahan.BUAT: _("Akun Anda dibuat"),
        JenisPerubahan.UBAH: _("Peran atau status akun Anda diubah"),
        JenisPerubahan.KATA_SANDI: _("Kata sandi akun Anda diganti oleh orang lain"),
        JenisPerubahan.RESET_OTP: _("Verifikasi dua langkah akun Anda diatur ulang"),
    }[p.jenis]
    kalimat = _("%(apa)s pada %(waktu)s") % {
        "apa": apa,
        "waktu": formats.date_format(waktu, "DATETIME_FORMAT"),
    }
    if p.diminta_oleh:
        kalimat += _(", atas permintaan %(nama)s") % {"nama": p.diminta_oleh}
    if p.disetujui_oleh:
        kalimat += _(", disetujui %(nama)s") % {"nama": p.disetujui_oleh}
    return (
        kalimat
        + ". "
        + _("Bila Anda tidak mengetahui perubahan ini, segera laporkan kepada Kabapas.")
    )


def tampilkan_saat_masuk(request, user) -> int:
    """Show the user's unread notices as messages on the next page, once; returns how many.
    Without a message store (a login outside a request) they stay unread."""
    if request is None or not hasattr(request, "_messages"):
        return 0
    belum = list(PemberitahuanAkun.objects.filter(pengguna=user, dibaca_pada__isnull=True))
    zona = user.unit.zona_waktu if user.unit_id else None
    sekarang = timezone.now()
    for p in belum:
        messages.warning(request, teks(p, zona=zona))
        p.dibaca_pada = sekarang
        p.save(update_fields=["dibaca_pada"])  # one by one: the trail sees each shown
    return len(belum)
