"""Filters of the partner list: group, kind, field of service, status, agreement standing."""

import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Mitra
from .pilihan import (
    HARI_PERINGATAN_PKS,
    BidangLayanan,
    JenisMitra,
    KelompokMitra,
    MasaPKS,
    StatusMitra,
)

PILIHAN_MASA = [
    (
        MasaPKS.SEGERA_BERAKHIR.value,
        format_lazy(_("Segera berakhir (≤ {hari} hari)"), hari=HARI_PERINGATAN_PKS),
    ),
    (MasaPKS.KEDALUWARSA.value, MasaPKS.KEDALUWARSA.label),
    (MasaPKS.BERLAKU.value, MasaPKS.BERLAKU.label),
    (MasaPKS.BELUM_BERLAKU.value, MasaPKS.BELUM_BERLAKU.label),
    (MasaPKS.TANPA_PKS.value, MasaPKS.TANPA_PKS.label),
]
SEMUA = _("Semua")


class MitraFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label=_("Cari nama"))
    kelompok = django_filters.ChoiceFilter(
        choices=KelompokMitra.choices, label=_("Kelompok"), empty_label=SEMUA
    )
    jenis = django_filters.ChoiceFilter(
        choices=JenisMitra.choices, label=_("Jenis"), empty_label=SEMUA
    )
    bidang = django_filters.ChoiceFilter(
        choices=BidangLayanan.choices,
        label=_("Bidang layanan"),
        empty_label=SEMUA,
        method="filter_bidang",
    )
    status = django_filters.ChoiceFilter(
        choices=StatusMitra.choices, label=_("Status"), empty_label=SEMUA
    )
    pks = django_filters.ChoiceFilter(
        choices=PILIHAN_MASA, label=_("Masa PKS"), empty_label=SEMUA, method="filter_pks"
    )

    class Meta:
        model = Mitra
        fields = ["q", "kelompok", "jenis", "bidang", "status", "pks"]

    def filter_bidang(self, queryset, name, value):
        return queryset.filter(layanan__bidang=value) if value else queryset

    def filter_pks(self, queryset, name, value):
        return queryset.filter(masa=value) if value else queryset
