"""Filters of the partner list: a search, group, kind, field of service, status (active:
status AKTIF and an agreement in force), agreement standing.

The search finds a partner by the beginning of a word ("las" finds "Pelatihan las listrik",
not "kelas"; case ignored, punctuation typed ignored) of its name, its description of
service, the names of its fields of service, and whatever an app above pokmas registers
(daftar_pencarian_tambahan: pembimbingan adds its programmes' names and topics). Every word
typed must be found, in any of them; one query, on the list's queryset (the user's office).
"""

import re
from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import LayananMitra, Mitra
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
# "Aktif" means active (MitraQuerySet.aktif); a partner still AKTIF whose agreement is not
# in force has its own choice.
AKTIF_TANPA_PKS = "aktif_tanpa_pks"
PILIHAN_STATUS = [
    (StatusMitra.KANDIDAT.value, StatusMitra.KANDIDAT.label),
    (
        StatusMitra.AKTIF.value,
        format_lazy(_("{aktif} (PKS berlaku)"), aktif=StatusMitra.AKTIF.label),
    ),
    (AKTIF_TANPA_PKS, _("Aktif, tetapi PKS tidak berlaku")),
    (StatusMitra.NONAKTIF.value, StatusMitra.NONAKTIF.label),
]
SEMUA = _("Semua")
# Words of a search beyond this many are ignored; a longer search is refused by the form.
MAKS_KATA_CARI = 6
PANJANG_MAKS_CARI = 100


def pola_awal_kata(kata: str) -> str:
    """A regular expression finding `kata` at the beginning of a word, read alike by
    Python's re (SQLite's REGEXP in Django) and PostgreSQL (\\W: a character that is not a
    letter, digit or underscore); for the iregex lookup, which ignores case."""
    return r"(^|\W)" + re.escape(kata)


def q_awal_kata(field: str, kata: str) -> Q:
    """`field` has a word beginning with `kata` (case ignored)."""
    return Q(**{f"{field}__iregex": pola_awal_kata(kata)})


_PENCARIAN_TAMBAHAN: dict[str, Callable[[str], Q]] = {}


def daftar_pencarian_tambahan(nama: str, q_kata: Callable[[str], Q]) -> None:
    """Let an app above pokmas (which pokmas cannot import) widen the partner search:
    `q_kata(kata)` is a condition on Mitra that holds when the partner matches one word
    (build it with q_awal_kata, inside an Exists so that it stays one row per partner).
    Registering the same `nama` again replaces the entry."""
    _PENCARIAN_TAMBAHAN[nama] = q_kata


def _q_kata(kata: str) -> Q:
    pola = re.compile(pola_awal_kata(kata), re.IGNORECASE)
    cocok = q_awal_kata("nama", kata) | q_awal_kata("uraian_layanan", kata)
    bidang = [b.value for b in BidangLayanan if pola.search(str(b.label))]
    if bidang:
        layanan = LayananMitra.objects.filter(mitra=OuterRef("pk"), bidang__in=bidang)
        cocok |= Q(Exists(layanan))
    for q_kata in _PENCARIAN_TAMBAHAN.values():
        cocok |= q_kata(kata)
    return cocok


class MitraFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"),
        method="filter_cari",
        max_length=PANJANG_MAKS_CARI,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Nama, layanan, atau program")}
        ),
    )
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
        choices=PILIHAN_STATUS, label=_("Status"), empty_label=SEMUA, method="filter_status"
    )
    pks = django_filters.ChoiceFilter(
        choices=PILIHAN_MASA, label=_("Masa PKS"), empty_label=SEMUA, method="filter_pks"
    )

    class Meta:
        model = Mitra
        fields = ["q", "kelompok", "jenis", "bidang", "status", "pks"]

    def filter_cari(self, queryset, name, value):
        # words as letters and digits: "(las" or "las," is "las"; punctuation alone, nothing
        for kata in re.findall(r"\w+", value)[:MAKS_KATA_CARI]:
            queryset = queryset.filter(_q_kata(kata))
        return queryset

    def filter_bidang(self, queryset, name, value):
        return queryset.filter(layanan__bidang=value) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == StatusMitra.AKTIF:
            return queryset.aktif()
        if value == AKTIF_TANPA_PKS:
            return queryset.aktif_tanpa_pks()
        return queryset.filter(status=value) if value else queryset

    def filter_pks(self, queryset, name, value):
        return queryset.filter(masa=value) if value else queryset
