"""The Kanwil and national view: the offices' figures for a period, side by side, as
aggregates only (no client's name or NIK is read, let alone shown), with small cells hidden
(laporan.sensor).

Six queries, whatever the number of offices, clients or sessions, each one GROUP BY:
1. the offices (for every office a row, also one with nothing recorded);
2. their active PKs, counted per office;
3. their clients' flows per office and month (klien.RekapKlien: intakes, endings by kind),
   summed per office (running at the end of the period, started in it, ended in it by
   kind, under guidance at some time in it), never the clients themselves;
4. the same flows' intakes per office and month of the period;
5. the clients at risk now per office (a partial index holds only them);
6. the attendance rollup's office cells (pembimbingan.RekapKehadiranKantor, never the
   attendance rows), summed per office, month and reason.
Everything else is added up here from those few thousand rows.

Figures, for a period of whole months `dari`..`sampai` (its last day `akhir`):
- running at the end: started on or before `akhir` and not ended on or before it;
- intakes: started in the period; endings: ended in the period, by kind, every ending
  status (completed; revoked by the SK; a diversion not carried out, back to the criminal
  process; court-ordered guidance ended by the court or the prosecutor; died; moved to
  another Bapas), so that running at the end of the month before the period + intakes -
  endings = running at its end;
- at risk: running clients with two or more missed reports in a row *now* (the register
  keeps the current count only);
- attendance: present of recorded outcomes in the sessions of the period, with its n.

Which cells are hidden and which rates are shown: laporan.susun_wilayah. What that does not
cover: a reader who asks for two overlapping periods (January-March, then January-February)
can subtract one from the other; the pages are for Kanwil and national staff, who may choose
any months, and the protection is that of each page and download on its own.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from akun.models import Peran, Unit, User
from klien.models import MASUK, Klien, RekapKlien
from klien.pilihan import STATUS_BERAKHIR
from klien.querysets import BERISIKO
from pembimbingan.models import RekapKehadiranKantor
from pembimbingan.pilihan import HASIL_HADIR

from .periode_wilayah import PeriodeWilayah
from .susun_wilayah import BarisWilayah, Blok, DataWilayah, Lingkup, Penyusun

# Each kind of ending, by its figure's key (susun_wilayah.UKURAN) and how it is stored.
_BERAKHIR = {str(status).lower(): status for status in STATUS_BERAKHIR}


@dataclass(frozen=True)
class RingkasanWilayah:
    periode: PeriodeWilayah
    blok: tuple[Blok, ...]
    nasional: Lingkup | None  # the national user's view of every Kanwil

    @property
    def utama(self) -> Lingkup | None:
        """The figures of the whole view: national, or the one Kanwil shown."""
        if self.nasional is not None:
            return self.nasional
        return self.blok[0].lingkup if len(self.blok) == 1 else None

    @property
    def semua_baris(self) -> list[BarisWilayah]:
        """The table's rows in order: each Kanwil's offices and total, then the country."""
        baris = [b for blok in self.blok for b in (*blok.kantor, blok.lingkup.jumlah)]
        return [*baris, self.nasional.jumlah] if self.nasional else baris


def _baca(user, periode: PeriodeWilayah) -> DataWilayah:
    kantor_qs = Unit.objects.for_user(user)
    klien_qs = Klien.objects.untuk_agregat(user)
    alur_qs = RekapKlien.objects.untuk_agregat(user)
    rekap_qs = RekapKehadiranKantor.objects.untuk_agregat(user)
    if periode.kanwil:
        kantor_qs = kantor_qs.filter(kanwil=periode.kanwil)
        klien_qs = klien_qs.filter(unit__kanwil=periode.kanwil)
        alur_qs = alur_qs.filter(unit__kanwil=periode.kanwil)
        rekap_qs = rekap_qs.filter(unit__kanwil=periode.kanwil)
    dari = periode.dari
    kantor = list(
        kantor_qs.order_by("kanwil__nama", "kanwil_id", "nama").values_list(
            "pk", "nama", "kanwil_id", "kanwil__nama"
        )
    )
    pk = dict(
        User.objects.filter(unit__in=kantor_qs, peran=Peran.PK, is_active=True)
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )
    # The clients' flows per office and month (klien.RekapKlien, a few thousand cells for
    # the country), never the clients: running at the period's end = intakes up to it less
    # endings up to it; under guidance at some time in it = intakes up to its end less
    # endings before its start; intakes and endings of the period; intakes per month.
    akhir_periode = Q(bulan__lte=periode.sampai)
    dalam_periode = Q(bulan__gte=dari, bulan__lte=periode.sampai)
    akhir_berakhir = Q(peristiwa__in=STATUS_BERAKHIR)
    klien: dict[int, dict[str, int]] = {}
    masuk_bulan: dict[tuple[int, datetime.date], int] = {}
    for r in (
        alur_qs.filter(akhir_periode)
        .order_by()
        .values("unit")
        .annotate(
            masuk_sampai=Sum("jumlah", filter=Q(peristiwa=MASUK), default=0),
            berakhir_sampai=Sum("jumlah", filter=akhir_berakhir, default=0),
            berakhir_sebelum=Sum("jumlah", filter=akhir_berakhir & Q(bulan__lt=dari), default=0),
            masuk=Sum("jumlah", filter=Q(peristiwa=MASUK) & dalam_periode, default=0),
            **{
                kunci: Sum("jumlah", filter=Q(peristiwa=status) & dalam_periode, default=0)
                for kunci, status in _BERAKHIR.items()
            },
        )
    ):
        klien[r["unit"]] = {
            "berjalan": r["masuk_sampai"] - r["berakhir_sampai"],
            "masuk": r["masuk"],
            **{kunci: r[kunci] for kunci in _BERAKHIR},
            "berisiko": 0,
            "dibimbing": r["masuk_sampai"] - r["berakhir_sebelum"],
        }
    for unit, bulan, n in (
        alur_qs.filter(dalam_periode, peristiwa=MASUK)
        .order_by()
        .values_list("unit", "bulan")
        .annotate(n=Sum("jumlah"))
    ):
        masuk_bulan[(unit, bulan)] = n
    # at risk now: from the partial index that holds only those clients
    for unit, n in (
        klien_qs.filter(BERISIKO).order_by().values_list("unit").annotate(n=Count("unit"))
    ):
        klien.setdefault(unit, dict.fromkeys(("berjalan", "masuk", *_BERAKHIR, "dibimbing"), 0))
        klien[unit]["berisiko"] = n
    rekap = [
        (r["unit"], r["bulan"], r["alasan"], r["n"], r["hadir"])
        for r in rekap_qs.filter(bulan__gte=periode.dari, bulan__lte=periode.sampai)
        .order_by()
        .values("unit", "bulan", "alasan")
        .annotate(
            n=Sum("jumlah"),
            hadir=Sum("jumlah", filter=Q(hasil__in=HASIL_HADIR), default=0),
        )
    ]
    return DataWilayah(kantor, pk, klien, masuk_bulan, rekap)


def ringkasan_wilayah(user, periode: PeriodeWilayah) -> RingkasanWilayah:
    """The figures of every office the user may see (of one Kanwil, when chosen), by
    Kanwil, with each Kanwil's totals and, for a national user without a chosen Kanwil, the
    country's. Six queries (module docstring)."""
    nasional = user.peran == Peran.PUSAT and periode.kanwil is None
    return susun(_baca(user, periode), periode, nasional=nasional)


def susun(data: DataWilayah, periode: PeriodeWilayah, *, nasional: bool) -> RingkasanWilayah:
    """The view from the rows read: each Kanwil's cells decided on its own, then, with
    `nasional`, the country's."""
    penyusun = Penyusun(data, periode)
    per_kanwil: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for unit, nama, kanwil_id, nama_kanwil in data.kantor:
        per_kanwil.setdefault(kanwil_id, (nama_kanwil, []))[1].append((unit, nama))
    disusun = [penyusun.blok(k, nama, kantor) for k, (nama, kantor) in per_kanwil.items()]
    blok = tuple(penyusun.baca_blok(d) for d in disusun)
    lingkup = None
    if nasional:
        sel = penyusun.nasional([d.lingkup for d in disusun])
        lingkup = penyusun.lingkup(sel, str(_("Jumlah nasional")), "nasional")
    return RingkasanWilayah(periode=periode, blok=blok, nasional=lingkup)
