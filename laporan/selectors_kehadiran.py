"""The dashboard's attendance and absence figures for a period and filters.

The figures are read from the attendance rollup's cells (pembimbingan.RekapKehadiran, one
query for the period, a few hundred cells a month for an office), and every grouping is
made from those cells here: by month, programme type, partner, programme, kabupaten,
session mode and kind, and the absences by reason. With a PK chosen the rollup cannot
answer (it has no PK), so the same cells are counted from that PK's clients' rows, one
grouped query (a PK's caseload is small): the figures below do not know the difference.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pembimbingan import rekap
from pembimbingan.kalender import awal_hari
from pembimbingan.models import Kehadiran, Program, RekapKehadiran
from pembimbingan.pilihan import (
    HASIL_HADIR,
    AlasanAbsen,
    HasilHadir,
    JenisProgram,
    JenisSesi,
    ModaSesi,
)
from pembimbingan.selectors_rekap import DenganN
from wilayah.models import Kabupaten

from .saringan import Saringan, geser_bulan

HASIL_ABSEN = (HasilHadir.IZIN, HasilHadir.TIDAK_HADIR, HasilHadir.MENUNGGU_KETERANGAN)
# A reason is "growing" when its absences in the last BULAN_TREN months of the period are at
# least NAIK_MIN more, and NAIK_PERSEN % more, than in the BULAN_TREN months before them.
BULAN_TREN = 3
NAIK_MIN = 3
NAIK_PERSEN = 20


@dataclass(frozen=True)
class Tingkat(DenganN):
    """One group's attendance: `hadir` of `tercatat` recorded outcomes. `saring` holds the
    query-string values that select the rows behind it on the attendance list."""

    label: str
    hadir: int
    tercatat: int
    saring: tuple[tuple[str, str], ...] = ()

    def _rasio(self) -> tuple[int, int]:
        return self.hadir, self.tercatat


@dataclass(frozen=True)
class AbsenAlasan:
    """The absences of one reason: acceptable (izin), not acceptable (tidak hadir), awaiting
    evidence; and the trend (the last BULAN_TREN months against those before)."""

    alasan: str
    label: str
    izin: int
    tidak_hadir: int
    menunggu: int
    terakhir: int  # absences in the last BULAN_TREN months of the period
    sebelumnya: int  # in the BULAN_TREN months before those

    @property
    def jumlah(self) -> int:
        return self.izin + self.tidak_hadir + self.menunggu

    @property
    def naik(self) -> bool:
        beda = self.terakhir - self.sebelumnya
        return beda >= NAIK_MIN and beda * 100 >= NAIK_PERSEN * max(self.sebelumnya, 1)


@dataclass(frozen=True)
class KehadiranDasbor:
    total: Tingkat
    per_bulan: list[Tingkat]  # every month of the period, an empty one with 0 of 0
    per_jenis_program: list[Tingkat]  # kepribadian, kemandirian, then without programme
    per_mitra: list[Tingkat]  # the partners' programmes, most recorded first
    per_program: list[Tingkat]
    per_kabupaten: list[Tingkat]
    per_moda: list[Tingkat]
    per_jenis_sesi: list[Tingkat]
    absen: list[AbsenAlasan]  # most absences first
    absen_total: AbsenAlasan
    menunggu_lewat_batas: int  # awaiting evidence past its deadline, now
    bulan_tren: tuple[datetime.date, datetime.date] | None  # the trend's first month compared


def sel(user, saringan: Saringan) -> Counter:
    """The rollup cells (rekap.Kunci -> count) of the period and filters: stored ones, or
    with a PK chosen counted from their clients' rows (one query either way)."""
    if saringan.pk is None:
        return rekap.tersimpan(saringan.rekap(RekapKehadiran.objects.for_user(user)))
    return rekap.hitung(baris(user, saringan))


def baris(user, saringan: Saringan):
    """The attendance rows of the period and filters (the list behind every figure): the
    sessions started in the period's months, in the office's time zone."""
    return saringan.kehadiran(Kehadiran.objects.for_user(user)).filter(
        sesi__mulai__gte=awal_hari(saringan.dari),
        sesi__mulai__lt=awal_hari(geser_bulan(saringan.sampai, 1)),
    )


