from django import forms
from django.utils.translation import gettext_lazy as _


class KodeOTPForm(forms.Form):
    """A code from the authenticator app (six digits) or one recovery code."""

    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=20,
        help_text=_("Enam angka dari aplikasi autentikator, atau salah satu kode cadangan."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Isi kode verifikasi.")},
    )


class KodeTOTPForm(forms.Form):
    """The first code from a newly added authenticator app, to confirm it."""

    kode = forms.CharField(
        label=_("Kode enam angka"),
        max_length=10,
        help_text=_("Enam angka yang sekarang tampil di aplikasi autentikator."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Isi kode dari aplikasi autentikator.")},
    )
