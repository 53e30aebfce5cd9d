"""Reads of account-change requests for the pages."""

from .models import PermintaanPerubahanAkun, StatusPermintaan

RIWAYAT = 20  # decided requests shown under the pending ones


def _dengan_nama(qs):
    return qs.select_related("unit", "pengguna", "diminta_oleh", "diputus_oleh")


def permintaan_menunggu(user, *, pengguna=None) -> list[PermintaanPerubahanAkun]:
    """The pending requests `user` may see (an Admin: their office's; a Kabapas or Kanwil:
    those waiting for them), optionally about one account."""
    qs = PermintaanPerubahanAkun.objects.for_user(user).menunggu()
    if pengguna is not None:
        qs = qs.filter(pengguna=pengguna)
    return list(_dengan_nama(qs).order_by("diminta_pada", "pk"))


def permintaan_diputus(user) -> list[PermintaanPerubahanAkun]:
    """The latest decided requests of `user`'s scope."""
    qs = PermintaanPerubahanAkun.objects.for_user(user).exclude(status=StatusPermintaan.MENUNGGU)
    return list(_dengan_nama(qs).order_by("-diputus_pada", "-pk")[:RIWAYAT])
