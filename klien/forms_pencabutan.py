"""Forms of the revocation workflow: each step's documents (klien.pencabutan acts)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.widgets import tanggal_lalu

from .pilihan import AlasanPencabutan

SURAT_PLACEHOLDER = _("mis. W20.PAS.PK.01.05-1234")


class UsulanForm(forms.Form):
    """The PK's proposal. A ground the records give (three reports missed) comes in as the
    initial values: the ground, the date of the last miss and the dates as evidence."""

    alasan = forms.ChoiceField(label=_("Dasar pencabutan"), choices=AlasanPencabutan.choices)
    tanggal_kejadian = tanggal_lalu(
        _("Tanggal kejadian"),
        help_text=_("Tanggal pelanggaran, atau tanggal tidak lapor yang ketiga."),
    )
    uraian = forms.CharField(
        label=_("Hasil pemeriksaan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang ditemukan PK saat memeriksa kasus (berita acara pemeriksaan)."),
    )
    bukti = forms.CharField(
        label=_("Bukti"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. tanggal tidak lapor, nomor surat kepolisian, berita acara."),
    )

    def __init__(self, *args, dasar=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dasar is not None:
            self.initial.setdefault("alasan", dasar.alasan)
            self.initial.setdefault("tanggal_kejadian", dasar.tanggal_kejadian)
            self.initial.setdefault("bukti", dasar.bukti)


class TPPForm(forms.Form):
    tpp_nomor = forms.CharField(
        label=_("Nomor sidang TPP"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": SURAT_PLACEHOLDER}),
    )
    tpp_tanggal = tanggal_lalu(_("Tanggal sidang TPP"))
    tpp_merekomendasikan = forms.TypedChoiceField(
        label=_("Rekomendasi TPP"),
        choices=[
            ("1", _("Merekomendasikan pencabutan")),
            ("0", _("Tidak merekomendasikan pencabutan")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    tpp_catatan = forms.CharField(
        label=_("Catatan / pertimbangan TPP"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila TPP tidak merekomendasikan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tpp_tanggal"].initial = timezone.localdate()


class PutuskanForm(forms.Form):
    setuju = forms.TypedChoiceField(
        label=_("Keputusan Kepala Bapas"),
        choices=[
            ("1", _("Setuju: cabut sementara dan laporkan ke Kanwil")),
            ("0", _("Tidak setuju: usulan ditutup")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    keputusan_nomor = forms.CharField(
        label=_("Nomor keputusan pencabutan sementara"), max_length=100, required=False
    )
    keputusan_tanggal = tanggal_lalu(_("Tanggal keputusan"), required=False)
    laporan_kanwil_nomor = forms.CharField(
        label=_("Nomor laporan ke Kanwil"), max_length=100, required=False
    )
    laporan_kanwil_tanggal = tanggal_lalu(_("Tanggal laporan ke Kanwil"), required=False)
    keputusan_catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila tidak setuju."),
    )


class SuratForm(forms.Form):
    """The letter from the Kanwil or the directorate: the SK pencabutan, or the one that
    restores the programme."""

    sk_nomor = forms.CharField(label=_("Nomor surat"), max_length=100)
    sk_tanggal = tanggal_lalu(_("Tanggal surat"))
    sk_penerbit = forms.CharField(
        label=_("Penerbit"),
        max_length=200,
        help_text=_("Mis. Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan Bali."),
    )


class TarikForm(forms.Form):
    ditutup_alasan = forms.CharField(
        label=_("Alasan menarik usulan"), widget=forms.Textarea(attrs={"rows": 3})
    )
