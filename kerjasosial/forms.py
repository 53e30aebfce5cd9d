"""Forms of pidana kerja sosial: a placement site, a client's order, and a day of work at a
site (per client: hours, or absent with the reason)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inti.kendala import FormKantorMixin
from inti.widgets import TanggalInput
from pokmas.models import Mitra
from wilayah.models import Kecamatan

from .models import JAM_SEHARI, LokasiKerjaSosial, PutusanKerjaSosial
from .services import FIELD_LOKASI, FIELD_PUTUSAN, HasilKerja


class LokasiForm(FormKantorMixin, forms.ModelForm):
    class Meta:
        model = LokasiKerjaSosial
        fields = list(FIELD_LOKASI)
        widgets = {
            "tanggal_perjanjian": TanggalInput(),
            "jenis_pekerjaan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        if self.instance.pk is None:
            del self.fields["aktif"]
        kecamatan = Kecamatan.objects.filter(kabupaten__unit_bapas=unit)
        if self.instance.kecamatan_id:
            kecamatan = kecamatan | Kecamatan.objects.filter(pk=self.instance.kecamatan_id)
        self.fields["kecamatan"].queryset = kecamatan.order_by("nama", "pk")
        self.fields["mitra"].queryset = Mitra.objects.filter(unit=unit).order_by("nama")

    def data_lokasi(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.fields}


class PutusanForm(forms.ModelForm):
    class Meta:
        model = PutusanKerjaSosial
        fields = list(FIELD_PUTUSAN)
        widgets = {
            "tanggal_putusan": TanggalInput(),
            "tanggal_mulai": TanggalInput(),
            "batas_akhir": TanggalInput(),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, lokasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lokasi"].queryset = lokasi

    def _post_clean(self):
        # the services check the order (with the client); the model's own checks run there
        pass

    def data_putusan(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.fields}


GALAT_JAM = {
    "invalid": _("Jam kerja harus berupa angka."),
    "max_value": _("Kerja sosial paling lama 8 jam dalam sehari."),
    "min_value": _("Isi jam kerja lebih dari 0, atau tandai tidak hadir."),
    "max_decimal_places": _("Jam kerja dicatat per setengah jam."),
    "max_digits": _("Kerja sosial paling lama 8 jam dalam sehari."),
}


class KerjaForm(forms.Form):
    """A day of work at a site: the date, and per client placed there the hours, or absent
    with the reason (and whether it is a lawful one). A client left blank is not recorded."""

    tanggal = forms.DateField(label=_("Tanggal"), widget=TanggalInput())

    def __init__(self, *args, daftar_klien, awal: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.daftar_klien = daftar_klien
        for k in daftar_klien:
            baris = awal.get(k.pk)
            self.fields[f"jam-{k.pk}"] = forms.DecimalField(
                label=_("Jam kerja"),
                required=False,
                min_value=Decimal("0.5"),
                max_value=JAM_SEHARI,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
                error_messages=GALAT_JAM,
                initial=baris.jam.normalize() if baris and baris.hadir else None,
            )
            self.fields[f"absen-{k.pk}"] = forms.BooleanField(
                label=_("Tidak hadir"), required=False, initial=bool(baris and not baris.hadir)
            )
            self.fields[f"alasan-{k.pk}"] = forms.CharField(
                label=_("Alasan tidak hadir"),
                required=False,
                max_length=250,
                initial=baris.alasan if baris else "",
            )
            self.fields[f"sah-{k.pk}"] = forms.BooleanField(
                label=_("Alasan sah"), required=False, initial=bool(baris and baris.alasan_sah)
            )

    def baris_klien(self):
        """Per client: (client, jam field, absent field, reason field, lawful field)."""
        for k in self.daftar_klien:
            yield k, *(self[f"{n}-{k.pk}"] for n in ("jam", "absen", "alasan", "sah"))

    def clean(self):
        data = super().clean()
        for k in self.daftar_klien:
            jam, absen = data.get(f"jam-{k.pk}"), data.get(f"absen-{k.pk}")
            if jam is not None and absen:
                self.add_error(
                    f"jam-{k.pk}", _("Isi jam kerja atau tandai tidak hadir, bukan keduanya.")
                )
        if not self.errors and not self.hasil():
            raise forms.ValidationError(
                _("Isi jam kerja atau ketidakhadiran paling sedikit satu klien.")
            )
        return data

    def hasil(self) -> dict[int, HasilKerja]:
        d = self.cleaned_data
        hasil = {}
        for k in self.daftar_klien:
            if d.get(f"absen-{k.pk}"):
                hasil[k.pk] = HasilKerja(None, d[f"alasan-{k.pk}"], d[f"sah-{k.pk}"])
            elif d.get(f"jam-{k.pk}") is not None:
                hasil[k.pk] = HasilKerja(d[f"jam-{k.pk}"])
        return hasil
