"""The attendance list's filters: the dashboard's (FormSaringan) and the cell of a figure
(mode, session kind, outcome, reason), so that every dashboard number opens its rows."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pembimbingan.pilihan import HASIL_HADIR, AlasanAbsen, HasilHadir, JenisSesi, ModaSesi

from .saringan import FormSaringan
from .selectors_kehadiran import HASIL_ABSEN

HADIR, ABSEN = "hadir_semua", "absen_semua"


class FormDaftarKehadiran(FormSaringan):
    jenis_sesi = forms.ChoiceField(
        label=_("Jenis sesi"),
        choices=[("", _("Semua jenis sesi")), *JenisSesi.choices],
        required=False,
    )
    moda = forms.ChoiceField(
        label=_("Moda"), choices=[("", _("Semua moda")), *ModaSesi.choices], required=False
    )
    hasil = forms.ChoiceField(
        label=_("Hasil"),
        choices=[
            ("", _("Semua hasil")),
            (HADIR, _("Hadir (termasuk tidak mengikuti arahan)")),
            (ABSEN, _("Semua absen")),
            *HasilHadir.choices,
        ],
        required=False,
    )
    alasan = forms.ChoiceField(
        label=_("Alasan absen"),
        choices=[("", _("Semua alasan")), *AlasanAbsen.choices],
        required=False,
    )
    tanpa_program = forms.BooleanField(label=_("Hanya sesi tanpa program"), required=False)
    lewat_batas = forms.BooleanField(label=_("Menunggu keterangan, lewat batas"), required=False)

    def saring(self, qs, hari_ini):
        """The rows of the cell chosen beyond the dashboard's filters (a valid form)."""
        d = self.cleaned_data if self.is_valid() else {}
        if d.get("jenis_sesi"):
            qs = qs.filter(sesi__jenis=d["jenis_sesi"])
        if d.get("moda"):
            qs = qs.filter(sesi__moda=d["moda"])
        hasil = d.get("hasil")
        if hasil == HADIR:
            qs = qs.filter(hasil__in=HASIL_HADIR)
        elif hasil == ABSEN:
            qs = qs.filter(hasil__in=HASIL_ABSEN)
        elif hasil:
            qs = qs.filter(hasil=hasil)
        if d.get("alasan"):
            qs = qs.filter(alasan=d["alasan"])
        if d.get("tanpa_program"):
            qs = qs.filter(sesi__program__isnull=True)
        if d.get("lewat_batas"):
            qs = qs.filter(
                Q(hasil=HasilHadir.MENUNGGU_KETERANGAN) & Q(batas_keterangan__lt=hari_ini)
            )
        return qs
