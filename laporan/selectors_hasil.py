"""The outcomes of guidance on the office dashboard: recidivism after guidance ended, split
by participation, programme type and partner, and the reintegration indicators at the start
and at the end. Office dashboard only: the figures are counted over the office's clients.

The cohort: the office's clients (`Klien.objects.for_user`, the dashboard's filters through
`Saringan.klien`) whose guidance was completed (status SELESAI) with `tanggal_berakhir` in
the period. Left out:
- MENINGGAL and PINDAH: there is nothing to measure (a death; guidance carried on by another
  office, which holds the outcome);
- the endings that a decision brings about (DI_LUAR_KOHORT), each counted beside the
  figures with its list, never in them:
  - DICABUT: a revoked client goes back to prison for the rest of the sentence, so the
    months after the "end" are not months at liberty, and their recidivism cannot be
    compared with that of clients who completed;
  - KEMBALI: a child whose diversion was not carried out; the case goes back to the
    criminal process, which may end in a sentence (LPKA), so the months after are neither
    surely at liberty nor after guidance carried through;
  - DIAKHIRI: court-ordered guidance ended by the court's or the prosecutor's decision.
    The register does not say which way (a shorter term for good conduct, or prison for a
    breach: UU 1/2023 Pasal 75-77), so the months after cannot be taken as at liberty,
    and putting the early ends among the completions would mix two populations.
  Each is an outcome of guidance too, and a group that loses most clients to it would
  look better without it: hence their counts beside the rates, for the same period and
  filters.

Recidivism within 6 (12) months, the windows and when a client can be judged: klien.hasil.
A client ended too recently for a window is "belum dapat dinilai" for it, counted apart.
Participation groups (no programme, no attendance recorded yet, below 75 %, 75 % and
above): pembimbingan.partisipasi. By programme type and by partner: the clients who took
part in such a programme (enrolled, in any status; among the programmes the dashboard's
filters select); a client in two programmes counts in each, and a programme run by the
office itself has no partner row. The client list behind each count is reached with
`query_*` (its filters set: klien.filters, pembimbingan.saringan_klien).

Four queries, whatever the number of clients: the cohort grouped by participation (the
endings of DI_LUAR_KOHORT counted in it), the enrolments grouped by programme type, then by
partner, and the reintegration pairs.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klien.hasil import (
    BERPASANGAN,
    BULAN_RESIDIVISME,
    INDIKATOR,
    TONGGAK_PASANGAN,
    batas_dinilai,
    label_indikator,
    pilihan_indikator,
    q_indikator,
    q_indikator_berpasangan,
    residivis,
)
from klien.models import Klien
from klien.pilihan import StatusKlien
from pembimbingan.models import Peserta
from pembimbingan.partisipasi import Partisipasi, dengan_partisipasi
from pembimbingan.pilihan import JenisProgram
from pembimbingan.selectors_rekap import N_MINIMUM, DenganN

from .berakhir import LABEL_BERAKHIR
from .grafik import Grafik, batang
from .saringan import Saringan

SATU_HARI = datetime.timedelta(days=1)

# The endings kept out of the cohort and counted beside it (the module's docstring).
DI_LUAR_KOHORT = (StatusKlien.DICABUT, StatusKlien.KEMBALI, StatusKlien.DIAKHIRI)


@dataclass(frozen=True)
class Residivisme(DenganN):
    """Recidivism within `bulan` months of one group: `residivis` of the `dinilai` clients
    whose window has passed; `belum_dinilai` ended too recently to judge."""

    bulan: int
    residivis: int
    dinilai: int
    belum_dinilai: int
    query_residivis: str
    query_dinilai: str
    query_belum: str

    def _rasio(self) -> tuple[int, int]:
        return self.residivis, self.dinilai


@dataclass(frozen=True)
class BarisHasil:
    """One group of the cohort: its clients and their recidivism per window."""

    kunci: str
    label: str
    klien: int
    query: str
    residivisme: tuple[Residivisme, ...]  # one per BULAN_RESIDIVISME, in that order


@dataclass(frozen=True)
class Bagian(DenganN):
    """`jumlah` of the `n` measured clients."""

    jumlah: int
    n: int
    query: str

    def _rasio(self) -> tuple[int, int]:
        return self.jumlah, self.n


@dataclass(frozen=True)
class BarisIndikator:
    kunci: str
    label: str
    awal: Bagian
    akhir: Bagian

    @property
    def tonggak(self) -> tuple[Bagian, Bagian]:
        return (self.awal, self.akhir)


@dataclass(frozen=True)
class Reintegrasi:
    """The cohort's clients measured at the start and at the end (`n`), and the share of
    them with each indicator at each."""

    n: int
    query: str
    baris: tuple[BarisIndikator, ...]

    @property
    def terlalu_sedikit(self) -> bool:
        return self.n < N_MINIMUM


@dataclass(frozen=True)
class BerakhirLain:
    """The clients of the period who ended in one way of DI_LUAR_KOHORT, and their list."""

    status: str
    label: str
    n: int
    query: str


@dataclass(frozen=True)
class Jendela:
    """A window after the end: `bulan` months, judged for the clients who ended on
    `batas_dinilai` or before."""

    bulan: int
    batas_dinilai: datetime.date


@dataclass(frozen=True)
class HasilBimbingan:
    dari: datetime.date
    akhir: datetime.date
    hari_ini: datetime.date
    jendela: tuple[Jendela, ...]  # one per BULAN_RESIDIVISME, in that order
    semua: BarisHasil  # the whole cohort
    partisipasi: tuple[BarisHasil, ...]  # every group, in Partisipasi's order
    jenis_program: tuple[BarisHasil, ...]  # both types
    mitra: tuple[BarisHasil, ...]  # partners whose programmes had clients of the cohort
    di_luar: tuple[BerakhirLain, ...]  # per DI_LUAR_KOHORT, ended in the period, not in it
    reintegrasi: Reintegrasi
    grafik: Grafik
    n_minimum: int = N_MINIMUM  # below this many clients a share is too few to judge

    @property
    def dicabut(self) -> int:
        """Revoked in the period."""
        return next(b.n for b in self.di_luar if b.status == StatusKlien.DICABUT)


def _query_dasar(saringan: Saringan, status: str) -> dict:
    """The client list's filters for the clients of `status` who ended in the period, with
    the dashboard's filters."""
    return saringan.nilai_klien(
        status=status,
        berakhir_dari=saringan.dari.isoformat(),
        berakhir_sampai=saringan.akhir.isoformat(),
    )


