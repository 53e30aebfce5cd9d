"""The dashboard's partners: for each Pokmas Lipas partner of the office, what it did in the
period and where its agreement stands, the evidence for renewing a PKS.

Per partner, in the period and filters:
- group sessions held: the sessions of its programmes that started in the period's months
  (in the office's time zone) and by now;
- clients served: distinct clients with an attendance row in those sessions;
- attendance: present of recorded outcomes in its programmes' rollup cells (as the other
  attendance figures), or with a PK chosen from that PK's clients' rows (the rollup has no
  PK);
- participants who completed or left its programmes (enrolments ended in the period), and
  the completion rate;
- its agreement today (pokmas MitraQuerySet.dengan_masa_pks: the one in force or the latest,
  expired, ending within HARI_PERINGATAN_PKS days, ...), and whether it counts as active
  today (status AKTIF and an agreement in force: MitraQuerySet.q_aktif).

Every partner of the filters is listed, one with no programme too (with its agreement). The
sessions count is the partner's, whoever its clients are; the other figures follow the
client filters (kabupaten, category, PK). Five queries whatever the number of partners,
sessions and rows (four with a PK chosen).
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from pembimbingan.models import Kehadiran, Peserta, RekapKehadiran, Sesi
from pembimbingan.pilihan import HASIL_HADIR, JenisProgram, JenisSesi, StatusPeserta
from pembimbingan.selectors_rekap import DenganN, tingkat_kehadiran
from pokmas.models import Mitra
from pokmas.pilihan import MasaPKS

from .saringan import Saringan, geser_bulan


@dataclass(frozen=True)
class Rasio(DenganN):
    """A rate: `nilai` of `n`."""

    nilai: int
    n: int

    def _rasio(self) -> tuple[int, int]:
        return self.nilai, self.n


@dataclass(frozen=True)
class MitraPeriode:
    mitra: Mitra  # annotated by dengan_masa_pks (masa, pks_berlaku_hingga, ...)
    url: str  # the partner's page
    jumlah_program: int  # its programmes (of the programme filters), whenever they ran
    sesi: int  # group sessions held in the period
    klien_dilayani: int  # distinct clients with an attendance row in them
    kehadiran: Rasio  # present of recorded outcomes
    peserta_selesai: int  # enrolments completed in the period
    peserta_keluar: int  # enrolments left in the period
    masa: str  # the agreement's standing today (MasaPKS)
    aktif: bool  # active today: status AKTIF and an agreement in force (not only the status)
    pks_berakhir: datetime.date | None  # the end of the one in force, else of the latest
    sisa_hari: int | None  # days left of the one in force

    @property
    def penyelesaian(self) -> Rasio:
        """Completed of the enrolments that ended (completed or left) in the period."""
        return Rasio(self.peserta_selesai, self.peserta_selesai + self.peserta_keluar)

    @property
    def kedaluwarsa(self) -> bool:
        return self.masa == MasaPKS.KEDALUWARSA

    @property
    def segera_berakhir(self) -> bool:
        return self.masa == MasaPKS.SEGERA_BERAKHIR


def _awal_hari(tanggal: datetime.date, zona: str) -> datetime.datetime:
    """Midnight of a day in the office's time zone."""
    return datetime.datetime.combine(tanggal, datetime.time.min, zoneinfo.ZoneInfo(zona))


def _q_klien(saringan: Saringan, prefix: str) -> Q:
    """The client filters (kabupaten, category, PK) over the client reached by `prefix`."""
    q = Q()
    if saringan.kabupaten:
        q &= Q(**{f"{prefix}desa__kecamatan__kabupaten": saringan.kabupaten.pk})
    if saringan.kategori:
        q &= Q(**{f"{prefix}kategori": saringan.kategori})
    if saringan.pk:
        q &= Q(**{f"{prefix}pk_pembimbing": saringan.pk.pk})
    return q


