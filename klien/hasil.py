"""The outcomes of guidance as the reports count them and the client list filters them: one
definition for both (laporan.selectors_hasil, klien.filters), so that a figure of the
dashboard and the list behind it cannot drift apart.

Recidivism "within n months after guidance ended": a recorded event of any kind
(PeristiwaResidivisme) dated after the client's `tanggal_berakhir` and at most n calendar
months after it (ended on 31 August: within 6 months runs to the end of February). An event
on the day guidance ended or before it is not counted. A client's n-month window can be
judged once it has passed: when the end date plus n months is today or earlier
(`batas_dinilai`).

Reintegration indicators are compared for the clients measured both at the start (AWAL) and
at the end (AKHIR) of guidance: the pairs.
"""

import calendar
import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from .models import IndikatorReintegrasi, PeristiwaResidivisme
from .pilihan import Tonggak

# The windows after the end in which recidivism is counted, in months.
BULAN_RESIDIVISME = (6, 12)

# The four reintegration indicators (fields of IndikatorReintegrasi), in the order shown.
INDIKATOR = ("bekerja", "sekolah_pelatihan", "dukungan_keluarga", "tempat_tinggal_stabil")
# The two measurements compared.
TONGGAK_PASANGAN = (Tonggak.AWAL, Tonggak.AKHIR)


def tambah_bulan(tanggal: datetime.date, n: int) -> datetime.date:
    """`tanggal` moved by `n` calendar months (back when negative), the day kept or, when
    that month is shorter, its last day (31 August + 6 months = 28/29 February)."""
    i = tanggal.year * 12 + tanggal.month - 1 + n
    tahun, bulan = i // 12, i % 12 + 1
    return datetime.date(tahun, bulan, min(tanggal.day, calendar.monthrange(tahun, bulan)[1]))


def _akhir_bulan(tanggal: datetime.date) -> datetime.date:
    return tanggal.replace(day=calendar.monthrange(tanggal.year, tanggal.month)[1])


def batas_dinilai(hari_ini: datetime.date, bulan: int) -> datetime.date:
    """The last end date whose `bulan`-month window has passed by `hari_ini`: a client who
    ended on this day or before can be judged (tambah_bulan(berakhir, bulan) <= hari_ini)."""
    batas = tambah_bulan(hari_ini, -bulan)
    if hari_ini == _akhir_bulan(hari_ini):
        # today is a month's last day: every day of that earlier month reaches it
        batas = _akhir_bulan(batas)
    return batas


def peristiwa_dalam(bulan: int):
    """PeristiwaResidivisme rows dated after their client's end and at most `bulan` months
    after it. Month arithmetic the same way on SQLite and PostgreSQL: the months between the
    two dates, and in the last month the day of the month."""
    berakhir = "klien__tanggal_berakhir"
    selisih = (ExtractYear("tanggal") - ExtractYear(berakhir)) * 12 + (
        ExtractMonth("tanggal") - ExtractMonth(berakhir)
    )
    return (
        PeristiwaResidivisme.objects.alias(selisih_bulan=selisih)
        .filter(tanggal__gt=F(berakhir))
        .filter(
            Q(selisih_bulan__lt=bulan)
            | Q(selisih_bulan=bulan, tanggal__day__lte=ExtractDay(berakhir))
        )
    )


def residivis(bulan: int | None = None, *, klien: str = "pk") -> Exists:
    """Whether the client (the outer row's `klien` field: "pk" from Klien, "klien" from a
    row hanging off it) has a recidivism event within `bulan` months after its end; with
    `bulan` None, any recorded event at any date."""
    peristiwa = peristiwa_dalam(bulan) if bulan else PeristiwaResidivisme.objects.all()
    return Exists(peristiwa.filter(klien=OuterRef(klien)))


def _indikator(tonggak: str, **kondisi) -> Exists:
    return Exists(
        IndikatorReintegrasi.objects.filter(klien=OuterRef("pk"), tonggak=tonggak, **kondisi)
    )


def q_indikator_berpasangan() -> Q:
    """Klien measured both at the start and at the end of guidance."""
    return Q(*(_indikator(t) for t in TONGGAK_PASANGAN))


def q_indikator(nama: str, tonggak: str) -> Q:
    """Klien measured at start and end, with indicator `nama` true at `tonggak`."""
    return q_indikator_berpasangan() & Q(_indikator(tonggak, **{nama: True}))


def label_indikator(nama: str) -> str:
    """The indicator's label, capitalised (its field's verbose name; lazy)."""
    return capfirst(IndikatorReintegrasi._meta.get_field(nama).verbose_name)


# The client list's `indikator` filter: the pairs, and each indicator at each milestone.
BERPASANGAN = "berpasangan"


def pilihan_indikator(nama: str, tonggak: str) -> str:
    """The filter's value for indicator `nama` true at `tonggak` (e.g. "bekerja_akhir")."""
    return f"{nama}_{tonggak.lower()}"


PILIHAN_INDIKATOR = [
    (BERPASANGAN, _("Diukur di awal dan akhir bimbingan")),
    *(
        (pilihan_indikator(nama, t), format_lazy("{} – {}", label_indikator(nama), t.label))
        for nama in INDIKATOR
        for t in TONGGAK_PASANGAN
    ),
]


def q_pilihan_indikator(nilai: str) -> Q:
    """The filter of a `PILIHAN_INDIKATOR` value."""
    if nilai == BERPASANGAN:
        return q_indikator_berpasangan()
    nama, tonggak = next(
        (nama, t)
        for nama in INDIKATOR
        for t in TONGGAK_PASANGAN
        if nilai == pilihan_indikator(nama, t)
    )
    return q_indikator(nama, tonggak)
