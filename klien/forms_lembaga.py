"""The form of the institutions' reference list (klien.services_lembaga acts)."""

from django import forms

from wilayah.models import Kabupaten

from .models import LembagaAsal


class KabupatenChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.provinsi.nama})"


class LembagaAsalForm(forms.ModelForm):
    class Meta:
        model = LembagaAsal
        fields = ["nama", "jenis", "kabupaten", "aktif"]
        field_classes = {"kabupaten": KabupatenChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kabupaten"].queryset = Kabupaten.objects.select_related("provinsi").order_by(
            "provinsi__nama", "nama"
        )

    def data_lembaga(self) -> dict:
        return dict(self.cleaned_data)
