"""National-scale synthetic data for the reports and their benchmark (`manage.py data_sintetis`).

The steps, in order, each a module here: `kantor` (Kanwil, offices and their work areas,
outreach posts, accounts, partners and their agreements), `klien` (clients, their status
history, reporting schedules, reintegration indicators), `program` (programmes, resources,
enrolments and every session), `kehadiran` (the attendance rows, written by PostgreSQL from
the sessions and enrolments, the clients' reporting standing, recidivism), `jejak` (the
audit trail) and `rekap` (the attendance rollup). The small tables are generated in Python
and streamed with COPY (`salin`); the large ones (attendance, trail, rollup) are written
by INSERT ... SELECT inside PostgreSQL, their outcomes drawn from a hash of the row's keys
and the seed, so the same seed gives the same data.

`Rencana` is how much of everything, `Konteks` what the steps hand on to each other.
"""

import datetime
import math
import random
from dataclasses import dataclass, field

# The national figures of issue 12 at scale 1.
KANTOR = 90
PK = 3_000
KLIEN = 200_000
PROGRAM = 3_000
SESI = 300_000
KEHADIRAN = 10_000_000
JEJAK = 2_000_000
# How the sessions divide: group sessions of programmes, outreach days at a post, reports
# (wajib lapor) and home visits.
BAGIAN_SESI = {"kelompok": 0.60, "layanan_pos": 0.08, "wajib_lapor": 0.27, "kunjungan_rumah": 0.05}
# The share of attendance rows from outreach days (the rest beyond the individual sessions
# comes from the programmes' group sessions).
BAGIAN_KEHADIRAN_POS = 0.12
# Months of history: programmes and sessions fall in the last BULAN_RIWAYAT months, clients
# began guidance in the last BULAN_KLIEN months.
BULAN_RIWAYAT = 36
BULAN_KLIEN = 48


@dataclass(frozen=True)
class Rencana:
    skala: float
    kantor: int
    pk: int
    klien: int
    program: int
    sesi: dict[str, int]
    kehadiran: int
    jejak: int

    @classmethod
    def dari_skala(cls, skala: float, kantor: int | None = None) -> "Rencana":
        def n(dasar: int, minimum: int = 1) -> int:
            return max(minimum, round(dasar * skala))

        jumlah_kantor = kantor or n(KANTOR, 2)
        return cls(
            skala=skala,
            kantor=jumlah_kantor,
            pk=max(n(PK), 3 * jumlah_kantor),
            klien=n(KLIEN, 50),
            program=max(n(PROGRAM), 2 * jumlah_kantor),
            sesi={jenis: n(round(SESI * bagian), 5) for jenis, bagian in BAGIAN_SESI.items()},
            kehadiran=n(KEHADIRAN, 500),
            jejak=n(JEJAK, 100),
        )


class Kantor:
    """One synthetic office and what its later steps need of it."""

    __slots__ = (
        "bali",
        "bobot",
        "desa",
        "id",
        "kabupaten",
        "kanwil_id",
        "kasi_id",
        "kode_kab",
        "kode_prov",
        "kota",
        "mitra",
        "nama",
        "nomor",
        "pk_ids",
        "pos",
        "zona",
    )

    def __init__(self, **nilai):
        for k in self.__slots__:
            setattr(self, k, nilai.get(k))


class Klien:
    """One synthetic client, as the later steps need it (the row itself is written once)."""

    __slots__ = (
        "akhir",
        "aktif",
        "id",
        "ikut_program",
        "kab",
        "kantor",
        "lapor",
        "p",
        "pk_id",
        "status",
    )

    def __init__(self, **nilai):
        for k in self.__slots__:
            setattr(self, k, nilai.get(k))

    def berjalan_pada(self, tanggal: datetime.date) -> bool:
        """Under guidance (active, not yet ended) on `tanggal`."""
        return (
            self.aktif is not None
            and self.aktif <= tanggal
            and (self.akhir is None or tanggal <= self.akhir)
        )


@dataclass
class Konteks:
    rencana: Rencana
    rng: random.Random
    seed: int
    hari_ini: datetime.date
    sekarang: datetime.datetime
    sandi_hash: str
    kantor: list[Kantor] = field(default_factory=list)
    klien: list[Klien] = field(default_factory=list)
    # per office: its clients (indexes into `klien`)
    klien_kantor: list[list[int]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def awal_riwayat(self) -> datetime.date:
        return tambah_bulan(self.hari_ini.replace(day=1), -BULAN_RIWAYAT)


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    """`tanggal` moved by whole months (the day kept, or the month's last day)."""
    total = tanggal.year * 12 + tanggal.month - 1 + bulan
    tahun, bulan_ke = divmod(total, 12)
    hari = min(tanggal.day, _hari_dalam_bulan(tahun, bulan_ke + 1))
    return datetime.date(tahun, bulan_ke + 1, hari)


def _hari_dalam_bulan(tahun: int, bulan: int) -> int:
    if bulan == 12:
        return 31
    return (datetime.date(tahun, bulan + 1, 1) - datetime.timedelta(days=1)).day


def pilih(rng: random.Random, bobot: tuple) -> str:
    """One value of (value, weight, ...) tuples, by weight."""
    return rng.choices([b[0] for b in bobot], weights=[b[1] for b in bobot])[0]


def bagi(total: int, bobot: list[float]) -> list[int]:
    """`total` split in proportion to `bobot` (largest remainders), summing to `total`."""
    jumlah = sum(bobot) or 1
    mentah = [total * b / jumlah for b in bobot]
    hasil = [math.floor(m) for m in mentah]
    sisa = sorted(range(len(bobot)), key=lambda i: mentah[i] - hasil[i], reverse=True)
    for i in sisa[: total - sum(hasil)]:
        hasil[i] += 1
    return hasil
