"""What the partner page shows of the guidance module (its section, registered in
bagian.py): the partner's programmes, the clients it served and their attendance."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils import timezone

from pokmas.models import Mitra

from .models import Kehadiran, Peserta, Program
from .pilihan import HASIL_HADIR, StatusPeserta


def _persen(hadir: int, tercatat: int) -> int | None:
    return round(100 * hadir / tercatat) if tercatat else None


@dataclass(frozen=True)
class ProgramMitra:
    """One programme, annotated with `jumlah_aktif`, `sesi_terlaksana` (sessions started
    by now) and `sesi_terakhir` (the latest of them, or None), and its attendance."""

    program: Program
    hadir: int
    tercatat: int

    @property
    def persen(self) -> int | None:
        return _persen(self.hadir, self.tercatat)


@dataclass(frozen=True)
class PembimbinganMitra:
    program: tuple[ProgramMitra, ...]
    klien_dilayani: int  # distinct clients ever enrolled in its programmes
    hadir: int
    tercatat: int

    @property
    def persen(self) -> int | None:
        return _persen(self.hadir, self.tercatat)


def pembimbingan_mitra(mitra: Mitra, user) -> PembimbinganMitra:
    """Three queries whatever the number of programmes, participants and sessions: the
    programmes with their counts, the attendance per programme, the clients served."""
    sekarang = timezone.now()
    terlaksana = Q(sesi__mulai__lte=sekarang)
    program = list(
        Program.objects.for_user(user)
        .filter(mitra=mitra)
        .annotate(
            jumlah_aktif=Count(
                "peserta", filter=Q(peserta__status=StatusPeserta.AKTIF), distinct=True
            ),
            sesi_terlaksana=Count("sesi", filter=terlaksana, distinct=True),
            sesi_terakhir=Max("sesi__mulai", filter=terlaksana),
        )
    )
    per_program = {
        r["sesi__program_id"]: r
        for r in Kehadiran.objects.for_user(user)
        .filter(sesi__program__mitra=mitra)
        .order_by()
        .values("sesi__program_id")
        .annotate(tercatat=Count("pk"), hadir=Count("pk", filter=Q(hasil__in=HASIL_HADIR)))
    }
    baris = tuple(
        ProgramMitra(
            p,
            hadir=per_program.get(p.pk, {}).get("hadir", 0),
            tercatat=per_program.get(p.pk, {}).get("tercatat", 0),
        )
        for p in program
    )
    klien = (
        Peserta.objects.for_user(user)
        .filter(program__mitra=mitra)
        .aggregate(n=Count("klien", distinct=True))["n"]
    )
    return PembimbinganMitra(
        program=baris,
        klien_dilayani=klien,
        hadir=sum(b.hadir for b in baris),
        tercatat=sum(b.tercatat for b in baris),
    )
