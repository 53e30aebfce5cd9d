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


class KebijakanOTPKantorForm(forms.Form):
    """Which of the office's roles must use two-step verification (besides those every
    office must require, which are shown checked; unticking one of those changes nothing,
    as the page says above the form)."""

    peran = forms.MultipleChoiceField(
        label=_("Peran yang wajib memakai verifikasi dua langkah di kantor ini"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, wajib_nasional: tuple[str, ...], **kwargs):
        from akun.models import PERAN_KANTOR

        super().__init__(*args, **kwargs)
        self.wajib_nasional = wajib_nasional
        self.fields["peran"].choices = [(p.value, p.label) for p in PERAN_KANTOR]

    def clean_peran(self) -> list[str]:
        # Roles required everywhere are not the office's to drop; they are not stored twice.
        return sorted(set(self.cleaned_data["peran"]) - set(self.wajib_nasional))