def _hitungan(batas: dict[int, datetime.date], *, klien: str = "pk", dasar: Q | None = None):
    """The counts of a group (distinct clients): all, and per window those who can be
    judged and those with recidivism in it. `klien`: the client from the rows counted ("pk"
    from Klien, "klien" from an enrolment); `dasar`: which of the rows are counted."""
    awalan = "" if klien == "pk" else f"{klien}__"

    def hitung(kondisi: Q | None = None) -> Count:
        if dasar is not None:
            kondisi = dasar if kondisi is None else dasar & kondisi
        return Count(klien, distinct=True, filter=kondisi)

    hasil = {"n_klien": hitung()}
    for bulan, tanggal in batas.items():
        dinilai = Q(**{f"{awalan}tanggal_berakhir__lte": tanggal})
        hasil[f"n_dinilai_{bulan}"] = hitung(dinilai)
        hasil[f"n_residivis_{bulan}"] = hitung(dinilai & Q(residivis(bulan, klien=klien)))
    return hasil


def _baris(
    kunci: str,
    label: str,
    angka: dict,
    query: dict,
    saringan: Saringan,
    batas: dict[int, datetime.date],
) -> BarisHasil:
    """A group's row from its counts (`angka`, empty for a group without clients) and the
    list filters of its clients (`query`)."""
    residivisme = []
    for bulan, tanggal in batas.items():
        dinilai = angka.get(f"n_dinilai_{bulan}", 0)
        q_dinilai = {**query, "berakhir_sampai": min(saringan.akhir, tanggal).isoformat()}
        q_belum = {**query, "berakhir_dari": max(saringan.dari, tanggal + SATU_HARI).isoformat()}
        residivisme.append(
            Residivisme(
                bulan=bulan,
                residivis=angka.get(f"n_residivis_{bulan}", 0),
                dinilai=dinilai,
                belum_dinilai=angka.get("n_klien", 0) - dinilai,
                query_residivis=urlencode({**q_dinilai, "residivis": bulan}),
                query_dinilai=urlencode(q_dinilai),
                query_belum=urlencode(q_belum),
            )
        )
    return BarisHasil(
        kunci=kunci,
        label=label,
        klien=angka.get("n_klien", 0),
        query=urlencode(query),
        residivisme=tuple(residivisme),
    )


def _teks_tingkat(r: Residivisme) -> str:
    if not r.dinilai:
        return "–"
    return _("terlalu sedikit untuk dinilai") if r.terlalu_sedikit else f"{r.persen} %"


def grafik_partisipasi(baris: tuple[BarisHasil, ...]) -> Grafik:
    """Recidivism per participation group, one bar per window (a rate of too few clients
    left out: its table says so)."""
    kepala = [_("Partisipasi")]
    for bulan in BULAN_RESIDIVISME:
        kepala += [
            _("Residivis dalam %(n)s bulan") % {"n": bulan},
            _("Dapat dinilai (%(n)s bulan)") % {"n": bulan},
        ]
    return batang(
        _("Residivisme setelah bimbingan berakhir, menurut partisipasi program"),
        [str(b.label) for b in baris],
        {
            _("Dalam %(n)s bulan") % {"n": bulan}: [b.residivisme[i].persen_sah for b in baris]
            for i, bulan in enumerate(BULAN_RESIDIVISME)
        },
        kepala=tuple(kepala),
        baris=tuple(
            (b.label, *(x for r in b.residivisme for x in (_teks_tingkat(r), r.dinilai)))
            for b in baris
        ),
        persen=True,
    )


