"""The monthly report (laporan bulanan) an office sends to its Kanwil: the figures of one
month for the user's own office, in five queries whatever the size of the office.

How each figure is counted:

- **Clients running on a day D**: guidance started on or before D (`tanggal_mulai <= D`)
  and not ended by D (`tanggal_berakhir` empty or after D: on the day guidance ends the
  client no longer counts). A client whose status is still *penerimaan* (intake) counts
  from `tanggal_mulai` like an active one: that date is the start of guidance, the status
  is the office's paperwork catching up, and the dashboard counts both as running too. A
  client registered ahead (a start later than D) does not count yet.
  *At the start of the month* is the state on the first day before anything happened that
  day, that is the last day of the previous month (so this month's start is last month's
  end); *at the end* is the state on the month's last day. Then, per programme and
  category, start + intakes - endings = end (an intake who ends in the same month is in
  both, and in neither stock).
- **Intakes**: clients whose guidance started in the month. **Endings** by kind, a column
  per ending status (laporan.berakhir: selesai, dicabut, kembali, diakhiri, meninggal,
  pindah): `tanggal_berakhir` in the month and that status. Every ending counts in
  `berakhir`, so the balance holds whatever the kind.
- **Contacts and attendance** come from the attendance rollup (`RekapKehadiran`, whose
  month is the session's month in the office's time zone): wajib lapor reports made
  (present, also without following directions) and missed (absent without acceptable
  reason), excused, awaiting evidence; home visits; group sessions by programme type;
  outreach days. The attendance rate is present of recorded outcomes, with its n, and says
  "too few to judge" below `N_MINIMUM`.
- **Sessions held**: sessions that started in the month (in the office's time zone) and
  by now; of them, those with no attendance recorded yet are counted apart.
- **Active partners**: partners with an agreement (PKS) in force on at least one day of
  the month (recorded as in force, its term overlapping the month; an agreement that had
  expired before the month, or was ended early, does not count). A partner whose
  programmes held sessions in the month without such an agreement is listed too, marked
  as without an agreement in force, and not counted as active.

A month still running is counted up to today (its figures are provisional, and the page
says so). Every query is scoped to the user's office (`for_user`).
"""

import dataclasses
import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akun.models import Peran, Unit, User
from klien.models import Klien
from klien.pilihan import Kategori, ProgramIntegrasi
from pembimbingan.models import RekapKehadiran, Sesi
from pembimbingan.pilihan import HASIL_HADIR, AlasanAbsen, HasilHadir, JenisProgram, JenisSesi
from pokmas.models import Mitra
from pokmas.pilihan import StatusPKS

from .berakhir import KOLOM_BERAKHIR
from .bulanan_baris import BarisAbsen, BarisKlien, BarisMitra, BarisSesi, Hasil
from .saringan import akhir_bulan, awal_bulan, geser_bulan
from .selectors_kuhp import RingkasanKuhp, ringkasan_kuhp

# The earliest month a report is made for (a mistyped year is refused, not computed).
BULAN_PALING_AWAL = datetime.date(2000, 1, 1)


def bulan_lalu(hari_ini: datetime.date) -> datetime.date:
    """The first day of the month before `hari_ini`'s: the report's default month."""
    return geser_bulan(awal_bulan(hari_ini), -1)


# --- Clients -------------------------------------------------------------------------------

# BarisKlien's counts, in its fields' order.
_ANGKA_KLIEN = ("awal", "masuk", *(field for field, _s, _l in KOLOM_BERAKHIR), "akhir")


def _jumlahkan(baris: list[BarisKlien], kategori: str) -> BarisKlien:
    return BarisKlien("", kategori, *(sum(getattr(b, a) for b in baris) for a in _ANGKA_KLIEN))


def _klien(user, awal: datetime.date, akhir: datetime.date) -> list[BarisKlien]:
    """The client figures per programme and category (one grouped query over the clients
    who ran on some day of the month), in the choices' order, rows of noughts left out."""
    berjalan_awal = Q(tanggal_mulai__lt=awal) & (
        Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gte=awal)
    )
    berjalan_akhir = Q(tanggal_mulai__lte=akhir) & (
        Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gt=akhir)
    )
    berakhir = Q(tanggal_berakhir__gte=awal, tanggal_berakhir__lte=akhir)
    hitung = {
        (r["program"], r["kategori"]): r
        for r in Klien.objects.for_user(user)
        .filter(tanggal_mulai__lte=akhir)
        .filter(Q(tanggal_berakhir__isnull=True) | Q(tanggal_berakhir__gte=awal))
        .order_by()
        .values("program", "kategori")
        .annotate(
            awal=Count("pk", filter=berjalan_awal),
            masuk=Count("pk", filter=Q(tanggal_mulai__gte=awal)),
            **{
                field: Count("pk", filter=berakhir & Q(status=status))
                for field, status, _l in KOLOM_BERAKHIR
            },
            akhir=Count("pk", filter=berjalan_akhir),
        )
    }
    baris = []
    for program in ProgramIntegrasi.values:
        for kategori in Kategori.values:
            r = hitung.get((program, kategori))
            if r and any(r[a] for a in _ANGKA_KLIEN):
                baris.append(BarisKlien(program, kategori, *(r[a] for a in _ANGKA_KLIEN)))
    return baris


