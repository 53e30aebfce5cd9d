"""Forms of the supervision order; the model's constraints show on their fields
(inti.kendala.KendalaPerFieldMixin), the services' refusals through galat_ke_form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inti.widgets import TanggalInput, tanggal_lalu

from .models import PidanaPengawasan, SyaratPengawasan
from .pilihan import SYARAT_KHUSUS, HasilPertimbangan, JenisPertimbangan, StatusSyarat

NOMOR_PLACEHOLDER = _("mis. W20.PAS.33-PK.01.05-123")


class PengawasanForm(forms.ModelForm):
    class Meta:
        model = PidanaPengawasan
        fields = ["kejaksaan", "ancaman_bulan", "lama_bulan"]

    def __init__(self, *args, klien, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.klien, self.instance.unit = klien, klien.unit


class SyaratForm(forms.ModelForm):
    class Meta:
        model = SyaratPengawasan
        fields = ["jenis", "uraian", "restitusi_jumlah", "restitusi_batas"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 3}), "restitusi_batas": TanggalInput()}
        help_texts = {
            "restitusi_jumlah": _("Hanya untuk restitusi."),
            "restitusi_batas": _("Hanya untuk restitusi: paling lambat dibayar."),
        }

    def __init__(self, *args, klien, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.klien, self.instance.unit = klien, klien.unit
        self.fields["jenis"].choices = [(j.value, j.label) for j in SYARAT_KHUSUS]


class StatusSyaratForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=StatusSyarat.choices, widget=forms.RadioSelect
    )
    tanggal = tanggal_lalu(_("Tanggal"))
    bukti = forms.CharField(
        label=_("Bukti"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Wajib bila memenuhi atau dilanggar, mis. kuitansi pembayaran restitusi, berita "
            "acara, surat keterangan."
        ),
    )
    tanpa_alasan_sah = forms.TypedChoiceField(
        label=_("Bila dilanggar"),
        choices=[
            ("", _("—")),
            ("1", _("Tanpa alasan yang sah")),
            ("0", _("Dengan alasan yang sah")),
        ],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
        help_text=_("Syarat umum yang dilanggar selalu tanpa alasan yang sah."),
    )


class PertimbanganForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor surat"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": NOMOR_PLACEHOLDER}),
    )
    tanggal = tanggal_lalu(_("Tanggal surat"))
    jenis = forms.ChoiceField(label=_("Jenis pertimbangan"), choices=JenisPertimbangan.choices)
    syarat = forms.ModelChoiceField(
        label=_("Syarat yang dilanggar"),
        queryset=SyaratPengawasan.objects.none(),
        required=False,
        help_text=_(
            "Wajib untuk perpanjangan atau pidana penjara: syarat umum yang dilanggar, atau "
            "syarat khusus yang dilanggar tanpa alasan yang sah."
        ),
    )
    alasan = forms.CharField(
        label=_("Alasan pertimbangan"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, syarat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["syarat"].queryset = syarat


class HasilForm(forms.Form):
    hasil = forms.ChoiceField(
        label=_("Hasil"),
        choices=[
            (HasilPertimbangan.DIKABULKAN.value, HasilPertimbangan.DIKABULKAN.label),
            (HasilPertimbangan.DITOLAK.value, HasilPertimbangan.DITOLAK.label),
        ],
        widget=forms.RadioSelect,
    )
    tanggal = tanggal_lalu(_("Tanggal putusan/penetapan"))
    nomor = forms.CharField(label=_("Nomor putusan/penetapan"), max_length=100)
    lama_bulan = forms.IntegerField(
        label=_("Lama pengawasan yang baru (bulan)"),
        min_value=1,
        max_value=36,
        required=False,
        help_text=_("Bila perpanjangan atau pemendekan dikabulkan."),
    )