def _reintegrasi(kohort, query: dict) -> Reintegrasi:
    """The cohort's start-and-end pairs and each indicator at each milestone (one query)."""
    angka = kohort.filter(q_indikator_berpasangan()).aggregate(
        n=Count("pk"),
        **{
            pilihan_indikator(nama, t): Count("pk", filter=q_indikator(nama, t))
            for nama in INDIKATOR
            for t in TONGGAK_PASANGAN
        },
    )
    n = angka["n"]

    def bagian(nama: str, tonggak: str) -> Bagian:
        kunci = pilihan_indikator(nama, tonggak)
        return Bagian(angka[kunci], n, urlencode({**query, "indikator": kunci}))

    awal, akhir = TONGGAK_PASANGAN
    return Reintegrasi(
        n=n,
        query=urlencode({**query, "indikator": BERPASANGAN}),
        baris=tuple(
            BarisIndikator(nama, label_indikator(nama), bagian(nama, awal), bagian(nama, akhir))
            for nama in INDIKATOR
        ),
    )


def hasil_bimbingan(
    user, saringan: Saringan, hari_ini: datetime.date | None = None
) -> HasilBimbingan:
    """The outcome figures of the user's office for the period and filters (four queries;
    see the module's docstring)."""
    hari_ini = hari_ini or timezone.localdate()
    batas = {bulan: batas_dinilai(hari_ini, bulan) for bulan in BULAN_RESIDIVISME}
    berakhir = saringan.klien(Klien.objects.for_user(user)).filter(
        tanggal_berakhir__gte=saringan.dari, tanggal_berakhir__lte=saringan.akhir
    )
    kohort = berakhir.filter(status=StatusKlien.SELESAI)
    query = _query_dasar(saringan, StatusKlien.SELESAI)

    # 1. the cohort by participation, the other decided endings of the period beside it
    per_partisipasi = {
        r["partisipasi"]: r
        for r in dengan_partisipasi(
            berakhir.filter(status__in=(StatusKlien.SELESAI, *DI_LUAR_KOHORT))
        )
        .order_by()
        .values("partisipasi")
        .annotate(
            **_hitungan(batas, dasar=Q(status=StatusKlien.SELESAI)),
            **{f"n_{s}": Count("pk", filter=Q(status=s)) for s in DI_LUAR_KOHORT},
        )
    }
    partisipasi = tuple(
        _baris(
            p.value,
            p.label,
            per_partisipasi.get(p.value, {}),
            {**query, "partisipasi": p.value},
            saringan,
            batas,
        )
        for p in Partisipasi
    )
    # the whole cohort: the same counts, added up over the groups
    semua = {kunci: sum(r[kunci] for r in per_partisipasi.values()) for kunci in _hitungan(batas)}

    # 2, 3. the cohort's enrolments in the programmes the filters select
    peserta = (
        Peserta.objects.for_user(user)
        .filter(klien__in=kohort)
        .filter(saringan.q_program("program__"))
        .order_by()
    )
    per_jenis = {
        r["program__jenis"]: r
        for r in peserta.values("program__jenis").annotate(**_hitungan(batas, klien="klien"))
    }
    per_mitra = (
        peserta.filter(program__mitra__isnull=False)
        .values("program__mitra", "program__mitra__nama")
        .annotate(**_hitungan(batas, klien="klien"))
        .order_by("program__mitra__nama", "program__mitra")
    )

    return HasilBimbingan(
        dari=saringan.dari,
        akhir=saringan.akhir,
        hari_ini=hari_ini,
        jendela=tuple(Jendela(bulan, tanggal) for bulan, tanggal in batas.items()),
        semua=_baris("semua", _("Semua klien"), semua, query, saringan, batas),
        partisipasi=partisipasi,
        jenis_program=tuple(
            _baris(
                j.value,
                j.label,
                per_jenis.get(j.value, {}),
                {**query, "jenis_program": j.value},
                saringan,
                batas,
            )
            for j in JenisProgram
        ),
        mitra=tuple(
            _baris(
                str(r["program__mitra"]),
                r["program__mitra__nama"],
                r,
                {**query, "mitra": r["program__mitra"]},
                saringan,
                batas,
            )
            for r in per_mitra
        ),
        di_luar=tuple(
            BerakhirLain(
                status=s,
                label=str(LABEL_BERAKHIR[s]),
                n=sum(r[f"n_{s}"] for r in per_partisipasi.values()),
                query=urlencode(_query_dasar(saringan, s)),
            )
            for s in DI_LUAR_KOHORT
        ),
        reintegrasi=_reintegrasi(kohort, query),
        grafik=grafik_partisipasi(partisipasi),
    )
