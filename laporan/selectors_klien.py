"""The dashboard's client flow for a period and filters: who is running at its end, who came
in and who left during it (and how), and the month-by-month trend of both.

A client is running on a day D when their guidance has started by D and has not ended by D
(`tanggal_berakhir` empty, or after D): the ended clients who were still running on D count
too, so a past period shows what it was, not what is left of it today. "The end of the
period" is its last day, or today while the period is still running.

Two queries whatever the number of clients: the figures grouped by integration programme,
category and status; the trend grouped by the month of the start and of the end.

Every figure carries the address of the office's client list with the same selection
(klien.filters.KlienFilter), for the roles that may see that list. The list cannot select
the clients of a guidance programme, its type or its partner, nor clients running on a
past day; those figures have no link (see `_Tautan`).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from akun.izin import Izin, boleh
from klien.models import Klien
from klien.pilihan import STATUS_BERAKHIR, Kategori, ProgramIntegrasi, StatusKlien
from klien.querysets import berjalan_pada

from . import grafik
from .saringan import Saringan


@dataclass(frozen=True)
class Angka:
    """A count and the client list behind it (None: no list can show exactly these)."""

    n: int
    url: str | None = None


@dataclass(frozen=True)
class AlurProgram:
    """One integration programme (PB, CB, ...): running at the end of the period per
    category (in the order of AlurKlien.kategori) and in all, intakes and endings in it."""

    kode: str
    label: str
    berjalan: tuple[Angka, ...]
    berjalan_jumlah: Angka
    masuk: Angka
    berakhir: Angka


@dataclass(frozen=True)
class AlurBerakhir:
    """The clients whose guidance ended in the period in one way (selesai, dicabut, ...)."""

    status: str
    label: str
    angka: Angka


@dataclass(frozen=True)
class AlurBulan:
    bulan: datetime.date
    masuk: int
    berakhir: int


@dataclass(frozen=True)
class AlurKlien:
    dari: datetime.date  # the first day of the period
    akhir: datetime.date  # its last day
    tanggal_berjalan: datetime.date  # the day "running" is counted on (end of period or today)
    kategori: tuple[tuple[str, str], ...]  # the category columns shown: (value, label)
    program: tuple[AlurProgram, ...]  # programmes with any figure, in ProgramIntegrasi order
    berjalan: tuple[Angka, ...]  # running per category (columns of `kategori`)
    berjalan_jumlah: Angka
    masuk: Angka
    berakhir: tuple[AlurBerakhir, ...]  # every way of ending, in StatusKlien order
    berakhir_jumlah: Angka
    per_bulan: tuple[AlurBulan, ...]  # every month of the period
    grafik: grafik.Grafik  # the trend: intakes and endings per month
    ada_tautan: bool  # whether the figures link to the client list


class _Tautan:
    """Builds the client list's address for a selection, with the dashboard's client
    filters (Saringan.kueri_klien: kabupaten, category, PK and the guidance-programme
    filters, which pembimbingan adds to the list). None when the user may not see the list,
    or for a figure the list cannot select (`url(None)`)."""

    def __init__(self, user, saringan: Saringan):
        self.aktif = boleh(user, Izin.LIHAT_KLIEN_KANTOR)
        self.dasar = saringan.nilai_klien()
        self.daftar = reverse("klien:klien-list")

    def url(self, param: dict | None) -> str | None:
        if not self.aktif or param is None:
            return None
        return f"{self.daftar}?{urlencode({**self.dasar, **param})}"


def alur_klien(user, saringan: Saringan, hari_ini: datetime.date | None = None) -> AlurKlien:
    """The client flow of the period and filters (two queries)."""
    hari_ini = hari_ini or timezone.localdate()
    dari, akhir = saringan.dari, saringan.akhir
    pada = min(akhir, hari_ini)
    qs = saringan.klien(Klien.objects.for_user(user))
    tautan = _Tautan(user, saringan)

    q_berjalan = berjalan_pada(pada)
    masuk_periode = Q(tanggal_mulai__gte=dari, tanggal_mulai__lte=akhir)
    berakhir_periode = Q(tanggal_berakhir__gte=dari, tanggal_berakhir__lte=akhir)
    # (clients ended before the period, or starting after it, count nowhere)
    baris = (
        qs.filter(tanggal_mulai__lte=akhir)
        .filter(Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gte=dari))
        .order_by()
        .values("program", "kategori", "status")
        .annotate(
            n_berjalan=Count("pk", filter=q_berjalan),
            n_masuk=Count("pk", filter=masuk_periode),
            n_berakhir=Count("pk", filter=berakhir_periode),
        )
    )
    berjalan: dict[tuple[str, str], int] = {}
    masuk: dict[str, int] = {}
    berakhir_program: dict[str, int] = {}
    berakhir_status: dict[str, int] = {}
    for b in baris:
        kunci = (b["program"], b["kategori"])
        berjalan[kunci] = berjalan.get(kunci, 0) + b["n_berjalan"]
        masuk[b["program"]] = masuk.get(b["program"], 0) + b["n_masuk"]
        berakhir_program[b["program"]] = berakhir_program.get(b["program"], 0) + b["n_berakhir"]
        berakhir_status[b["status"]] = berakhir_status.get(b["status"], 0) + b["n_berakhir"]

    # running on `pada` (the list's filter of the same name: klien.querysets.berjalan_pada)
    def param_berjalan(**lain) -> dict:
        return {"berjalan_pada": pada.isoformat(), **lain}

    param_masuk = {"mulai_dari": dari.isoformat(), "mulai_sampai": akhir.isoformat()}
    param_berakhir = {"berakhir_dari": dari.isoformat(), "berakhir_sampai": akhir.isoformat()}

    kategori = tuple(
        (k, label)
        for k, label in Kategori.choices
        if not saringan.kategori or k == saringan.kategori
    )
    program = []
    for kode, label in ProgramIntegrasi.choices:
        per_kategori = [berjalan.get((kode, k), 0) for k, _label in kategori]
        if not any(per_kategori) and not masuk.get(kode) and not berakhir_program.get(kode):
            continue
        program.append(
            AlurProgram(
                kode=kode,
                label=str(label),
                berjalan=tuple(
                    Angka(n, tautan.url(param_berjalan(program=kode, kategori=k)))
                    for n, (k, _label) in zip(per_kategori, kategori, strict=True)
                ),
                berjalan_jumlah=Angka(sum(per_kategori), tautan.url(param_berjalan(program=kode))),
                masuk=Angka(masuk.get(kode, 0), tautan.url({"program": kode, **param_masuk})),
                berakhir=Angka(
                    berakhir_program.get(kode, 0), tautan.url({"program": kode, **param_berakhir})
                ),
            )
        )
    per_kategori = [sum(n for (_p, k2), n in berjalan.items() if k2 == k) for k, _l in kategori]
    berakhir = tuple(
        AlurBerakhir(
            status=s,
            label=str(StatusKlien(s).label),
            angka=Angka(berakhir_status.get(s, 0), tautan.url({"status": s, **param_berakhir})),
        )
        for s in STATUS_BERAKHIR
    )

    per_bulan = _per_bulan(qs, saringan)
    return AlurKlien(
        dari=dari,
        akhir=akhir,
        tanggal_berjalan=pada,
        kategori=tuple((k, str(label)) for k, label in kategori),
        program=tuple(program),
        berjalan=tuple(
            Angka(n, tautan.url(param_berjalan(kategori=k)))
            for n, (k, _l) in zip(per_kategori, kategori, strict=True)
        ),
        berjalan_jumlah=Angka(sum(per_kategori), tautan.url(param_berjalan())),
        masuk=Angka(sum(masuk.values()), tautan.url(param_masuk)),
        berakhir=berakhir,
        berakhir_jumlah=Angka(sum(a.angka.n for a in berakhir), tautan.url(param_berakhir)),
        per_bulan=per_bulan,
        grafik=grafik.garis(
            _("Klien masuk dan berakhir per bulan"),
            [f"{b.bulan:%m-%Y}" for b in per_bulan],
            {
                pgettext("klien", "Masuk"): [b.masuk for b in per_bulan],
                _("Berakhir"): [b.berakhir for b in per_bulan],
            },
        ),
        ada_tautan=tautan.aktif,
    )


def _per_bulan(qs, saringan: Saringan) -> tuple[AlurBulan, ...]:
    """Intakes and endings in each month of the period: one query grouped by the month of
    the start and the month of the end (a client may count in both)."""
    dari, akhir = saringan.dari, saringan.akhir
    masuk: dict[datetime.date, int] = {}
    berakhir: dict[datetime.date, int] = {}
    for b in (
        qs.filter(
            Q(tanggal_mulai__gte=dari, tanggal_mulai__lte=akhir)
            | Q(tanggal_berakhir__gte=dari, tanggal_berakhir__lte=akhir)
        )
        .order_by()
        .values(
            bulan_mulai=TruncMonth("tanggal_mulai"), bulan_berakhir=TruncMonth("tanggal_berakhir")
        )
        .annotate(n=Count("pk"))
    ):
        for nama, hitung in (("bulan_mulai", masuk), ("bulan_berakhir", berakhir)):
            bulan = b[nama]
            if bulan is not None and dari <= bulan <= akhir:
                hitung[bulan] = hitung.get(bulan, 0) + b["n"]
    return tuple(
        AlurBulan(bulan=b, masuk=masuk.get(b, 0), berakhir=berakhir.get(b, 0))
        for b in saringan.bulan
    )
