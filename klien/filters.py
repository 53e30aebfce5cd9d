"""Filters of the office's client list (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akun.models import User
from wilayah.models import Kabupaten, Kecamatan

from .models import Klien
from .pilihan import Kategori, ProgramIntegrasi, StatusKlien, Tahap


class KlienFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="cari",
        widget=forms.TextInput(attrs={"placeholder": _("nama, no. register, atau NIK")}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusKlien.choices)
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
        ]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["pk_pembimbing"].queryset = User.objects.pk_aktif(unit)
        self.filters["kabupaten"].queryset = Kabupaten.objects.filter(unit_bapas=unit)
        self.filters["kecamatan"].queryset = Kecamatan.objects.filter(
            kabupaten__unit_bapas=unit
        ).order_by("nama")

    def cari(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        cocok = (
            Q(nama__icontains=value) | Q(alias__icontains=value) | Q(no_register__icontains=value)
        )
        if value.isdigit():
            cocok |= Q(nik__startswith=value)
        return queryset.filter(cocok)

    def saring_tahap(self, queryset, name, value):
        return queryset.tahap(value)
