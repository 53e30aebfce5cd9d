"""The dashboard's resources: for each kemandirian programme running in the period, its
active participants against each kit or piece of equipment it has (the study's painting
kits shared between clients), and the programmes short of equipment.

Participants are the programme's active ones today (as on the programme's page, which each
row links to): the question is whether there is enough equipment for those now taking
part. Only the programme filters apply (programme, type, partner); a kit is shared by all
of a programme's participants, so the client filters (kabupaten, category, PK) do not.
Two queries whatever the number of programmes and resources.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from pembimbingan.models import Program, SumberDaya
from pembimbingan.pilihan import JenisProgram, StatusPeserta

from .saringan import Saringan


@dataclass(frozen=True)
class SumberDayaPeserta:
    sumber_daya: SumberDaya
    peserta_aktif: int  # the programme's

    @property
    def peserta_per_unit(self) -> float:
        """Active participants per unit (a kit, a set, ...)."""
        return self.sumber_daya.peserta_per_unit(self.peserta_aktif)

    @property
    def kurang(self) -> bool:
        """Fewer units than active participants: some must share or wait."""
        return self.sumber_daya.jumlah < self.peserta_aktif


@dataclass(frozen=True)
class ProgramSumberDaya:
    program: Program  # with `mitra` selected
    url: str  # the programme's page
    peserta_aktif: int
    sumber_daya: tuple[SumberDayaPeserta, ...]  # by name

    @property
    def kurang(self) -> bool:
        return any(s.kurang for s in self.sumber_daya)

    @property
    def peserta_per_unit_maks(self) -> float | None:
        return max((s.peserta_per_unit for s in self.sumber_daya), default=None)


@dataclass(frozen=True)
class SumberDayaProgram:
    dari: datetime.date
    akhir: datetime.date
    program: tuple[ProgramSumberDaya, ...]  # the most participants per unit first

    @property
    def kekurangan(self) -> tuple[ProgramSumberDaya, ...]:
        """The programmes short of equipment (a resource with fewer units than active
        participants)."""
        return tuple(p for p in self.program if p.kurang)


def sumber_daya_program(user, saringan: Saringan) -> SumberDayaProgram:
    """Kemandirian programmes running at some time in the period (started by its end, not
    finished before its start), with their resources (two queries)."""
    kosong = SumberDayaProgram(saringan.dari, saringan.akhir, ())
    if saringan.jenis_program and saringan.jenis_program != JenisProgram.KEMANDIRIAN:
        return kosong
    program = (
        Program.objects.for_user(user)
        .filter(saringan.q_program(), jenis=JenisProgram.KEMANDIRIAN)
        .filter(tanggal_mulai__lte=saringan.akhir)
        .filter(Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=saringan.dari))
        .select_related("mitra")
        .annotate(peserta_aktif=Count("peserta", filter=Q(peserta__status=StatusPeserta.AKTIF)))
        .prefetch_related(Prefetch("sumber_daya", queryset=SumberDaya.objects.order_by("nama")))
    )
    baris = [
        ProgramSumberDaya(
            program=p,
            url=reverse("pembimbingan:program-detail", kwargs={"pk": p.pk}),
            peserta_aktif=p.peserta_aktif,
            sumber_daya=tuple(SumberDayaPeserta(sd, p.peserta_aktif) for sd in p.sumber_daya.all()),
        )
        for p in program
    ]
    baris.sort(key=lambda b: (-(b.peserta_per_unit_maks or 0), b.program.nama, b.program.pk))
    return SumberDayaProgram(saringan.dari, saringan.akhir, tuple(baris))
