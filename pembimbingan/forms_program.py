"""Forms to open and change a programme (with its resources), enrol clients and end an
enrolment. None accepts an office: it always comes from the user."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.widgets import TanggalInput, tanggal_lalu
from klien.models import Klien
from pokmas.models import Mitra

from .models import Peserta, Program
from .pilihan import JenisProgram, StatusPeserta

# A form's kapasitas and anggaran: at most what their columns hold.
KAPASITAS_MAKS = 32767
ANGGARAN_MAKS = 10**15
SUMBER_DAYA_KOSONG = 3  # empty rows the resources table offers (no JavaScript needed)
SUMBER_DAYA_MAKS = 30


TANGGAL = TanggalInput()


def _field_model(nama: str, **kwargs):
    """The form field of Program's field `nama`, with its label, length and help text."""
    return Program._meta.get_field(nama).formfield(**kwargs)


class ProgramForm(forms.Form):
    nama = _field_model("nama")
    jenis = forms.ChoiceField(
        label=_("Jenis program"), choices=JenisProgram.choices, widget=forms.RadioSelect
    )
    topik = _field_model("topik")
    mitra = forms.ModelChoiceField(
        label=_("Pelaksana"),
        queryset=Mitra.objects.none(),
        required=False,
        empty_label=_("Bapas sendiri"),
        help_text=_(
            "Mitra aktif kantor ini yang perjanjian kerja samanya berlaku, atau Bapas sendiri."
        ),
    )
    tempat = _field_model("tempat")
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=TANGGAL)
    tanggal_selesai = forms.DateField(
        label=_("Tanggal selesai"),
        required=False,
        widget=TANGGAL,
        help_text=_("Kosongkan bila belum ditentukan."),
    )
    kapasitas = forms.IntegerField(
        label=_("Kapasitas peserta"),
        required=False,
        min_value=1,
        max_value=KAPASITAS_MAKS,
        help_text=_("Kosongkan bila tak terbatas."),
    )
    anggaran = forms.IntegerField(
        label=_("Anggaran (Rp)"), required=False, min_value=0, max_value=ANGGARAN_MAKS
    )

    def __init__(self, *args, user, program: Program | None = None, **kwargs):
        if program is not None:
            kwargs.setdefault(
                "initial", {f: getattr(program, f) for f in self.base_fields if f != "mitra"}
            )
            kwargs["initial"]["mitra"] = program.mitra_id
        super().__init__(*args, **kwargs)
        tersedia = Q(pk__in=Mitra.objects.for_user(user).tersedia_untuk_program_baru())
        if program is not None and program.mitra_id:  # its own partner stays on offer
            tersedia |= Q(pk=program.mitra_id)
        self.fields["mitra"].queryset = (
            Mitra.objects.for_user(user).filter(tersedia).order_by("nama", "pk")
        )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error(
                "tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
            )
        return data


class SumberDayaForm(forms.Form):
    """One resource row; `id` is that of a stored one (the service checks it is the
    programme's)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    nama = forms.CharField(label=_("Nama sumber daya"), max_length=150)
    jumlah = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=10**9)
    satuan = forms.CharField(label=_("Satuan"), max_length=30, required=False)


class BaseSumberDayaFormSet(forms.BaseFormSet):
    def data_sumber_daya(self) -> list[dict]:
        """The rows kept (not marked for deletion, not left empty), for the service."""
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


SumberDayaFormSet = forms.formset_factory(
    SumberDayaForm,
    formset=BaseSumberDayaFormSet,
    extra=SUMBER_DAYA_KOSONG,
    can_delete=True,
    max_num=SUMBER_DAYA_MAKS,
    validate_max=True,
)


def sumber_daya_formset(data=None, *, program: Program | None = None) -> BaseSumberDayaFormSet:
    initial = (
        [
            {"id": sd.pk, "nama": sd.nama, "jumlah": sd.jumlah, "satuan": sd.satuan}
            for sd in program.sumber_daya.all()
        ]
        if program is not None
        else []
    )
    return SumberDayaFormSet(data, initial=initial, prefix="sd")


class KlienPilihanField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Klien) -> str:
        return f"{obj.nama} ({obj.no_register})"


class PesertaTambahForm(forms.Form):
    klien = KlienPilihanField(
        label=_("Klien"),
        queryset=Klien.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Klien yang sedang dibimbing dan belum menjadi peserta aktif program ini."),
        error_messages={
            "invalid_choice": _("Klien %(value)s tidak dapat dipilih untuk program ini."),
            "invalid_pk_value": _("Pilihan klien tidak dikenal."),
        },
    )
    tanggal_masuk = forms.DateField(label=_("Tanggal masuk"), widget=TANGGAL)

    def __init__(self, *args, user, program: Program, cari: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal_masuk"].initial = timezone.localdate()
        aktif = Peserta.objects.filter(program=program, status=StatusPeserta.AKTIF)
        qs = (
            Klien.objects.for_user(user)  # a PK: their own caseload; the managers the office's
            .berjalan()
            .exclude(pk__in=aktif.values("klien"))
            .order_by("nama", "pk")
        )
        if cari:
            qs = qs.filter(Q(nama__icontains=cari) | Q(no_register__icontains=cari))
        self.fields["klien"].queryset = qs


class PesertaAkhiriForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Keikutsertaan berakhir karena"),
        choices=[
            (StatusPeserta.SELESAI, _("Selesai mengikuti program")),
            (StatusPeserta.KELUAR, _("Keluar sebelum selesai")),
        ],
        widget=forms.RadioSelect,
    )
    tanggal = tanggal_lalu(_("Tanggal"))
    hasil = forms.CharField(
        label=_("Hasil / capaian"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila selesai: apa yang dicapai peserta."),
    )
    alasan = forms.CharField(
        label=_("Alasan keluar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila keluar."),
    )

    def __init__(self, *args, peserta: Peserta, **kwargs):
        super().__init__(*args, **kwargs)
        self.peserta = peserta
        self.fields["tanggal"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        status, tanggal = data.get("status"), data.get("tanggal")
        if status == StatusPeserta.SELESAI and not data.get("hasil", "").strip():
            self.add_error("hasil", _("Tuliskan hasil atau capaian peserta."))
        if status == StatusPeserta.KELUAR and not data.get("alasan", "").strip():
            self.add_error("alasan", _("Sebutkan alasan peserta keluar."))
        if tanggal and tanggal < self.peserta.tanggal_masuk:
            self.add_error("tanggal", _("Tanggal tidak boleh sebelum tanggal masuk."))
        return data
