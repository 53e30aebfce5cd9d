"""A form's warning when a planned date is a special day (issue 11, part 7), for every form
that plans a session or a reporting day.

`PeringatanKalenderMixin` adds a `tetap_simpan` field to a form. While the date is an
ordinary day it stays a hidden input. When the date is a national holiday, or (for an
office in Bali, or about a Hindu client) a Balinese Hindu day (pembimbingan.kalender),
the first submit is refused: the days are named on that field, which becomes a checkbox;
ticking it and submitting again saves. Usage::

    class HariLayananForm(PeringatanKalenderMixin, forms.Form):
        tanggal = forms.DateField(...)

        def __init__(self, *args, bali: bool, **kwargs):
            super().__init__(*args, **kwargs)
            self.bali = bali  # selectors.kantor_di_bali(user.unit_id), read by the view

        def clean(self):
            data = super().clean()
            self.periksa_kalender(data.get("tanggal"), bali=self.bali, hindu=False)
            return data

and in the template, where the confirmation belongs (it renders the hidden input on an
ordinary day, the warning and the checkbox on a special one)::

    {% include "pembimbingan/_peringatan_kalender.html" %}

`hindu`: whether the date concerns a Hindu client (a client's own reporting day: their
`agama`); a date for a group (an outreach day, a programme session) passes False and relies
on the office's `bali`. `peringatan_kalender()` gives the days alone, without a form
error (e.g. to show a note beside a date that is already planned).
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kalender import HariKhusus, hari_khusus

FIELD_KONFIRMASI = "tetap_simpan"


def _tanggal(nilai) -> datetime.date | None:
    """A date from a date or a datetime (an aware one read in the current time zone)."""
    if isinstance(nilai, datetime.datetime):
        return timezone.localdate(nilai) if timezone.is_aware(nilai) else nilai.date()
    return nilai


class PeringatanKalenderMixin:
    """Form mixin: see the module's docstring. After `periksa_kalender`, `hari_khusus`
    holds the special days found (empty on an ordinary day)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_khusus: list[HariKhusus] = []
        self.fields[FIELD_KONFIRMASI] = forms.BooleanField(
            label=_("Saya sudah memeriksa kalender: tetap simpan pada tanggal ini"),
            required=False,
            widget=forms.HiddenInput,
        )

    @staticmethod
    def peringatan_kalender(tanggal, *, bali: bool, hindu: bool) -> list[HariKhusus]:
        """The special days on `tanggal` (a date or datetime; None: no day, no warning)."""
        tanggal = _tanggal(tanggal)
        if tanggal is None:
            return []
        return hari_khusus(tanggal, bali=bali, hindu=hindu)

    def periksa_kalender(self, tanggal, *, bali: bool, hindu: bool) -> list[HariKhusus]:
        """Call from `clean()`: on a special day, show the confirmation checkbox and, unless
        it was ticked, refuse the submit with the days' names on it. Returns the days."""
        self.hari_khusus = self.peringatan_kalender(tanggal, bali=bali, hindu=hindu)
        if self.hari_khusus:
            self.fields[FIELD_KONFIRMASI].widget = forms.CheckboxInput()
            if not self.cleaned_data.get(FIELD_KONFIRMASI):
                self.add_error(
                    FIELD_KONFIRMASI,
                    _(
                        "Tanggal ini jatuh pada %(hari)s: klien mungkin berhalangan. Periksa "
                        "dahulu; bila tetap ingin menyimpan, centang kotak ini lalu simpan lagi."
                    )
                    % {"hari": ", ".join(h.nama for h in self.hari_khusus)},
                )
        return self.hari_khusus
