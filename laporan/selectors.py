"""The figures of the report pages: scoped reads in, frozen dataclasses out.

The office dashboard counts through `Klien.objects.for_user` (the office, or a PK's own
caseload); the regional summary through `Klien.objects.untuk_agregat` (numbers, never
names, of every office the user may see).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from akun.models import Peran, Unit, User
from klien.models import Klien, RekapKlien
from klien.pilihan import STATUS_BERAKHIR, StatusKlien
from klien.querysets import (
    BERISIKO,
    MANGKIR_BERISIKO,
    MANGKIR_DASAR_PENCABUTAN,
    MANGKIR_PERINGATAN,
)
from klien.ringkasan import ringkasan_klien
from pembimbingan.kepatuhan import tanggal_mangkir
from pokmas.models import PerjanjianKerjaSama
from pokmas.selectors import KandidatMitra, Komposisi, kandidat_menunggu, komposisi_kelompok
from wilayah.models import Kecamatan

from .saringan import Saringan
from .selectors_hasil import HasilBimbingan, hasil_bimbingan
from .selectors_kehadiran import KehadiranDasbor, kehadiran_dasbor
from .selectors_klien import AlurKlien, alur_klien
from .selectors_kuhp import RingkasanKuhp, ringkasan_kuhp
from .selectors_mitra import mitra_periode
from .selectors_sumber_daya import SumberDayaProgram, sumber_daya_program
from .selectors_usulan import UsulanMenunggu, usulan_menunggu

# The at-risk list of the dashboard shows this many, the most missed reports first.
BATAS_DAFTAR_BERISIKO = 20


@dataclass(frozen=True)
class BebanPK:
    """One active PK of the office and their running caseload."""

    pengguna: User
    berjalan: int
    berisiko: int


@dataclass(frozen=True)
class KlienKecamatan:
    """One kecamatan of the office's work area and its running clients."""

    kecamatan: Kecamatan
    klien_berjalan: int


@dataclass(frozen=True)
class DasborKantor:
    unit: Unit
    beban_pk: list[BebanPK]  # the heaviest caseload first
    berisiko: list[Klien]  # at most BATAS_DAFTAR_BERISIKO, the most missed reports first
    kecamatan: list[KlienKecamatan]  # by kabupaten, then kecamatan
    kepatuhan: "TingkatKepatuhan"


def _klien(user, saringan):
    qs = Klien.objects.for_user(user)
    return qs if saringan is None else saringan.klien(qs)


def beban_pk(user, saringan=None) -> list[BebanPK]:
    """Running and at-risk clients per active PK of the user's office (two queries: the
    counts grouped per PK, the office's PKs, so that a PK with no client shows a nought).
    With a PK chosen in `saringan`, that PK alone."""
    pk_aktif = User.objects.pk_aktif(user.unit)
    if saringan is not None and saringan.pk is not None:
        pk_aktif = pk_aktif.filter(pk=saringan.pk.pk)
    per_pk = {
        r["pk_pembimbing"]: r
        for r in _klien(user, saringan)
        .berjalan()
        .order_by()
        .values("pk_pembimbing")
        .annotate(berjalan=Count("pk"), berisiko=Count("pk", filter=BERISIKO))
    }
    beban = [
        BebanPK(
            pengguna=p,
            berjalan=per_pk.get(p.pk, {}).get("berjalan", 0),
            berisiko=per_pk.get(p.pk, {}).get("berisiko", 0),
        )
        for p in pk_aktif
    ]
    beban.sort(key=lambda b: (-b.berjalan, b.pengguna.first_name, b.pengguna.username))
    return beban


@dataclass(frozen=True)
class TingkatKepatuhan:
    """Running clients per level of missed reports in a row (each level counts the clients
    at it or above, as the client list's `kepatuhan` filter does)."""

    peringatan: int
    berisiko: int
    dasar_pencabutan: int


def tingkat_kepatuhan(user, saringan=None) -> TingkatKepatuhan:
    """One query. With `saringan`, its client filters apply (not its period: a standing is
    today's)."""
    n = (
        _klien(user, saringan)
        .berjalan()
        .aggregate(
            peringatan=Count("pk", filter=Q(mangkir_berturut__gte=MANGKIR_PERINGATAN)),
            berisiko=Count("pk", filter=Q(mangkir_berturut__gte=MANGKIR_BERISIKO)),
            dasar_pencabutan=Count("pk", filter=Q(mangkir_berturut__gte=MANGKIR_DASAR_PENCABUTAN)),
        )
    )
    return TingkatKepatuhan(**n)


