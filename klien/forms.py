"""Forms of the client register: they validate; klien.services acts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh
from akun.models import Peran, User
from inti.kendala import FormKantorMixin
from wilayah.models import Desa

from .models import Klien
from .pilihan import (
    TRANSISI_STATUS,
    JenisResidivisme,
    Tonggak,
)

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def bukan_masa_depan(tanggal) -> None:
    if tanggal > timezone.localdate():
        raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."), code="masa_depan")


class DesaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — {obj.kecamatan.nama}, {obj.kecamatan.kabupaten.nama}"


def desa_kantor(unit):
    return (
        Desa.objects.di_wilayah_kerja(unit)
        .select_related("kecamatan__kabupaten")
        .order_by("kecamatan__kabupaten__nama", "kecamatan__nama", "nama")
    )


class KlienForm(FormKantorMixin, forms.ModelForm):
    """Identity and case data. The model's constraints (unique per office, NIK, dates) are
    validated with the office included and reported on their fields (inti.kendala)."""

    class Meta:
        model = Klien
        fields = [
            "no_register",
            "no_register_lapas",
            "lembaga_asal",
            "nama",
            "alias",
            "kategori",
            "nik",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "agama",
            "pendidikan",
            "pekerjaan",
            "status_perkawinan",
            "alamat",
            "desa",
            "telepon",
            "nama_penjamin",
            "hubungan_penjamin",
            "telepon_penjamin",
            "kontak_keluarga",
            "perkara",
            "pasal",
            "no_putusan",
            "tanggal_putusan",
            "lama_pidana_bulan",
            "program",
            "tanggal_mulai",
            "tanggal_ekspirasi",
            "pk_pembimbing",
        ]
        field_classes = {"desa": DesaChoiceField}
        widgets = {
            "tanggal_lahir": TANGGAL,
            "tanggal_putusan": TANGGAL,
            "tanggal_mulai": TANGGAL,
            "tanggal_ekspirasi": TANGGAL,
        }

    def __init__(self, *args, unit, user, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.fields["desa"].queryset = desa_kantor(unit)
        # Display only: the PK is a choice at registration for a manager. Who may guide
        # the client (a PK: themselves) is decided by services.klien_buat, and afterwards
        # the PK changes only through a recorded reassignment (klien_alihkan_pk).
        if self.instance.pk or user.peran == Peran.PK:
            del self.fields["pk_pembimbing"]
        else:
            self.fields["pk_pembimbing"].queryset = User.objects.pk_aktif(unit)
        # A role that sees NIKs masked (Kasi, Kabapas) must not get the stored NIK in the
        # edit form's markup either: the field starts empty, and empty keeps the stored one.
        self.nik_tersimpan_tersembunyi = bool(
            self.instance.pk and self.instance.nik and not boleh(user, Izin.LIHAT_NIK_LENGKAP)
        )
        if self.nik_tersimpan_tersembunyi:
            self.initial["nik"] = ""
            self.fields["nik"].help_text = _(
                "Tersimpan: %(nik)s. Kosongkan untuk mempertahankannya, atau isi 16 angka "
                "untuk menggantinya."
            ) % {"nik": self.instance.nik_tersamar}

    def clean_nik(self):
        nik = self.cleaned_data["nik"]
        if not nik and self.nik_tersimpan_tersembunyi:
            return self.instance.nik
        return nik

    def clean_tanggal_lahir(self):
        lahir = self.cleaned_data["tanggal_lahir"]
        if lahir >= timezone.localdate():
            raise forms.ValidationError(_("Tanggal lahir harus di masa lalu."))
        return lahir

    def data_klien(self) -> dict:
        return dict(self.cleaned_data)


class UbahStatusForm(forms.Form):
    status_baru = forms.ChoiceField(label=_("Status baru"))
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL, validators=[bukan_masa_depan])
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, klien: Klien, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = TRANSISI_STATUS.get(klien.status, ())
        self.fields["status_baru"].choices = [(s.value, s.label) for s in pilihan]
        self.fields["tanggal"].initial = timezone.localdate()


class AlihkanPKForm(forms.Form):
    ke_pk = forms.ModelChoiceField(label=_("PK baru"), queryset=User.objects.none())
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, klien: Klien, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke_pk"].queryset = User.objects.pk_aktif(klien.unit).exclude(
            pk=klien.pk_pembimbing_id
        )
        self.fields["tanggal"].initial = timezone.localdate()


class ResidivismeForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal peristiwa"), widget=TANGGAL, validators=[bukan_masa_depan]
    )
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisResidivisme.choices)
    sumber = forms.CharField(
        label=_("Sumber informasi"), max_length=200, help_text=_("Mis. Polres, putusan PN, berita.")
    )
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndikatorForm(forms.Form):
    tonggak = forms.ChoiceField(label=_("Tonggak"), choices=Tonggak.choices)
    tanggal = forms.DateField(
        label=_("Tanggal pengukuran"), widget=TANGGAL, validators=[bukan_masa_depan]
    )
    bekerja = forms.BooleanField(label=_("Bekerja atau berwirausaha"), required=False)
    sekolah_pelatihan = forms.BooleanField(
        label=_("Sekolah atau mengikuti pelatihan"), required=False
    )
    dukungan_keluarga = forms.BooleanField(
        label=_("Tinggal dengan dukungan keluarga"), required=False
    )
    tempat_tinggal_stabil = forms.BooleanField(label=_("Tempat tinggal stabil"), required=False)
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def data_indikator(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "tonggak"}


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Paling besar 2 MB, paling banyak 5.000 baris."),
    )


class PermintaanDataSubjekForm(forms.Form):
    nomor = forms.CharField(
        label=_("Nomor surat/register permintaan"),
        max_length=100,
        help_text=_("Dicatat di jejak audit bersama ekspor ini."),
    )
    diterima = forms.DateField(
        label=_("Tanggal permintaan diterima"),
        widget=TANGGAL,
        validators=[bukan_masa_depan],
        help_text=_("Data wajib diberikan paling lambat 3×24 jam sejak permintaan diterima."),
    )


class TahanHukumForm(forms.ModelForm):
    class Meta:
        model = Klien
        fields = ["tahan_hukum", "tahan_hukum_alasan"]
        widgets = {"tahan_hukum_alasan": forms.TextInput()}
