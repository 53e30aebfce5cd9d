"""The dashboard's period and filters: read from the query string by a form whose choices
are the user's own office's (a partner, programme or PK of another office is not a choice:
the form refuses it, and the dashboard says so and shows the default), and applied the
same way by every figure.

A filter means, for each kind of figure:
- attendance (the rollup's cells, or the rows for a PK): the sessions' month in the
  period; the client's kabupaten and category at the time of counting; the programme,
  its type or its partner (a filter on any of them leaves out wajib lapor, home visits and
  outreach days, which belong to no programme);
- clients: the client's kabupaten, category and PK; the programme filters keep the clients
  who took part in such a programme (enrolled, in any status).
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import User
from klien.pilihan import Kategori
from pembimbingan.models import Peserta, Program
from pembimbingan.pilihan import JenisProgram
from pokmas.models import Mitra
from wilayah.models import Kabupaten

# The default period: the last twelve months, this one included.
BULAN_BAKU = 12
# The longest period a dashboard shows (a longer one is refused, not cut short silently).
BULAN_MAKS = 36


def awal_bulan(tanggal: datetime.date) -> datetime.date:
    return tanggal.replace(day=1)


def geser_bulan(bulan: datetime.date, n: int) -> datetime.date:
    """The first day of the month `n` months after (before, when negative) `bulan`."""
    i = bulan.year * 12 + bulan.month - 1 + n
    return datetime.date(i // 12, i % 12 + 1, 1)


def akhir_bulan(bulan: datetime.date) -> datetime.date:
    return bulan.replace(day=calendar.monthrange(bulan.year, bulan.month)[1])


def daftar_bulan(dari: datetime.date, sampai: datetime.date) -> list[datetime.date]:
    """The first days of the months from `dari` to `sampai`, both included."""
    bulan, hasil = awal_bulan(dari), []
    while bulan <= sampai:
        hasil.append(bulan)
        bulan = geser_bulan(bulan, 1)
    return hasil


@dataclass(frozen=True)
class Periode:
    """Whole months: `dari` and `sampai` are first days, both included."""

    dari: datetime.date
    sampai: datetime.date

    @classmethod
    def baku(cls, hari_ini: datetime.date | None = None):
        """The last BULAN_BAKU months, this one included."""
        bulan_ini = awal_bulan(hari_ini or timezone.localdate())
        return cls(dari=geser_bulan(bulan_ini, -(BULAN_BAKU - 1)), sampai=bulan_ini)

    @property
    def akhir(self) -> datetime.date:
        """The last day of the period."""
        return akhir_bulan(self.sampai)

    @property
    def bulan(self) -> list[datetime.date]:
        return daftar_bulan(self.dari, self.sampai)


@dataclass(frozen=True)
class Saringan(Periode):
    """A period of whole months and the dashboard's filters; empty filters are None or
    ""."""

    kabupaten: Kabupaten | None = None
    jenis_program: str = ""
    mitra: Mitra | None = None
    program: Program | None = None
    pk: User | None = None
    kategori: str = ""
    # the query-string values as given (to rebuild links with one filter changed)
    nilai: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def filter_program(self) -> bool:
        """Whether a programme, its type or its partner is chosen."""
        return bool(self.program or self.jenis_program or self.mitra)

    @property
    def ada_filter(self) -> bool:
        return bool(self.filter_program or self.kabupaten or self.pk or self.kategori)

    def query_string(self, **ubah) -> str:
        """The query string of these filters, with `ubah` set (None or "" drops a key)."""
        nilai = {**self.nilai, **ubah}
        return urlencode({k: v for k, v in nilai.items() if v not in (None, "")})

    def nilai_klien(self, **lain) -> dict:
        """The client list's filters (klien.filters.KlienFilter) for the client filters of
        these, plus `lain` (empty values left out): the link from a client figure to the
        clients behind it."""
        nilai = {
            "kabupaten": self.kabupaten.pk if self.kabupaten else None,
            "kategori": self.kategori,
            "pk_pembimbing": self.pk.pk if self.pk else None,
            "jenis_program": self.jenis_program,
            "mitra": self.mitra.pk if self.mitra else None,
            "program_bimbingan": self.program.pk if self.program else None,
            **lain,
        }
        return {k: v for k, v in nilai.items() if v not in (None, "")}

    def kueri_klien(self, **lain) -> str:
        """`nilai_klien` as a query string."""
        return urlencode(self.nilai_klien(**lain))

    # --- applying the filters -------------------------------------------------------------

    def q_program(self, prefix: str = "") -> Q:
        """The programme filters as a Q over Program, reached through `prefix`
        (e.g. "program__" from RekapKehadiran, "sesi__program__" from Kehadiran)."""
        q = Q()
        if self.program:
            q &= Q(**{f"{prefix}pk": self.program.pk})
        if self.jenis_program:
            q &= Q(**{f"{prefix}jenis": self.jenis_program})
        if self.mitra:
            q &= Q(**{f"{prefix}mitra": self.mitra.pk})
        return q

    def rekap(self, qs: QuerySet) -> QuerySet:
        """RekapKehadiran cells of the period and filters (not the PK: the rollup has no
        PK; a PK's figures are counted from the rows, see `kehadiran`)."""
        qs = qs.filter(bulan__gte=self.dari, bulan__lte=self.sampai)
        if self.kabupaten:
            qs = qs.filter(kabupaten=self.kabupaten)
        if self.kategori:
            qs = qs.filter(kategori=self.kategori)
        if self.filter_program:
            qs = qs.filter(self.q_program("program__"))
        return qs

    def kehadiran(self, qs: QuerySet) -> QuerySet:
        """Kehadiran rows of the filters, the PK's clients included (the period is applied
        by the caller on the sessions' months, in the office's time zone)."""
        if self.kabupaten:
            qs = qs.filter(klien__desa__kecamatan__kabupaten=self.kabupaten)
        if self.kategori:
            qs = qs.filter(klien__kategori=self.kategori)
        if self.pk:
            qs = qs.filter(klien__pk_pembimbing=self.pk)
        if self.filter_program:
            qs = qs.filter(self.q_program("sesi__program__"))
        return qs

    def klien(self, qs: QuerySet) -> QuerySet:
        """Klien of the filters (the period is each figure's own: running at a date,
        started in it, ended in it)."""
        if self.kabupaten:
            qs = qs.filter(desa__kecamatan__kabupaten=self.kabupaten)
        if self.kategori:
            qs = qs.filter(kategori=self.kategori)
        if self.pk:
            qs = qs.filter(pk_pembimbing=self.pk)
        if self.filter_program:
            qs = qs.filter(
                pk__in=Peserta.objects.filter(self.q_program("program__")).values("klien")
            )
        return qs


class InputBulan(forms.DateInput):
    """<input type="month"> that shows a typed value only when it is a month (`2025-13`
    typed into the address would make the page invalid HTML; the error beside the field
    says what was wrong)."""

    input_type = "month"

    def __init__(self, attrs=None, format="%Y-%m"):
        super().__init__(attrs, format)

    def format_value(self, value):
        teks = super().format_value(value)
        return teks if teks and re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", teks) else None


class PilihanBulan(forms.DateField):
    """A month as `YYYY-MM` (the value of <input type="month">)."""

    widget = InputBulan
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Tulis bulan sebagai TTTT-BB, misalnya 2025-03.")}

    def to_python(self, value):
        tanggal = super().to_python(value)
        return tanggal.replace(day=1) if tanggal else None


class FormPeriode(forms.Form):
    """Whole months from `dari` to `sampai` (either may be left empty: twelve months from
    or to the other, or the last twelve), at most BULAN_MAKS of them, the end not before
    the start. The reports' forms build on it."""

    dari = PilihanBulan(label=_("Dari bulan"), required=False)
    sampai = PilihanBulan(label=_("Sampai bulan"), required=False)

    def __init__(self, *args, hari_ini: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini or timezone.localdate()
        self.fields["dari"].help_text = _("Kosong: 12 bulan terakhir.")

    def clean(self):
        data = super().clean()
        baku = Periode.baku(self.hari_ini)
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and not sampai:
            sampai = min(geser_bulan(dari, BULAN_BAKU - 1), baku.sampai)
        elif sampai and not dari:
            dari = geser_bulan(sampai, -(BULAN_BAKU - 1))
        dari, sampai = dari or baku.dari, sampai or baku.sampai
        if sampai < dari:
            self.add_error("sampai", _("Bulan akhir tidak boleh sebelum bulan awal."))
        elif len(daftar_bulan(dari, sampai)) > BULAN_MAKS:
            self.add_error("sampai", _("Periode paling panjang %(n)s bulan.") % {"n": BULAN_MAKS})
        data["dari"], data["sampai"] = dari, sampai
        return data


class FormSaringan(FormPeriode):
    kabupaten = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Kabupaten.objects.none(), required=False
    )
    jenis_program = forms.ChoiceField(
        label=_("Jenis program"),
        choices=[("", _("Semua jenis")), *JenisProgram.choices],
        required=False,
    )
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.none(), required=False)
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    pk = forms.ModelChoiceField(label=_("PK"), queryset=User.objects.none(), required=False)
    kategori = forms.ChoiceField(
        label=_("Kategori"), choices=[("", _("Dewasa dan anak")), *Kategori.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        unit = user.unit
        self.fields["kabupaten"].queryset = Kabupaten.objects.filter(unit_bapas=unit).order_by(
            "nama"
        )
        self.fields["mitra"].queryset = Mitra.objects.for_user(user).order_by("nama")
        self.fields["program"].queryset = Program.objects.for_user(user).order_by(
            "-tanggal_mulai", "nama"
        )
        self.fields["pk"].queryset = User.objects.pk_aktif(unit)

    def saringan(self) -> Saringan:
        """The filters of a valid form; the default (last twelve months, no filter) for an
        invalid one (its errors are shown beside it)."""
        if not self.is_valid():
            return Saringan.baku(self.hari_ini)
        d = self.cleaned_data
        nilai = {k: v for k, v in self.data.items() if k in self.fields and v}
        return Saringan(
            dari=d["dari"],
            sampai=d["sampai"],
            kabupaten=d["kabupaten"],
            jenis_program=d["jenis_program"],
            mitra=d["mitra"],
            program=d["program"],
            pk=d["pk"],
            kategori=d["kategori"],
            nilai=nilai,
        )