def klien_berisiko(user, batas: int = BATAS_DAFTAR_BERISIKO, saringan=None) -> list[Klien]:
    """Running clients with a warning or worse (a missed report in a row or more), the most
    missed reports first, each with the dates of their misses in a row as
    `tanggal_mangkir` (two queries)."""
    klien = list(
        _klien(user, saringan)
        .berjalan()
        .filter(mangkir_berturut__gte=MANGKIR_PERINGATAN)
        .select_related("pk_pembimbing")
        .order_by("-mangkir_berturut", "nama")[:batas]
    )
    tanggal = tanggal_mangkir([k.pk for k in klien])
    for k in klien:
        k.tanggal_mangkir = tanggal[k.pk]
    return klien


def klien_per_kecamatan(user, saringan=None) -> list[KlienKecamatan]:
    """Every kecamatan of the office's work area with its running clients (two queries: the
    counts grouped per kecamatan, the work area, so that an empty kecamatan shows a nought)."""
    per_kecamatan = dict(
        _klien(user, saringan)
        .berjalan()
        .order_by()
        .values_list("desa__kecamatan")
        .annotate(n=Count("pk"))
    )
    return [
        KlienKecamatan(kecamatan=k, klien_berjalan=per_kecamatan.get(k.pk, 0))
        for k in Kecamatan.objects.filter(kabupaten__unit_bapas=user.unit)
        .select_related("kabupaten")
        .order_by("kabupaten__nama", "nama")
    ]


def dasbor_kantor(user, saringan=None) -> DasborKantor:
    """The office dashboard's client figures (seven queries), with the client filters of
    `saringan` when given."""
    return DasborKantor(
        unit=user.unit,
        beban_pk=beban_pk(user, saringan),
        berisiko=klien_berisiko(user, saringan=saringan),
        kecamatan=klien_per_kecamatan(user, saringan),
        kepatuhan=tingkat_kepatuhan(user, saringan),
    )


@dataclass(frozen=True)
class AngkaKantor:
    """The regional summary's figures for one office: numbers, never names of clients."""

    unit_id: int
    nama: str
    kanwil: str
    jumlah_pk: int
    klien_berjalan: int
    klien_berisiko: int
    klien_selesai: int
    klien_dicabut: int
    klien_kembali: int  # diversions not carried out (back to the criminal process)
    klien_diakhiri: int  # court-ordered guidance ended by the court or the prosecutor


# The endings counted per kind (the others, died and moved, count only in `berjalan`).
_AKHIR_DIHITUNG = {
    "klien_selesai": StatusKlien.SELESAI,
    "klien_dicabut": StatusKlien.DICABUT,
    "klien_kembali": StatusKlien.KEMBALI,
    "klien_diakhiri": StatusKlien.DIAKHIRI,
}
# AngkaKantor's figures, in its fields' order.
_ANGKA = ("jumlah_pk", "klien_berjalan", "klien_berisiko", *_AKHIR_DIHITUNG)