def mitra_periode(
    user, saringan: Saringan, hari_ini: datetime.date | None = None
) -> list[MitraPeriode]:
    """The office's partners of the filters, by name, with their figures for the period."""
    hari_ini = hari_ini or timezone.localdate()
    zona = user.unit.zona_waktu
    mulai = _awal_hari(saringan.dari, zona)
    selesai = min(_awal_hari(geser_bulan(saringan.sampai, 1), zona), timezone.now())

    mitra_qs = Mitra.objects.for_user(user)
    if saringan.mitra:
        mitra_qs = mitra_qs.filter(pk=saringan.mitra.pk)
    if saringan.program:
        mitra_qs = mitra_qs.filter(pk=saringan.program.mitra_id)
    if saringan.jenis_program == JenisProgram.KEPRIBADIAN:
        mitra_qs = mitra_qs.filter(program_kepribadian=True)
    elif saringan.jenis_program == JenisProgram.KEMANDIRIAN:
        mitra_qs = mitra_qs.filter(program_kemandirian=True)
    q_program = saringan.q_program("program__")
    mitra = list(
        mitra_qs.dengan_masa_pks(hari_ini)
        .annotate(jumlah_program=Count("program", filter=q_program, distinct=True))
        .order_by("nama", "pk")
    )

    sesi = dict(
        Sesi.objects.for_user(user)
        .filter(q_program, jenis=JenisSesi.KELOMPOK, program__mitra__isnull=False)
        .filter(mulai__gte=mulai, mulai__lt=selesai)
        .order_by()
        .values_list("program__mitra")
        .annotate(n=Count("pk"))
    )
    hadir = {
        r["sesi__program__mitra"]: r
        for r in Kehadiran.objects.for_user(user)
        .filter(saringan.q_program("sesi__program__"), _q_klien(saringan, "klien__"))
        .filter(
            # (the office's sessions too, though the rows are the office's already: the
            # planner then finds the period's sessions by the (unit, mulai) index)
            sesi__unit_id=user.unit_id,
            sesi__jenis=JenisSesi.KELOMPOK,
            sesi__program__mitra__isnull=False,
            sesi__mulai__gte=mulai,
            sesi__mulai__lt=selesai,
        )
        .order_by()
        .values("sesi__program__mitra")
        .annotate(
            klien=Count("klien", distinct=True),
            tercatat=Count("pk"),
            hadir=Count("pk", filter=Q(hasil__in=HASIL_HADIR)),
        )
    }
    if saringan.pk is None:  # the rollup's cells, as every other attendance figure
        rasio = {
            t.kelompok["program__mitra"]: Rasio(t.hadir, t.tercatat)
            for t in tingkat_kehadiran(
                saringan.rekap(RekapKehadiran.objects.for_user(user)).filter(
                    jenis_sesi=JenisSesi.KELOMPOK, program__mitra__isnull=False
                ),
                ("program__mitra",),
            )
        }
    else:
        rasio = {m: Rasio(r["hadir"], r["tercatat"]) for m, r in hadir.items()}
    akhir_peserta = {
        r["program__mitra"]: r
        for r in Peserta.objects.for_user(user)
        .filter(q_program, _q_klien(saringan, "klien__"))
        .filter(
            program__mitra__isnull=False,
            tanggal_keluar__gte=saringan.dari,
            tanggal_keluar__lte=saringan.akhir,
        )
        .order_by()
        .values("program__mitra")
        .annotate(
            selesai=Count("pk", filter=Q(status=StatusPeserta.SELESAI)),
            keluar=Count("pk", filter=Q(status=StatusPeserta.KELUAR)),
        )
    }
    return [
        MitraPeriode(
            mitra=m,
            url=reverse("pokmas:mitra-detail", kwargs={"pk": m.pk}),
            jumlah_program=m.jumlah_program,
            sesi=sesi.get(m.pk, 0),
            klien_dilayani=hadir.get(m.pk, {}).get("klien", 0),
            kehadiran=rasio.get(m.pk, Rasio(0, 0)),
            peserta_selesai=akhir_peserta.get(m.pk, {}).get("selesai", 0),
            peserta_keluar=akhir_peserta.get(m.pk, {}).get("keluar", 0),
            masa=m.masa,
            aktif=m.aktif_berlaku,
            pks_berakhir=m.pks_berlaku_hingga or m.pks_selesai_terakhir,
            sisa_hari=(m.pks_berlaku_hingga - hari_ini).days if m.pks_berlaku_hingga else None,
        )
        for m in mitra
    ]
