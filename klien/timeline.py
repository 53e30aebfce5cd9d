"""A client's timeline: everything that happened, newest first.

Each source is a function `(klien) -> list[Peristiwa]` registered with `@sumber_timeline`.
klien registers its own (status changes, reassignments, outcomes); an app built on top of
klien (pembimbingan: sessions and attendance) registers its own in its AppConfig.ready()
through the reverse relations, so klien never imports it. Sources read prefetched
relations (see `PREFETCH_TIMELINE`) so the page's query count does not grow.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Klien, PengalihanPK, RiwayatStatus


@dataclass(frozen=True)
class Peristiwa:
    tanggal: datetime.date
    jenis: str  # short kind label
    judul: str
    keterangan: str = ""
    ikon: str = "circle"
    oleh: str = ""


_SUMBER: list[Callable[[Klien], list[Peristiwa]]] = []
PREFETCH_TIMELINE: list = [
    Prefetch("riwayat_status", queryset=RiwayatStatus.objects.select_related("oleh")),
    Prefetch(
        "pengalihan_pk", queryset=PengalihanPK.objects.select_related("dari_pk", "ke_pk", "oleh")
    ),
    "residivisme",
    "indikator",
]


def sumber_timeline(fungsi):
    if fungsi not in _SUMBER:
        _SUMBER.append(fungsi)
    return fungsi


def timeline(klien: Klien) -> list[Peristiwa]:
    semua = [p for sumber in _SUMBER for p in sumber(klien)]
    return sorted(semua, key=lambda p: p.tanggal, reverse=True)


@sumber_timeline
def _status(klien):
    return [
        Peristiwa(
            r.tanggal,
            _("Status"),
            (f"{r.get_status_lama_display()} → " if r.status_lama else "")
            + r.get_status_baru_display(),
            r.alasan,
            "flag",
            str(r.oleh),
        )
        for r in klien.riwayat_status.all()
    ]


@sumber_timeline
def _pengalihan(klien):
    return [
        Peristiwa(
            p.tanggal,
            _("Pengalihan PK"),
            _("Dialihkan dari %(dari)s ke %(ke)s") % {"dari": p.dari_pk, "ke": p.ke_pk},
            p.alasan,
            "arrow-left-right",
            str(p.oleh),
        )
        for p in klien.pengalihan_pk.all()
    ]


@sumber_timeline
def _residivisme(klien):
    return [
        Peristiwa(
            r.tanggal,
            _("Residivisme"),
            r.get_jenis_display(),
            f"{r.sumber}. {r.catatan}".strip(),
            "exclamation-triangle",
        )
        for r in klien.residivisme.all()
    ]


@sumber_timeline
def _indikator(klien):
    return [
        Peristiwa(
            i.tanggal,
            _("Indikator reintegrasi"),
            _("%(tonggak)s: skor %(skor)d dari 4")
            % {"tonggak": i.get_tonggak_display(), "skor": i.skor},
            i.catatan,
            "graph-up",
        )
        for i in klien.indikator.all()
    ]
