"""The calendar subscription page's one form: stopping a subscription is confirmed."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CabutLanggananForm(forms.Form):
    yakin = forms.BooleanField(
        label=_(
            "Saya mengerti: aplikasi kalender yang memakai alamat ini tidak lagi menerima jadwal."
        ),
        error_messages={"required": _("Centang kotak ini untuk menghentikan langganan.")},
    )
