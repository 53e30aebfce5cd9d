"""Searching the trail: by person, event, client, record and time."""

import datetime

import django_filters
from django import forms
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import User
from inti.pencarian import KEDALUWARSA, samarkan_kata

from .models import JejakAudit, Peristiwa

FORMAT_WAKTU = "%Y-%m-%dT%H:%M"
# Without PostgreSQL's trigram indexes (jejak.indeks) a text search reads every entry of
# the office; on SQLite it reads only this many recent days unless the user gives dates.
JENDELA_BAWAAN_HARI = 90


class PilihanPelaku(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.get_peran_display()})"


class PelakuFilter(django_filters.ModelChoiceFilter):
    field_class = PilihanPelaku


def _waktu():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=FORMAT_WAKTU)


class JejakFilter(django_filters.FilterSet):
    pelaku = PelakuFilter(label=_("Pengguna"), field_name="actor", queryset=None)
    jenis = django_filters.ChoiceFilter(label=_("Peristiwa"), choices=Peristiwa.choices)
    data = django_filters.CharFilter(label=_("Data (nama, no. register)"), method="saring_data")
    klien = django_filters.NumberFilter(
        label=_("ID klien"),
        field_name="klien_id",
        help_text=_("Semua jejak tentang satu klien, termasuk riwayat dan catatannya."),
    )
    dari = django_filters.DateTimeFilter(
        label=_("Dari"), field_name="timestamp", lookup_expr="gte", widget=_waktu()
    )
    sampai = django_filters.DateTimeFilter(
        label=_("Sampai"), field_name="timestamp", lookup_expr="lte", widget=_waktu()
    )

    class Meta:
        model = JejakAudit
        fields = ["pelaku", "jenis", "data", "klien", "dari", "sampai"]

    def __init__(self, *args, user, pencarian_kedaluwarsa: bool = False, **kwargs):
        """`pencarian_kedaluwarsa`: the page named a search term this session no longer
        holds (inti.pencarian: expired, or someone else's link); nothing matches then."""
        super().__init__(*args, **kwargs)
        self.pencarian_kedaluwarsa = pencarian_kedaluwarsa
        # set by filter_queryset when the SQLite default window applied (the page says so)
        self.jendela_bawaan: datetime.datetime | None = None
        self.jendela_hari = JENDELA_BAWAAN_HARI
        self.filters["pelaku"].queryset = User.objects.for_user(user).order_by(
            "first_name", "username"
        )
        self.form.fields["klien"].widget.attrs["min"] = 1

    def filter_queryset(self, queryset):
        if self.pencarian_kedaluwarsa:
            self.form.add_error("data", KEDALUWARSA)
            return queryset.none()
        qs = super().filter_queryset(queryset)
        cd = self.form.cleaned_data
        if (
            connection.vendor != "postgresql"
            and (cd.get("data") or "").strip()
            and not cd.get("dari")
            and not cd.get("sampai")
        ):
            self.jendela_bawaan = timezone.now() - datetime.timedelta(days=JENDELA_BAWAAN_HARI)
            qs = qs.filter(timestamp__gte=self.jendela_bawaan)
        return qs

    def saring_data(self, queryset, name, value):
        """The record's label, or the term of a client-list search (kept with its NIK
        masked, `inti.pencarian.samarkan_kata`). Both are shown on the page as stored, and
        a typed NIK is masked the same way before it is compared, so this filter finds
        nothing a reader of the trail could not read: it is no oracle for a masked NIK."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(additional_data__cari__icontains=samarkan_kata(value))
        )