# --- Contacts and attendance ---------------------------------------------------------------

# The kinds of contact, in the report's order: (session kind, programme type).
JENIS_KONTAK = (
    (JenisSesi.WAJIB_LAPOR, ""),
    (JenisSesi.KUNJUNGAN_RUMAH, ""),
    (JenisSesi.KELOMPOK, JenisProgram.KEPRIBADIAN),
    (JenisSesi.KELOMPOK, JenisProgram.KEMANDIRIAN),
    (JenisSesi.LAYANAN_POS, ""),
)


def _label_kontak(jenis: str, jenis_program: str) -> str:
    if jenis == JenisSesi.KELOMPOK:
        return str(
            _("Sesi kelompok – %(jenis)s") % {"jenis": JenisProgram(jenis_program).label.lower()}
        )
    return str(JenisSesi(jenis).label)


# --- The report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LaporanBulanan:
    unit: Unit
    bulan: datetime.date  # its first day
    sampai: datetime.date  # the last day counted: the month's last, or today in a running month
    klien: tuple[BarisKlien, ...]  # per programme and category, noughts left out
    jumlah_klien: tuple[BarisKlien, ...]  # per category (both always), then the grand total
    kontak: tuple[BarisSesi, ...]  # per kind of contact (JENIS_KONTAK)
    absen: tuple[BarisAbsen, ...]  # per reason, noughts left out
    mitra: tuple[BarisMitra, ...]  # with an agreement in force, then the others; by name
    kuhp: RingkasanKuhp  # the new code's community sentences in the month
    kepala: User | None  # the office's Kabapas, who signs
    dibuat_oleh: User
    dibuat_pada: datetime.datetime

    @property
    def sementara(self) -> bool:
        """A month still running: figures up to `sampai`, not final."""
        return self.sampai < akhir_bulan(self.bulan)

    @property
    def total_klien(self) -> BarisKlien:
        return self.jumlah_klien[-1]

    @property
    def total_kontak(self) -> BarisSesi:
        return BarisSesi(
            "jumlah",
            str(_("Jumlah")),
            sum(b.sesi for b in self.kontak),
            sum(b.tanpa_catatan for b in self.kontak),
            Hasil(
                **{
                    f.name: sum(getattr(b.hasil, f.name) for b in self.kontak)
                    for f in dataclasses.fields(Hasil)
                }
            ),
        )

    @property
    def total_absen(self) -> BarisAbsen:
        return BarisAbsen(
            "",
            sum(a.izin for a in self.absen),
            sum(a.tidak_hadir for a in self.absen),
            sum(a.menunggu for a in self.absen),
            total=True,
        )

    def kontak_jenis(self, jenis: str) -> BarisSesi:
        return next(b for b in self.kontak if b.kunci == jenis)

    @property
    def wajib_lapor(self) -> BarisSesi:
        return self.kontak_jenis(JenisSesi.WAJIB_LAPOR)

    @property
    def kunjungan_rumah(self) -> BarisSesi:
        return self.kontak_jenis(JenisSesi.KUNJUNGAN_RUMAH)

    @property
    def mitra_aktif(self) -> int:
        return sum(m.aktif for m in self.mitra)