def kehadiran_dasbor(
    user, saringan: Saringan, hari_ini: datetime.date | None = None
) -> KehadiranDasbor:
    """The attendance figures (four queries: the cells, the programmes behind them, the
    kabupaten names, the overdue awaiting-evidence count)."""
    hari_ini = hari_ini or timezone.localdate()
    cells = sel(user, saringan)
    program_ids = {k.program_id for k in cells if k.program_id}
    program = {
        p["pk"]: p
        for p in Program.objects.for_user(user)
        .filter(pk__in=program_ids)
        .values("pk", "nama", "jenis", "mitra", nama_mitra=F("mitra__nama"))
    }
    kab_ids = {k.kabupaten_id for k in cells}
    kabupaten = {k.pk: str(k) for k in Kabupaten.objects.filter(pk__in=kab_ids)}

    def tingkat(label, data, **saring) -> Tingkat:
        hadir, tercatat = data
        return Tingkat(str(label), hadir, tercatat, tuple((k, str(v)) for k, v in saring.items()))

    def urut_n(kelompok: dict) -> list:
        return sorted(kelompok.items(), key=lambda p: (-p[1][1], str(p[0])))

    # every grouping in one pass over the cells (an office-year is ~20k cells)
    semua = [0, 0]
    per_bulan: dict = defaultdict(lambda: [0, 0])
    per_jenis: dict = defaultdict(lambda: [0, 0])
    per_mitra: dict = defaultdict(lambda: [0, 0])
    per_program: dict = defaultdict(lambda: [0, 0])
    per_kab: dict = defaultdict(lambda: [0, 0])
    per_moda: dict = defaultdict(lambda: [0, 0])
    per_jenis_sesi: dict = defaultdict(lambda: [0, 0])
    hadir_hasil = frozenset(HASIL_HADIR)
    for k, n in cells.items():
        h = n if k.hasil in hadir_hasil else 0
        p = program.get(k.program_id) if k.program_id else None
        kelompok = [
            semua,
            per_bulan[k.bulan],
            per_jenis[p["jenis"] if p else ""],
            per_kab[k.kabupaten_id],
            per_moda[k.moda],
            per_jenis_sesi[k.jenis_sesi],
        ]
        if p:
            kelompok.append(per_program[k.program_id])
            if p["mitra"]:
                kelompok.append(per_mitra[p["mitra"]])
        for g in kelompok:
            g[0] += h
            g[1] += n
    nama_mitra = {p["mitra"]: p["nama_mitra"] for p in program.values() if p["mitra"]}

    jenis_label = dict(JenisProgram.choices)
    return KehadiranDasbor(
        total=tingkat(_("Semua sesi"), semua),
        per_bulan=[
            tingkat(f"{b:%m-%Y}", per_bulan.get(b, [0, 0]), dari=f"{b:%Y-%m}", sampai=f"{b:%Y-%m}")
            for b in saringan.bulan
        ],
        per_jenis_program=[
            tingkat(jenis_label[j], per_jenis[j], jenis_program=j)
            for j in JenisProgram.values
            if j in per_jenis
        ]
        + (
            [tingkat(_("Tanpa program (lapor, kunjungan, pos)"), per_jenis[""], tanpa_program=1)]
            if "" in per_jenis
            else []
        ),
        per_mitra=[tingkat(nama_mitra[m], d, mitra=m) for m, d in urut_n(per_mitra)],
        per_program=[
            tingkat(program[p]["nama"], d, program=p)
            for p, d in urut_n(per_program)
            if p in program
        ],
        per_kabupaten=[
            tingkat(kabupaten.get(kb, kb), d, kabupaten=kb) for kb, d in urut_n(per_kab)
        ],
        per_moda=[
            tingkat(label, per_moda[m], moda=m) for m, label in ModaSesi.choices if m in per_moda
        ],
        per_jenis_sesi=[
            tingkat(label, per_jenis_sesi[j], jenis_sesi=j)
            for j, label in JenisSesi.choices
            if j in per_jenis_sesi
        ],
        **_absen(cells, saringan),
        menunggu_lewat_batas=baris(user, saringan)
        .filter(hasil=HasilHadir.MENUNGGU_KETERANGAN, batas_keterangan__lt=hari_ini)
        .count(),
    )


def _absen(cells: Counter, saringan: Saringan) -> dict:
    bulan = saringan.bulan
    if len(bulan) >= 2 * BULAN_TREN:
        awal_terakhir = bulan[-BULAN_TREN]
        awal_sebelumnya = bulan[-2 * BULAN_TREN]
        bulan_tren = (awal_sebelumnya, awal_terakhir)
    else:
        awal_terakhir = awal_sebelumnya = None
        bulan_tren = None
    hitung: dict[str, Counter] = defaultdict(Counter)
    for k, n in cells.items():
        if k.hasil not in HASIL_ABSEN:
            continue
        c = hitung[k.alasan]
        c[k.hasil] += n
        if awal_terakhir is not None:
            if k.bulan >= awal_terakhir:
                c["terakhir"] += n
            elif k.bulan >= awal_sebelumnya:
                c["sebelumnya"] += n

    label = dict(AlasanAbsen.choices)

    def baris_alasan(alasan: str, c: Counter, nama: str | None = None) -> AbsenAlasan:
        return AbsenAlasan(
            alasan=alasan,
            label=nama or str(label.get(alasan, _("Tanpa alasan dicatat"))),
            izin=c[HasilHadir.IZIN],
            tidak_hadir=c[HasilHadir.TIDAK_HADIR],
            menunggu=c[HasilHadir.MENUNGGU_KETERANGAN],
            terakhir=c["terakhir"],
            sebelumnya=c["sebelumnya"],
        )

    absen = sorted(
        (baris_alasan(a, c) for a, c in hitung.items()), key=lambda a: (-a.jumlah, a.label)
    )
    total = sum(hitung.values(), Counter())
    return {
        "absen": absen,
        "absen_total": baris_alasan("", total, str(_("Semua alasan"))),
        "bulan_tren": bulan_tren,
    }
