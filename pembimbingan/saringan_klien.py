"""The client list's filters about guidance (registered with klien.filters, which cannot
import this app): participation and attendance (pembimbingan.partisipasi, as the outcome
figures split it), and the programmes a client took part in.

The programme filters describe one programme: "kemandirian" and a partner means a
kemandirian programme of that partner (as the dashboard's filters do, laporan.saringan),
not one programme of each."""

import django_filters
from django.utils.translation import gettext_lazy as _

from klien.filters import SaringanTambahan, daftar_saringan_tambahan
from pokmas.models import Mitra

from .models import Program
from .partisipasi import Partisipasi, dengan_partisipasi, q_ikut_program
from .pilihan import JenisProgram


def _terapkan(queryset, nilai: dict):
    if nilai["partisipasi"]:
        queryset = dengan_partisipasi(queryset).filter(partisipasi=nilai["partisipasi"])
    return queryset.filter(
        q_ikut_program(
            program=nilai["program_bimbingan"],
            jenis=nilai["jenis_program"],
            mitra=nilai["mitra"],
        )
    )


def _siapkan(filters: dict, unit) -> None:
    filters["mitra"].queryset = Mitra.objects.filter(unit=unit).order_by("nama")
    filters["program_bimbingan"].queryset = Program.objects.filter(unit=unit).order_by(
        "-tanggal_mulai", "nama"
    )


daftar_saringan_tambahan(
    SaringanTambahan(
        nama="pembimbingan",
        filters={
            "partisipasi": django_filters.ChoiceFilter(
                label=_("Partisipasi program"), choices=Partisipasi.choices
            ),
            "jenis_program": django_filters.ChoiceFilter(
                label=_("Ikut program jenis"), choices=JenisProgram.choices
            ),
            "mitra": django_filters.ModelChoiceFilter(
                label=_("Ikut program mitra"), queryset=Mitra.objects.none()
            ),
            "program_bimbingan": django_filters.ModelChoiceFilter(
                label=_("Ikut program pembimbingan"), queryset=Program.objects.none()
            ),
        },
        terapkan=_terapkan,
        siapkan=_siapkan,
    )
)
