from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from inti.kendala import FormKantorMixin

from .models import PERAN_KANTOR, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin kantor."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        # AuthenticationForm sets max_length after building the field, so it is never
        # checked; an over-long name would reach axes' 255-character column (a 500 on
        # PostgreSQL). Refuse it here with a message.
        self.fields["username"].validators.append(MaxLengthValidator(150))
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none"}
        )
        self.fields["password"].label = _("Kata sandi")
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class PenggunaForm(FormKantorMixin, forms.ModelForm):
    """An account of the office, as its Admin keeps it: the office comes from the Admin,
    the role is one of the office roles."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "nip", "email", "peran", "is_active"]
        labels = {
            "username": _("Nama pengguna"),
            "first_name": _("Nama depan"),
            "last_name": _("Nama belakang"),
            "email": _("Surel"),
            "is_active": _("Akun aktif"),
        }
        help_texts = {
            "username": _(
                "Huruf Latin tanpa aksen, angka dan @ . + - _ saja; dipakai untuk masuk, "
                "persis seperti ditulis di sini."
            ),
            "is_active": _("Akun nonaktif tidak dapat masuk; sesinya berakhir saat itu juga."),
        }

    def __init__(self, *args, pengelola, **kwargs):
        super().__init__(*args, **kwargs)
        self.pengelola = pengelola
        self.fields["peran"].choices = [(p.value, p.label) for p in PERAN_KANTOR]
        self.fields["first_name"].required = True
        if self.instance.pk == pengelola.pk:
            # One's own role and access are changed by another Admin, never by oneself.
            self.fields["peran"].disabled = True
            self.fields["is_active"].disabled = True


class PenggunaBaruForm(SetPasswordMixin, PenggunaForm):
    """A new account with its initial password (Django's own password mixin: the two fields,
    their match, and the project's validators against the new user)."""

    error_messages = {"password_mismatch": _("Kedua kata sandi tidak sama.")}
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Kata sandi awal"), label2=_("Ulangi kata sandi awal")
    )

    class Meta(PenggunaForm.Meta):
        fields = ["username", "first_name", "last_name", "nip", "email", "peran"]

    def clean(self):
        self.validate_passwords()
        return super().clean()

    def _post_clean(self):
        super()._post_clean()
        self.validate_password_for_user(self.instance, "password1")
