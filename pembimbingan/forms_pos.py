"""Forms of outreach posts (Wayan Jempolan): a post, an outreach day at it (with the
calendar warning of pembimbingan.forms_kalender), and the clients registered for a day."""

import datetime
from itertools import groupby

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inti.kendala import FormKantorMixin
from inti.nama import bersihkan_nama
from inti.widgets import TanggalInput
from wilayah.models import Kecamatan

from .forms_kalender import PeringatanKalenderMixin
from .kalender import TAHUN_MAX
from .models import PosLayanan, Sesi

JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TANGGAL_MAX = datetime.date(TAHUN_MAX, 12, 31)  # the calendar's last year
JAM_AWAL = datetime.time(9, 0)


def _label_kecamatan(kec: Kecamatan) -> str:
    if kec.waktu_tempuh_menit is None:
        return kec.nama
    return _("%(nama)s (± %(menit)d menit ke kantor)") % {
        "nama": kec.nama,
        "menit": kec.waktu_tempuh_menit,
    }


class PosForm(FormKantorMixin, forms.ModelForm):
    """A post: its kecamatan is chosen among the office's work area, grouped by kabupaten,
    with each one's travel time to the office. `aktif` only when changing a post."""

    class Meta:
        model = PosLayanan
        fields = ["nama", "kecamatan", "alamat", "aktif"]
        help_texts = {
            "nama": _("Misalnya: Pos Wayan Jempolan Nusa Penida."),
            "alamat": _("Tempat layanan diadakan, misalnya kantor camat atau balai desa."),
            "aktif": _("Pos nonaktif tidak dapat diberi hari layanan baru."),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        if self.instance.pk is None:
            del self.fields["aktif"]
        kecamatan = Kecamatan.objects.filter(kabupaten__unit_bapas=unit)
        if self.instance.kecamatan_id:  # a post kept where it is, whatever the work area now
            kecamatan = kecamatan | Kecamatan.objects.filter(pk=self.instance.kecamatan_id)
        kecamatan = kecamatan.select_related("kabupaten").order_by("kabupaten__nama", "nama", "pk")
        field = self.fields["kecamatan"]
        field.queryset = kecamatan
        daftar = list(kecamatan)
        field.choices = [("", "---------")] + [
            (str(kab), [(k.pk, _label_kecamatan(k)) for k in isi])
            for kab, isi in groupby(daftar, key=lambda k: k.kabupaten)
        ]
        field.help_text = (
            _("Kecamatan di wilayah kerja kantor, dengan waktu tempuhnya ke kantor.")
            if daftar
            else _("Wilayah kerja kantor belum diatur; hubungi admin kantor.")
        )

    def clean_nama(self):
        return bersihkan_nama(self.cleaned_data["nama"])

    def data_pos(self) -> dict:
        return dict(self.cleaned_data)


class HariLayananForm(PeringatanKalenderMixin, forms.Form):
    """An outreach day at a post: its date and time in the office's time zone. On a
    national holiday, or for an office in Bali a Hindu day, saving needs a confirmation."""

    tanggal = forms.DateField(label=_("Tanggal"), widget=TanggalInput())
    jam = forms.TimeField(label=_("Jam mulai"), widget=JAM, initial=JAM_AWAL)
    tempat = forms.CharField(
        label=_("Tempat"),
        required=False,
        max_length=Sesi._meta.get_field("tempat").max_length,
        help_text=_("Kosongkan untuk memakai alamat pos."),
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, bali: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.bali = bali

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        hari_ini = timezone.localdate()
        if not hari_ini <= tanggal <= TANGGAL_MAX:
            raise forms.ValidationError(
                _("Pilih tanggal antara hari ini (%(min)s) dan %(max)s.")
                % {
                    "min": date_format(hari_ini, "j F Y"),
                    "max": date_format(TANGGAL_MAX, "j F Y"),
                }
            )
        return tanggal

    def clean(self):
        data = super().clean()
        self.periksa_kalender(data.get("tanggal"), bali=self.bali, hindu=False)
        return data

    def mulai(self) -> datetime.datetime:
        """The day's start in the current (the office's) time zone."""
        d = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(d["tanggal"], d["jam"]))


class PendaftaranPosForm(forms.Form):
    """The clients to register for an outreach day: a checkbox per client the user may
    still register; the ones suggested for the day's post start ticked."""

    klien = forms.TypedMultipleChoiceField(
        label=_("Klien"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu klien.")},
    )

    def __init__(self, *args, disarankan: list, lainnya: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.disarankan, self.lainnya = disarankan, lainnya
        field = self.fields["klien"]
        field.choices = [(k.pk, k.nama) for k in [*disarankan, *lainnya]]
        field.initial = [k.pk for k in disarankan]

    def terpilih(self) -> set[int]:
        """The ticked clients as the page shows them: as submitted, or the suggested ones."""
        if not self.is_bound:
            return set(self.fields["klien"].initial)
        hasil = set()
        for nilai in self.data.getlist("klien"):
            try:
                hasil.add(int(nilai))
            except ValueError:
                continue
        return hasil
