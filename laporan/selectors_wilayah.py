"""The Kanwil and national view: the offices' figures for a period, side by side, as
aggregates only (no client's name or NIK is read, let alone shown), with small cells hidden
(laporan.sensor).

Four queries, whatever the number of offices, clients or sessions, each one GROUP BY:
1. the offices (for every office a row, also one with nothing recorded);
2. their active PKs, counted per office;
3. their clients, counted per office and, for those started in the period, month of start
   (running at the end of the period, started in it, ended in it by kind, at risk now,
   under guidance at some time in it): one scan of the register;
4. the attendance rollup's office cells (pembimbingan.RekapKehadiranKantor, never the
   attendance rows), summed per office, month and reason.
Everything else is added up here from those few thousand rows.

Figures, for a period of whole months `dari`..`sampai` (its last day `akhir`):
- running at the end: started on or before `akhir` and not ended on or before it;
- intakes: started in the period; endings: ended in the period, by kind (completed,
  revoked, died, moved to another Bapas); the revocations are the "dicabut" column;
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

from django.db.models import Case, Count, DateField, Q, Sum, When
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext_lazy as _

from akun.models import Peran, Unit, User
from klien.models import Klien
from klien.pilihan import StatusKlien
from klien.querysets import BERISIKO, berjalan_pada
from pembimbingan.models import RekapKehadiranKantor
from pembimbingan.pilihan import HASIL_HADIR

from .periode_wilayah import PeriodeWilayah
from .susun_wilayah import BarisWilayah, Blok, DataWilayah, Lingkup, Penyusun

# How each kind of ending is stored.
_BERAKHIR = {
    "selesai": StatusKlien.SELESAI,
    "dicabut": StatusKlien.DICABUT,
    "meninggal": StatusKlien.MENINGGAL,
    "pindah": StatusKlien.PINDAH,
}


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
    rekap_qs = RekapKehadiranKantor.objects.untuk_agregat(user)
    if periode.kanwil:
        kantor_qs = kantor_qs.filter(kanwil=periode.kanwil)
        klien_qs = klien_qs.filter(unit__kanwil=periode.kanwil)
        rekap_qs = rekap_qs.filter(unit__kanwil=periode.kanwil)
    dari, akhir = periode.dari, periode.akhir
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
    # one scan of the clients, grouped by office and, for those started in the period, the
    # month they started (every other client in its office's group without a month)
    masuk = Q(tanggal_mulai__gte=dari, tanggal_mulai__lte=akhir)
    berakhir = Q(tanggal_berakhir__gte=dari, tanggal_berakhir__lte=akhir)
    dibimbing = Q(tanggal_mulai__lte=akhir) & (
        Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gte=dari)
    )
    klien: dict[int, dict[str, int]] = {}
    masuk_bulan: dict[tuple[int, datetime.date], int] = {}
    for r in (
        # only the clients some figure counts: under guidance at some time in the period
        # (every figure but the risk is a part of them) or at risk now (the register's
        # years of ended clients are not read)
        klien_qs.filter(dibimbing | BERISIKO)
        .order_by()
        .values(
            "unit",
            bulan=Case(
                # cast: inside a CASE the month's own conversion to a date is not applied
                When(masuk, then=Cast(TruncMonth("tanggal_mulai"), DateField())),
                output_field=DateField(),
            ),
        )
        .annotate(
            berjalan=Count("pk", filter=berjalan_pada(akhir)),
            masuk=Count("pk", filter=masuk),
            **{
                kunci: Count("pk", filter=berakhir & Q(status=status))
                for kunci, status in _BERAKHIR.items()
            },
            berisiko=Count("pk", filter=BERISIKO),
            dibimbing=Count("pk", filter=dibimbing),
        )
    ):
        unit, bulan = r.pop("unit"), r.pop("bulan")
        jumlah = klien.setdefault(unit, dict.fromkeys(r, 0))
        for kunci, n in r.items():
            jumlah[kunci] += n
        if bulan is not None:
            masuk_bulan[(unit, bulan)] = r["masuk"]
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
    country's. Four queries (module docstring)."""
    data = _baca(user, periode)
    penyusun = Penyusun(data, periode)
    per_kanwil: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for unit, nama, kanwil_id, nama_kanwil in data.kantor:
        per_kanwil.setdefault(kanwil_id, (nama_kanwil, []))[1].append((unit, nama))
    disusun = [penyusun.blok(k, nama, kantor) for k, (nama, kantor) in per_kanwil.items()]
    blok = tuple(penyusun.baca_blok(d) for d in disusun)
    nasional = None
    if user.peran == Peran.PUSAT and periode.kanwil is None:
        sel = penyusun.nasional([d.lingkup for d in disusun])
        nasional = penyusun.lingkup(sel, str(_("Jumlah nasional")), "nasional")
    return RingkasanWilayah(periode=periode, blok=blok, nasional=nasional)
