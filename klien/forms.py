"""Forms of the client register: they validate; klien.services acts."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh
from akun.models import Peran, User
from inti.kendala import FormKantorMixin
from inti.widgets import TanggalInput, bukan_masa_depan, tanggal_lalu
from wilayah.models import Desa

from .models import Klien, LembagaAsal
from .pilihan import (
    PROGRAM_BER_SK,
    JenisResidivisme,
    ProgramIntegrasi,
    StatusKlien,
    Tonggak,
    status_berikutnya,
)

TANGGAL = TanggalInput()


class DesaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — {obj.kecamatan.nama}, {obj.kecamatan.kabupaten.nama}"


def desa_kantor(unit):
    return (
        Desa.objects.di_wilayah_kerja(unit)
        .select_related("kecamatan__kabupaten")
        .order_by("kecamatan__kabupaten__nama", "kecamatan__nama", "nama")
    )


FIELD_SK = ("no_sk", "tanggal_sk", "penerbit_sk")

# The client form's sections (legend, fields): Meta.fields is their fields in this order,
# and the page and its error summary follow it.
BAGIAN_KLIEN = (
    (
        _("Register dan identitas"),
        (
            "no_register",
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
        ),
    ),
    (
        _("Alamat dan penjamin"),
        (
            "alamat",
            "desa",
            "telepon",
            "nama_penjamin",
            "hubungan_penjamin",
            "telepon_penjamin",
            "kontak_keluarga",
        ),
    ),
    (
        _("Perkara dan program"),
        (
            "perkara",
            "pasal",
            "no_putusan",
            "tanggal_putusan",
            "lama_pidana_bulan",
            "program",
            "tanggal_mulai",
            "tanggal_ekspirasi",
            "pk_pembimbing",
        ),
    ),
    (_("Litmas"), ("no_litmas", "tanggal_litmas", "pk_litmas", "pk_litmas_lain")),
    (_("SK pemberian program"), FIELD_SK),
    (
        _("Serah terima dari Lapas/Rutan/LPKA"),
        ("lembaga_asal", "no_register_lapas", "tanggal_serah_terima"),
    ),
)


class KlienForm(FormKantorMixin, forms.ModelForm):
    """Identity, case data and the intake papers. The model's constraints (unique per
    office, NIK, dates) are validated with the office included and reported on their fields
    (inti.kendala). The SK is required for a programme granted by one (PROGRAM_BER_SK)."""

    class Meta:
        model = Klien
        fields = [f for _legend, isian in BAGIAN_KLIEN for f in isian]  # (the sections' order)
        field_classes = {"desa": DesaChoiceField}
        widgets = {
            "tanggal_lahir": TANGGAL,
            "tanggal_putusan": TANGGAL,
            "tanggal_mulai": TANGGAL,
            "tanggal_ekspirasi": TANGGAL,
            "tanggal_litmas": TANGGAL,
            "tanggal_sk": TANGGAL,
            "tanggal_serah_terima": TANGGAL,
        }
        help_texts = {
            "pk_litmas": _("PK kantor ini yang membuat Litmas."),
            "no_sk": _("Wajib untuk PB, CB, CMB, asimilasi dan CMK."),
            "lembaga_asal": _(
                "Lembaga yang menyerahkan klien. Belum ada di daftar? Minta Admin menambahkannya."
            ),
        }

    def __init__(self, *args, unit, user, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.fields["desa"].queryset = desa_kantor(unit)
        # The stored choice stays on offer when its PK left or its institution closed.
        self.fields["pk_litmas"].queryset = User.objects.filter(
            Q(pk__in=User.objects.pk_aktif(unit)) | Q(pk=self.instance.pk_litmas_id)
        ).order_by("first_name", "username")
        self.fields["lembaga_asal"].queryset = LembagaAsal.objects.filter(
            Q(aktif=True) | Q(pk=self.instance.lembaga_asal_id)
        )
        for nama in ("tanggal_litmas", "tanggal_sk", "tanggal_serah_terima"):
            self.fields[nama].validators.append(bukan_masa_depan)
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

    def bagian(self) -> list[tuple[str, list]]:
        """The sections of BAGIAN_KLIEN with their bound fields (those this form has)."""
        return [
            (judul, [self[nama] for nama in nama_field if nama in self.fields])
            for judul, nama_field in BAGIAN_KLIEN
        ]

    def sk_wajib(self, program: str | None) -> bool:
        """A programme granted by an SK needs it at intake, when the programme changes, and
        once recorded (it is not blanked); a client registered before the SK was asked for
        can still be edited without it."""
        if program not in PROGRAM_BER_SK:
            return False
        lama = self.instance
        return not lama.pk or lama.program != program or any(getattr(lama, f) for f in FIELD_SK)

    def clean(self):
        data = super().clean()
        program = data.get("program")
        if self.sk_wajib(program):
            for nama in FIELD_SK:
                if data.get(nama) in (None, "") and nama not in self.errors:
                    self.add_error(
                        nama,
                        forms.ValidationError(
                            _(
                                "Wajib diisi untuk %(program)s: program ini diberikan dengan "
                                "SK. Isi nomor, tanggal dan penerbitnya."
                            ),
                            code="sk_wajib",
                            params={"program": ProgramIntegrasi(program).label},
                        ),
                    )
        mulai, lapor = data.get("tanggal_mulai"), self.instance.tanggal_lapor_berikutnya
        if mulai and lapor and mulai > lapor:
            self.add_error(
                "tanggal_mulai",
                _(
                    "Mulai bimbingan tidak boleh setelah wajib lapor berikutnya (%(t)s); "
                    "ubah dulu jadwal lapornya."
                )
                % {"t": f"{lapor:%d-%m-%Y}"},
            )
        return data

    def data_klien(self) -> dict:
        return dict(self.cleaned_data)


class UbahStatusForm(forms.Form):
    """Activation, or an ending that belongs to the client's programme. Revocation is not
    offered: it runs through the proposal workflow (the page links to it)."""

    status_baru = forms.ChoiceField(label=_("Status baru"))
    tanggal = tanggal_lalu(_("Tanggal"))
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))
    dokumen_nomor = forms.CharField(
        label=_("Nomor dokumen"),
        max_length=100,
        required=False,
        help_text=_(
            "Untuk diversi yang tidak dilaksanakan: laporan PK kepada pejabat yang berwenang. "
            "Untuk bimbingan yang diakhiri putusan: nomor putusan atau penetapan."
        ),
    )
    dokumen_tanggal = tanggal_lalu(_("Tanggal dokumen"), required=False)
    dokumen_pihak = forms.CharField(
        label=_("Penerbit / tujuan dokumen"),
        max_length=200,
        required=False,
        help_text=_("Mis. Penyidik Unit PPA Polres Karangasem, Pengadilan Negeri Amlapura."),
    )

    def __init__(self, *args, klien: Klien, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = [
            s for s in status_berikutnya(klien.status, klien.program) if s != StatusKlien.DICABUT
        ]
        self.fields["status_baru"].choices = [(s.value, s.label) for s in pilihan]
        self.fields["tanggal"].initial = timezone.localdate()

    def dokumen(self) -> dict | None:
        d = self.cleaned_data
        if not (d.get("dokumen_nomor") or d.get("dokumen_tanggal") or d.get("dokumen_pihak")):
            return None
        return {
            "nomor": d.get("dokumen_nomor", ""),
            "tanggal": d.get("dokumen_tanggal"),
            "pihak": d.get("dokumen_pihak", ""),
        }


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
    tanggal = tanggal_lalu(_("Tanggal peristiwa"))
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisResidivisme.choices)
    sumber = forms.CharField(
        label=_("Sumber informasi"), max_length=200, help_text=_("Mis. Polres, putusan PN, berita.")
    )
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IndikatorForm(forms.Form):
    tonggak = forms.ChoiceField(label=_("Tonggak"), choices=Tonggak.choices)
    tanggal = tanggal_lalu(_("Tanggal pengukuran"))
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
    diterima = tanggal_lalu(
        _("Tanggal permintaan diterima"),
        help_text=_("Data wajib diberikan paling lambat 3×24 jam sejak permintaan diterima."),
    )


class TahanHukumForm(forms.ModelForm):
    class Meta:
        model = Klien
        fields = ["tahan_hukum", "tahan_hukum_alasan"]
        widgets = {"tahan_hukum_alasan": forms.TextInput()}
