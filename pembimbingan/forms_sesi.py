"""Forms to plan a session (once or weekly) and to change one, with the calendar warning
of pembimbingan.forms_kalender when a date is a holiday or a ceremony day."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inti.widgets import JamInput, TanggalInput

from .forms_kalender import FIELD_KONFIRMASI, PeringatanKalenderMixin
from .kalender import TAHUN_MAX, TAHUN_MIN
from .models import Sesi
from .pilihan import ModaSesi
from .services import MINGGU_BERULANG_MAKS

TANGGAL = TanggalInput()
JAM = JamInput()
# The earliest and latest day a session may be planned on: the calendar's years (a weekly
# series of the longest length still ends inside them).
TANGGAL_MIN = datetime.date(TAHUN_MIN, 1, 1)
TANGGAL_MAX = datetime.date(TAHUN_MAX, 12, 31) - datetime.timedelta(weeks=MINGGU_BERULANG_MAKS)


def _field_model(nama: str, **kwargs):
    return Sesi._meta.get_field(nama).formfield(**kwargs)


class SesiForm(PeringatanKalenderMixin, forms.Form):
    """When, where and how a session is held. `bali` (the office is in Bali) and `hindu`
    (the session concerns a Hindu client) decide which special days warn; `tanggal_lama`
    is the day of a session being changed (keeping it warns no more: it was planned
    already)."""

    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    jam = forms.TimeField(label=_("Jam mulai"), widget=JAM)
    moda = forms.ChoiceField(label=_("Moda"), choices=ModaSesi.choices, initial=ModaSesi.KANTOR)
    tempat = _field_model("tempat")
    fasilitator = _field_model("fasilitator")
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args, bali: bool, hindu: bool, tanggal_lama: datetime.date | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.bali, self.hindu, self.tanggal_lama = bali, hindu, tanggal_lama
        self.hari_khusus_tanggal: list[tuple[datetime.date, list]] = []

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if not TANGGAL_MIN <= tanggal <= TANGGAL_MAX:
            raise forms.ValidationError(
                _("Pilih tanggal antara %(min)s dan %(max)s.")
                % {
                    "min": date_format(TANGGAL_MIN, "j F Y"),
                    "max": date_format(TANGGAL_MAX, "j F Y"),
                }
            )
        return tanggal

    def tanggal_rencana(self) -> list[datetime.date]:
        """The days the submit would hold sessions on."""
        tanggal = self.cleaned_data.get("tanggal")
        return [tanggal] if tanggal else []

    def clean(self):
        data = super().clean()
        tanggal = [t for t in self.tanggal_rencana() if t != self.tanggal_lama]
        self._periksa_kalender_semua(tanggal)
        return data

    def _periksa_kalender_semua(self, tanggal: list[datetime.date]) -> None:
        """PeringatanKalenderMixin.periksa_kalender over several days: the template lists
        each date with its special days (`hari_khusus_tanggal`) above the checkbox."""
        per_tanggal = []
        for t in tanggal:
            hari = self.peringatan_kalender(t, bali=self.bali, hindu=self.hindu)
            if hari:
                per_tanggal.append((t, hari))
        self.hari_khusus_tanggal = per_tanggal
        self.hari_khusus = [h for _t, hari in per_tanggal for h in hari]
        if not per_tanggal:
            return
        self.fields[FIELD_KONFIRMASI].widget = forms.CheckboxInput()
        if not self.cleaned_data.get(FIELD_KONFIRMASI):
            self.add_error(
                FIELD_KONFIRMASI,
                _(
                    "Klien mungkin berhalangan pada hari itu. Periksa dahulu; bila tetap ingin "
                    "menyimpan, centang kotak ini lalu simpan lagi."
                ),
            )

    def mulai(self) -> datetime.datetime:
        """The first session's start, in the office's time zone."""
        d = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(d["tanggal"], d["jam"]))

    def data_sesi(self) -> dict:
        d = self.cleaned_data
        return {f: d[f] for f in ("tempat", "moda", "fasilitator", "catatan")}


class SesiBaruForm(SesiForm):
    ulangi = forms.BooleanField(
        label=_("Ulangi setiap minggu"),
        required=False,
        help_text=_("Sesi yang sama pada hari dan jam yang sama, setiap minggu."),
    )
    minggu = forms.IntegerField(
        label=_("Jumlah minggu"),
        required=False,
        min_value=2,
        max_value=MINGGU_BERULANG_MAKS,
        initial=8,
    )

    field_order = ["tanggal", "jam", "ulangi", "minggu"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minggu"].help_text = _(
            "Termasuk sesi pertama; paling banyak %(n)d minggu."
        ) % {"n": MINGGU_BERULANG_MAKS}

    def clean(self):
        d = self.cleaned_data
        if d.get("ulangi") and d.get("minggu") is None and "minggu" not in self.errors:
            self.add_error("minggu", _("Isi jumlah minggu sesi diulang."))
        return super().clean()

    def jumlah_minggu(self) -> int:
        d = self.cleaned_data
        return d["minggu"] if d.get("ulangi") else 1

    def tanggal_rencana(self) -> list[datetime.date]:
        tanggal = self.cleaned_data.get("tanggal")
        if not tanggal or (self.cleaned_data.get("ulangi") and not self.cleaned_data.get("minggu")):
            return [tanggal] if tanggal else []
        return [tanggal + datetime.timedelta(weeks=i) for i in range(self.jumlah_minggu())]
