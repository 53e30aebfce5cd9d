"""The period of the Kanwil and national view (whole months) and its form: the months and,
for a national user, one Kanwil."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import Kanwil, Peran

from .saringan import (
    BULAN_BAKU,
    BULAN_MAKS,
    PilihanBulan,
    Saringan,
    akhir_bulan,
    daftar_bulan,
    geser_bulan,
)


@dataclass(frozen=True)
class PeriodeWilayah:
    """Whole months `dari`..`sampai` (first days, both included) and, for a national user,
    one Kanwil (None: every office the user may see)."""

    dari: datetime.date
    sampai: datetime.date
    kanwil: Kanwil | None = None

    @classmethod
    def baku(cls, hari_ini: datetime.date | None = None) -> "PeriodeWilayah":
        baku = Saringan.baku(hari_ini)
        return cls(dari=baku.dari, sampai=baku.sampai)

    @property
    def akhir(self) -> datetime.date:
        return akhir_bulan(self.sampai)

    @property
    def bulan(self) -> list[datetime.date]:
        return daftar_bulan(self.dari, self.sampai)

    def query(self) -> dict[str, str]:
        """The query string's values of this period (for links and exports)."""
        q = {"dari": f"{self.dari:%Y-%m}", "sampai": f"{self.sampai:%Y-%m}"}
        if self.kanwil:
            q["kanwil"] = str(self.kanwil.pk)
        return q


class FormWilayah(forms.Form):
    """The period (months) and, for a national user, one Kanwil. A Kanwil user sees their
    own region: a `kanwil` of another region in the query string is refused with a message
    (and the default shown), not silently swapped."""

    dari = PilihanBulan(label=_("Dari bulan"), required=False)
    sampai = PilihanBulan(label=_("Sampai bulan"), required=False)
    kanwil = forms.ModelChoiceField(
        label=_("Kanwil"),
        queryset=Kanwil.objects.none(),
        required=False,
        empty_label=_("Semua kanwil (nasional)"),
    )

    def __init__(self, *args, user, hari_ini: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.hari_ini = hari_ini or timezone.localdate()
        if user.peran == Peran.PUSAT:
            self.fields["kanwil"].queryset = Kanwil.objects.order_by("nama")
        else:
            del self.fields["kanwil"]
        self.fields["dari"].help_text = _("Kosong: 12 bulan terakhir.")

    def clean(self):
        data = super().clean()
        baku = PeriodeWilayah.baku(self.hari_ini)
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and not sampai:
            sampai = min(geser_bulan(dari, BULAN_BAKU - 1), baku.sampai)
        elif sampai and not dari:
            dari = geser_bulan(sampai, -(BULAN_BAKU - 1))
        dari, sampai = dari or baku.dari, sampai or baku.sampai
        if sampai < dari:
            self.add_error("sampai", _("Bulan akhir tidak boleh sebelum bulan awal."))
        elif len(daftar_bulan(dari, sampai)) > BULAN_MAKS:
            self.add_error("sampai", _("Periode paling panjang %(n)s bulan.") % {"n": BULAN_MAKS})
        data["dari"], data["sampai"] = dari, sampai
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
