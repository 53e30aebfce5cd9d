"""Forms of wajib lapor: a report or a miss for a due date, and a client's schedule."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from inti.widgets import TanggalInput
from klien.pilihan import Agama

from .forms_kalender import PeringatanKalenderMixin
from .pilihan import HASIL_HADIR, AlasanAbsen, HasilHadir, PolaLapor
from .services import HasilKehadiran

# "Tidak lapor": the outcomes of a miss (an attendance is the "lapor hari ini" button).
HASIL_TIDAK_LAPOR = [
    (HasilHadir.IZIN, _("Izin – berhalangan dengan alasan yang diterima")),
    (HasilHadir.TIDAK_HADIR, _("Tidak lapor tanpa alasan yang diterima")),
    (HasilHadir.MENUNGGU_KETERANGAN, _("Menunggu keterangan (bukti menyusul)")),
]


class LaporForm(forms.Form):
    """A report (hasil=hadir, from the agenda's button) or a miss with its reason, for the
    due date the page was built from (`jatuh_tempo`, hidden)."""

    jatuh_tempo = forms.DateField(widget=forms.HiddenInput)
    hasil = forms.ChoiceField(
        label=_("Hasil"),
        choices=[(HasilHadir.HADIR, _("Lapor hari ini")), *HASIL_TIDAK_LAPOR],
        widget=forms.RadioSelect,
    )
    alasan = forms.ChoiceField(
        label=_("Alasan"),
        choices=[("", _("— pilih —")), *AlasanAbsen.choices],
        required=False,
    )
    keterangan = forms.CharField(
        label=_("Catatan"), required=False, max_length=500, widget=forms.Textarea({"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("hasil") == HasilHadir.IZIN and not data.get("alasan"):
            self.add_error("alasan", _("Izin harus disertai alasan."))
        return data

    def isian(self) -> HasilKehadiran:
        d = self.cleaned_data
        hadir = d["hasil"] in HASIL_HADIR
        return HasilKehadiran(
            hasil=d["hasil"], alasan="" if hadir else d["alasan"], keterangan=d["keterangan"]
        )


_PEMISAH = re.compile(r"[\s,;]+")


class DaftarTanggalField(forms.CharField):
    """Dates typed one per line (or separated by commas), as 31-12-2026 or 2026-12-31."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value) -> list[datetime.date]:
        teks = super().to_python(value)
        hasil, salah = [], []
        for bagian in filter(None, _PEMISAH.split(teks)):
            for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
                try:
                    hasil.append(datetime.datetime.strptime(bagian, fmt).date())  # noqa: DTZ007 (a date)
                    break
                except ValueError:
                    continue
            else:
                salah.append(bagian)
        if salah:
            raise forms.ValidationError(
                _("Tanggal tidak dikenali: %(salah)s. Tulis seperti 31-12-2026."),
                params={"salah": ", ".join(salah[:5])},
                code="invalid",
            )
        return sorted(set(hasil))

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{t:%d-%m-%Y}" for t in value)
        return value


class JadwalLaporForm(PeringatanKalenderMixin, forms.Form):
    pola = forms.ChoiceField(
        label=_("Pola lapor"), choices=PolaLapor.choices, widget=forms.RadioSelect
    )
    berikutnya = forms.DateField(
        label=_("Wajib lapor berikutnya"),
        required=False,
        widget=TanggalInput(),
        help_text=_("Untuk pola mingguan, dua mingguan dan bulanan: tanggal pertama."),
    )
    tanggal_tertentu = DaftarTanggalField(
        label=_("Tanggal-tanggal lapor"),
        required=False,
        help_text=_("Untuk pola tanggal tertentu: satu tanggal per baris, mis. 31-12-2026."),
    )

    def __init__(self, *args, klien, bali: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.klien = klien
        self.bali = bali

    def clean(self):
        data = super().clean()
        pola = data.get("pola")
        if pola == PolaLapor.TANGGAL_TERTENTU:
            if not data.get("tanggal_tertentu"):
                self.add_error("tanggal_tertentu", _("Isi sedikitnya satu tanggal lapor."))
                return data
            hindu = self.klien.agama == Agama.HINDU
            semua = data["tanggal_tertentu"]
            # the first of them that is a special day (else the first: no warning)
            tanggal = next(
                (t for t in semua if self.peringatan_kalender(t, bali=self.bali, hindu=hindu)),
                semua[0],
            )
        elif pola:
            if not data.get("berikutnya"):
                self.add_error("berikutnya", _("Isi tanggal wajib lapor berikutnya."))
                return data
            tanggal = data["berikutnya"]
        else:
            return data
        self.periksa_kalender(tanggal, bali=self.bali, hindu=self.klien.agama == Agama.HINDU)
        return data