def _batas_waktu(
    bulan: datetime.date, zona: str, sekarang: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's bounds as instants in the office's time zone, the end no later than now."""
    tz = zoneinfo.ZoneInfo(zona)
    dari = datetime.datetime.combine(bulan, datetime.time.min, tzinfo=tz)
    sampai = datetime.datetime.combine(geser_bulan(bulan, 1), datetime.time.min, tzinfo=tz)
    return dari, min(sampai, sekarang)


def _kontak(
    user, bulan: datetime.date, sekarang: datetime.datetime
) -> tuple[tuple[BarisSesi, ...], tuple[BarisAbsen, ...], dict[int, Hasil]]:
    """The contacts of the month (two queries: the rollup's cells of the month, the
    sessions held), the absences by reason and each partner's outcomes."""
    per_kontak: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_alasan: dict[str, Counter] = defaultdict(Counter)
    per_mitra: dict[int, Counter] = defaultdict(Counter)
    for r in (
        RekapKehadiran.objects.for_user(user)
        .filter(bulan=bulan)
        .order_by()
        .values("jenis_sesi", "program__jenis", "program__mitra", "hasil", "alasan")
        .annotate(n=Sum("jumlah"))
    ):
        kunci = (r["jenis_sesi"], r["program__jenis"] or "")
        per_kontak[kunci][r["hasil"]] += r["n"]
        if r["hasil"] not in HASIL_HADIR:
            per_alasan[r["alasan"]][r["hasil"]] += r["n"]
        if r["program__mitra"] is not None:
            per_mitra[r["program__mitra"]][r["hasil"]] += r["n"]

    dari, sampai = _batas_waktu(bulan, user.unit.zona_waktu, sekarang)
    sesi = {
        (r["jenis"], r["program__jenis"] or ""): r
        for r in Sesi.objects.for_user(user)
        .filter(mulai__gte=dari, mulai__lt=sampai)
        .order_by()
        .values("jenis", "program__jenis")
        .annotate(
            n=Count("pk", distinct=True),
            tercatat=Count("pk", distinct=True, filter=Q(kehadiran__isnull=False)),
        )
    }
    kontak = []
    for jenis, jenis_program in JENIS_KONTAK:
        n = sesi.get((jenis, jenis_program), {"n": 0, "tercatat": 0})
        kontak.append(
            BarisSesi(
                kunci=f"{jenis}_{jenis_program}" if jenis_program else jenis,
                label=_label_kontak(jenis, jenis_program),
                sesi=n["n"],
                tanpa_catatan=n["n"] - n["tercatat"],
                hasil=Hasil.dari(per_kontak[(jenis, jenis_program)]),
            )
        )
    absen = tuple(
        BarisAbsen(
            alasan,
            izin=per_alasan[alasan][HasilHadir.IZIN],
            tidak_hadir=per_alasan[alasan][HasilHadir.TIDAK_HADIR],
            menunggu=per_alasan[alasan][HasilHadir.MENUNGGU_KETERANGAN],
        )
        for alasan in (*AlasanAbsen.values, "")
        if sum(per_alasan[alasan].values())
    )
    return tuple(kontak), absen, {m: Hasil.dari(c) for m, c in per_mitra.items()}


def _mitra(
    user,
    bulan: datetime.date,
    sampai_hari: datetime.date,
    sekarang: datetime.datetime,
    hasil: dict[int, Hasil],
) -> tuple[BarisMitra, ...]:
    """The partners with an agreement in force in the month or sessions held in it (one
    query: the agreements joined, the sessions counted by a subquery)."""
    dari, sampai = _batas_waktu(bulan, user.unit.zona_waktu, sekarang)
    sesi = (
        Sesi.objects.filter(
            unit=user.unit_id,
            program__mitra=OuterRef("pk"),
            jenis=JenisSesi.KELOMPOK,
            mulai__gte=dari,
            mulai__lt=sampai,
        )
        .order_by()
        .values("program__mitra")
        .annotate(n=Count("pk"))
        .values("n")
    )
    baris = (
        Mitra.objects.for_user(user)
        .annotate(
            pks_sampai=Max(
                "perjanjian__tanggal_selesai",
                filter=Q(
                    perjanjian__status=StatusPKS.BERLAKU,
                    perjanjian__tanggal_mulai__lte=sampai_hari,
                    perjanjian__tanggal_selesai__gte=bulan,
                ),
            ),
            sesi_bulan=Coalesce(Subquery(sesi, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(pks_sampai__isnull=False) | Q(sesi_bulan__gt=0))
        .order_by()
        .values_list("pk", "nama", "pks_sampai", "sesi_bulan")
    )
    daftar = [
        BarisMitra(pk, nama, pks_sampai, n, hasil.get(pk, Hasil()))
        for pk, nama, pks_sampai, n in baris
    ]
    daftar.sort(key=lambda m: (not m.aktif, m.nama.lower(), m.mitra_id))
    return tuple(daftar)


def _kepala(unit: Unit) -> User | None:
    """The office's Kabapas (the one in office longest, should there be two accounts)."""
    return (
        User.objects.filter(unit=unit, peran=Peran.KABAPAS, is_active=True).order_by("pk").first()
    )


def laporan_bulanan(
    user, bulan: datetime.date, *, sekarang: datetime.datetime | None = None
) -> LaporanBulanan:
    """The monthly report of the user's office for `bulan` (any day of it; a month after
    the current one is the caller's to refuse). Ten queries: the clients, the rollup's
    cells, the sessions held, the partners, the new code's community sentences (five:
    laporan.selectors_kuhp), the Kabapas."""
    sekarang = sekarang or timezone.now()
    unit = user.unit
    hari_ini = timezone.localtime(sekarang, zoneinfo.ZoneInfo(unit.zona_waktu)).date()
    bulan = awal_bulan(bulan)
    sampai = min(akhir_bulan(bulan), hari_ini)
    klien = _klien(user, bulan, sampai)
    jumlah = tuple(_jumlahkan([b for b in klien if b.kategori == k], k) for k in Kategori.values)
    kontak, absen, hasil_mitra = _kontak(user, bulan, sekarang)
    return LaporanBulanan(
        unit=unit,
        bulan=bulan,
        sampai=sampai,
        klien=tuple(klien),
        jumlah_klien=(*jumlah, _jumlahkan(klien, "")),
        kontak=kontak,
        absen=absen,
        mitra=_mitra(user, bulan, sampai, sekarang, hasil_mitra),
        kuhp=ringkasan_kuhp(user, bulan, sampai, hari_ini),
        kepala=_kepala(unit),
        dibuat_oleh=user,
        dibuat_pada=sekarang,
    )
