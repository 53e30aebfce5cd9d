"""The browser's date and time pickers (the guidance forms, the client list's date filters),
and the date field of something that has happened (`tanggal_lalu`).

A value the picker could not have sent (typed into a crafted request) is not echoed back as
the input's value, which would make the page invalid HTML; the field's error already says
what was wrong."""

import datetime
from collections.abc import Callable

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class _NilaiSahMixin:
    baca: Callable[[str], object]  # parses what the picker sends; ValueError otherwise

    def format_value(self, value):
        if isinstance(value, str):
            try:
                self.baca(value)
            except ValueError:
                return None
        return super().format_value(value)


class TanggalInput(_NilaiSahMixin, forms.DateInput):
    input_type = "date"
    baca = staticmethod(datetime.date.fromisoformat)

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class JamInput(_NilaiSahMixin, forms.TimeInput):
    input_type = "time"
    baca = staticmethod(datetime.time.fromisoformat)

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def bukan_masa_depan(tanggal) -> None:
    """A form field's validator: a date that has come (today at the latest)."""
    if tanggal > timezone.localdate():
        raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."), code="masa_depan")


def tanggal_lalu(label, **kwargs) -> forms.DateField:
    """A date field of something that has happened: a date picker, never a future date."""
    return forms.DateField(
        label=label, widget=TanggalInput(), validators=[bukan_masa_depan], **kwargs
    )
