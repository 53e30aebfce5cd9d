"""Logins, logouts, failed logins and akun's security events go to the trail (auditlog does
not see them)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from akun.signals import keamanan_akun

from .models import Peristiwa
from .services import catat_peristiwa


@receiver(user_logged_in, dispatch_uid="jejak_masuk")
def catat_masuk(sender, request, user, **kwargs):
    catat_peristiwa(Peristiwa.MASUK, request=request, pelaku=user, objek=user)


@receiver(user_logged_out, dispatch_uid="jejak_keluar")
def catat_keluar(sender, request, user, **kwargs):
    if user is not None:
        catat_peristiwa(Peristiwa.KELUAR, request=request, pelaku=user, objek=user)


@receiver(user_login_failed, dispatch_uid="jejak_gagal_masuk")
def catat_gagal_masuk(sender, credentials, request=None, **kwargs):
    """The attempt is written against the account it named (if it exists), with no actor:
    whoever typed the password is not known. The password itself never reaches here."""
    nama = str(credentials.get("username", ""))[:150]
    akun = get_user_model().objects.filter(username=nama).first() if nama else None
    catat_peristiwa(
        Peristiwa.GAGAL_MASUK,
        request=request,
        pelaku=None,
        objek=akun,
        unit_id=getattr(akun, "unit_id", None),
        data={"nama_pengguna": nama, "akun_ada": akun is not None},
    )


@receiver(keamanan_akun, dispatch_uid="jejak_keamanan_akun")
def catat_keamanan(sender, request, user, aksi, data, **kwargs):
    """A second factor enrolled, reset or refused; recovery codes renewed; a password set."""
    catat_peristiwa(Peristiwa.KEAMANAN, request=request, objek=user, data={"aksi": aksi, **data})
