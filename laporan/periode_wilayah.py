"""The period of the Kanwil and national view (whole months) and its form: the months and,
for a national user, one Kanwil."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from akun.models import Kanwil, Peran

from .saringan import FormPeriode, Periode


@dataclass(frozen=True)
class PeriodeWilayah(Periode):
    """Whole months `dari`..`sampai` and, for a national user, one Kanwil (None: every
    office the user may see)."""

    kanwil: Kanwil | None = None

    def query(self) -> dict[str, str]:
        """The query string's values of this period (for links and exports)."""
        q = {"dari": f"{self.dari:%Y-%m}", "sampai": f"{self.sampai:%Y-%m}"}
        if self.kanwil:
            q["kanwil"] = str(self.kanwil.pk)
        return q


class FormWilayah(FormPeriode):
    """The period (months) and, for a national user, one Kanwil. A Kanwil user sees their
    own region: a `kanwil` of another region in the query string is refused with a message
    (and the default shown), not silently swapped."""

    kanwil = forms.ModelChoiceField(
        label=_("Kanwil"),
        queryset=Kanwil.objects.none(),
        required=False,
        empty_label=_("Semua kanwil (nasional)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.peran == Peran.PUSAT:
            self.fields["kanwil"].queryset = Kanwil.objects.order_by("nama")
        else:
            del self.fields["kanwil"]

    def clean(self):
        data = super().clean()
        lain = self.data.get("kanwil")
        if "kanwil" not in self.fields and lain and lain != str(self.user.kanwil_id):
            raise forms.ValidationError(
                _("Anda hanya dapat melihat kantor di wilayah kanwil Anda sendiri."),
                code="kanwil_lain",
            )
        return data

    def periode(self) -> PeriodeWilayah:
        """The period of a valid form; the default (last twelve months, every office the
        user may see) for an invalid one (its errors are shown beside it)."""
        if not self.is_valid():
            return PeriodeWilayah.baku(self.hari_ini)
        d = self.cleaned_data
        return PeriodeWilayah(dari=d["dari"], sampai=d["sampai"], kanwil=d.get("kanwil"))
