"""The attendance form: one outcome per participant, everyone present by default."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .pilihan import HASIL_HADIR, AlasanAbsen, HasilHadir
from .services import HasilKehadiran


class KehadiranForm(forms.Form):
    """Fields per participant `hasil_<id>` (radio buttons), `alasan_<id>`, `keterangan_<id>`;
    the hidden `versi` is the session's version the form was built from. A participant
    without a stored outcome starts as present ("semua hadir")."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args,
        baris: list[dict],
        versi: int,
        hari_upacara: frozenset[int] = frozenset(),
        koreksi: bool = False,
        **kwargs,
    ):
        """`hari_upacara`: the clients for whom the session's day is a ceremony day (their
        absence's reason starts as upacara agama/adat); `koreksi`: the form changes rows
        others recorded on an earlier day, and asks for the reason."""
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = versi
        if koreksi:
            self.fields["alasan_koreksi"] = forms.CharField(
                label=_("Alasan koreksi"),
                max_length=500,
                required=False,
                help_text=_(
                    "Wajib bila Anda mengubah kehadiran yang dicatat orang lain pada hari "
                    "sebelumnya; tercatat di jejak audit."
                ),
            )
        self.baris = []
        for b in baris:
            klien, ada = b["klien"], b["kehadiran"]
            i = klien.pk
            upacara = i in hari_upacara
            self.fields[f"hasil_{i}"] = forms.ChoiceField(
                label=klien.nama,
                choices=HasilHadir.choices,
                widget=forms.RadioSelect,
                initial=ada.hasil if ada else HasilHadir.HADIR,
            )
            self.fields[f"alasan_{i}"] = forms.ChoiceField(
                label=_("Alasan absen"),
                choices=[("", _("— pilih bila absen —")), *AlasanAbsen.choices],
                required=False,
                initial=ada.alasan if ada else (AlasanAbsen.UPACARA_AGAMA_ADAT if upacara else ""),
            )
            self.fields[f"keterangan_{i}"] = forms.CharField(
                label=_("Catatan"),
                required=False,
                max_length=500,
                initial=ada.keterangan if ada else "",
            )
            self.baris.append(
                {
                    "upacara": upacara,
                    "klien": klien,
                    "kehadiran": ada,
                    "hasil": self[f"hasil_{i}"],
                    "alasan": self[f"alasan_{i}"],
                    "keterangan": self[f"keterangan_{i}"],
                }
            )

    def clean(self):
        data = super().clean()
        for b in self.baris:
            i = b["klien"].pk
            if data.get(f"hasil_{i}") == HasilHadir.IZIN and not data.get(f"alasan_{i}"):
                self.add_error(f"alasan_{i}", _("Izin harus disertai alasan."))
        return data

    def hasil(self) -> dict[int, HasilKehadiran]:
        """The outcomes for the service; a reason left selected for someone present is
        dropped (only an absence has one)."""
        d = self.cleaned_data
        hasil = {}
        for b in self.baris:
            i = b["klien"].pk
            nilai = d[f"hasil_{i}"]
            hasil[i] = HasilKehadiran(
                hasil=nilai,
                alasan="" if nilai in HASIL_HADIR else d[f"alasan_{i}"],
                keterangan=d[f"keterangan_{i}"],
            )
        return hasil

    def isian_koreksi(self) -> str:
        """The reason given for a correction ("" when the form asks for none)."""
        return self.cleaned_data.get("alasan_koreksi", "")