def ringkasan_wilayah(user) -> list[AngkaKantor]:
    """The figures of every office the user may see, by kanwil then name (one query).

    Each figure is one count grouped by office over its own table (the offices, their
    active PKs, their clients, their clients at risk), the four sent together as a UNION
    ALL and added up here: no count per office row (a correlated subquery per office and
    figure was slow at national scale), and no join of PKs with clients (which would
    multiply the rows)."""
    nol = Value(0, output_field=IntegerField())
    tanpa_teks = Value(None, output_field=CharField())
    kantor = (
        Unit.objects.for_user(user)
        .order_by()
        .annotate(nama_kanwil=F("kanwil__nama"), **dict.fromkeys(_ANGKA, nol))
        .values_list("pk", "nama", "nama_kanwil", *_ANGKA)
    )
    pk = (
        User.objects.filter(unit__in=Unit.objects.for_user(user), peran=Peran.PK, is_active=True)
        .order_by()
        .values("unit")
        .annotate(
            nama_=tanpa_teks,
            kanwil_=tanpa_teks,
            jumlah_pk=Count("pk"),
            **dict.fromkeys(_ANGKA[1:], nol),
        )
        .values_list("unit", "nama_", "kanwil_", *_ANGKA)
    )
    # The clients from their flows per office and month (klien.RekapKlien: running = all
    # intakes less all endings, the endings by kind), never the clients themselves; those
    # at risk from the partial index that holds only them (one scan of every client's row
    # took 60-90 ms for the national user on the bench database: bench/README.md).
    berakhir = Q(peristiwa__in=STATUS_BERAKHIR)
    klien = (
        RekapKlien.objects.untuk_agregat(user)
        .order_by()
        .values("unit")
        .annotate(
            nama_=tanpa_teks,
            kanwil_=tanpa_teks,
            jumlah_pk=nol,
            klien_berjalan=Sum(
                Case(When(berakhir, then=-F("jumlah")), default=F("jumlah")), default=0
            ),
            klien_berisiko=nol,
            **{
                nama: Sum("jumlah", filter=Q(peristiwa=status), default=0)
                for nama, status in _AKHIR_DIHITUNG.items()
            },
        )
        .values_list("unit", "nama_", "kanwil_", *_ANGKA)
    )
    berisiko = (
        Klien.objects.untuk_agregat(user)
        .filter(BERISIKO)
        .order_by()
        .values("unit")
        .annotate(
            nama_=tanpa_teks,
            kanwil_=tanpa_teks,
            jumlah_pk=nol,
            klien_berjalan=nol,
            klien_berisiko=Count("*"),
            **dict.fromkeys(_AKHIR_DIHITUNG, nol),
        )
        .values_list("unit", "nama_", "kanwil_", *_ANGKA)
    )
    nama: dict[int, tuple[str, str]] = {}
    angka: dict[int, list[int]] = {}
    for unit_id, nama_unit, kanwil, *hitung in kantor.union(pk, klien, berisiko, all=True).order_by(
        "nama_kanwil", "nama"
    ):
        if nama_unit is not None:  # the office's own row (a name is never empty)
            nama[unit_id] = (nama_unit, kanwil)
        jumlah = angka.setdefault(unit_id, [0] * len(_ANGKA))
        for i, n in enumerate(hitung):
            jumlah[i] += n
    return [
        AngkaKantor(unit_id, nama_unit, kanwil, *angka[unit_id])
        for unit_id, (nama_unit, kanwil) in nama.items()
    ]


# --- The whole dashboard ------------------------------------------------------------------


@dataclass(frozen=True)
class Dasbor:
    """Every figure of the office dashboard for a period and filters, gathered from the
    selectors of each part (the view only renders this)."""

    saringan: Saringan
    kantor: DasborKantor
    usulan: UsulanMenunggu  # revocation proposals waiting for a step, whatever the filters
    ringkasan_klien: dict
    kehadiran: KehadiranDasbor
    alur: AlurKlien
    mitra: list
    sumber_daya: SumberDayaProgram
    hasil: HasilBimbingan
    pks_perlu_diperbarui: list  # expired or ending soon (PerjanjianQuerySet.perlu_diperbarui)
    mitra_kandidat: list[KandidatMitra]  # candidates waiting for activation, and what they lack
    komposisi: Komposisi
    kuhp: RingkasanKuhp  # supervision and community service (the office's, whatever the filters)


def dasbor(user, saringan: Saringan, hari_ini: datetime.date | None = None) -> Dasbor:
    """The office dashboard (a fixed number of queries, pinned in
    tests/laporan/test_dashboard.py)."""
    hari_ini = hari_ini or timezone.localdate()
    return Dasbor(
        saringan=saringan,
        kantor=dasbor_kantor(user, saringan),
        usulan=usulan_menunggu(user),
        ringkasan_klien=ringkasan_klien(user),
        kehadiran=kehadiran_dasbor(user, saringan, hari_ini),
        alur=alur_klien(user, saringan, hari_ini),
        mitra=mitra_periode(user, saringan, hari_ini),
        sumber_daya=sumber_daya_program(user, saringan),
        hasil=hasil_bimbingan(user, saringan, hari_ini),
        pks_perlu_diperbarui=list(
            PerjanjianKerjaSama.objects.for_user(user).perlu_diperbarui(hari_ini)
        ),
        mitra_kandidat=kandidat_menunggu(user, hari_ini),
        komposisi=komposisi_kelompok(user, hari_ini),
        kuhp=ringkasan_kuhp(user, saringan.dari, saringan.akhir, hari_ini),
    )
