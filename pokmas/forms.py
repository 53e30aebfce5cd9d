"""Forms of the partner registry. None accepts a unit: it always comes from the user."""

from itertools import groupby

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from inti.kendala import FormKantorMixin
from inti.nama import bersihkan_nama
from inti.unggahan import BerkasTerlepasMixin
from inti.widgets import TanggalInput
from wilayah.models import Desa

from .models import Mitra, PerjanjianKerjaSama
from .pilihan import BidangLayanan
from .selectors import LangkahStatus, mitra_nama_mirip

UKURAN_MAKS_PDF = 5 * 1024 * 1024
telepon_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,18}$",
    _("Nomor telepon hanya berisi angka, spasi, tanda kurung, tanda hubung, atau + di depan."),
)


class MitraForm(FormKantorMixin, forms.ModelForm):
    bidang = forms.MultipleChoiceField(
        label=_("Bidang layanan"),
        choices=BidangLayanan.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih satu atau lebih."),
    )
    tetap_simpan = forms.BooleanField(
        label=_("Saya sudah memeriksa: ini mitra yang berbeda, tetap simpan"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Mitra
        fields = [
            "nama",
            "jenis",
            "kelompok",
            "bidang",
            "program_kepribadian",
            "program_kemandirian",
            "uraian_layanan",
            "narahubung",
            "telepon",
            "email",
            "alamat",
            "desa",
            "kriteria_peduli",
            "kriteria_komitmen",
            "kriteria_bersedia",
            "kriteria_sumber_daya",
            "catatan_kriteria",
        ]
        widgets = {
            "uraian_layanan": forms.Textarea(attrs={"rows": 3}),
            "catatan_kriteria": forms.Textarea(attrs={"rows": 3}),
            "telepon": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "nama": _("Nama lembaga, atau nama lengkap untuk mitra perorangan."),
            "catatan_kriteria": _("Dasar penilaian kriteria: kunjungan, dokumen, rekomendasi."),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.nama_mirip: list[Mitra] = []
        self.fields["telepon"].validators.append(telepon_validator)
        if self.instance.pk:
            self.initial.setdefault(
                "bidang", list(self.instance.layanan.values_list("bidang", flat=True))
            )
        self._siapkan_desa()

    def _siapkan_desa(self) -> None:
        """Only the desa of the office's work area, grouped by kabupaten and kecamatan."""
        desa = Desa.objects.di_wilayah_kerja(self.unit)
        if self.instance.desa_id:
            desa = desa | Desa.objects.filter(pk=self.instance.desa_id)
        desa = desa.select_related("kecamatan__kabupaten").order_by(
            "kecamatan__kabupaten__nama", "kecamatan__nama", "nama", "pk"
        )
        field = self.fields["desa"]
        field.queryset = desa
        field.required = True
        field.help_text = _("Desa/kelurahan di wilayah kerja kantor, dikelompokkan per kecamatan.")
        daftar = list(desa)
        field.choices = [("", "---------")] + [
            (
                f"{kec.kabupaten} — {kec.nama_lengkap}",
                [(d.pk, d.nama) for d in isi],
            )
            for kec, isi in groupby(daftar, key=lambda d: d.kecamatan)
        ]

    def clean_nama(self):
        # One spelling per name (inti.nama: no invisible or direction characters, no mixed
        # scripts); the same name (any case) is refused by the model's constraint.
        return bersihkan_nama(self.cleaned_data["nama"])

    def clean(self):
        data = super().clean()
        nama = data.get("nama")
        if nama:
            self.nama_mirip = mitra_nama_mirip(
                unit=self.unit, nama=nama, kecuali_pk=self.instance.pk
            )
        if self.nama_mirip and not data.get("tetap_simpan"):
            self.fields["tetap_simpan"].widget = forms.CheckboxInput()
            self.add_error(
                "tetap_simpan",
                _(
                    "Sudah ada mitra dengan nama mirip di kantor ini: %(daftar)s. Periksa dahulu; "
                    "bila memang berbeda, centang kotak ini dan simpan lagi."
                )
                % {"daftar": ", ".join(m.nama for m in self.nama_mirip)},
            )
        return data

    def data_mitra(self) -> dict:
        """The partner's details for pokmas.services (the fields of service apart)."""
        return {f: v for f, v in self.cleaned_data.items() if f not in ("bidang", "tetap_simpan")}


def validasi_pdf(berkas) -> None:
    if berkas.size > UKURAN_MAKS_PDF:
        raise forms.ValidationError(
            _("Ukuran berkas paling besar 5 MB (berkas ini %(mb).1f MB).")
            % {"mb": berkas.size / 1024 / 1024},
            code="terlalu_besar",
        )
    berkas.seek(0)
    awal = berkas.read(5)
    berkas.seek(0)
    if awal != b"%PDF-":
        raise forms.ValidationError(_("Dokumen PKS harus berupa berkas PDF."), code="bukan_pdf")


class PerjanjianForm(BerkasTerlepasMixin, FormKantorMixin, forms.ModelForm):
    class Meta:
        model = PerjanjianKerjaSama
        fields = ["nomor", "tanggal_tanda_tangan", "tanggal_mulai", "tanggal_selesai", "dokumen"]
        widgets = {
            "tanggal_tanda_tangan": TanggalInput(),
            "tanggal_mulai": TanggalInput(),
            "tanggal_selesai": TanggalInput(),
            "dokumen": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        help_texts = {
            "nomor": _("Nomor sebagaimana tertulis pada naskah PKS."),
            "dokumen": _("PDF hasil pindaian naskah yang ditandatangani, paling besar 5 MB."),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)

    def clean_dokumen(self):
        berkas = self.cleaned_data.get("dokumen")
        if berkas and hasattr(berkas, "content_type"):  # a new upload
            validasi_pdf(berkas)
        return berkas

    def data_pks(self) -> dict:
        """The agreement's data for pokmas.services.pks_tambah (the upload included)."""
        return dict(self.cleaned_data)


class PilihanStatusField(forms.ChoiceField):
    """The new status: the possible changes as choices; one not possible now (`tertutup`,
    status → label) is refused by name instead of as an unknown choice."""

    tertutup: dict[str, str] = {}

    def validate(self, value):
        if value in self.tertutup:
            raise forms.ValidationError(
                _("Status %(status)s belum dapat dipilih sekarang; lihat yang masih kurang."),
                code="belum_dapat",
                params={"status": self.tertutup[value]},
            )
        super().validate(value)


class StatusMitraForm(forms.Form):
    status_baru = PilihanStatusField(label=_("Status baru"), widget=forms.RadioSelect)
    alasan = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Dicatat dalam riwayat status mitra."),
    )

    def __init__(self, *args, langkah: list[LangkahStatus], **kwargs):
        """`langkah`: pokmas.selectors.langkah_status of the partner for this user. Only the
        changes possible now are offered; the others (`tertutup`) are named by the page
        with what they lack."""
        super().__init__(*args, **kwargs)
        mungkin = [lg for lg in langkah if lg.mungkin]
        self.tertutup = [lg for lg in langkah if not lg.mungkin]
        field = self.fields["status_baru"]
        field.choices = [(lg.status, lg.label) for lg in mungkin]
        field.tertutup = {lg.status: lg.label for lg in self.tertutup}
        if len(mungkin) == 1:
            field.initial = mungkin[0].status
