"""The second factor's devices, with their secrets protected at rest (`akun.otp.rahasia`).

They replace django-otp's own TOTPDevice and StaticDevice/StaticToken, which keep the TOTP
key and the recovery codes in plain text. django-otp finds any `Device` subclass of an
installed app (`devices_for_user`, `verify_token`, `login`, its middleware), so these are
used exactly like the originals. The TOTP algorithm is django-otp's own: the methods are
TOTPDevice's, reading `self.key`, which here is decrypted on load. Migration
0005 moved the existing devices over (encrypting, hashing) and emptied the old tables.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key, key_validator

from .rahasia import RahasiaTerenkripsiField, sidik, sidik_semua


class PerangkatTOTP(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app: django-otp's TOTPDevice with its key encrypted at rest."""

    key = RahasiaTerenkripsiField(
        _("kunci rahasia (terenkripsi)"), default=default_key, validators=[key_validator]
    )
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("aplikasi autentikator")
        verbose_name_plural = _("aplikasi autentikator")

    # django-otp's TOTP, unchanged (they read only the fields above and the settings).
    bin_key = TOTPDevice.bin_key
    verify_token = TOTPDevice.verify_token
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)


class PerangkatKodeCadangan(TimestampMixin, ThrottlingMixin, Device):
    """One-time recovery codes, kept as keyed hashes (`rahasia.sidik`): a used code is
    removed from the list. django_otp.verify_token locks the row while one is checked."""

    sidik = models.JSONField(_("sidik kode cadangan"), default=list, blank=True)

    class Meta(Device.Meta):
        verbose_name = _("kode cadangan")
        verbose_name_plural = _("kode cadangan")

    random_token = staticmethod(StaticToken.random_token)

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def isi_kode(self, kode: list[str]) -> None:
        """Replace the codes (not saved)."""
        self.sidik = [sidik(k) for k in kode]

    @property
    def sisa(self) -> int:
        return len(self.sidik)

    def verify_token(self, token):
        boleh, _info = self.verify_is_allowed()
        if not boleh:
            return False
        cocok = set(sidik_semua(str(token))) & set(self.sidik)
        if cocok:
            self.sidik = [s for s in self.sidik if s not in cocok]
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(cocok)
