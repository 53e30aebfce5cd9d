"""Filters of the office's client list (django-filter).

The figures of the reports link here with their filters set (started or ended in a period,
recidivism after the end, reintegration indicators: klien.hasil holds their definitions,
shared with the reports). Filters about what the apps above klien hold (the programmes a
client took part in, their attendance) are added by those apps with
`daftar_saringan_tambahan`, from their AppConfig.ready(): klien cannot import them.

The free-text search matches names, aliases and register numbers as typed, and the NIK: by
its beginning for a role that sees NIKs in full, only whole (16 digits) for a role that
sees them masked, so that prefix searches cannot recover a masked NIK digit by digit.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from akun.models import User
from inti.pencarian import KEDALUWARSA, PANJANG_NIK
from inti.widgets import TanggalInput
from wilayah.models import Kabupaten, Kecamatan

from .hasil import BULAN_RESIDIVISME, PILIHAN_INDIKATOR, q_pilihan_indikator, residivis
from .models import Klien
from .pilihan import Kategori, ProgramIntegrasi, StatusKlien, Tahap
from .querysets import (
    MANGKIR_BERISIKO,
    MANGKIR_DASAR_PENCABUTAN,
    MANGKIR_PERINGATAN,
    berjalan_pada,
)

BERJALAN = "berjalan"  # the `status` filter's choice for every running client
TERLAMBAT = "terlambat"  # the `kepatuhan` filter's choice for overdue, unrecorded reports
RESIDIVIS_KAPAN_SAJA = "ya"  # the `residivis` filter's choice for any recorded event

# A NIK as people type it: digits, perhaps grouped by spaces, dots or hyphens.
_PEMISAH_ANGKA = re.compile(r"[ .\-]")


class KlienFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="cari",
        widget=forms.TextInput(attrs={"placeholder": _("nama, no. register, atau NIK")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(BERJALAN, _("Berjalan (penerimaan dan aktif)")), *StatusKlien.choices],
        method="saring_status",
    )
    program = django_filters.ChoiceFilter(label=_("Program"), choices=ProgramIntegrasi.choices)
    tahap = django_filters.ChoiceFilter(
        label=_("Tahap"), choices=Tahap.choices, method="saring_tahap"
    )
    pk_pembimbing = django_filters.ModelChoiceFilter(label=_("PK"), queryset=None)
    kabupaten = django_filters.ModelChoiceFilter(
        label=_("Kabupaten"), field_name="desa__kecamatan__kabupaten", queryset=None
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), field_name="desa__kecamatan", queryset=None
    )
    kategori = django_filters.ChoiceFilter(label=_("Dewasa/anak"), choices=Kategori.choices)
    kepatuhan = django_filters.ChoiceFilter(
        label=_("Tidak lapor berturut-turut"),
        choices=[
            *(
                (str(n), format_lazy(teks, n=n))
                for n, teks in (
                    (MANGKIR_PERINGATAN, _("{n} kali atau lebih (peringatan)")),
                    (MANGKIR_BERISIKO, _("{n} kali atau lebih (berisiko)")),
                    (MANGKIR_DASAR_PENCABUTAN, _("{n} kali atau lebih (dasar pencabutan)")),
                )
            ),
            (TERLAMBAT, _("Wajib lapor lewat jatuh tempo, belum dicatat")),
        ],
        method="saring_kepatuhan",
    )
    berjalan_pada = django_filters.DateFilter(
        label=_("Berjalan pada tanggal"), method="saring_berjalan_pada", widget=TanggalInput()
    )
    mulai_dari = django_filters.DateFilter(
        label=_("Mulai bimbingan sejak"),
        field_name="tanggal_mulai",
        lookup_expr="gte",
        widget=TanggalInput(),
    )
    mulai_sampai = django_filters.DateFilter(
        label=_("Mulai bimbingan sampai"),
        field_name="tanggal_mulai",
        lookup_expr="lte",
        widget=TanggalInput(),
    )
    berakhir_dari = django_filters.DateFilter(
        label=_("Berakhir sejak"),
        field_name="tanggal_berakhir",
        lookup_expr="gte",
        widget=TanggalInput(),
    )
    berakhir_sampai = django_filters.DateFilter(
        label=_("Berakhir sampai"),
        field_name="tanggal_berakhir",
        lookup_expr="lte",
        widget=TanggalInput(),
    )
    residivis = django_filters.ChoiceFilter(
        label=_("Residivisme"),
        choices=[
            *(
                (str(n), format_lazy(_("Dalam {n} bulan setelah bimbingan berakhir"), n=n))
                for n in BULAN_RESIDIVISME
            ),
            (RESIDIVIS_KAPAN_SAJA, _("Pernah tercatat (kapan saja)")),
        ],
        method="saring_residivis",
    )
    indikator = django_filters.ChoiceFilter(
        label=_("Indikator reintegrasi"), choices=PILIHAN_INDIKATOR, method="saring_indikator"
    )

    class Meta:
        model = Klien
        fields = [
            "q",
            "status",
            "program",
            "tahap",
            "pk_pembimbing",
            "kabupaten",
            "kecamatan",
            "kategori",
            "kepatuhan",
            "berjalan_pada",
            "mulai_dari",
            "mulai_sampai",
            "berakhir_dari",
            "berakhir_sampai",
            "residivis",
            "indikator",
        ]

    def __init__(
        self, *args, unit, nik_lengkap: bool = False, pencarian_kedaluwarsa=False, **kwargs
    ):
        """`nik_lengkap`: the user may see NIKs in full (Izin.LIHAT_NIK_LENGKAP), and so
        may search them by their beginning. `pencarian_kedaluwarsa`: the search named a
        term this session no longer holds (inti.pencarian); nothing matches then."""
        super().__init__(*args, **kwargs)
        self.nik_lengkap = nik_lengkap
        self.pencarian_kedaluwarsa = pencarian_kedaluwarsa
        self.filters["pk_pembimbing"].queryset = User.objects.pk_aktif(unit)
        self.filters["kabupaten"].queryset = Kabupaten.objects.filter(unit_bapas=unit)
        self.filters["kecamatan"].queryset = Kecamatan.objects.filter(
            kabupaten__unit_bapas=unit
        ).order_by("nama")
        for tambahan in _TAMBAHAN.values():
            if tambahan.siapkan:
                tambahan.siapkan(self.filters, unit)
        if not nik_lengkap:  # after the querysets: this builds the form
            self.form.fields["q"].widget.attrs["placeholder"] = _(
                "nama, no. register, atau NIK lengkap (16 angka)"
            )

    @property
    def kata(self) -> str:
        """The free-text term the list was searched for ("" when none). A search runs even
        when another field is invalid (that field is ignored), so only `q` is looked at."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        return (getattr(self.form, "cleaned_data", {}).get("q") or "").strip()

    def saring_berjalan_pada(self, queryset, name, value):
        return queryset.filter(berjalan_pada(value)) if value else queryset

    def filter_queryset(self, queryset):
        """Each filter of klien on its own; each app's added filters together, by the app
        (`SaringanTambahan.terapkan`)."""
        if self.pencarian_kedaluwarsa:
            self.form.add_error("q", KEDALUWARSA)
            return queryset.none()
        data = self.form.cleaned_data
        tambahan = {nama for t in _TAMBAHAN.values() for nama in t.filters}
        for nama, nilai in data.items():
            if nama not in tambahan:
                queryset = self.filters[nama].filter(queryset, nilai)
        for t in _TAMBAHAN.values():
            queryset = t.terapkan(queryset, {nama: data.get(nama) for nama in t.filters})
        return queryset

    def cari(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        cocok = (
            Q(nama__icontains=value) | Q(alias__icontains=value) | Q(no_register__icontains=value)
        )
        angka = _PEMISAH_ANGKA.sub("", value)
        if angka.isdigit():
            if self.nik_lengkap:
                cocok |= Q(nik__startswith=angka)
            elif len(angka) == PANJANG_NIK:
                cocok |= Q(nik=angka)
        return queryset.filter(cocok)

    def saring_status(self, queryset, name, value):
        """A status, or BERJALAN: every running client (what the dashboards count)."""
        return queryset.berjalan() if value == BERJALAN else queryset.filter(status=value)

    def saring_tahap(self, queryset, name, value):
        return queryset.tahap(value)

    def saring_kepatuhan(self, queryset, name, value):
        """Running clients who missed at least `value` reports or sessions in a row (the
        warning, at-risk and revocation thresholds of klien.querysets), or (TERLAMBAT) whose
        due report has passed with nothing recorded yet (what a Kasi checks next morning)."""
        if value == TERLAMBAT:
            return queryset.berjalan().filter(tanggal_lapor_berikutnya__lt=timezone.localdate())
        return queryset.berjalan().filter(mangkir_berturut__gte=int(value))

    def saring_residivis(self, queryset, name, value):
        """Clients with a recorded recidivism event within 6 or 12 months after their end
        (klien.hasil, as the dashboard counts them), or at any date."""
        bulan = None if value == RESIDIVIS_KAPAN_SAJA else int(value)
        return queryset.filter(residivis(bulan))

    def saring_indikator(self, queryset, name, value):
        """Clients measured at the start and end of guidance, with an indicator true at one
        of them (klien.hasil)."""
        return queryset.filter(q_pilihan_indikator(value))


@dataclass(frozen=True)
class SaringanTambahan:
    """Filters an app above klien adds to the client list: `filters` by name (shown after
    klien's own), applied together by `terapkan(queryset, nilai)` (`nilai`: each of them by
    name, None or empty when not given); `siapkan(filters, unit)` narrows their choices to
    the office (the filter set's own copies)."""

    nama: str  # registering the same name again replaces the entry
    filters: dict[str, django_filters.Filter]
    terapkan: Callable[[QuerySet, dict], QuerySet]
    siapkan: Callable[[dict, object], None] | None = None


_TAMBAHAN: dict[str, SaringanTambahan] = {}


def daftar_saringan_tambahan(tambahan: SaringanTambahan) -> None:
    """Add an app's filters to the client list (idempotent: keyed by `tambahan.nama`)."""
    lama = _TAMBAHAN.pop(tambahan.nama, None)
    if lama:
        for nama in lama.filters:
            KlienFilter.base_filters.pop(nama, None)
    bentrok = set(tambahan.filters) & set(KlienFilter.base_filters)
    if bentrok:
        raise ValueError(f"Saringan daftar klien sudah ada: {', '.join(sorted(bentrok))}")
    for nama, filter_ in tambahan.filters.items():
        filter_.field_name = filter_.field_name or nama
        KlienFilter.base_filters[nama] = filter_
    _TAMBAHAN[tambahan.nama] = tambahan
