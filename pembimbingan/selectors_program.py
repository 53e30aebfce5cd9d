"""Reads behind the programme and session pages (kept apart from selectors.py, which the
calendar work owns)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .kepatuhan import klien_sesi
from .models import Kehadiran, Peserta, Program, Sesi, SumberDaya
from .pilihan import HASIL_HADIR, StatusPeserta


def daftar_program(user):
    """The office's programmes with their active participants and sessions. One query."""
    return (
        Program.objects.for_user(user)
        .select_related("mitra")
        .annotate(
            jumlah_aktif=Count(
                "peserta", filter=Q(peserta__status=StatusPeserta.AKTIF), distinct=True
            ),
            jumlah_sesi=Count("sesi", distinct=True),
        )
    )


def sesi_dengan_kehadiran(qs):
    """Sessions annotated with how many attended and how many outcomes are recorded."""
    return qs.annotate(
        jumlah_hadir=Count("kehadiran", filter=Q(kehadiran__hasil__in=HASIL_HADIR)),
        jumlah_tercatat=Count("kehadiran"),
    )


@dataclass
class HalamanProgram:
    program: Program
    peserta: list
    jumlah_aktif: int
    sumber_daya: list
    sesi_mendatang: list
    sesi_lalu: list


def halaman_program(program: Program, user) -> HalamanProgram:
    """What the programme page shows: three queries (participants, resources, sessions)."""
    peserta = list(
        Peserta.objects.for_user(user)
        .filter(program=program)
        .select_related("klien")
        .order_by("status", "klien__nama", "pk")
    )
    aktif = sum(1 for p in peserta if p.status == StatusPeserta.AKTIF)
    sumber_daya = [
        {"sd": sd, "per_unit": sd.peserta_per_unit(aktif)}
        for sd in SumberDaya.objects.filter(program=program)
    ]
    sesi = list(sesi_dengan_kehadiran(Sesi.objects.for_user(user).filter(program=program)))
    sekarang = timezone.now()
    return HalamanProgram(
        program=program,
        peserta=peserta,
        jumlah_aktif=aktif,
        sumber_daya=sumber_daya,
        sesi_mendatang=sorted((s for s in sesi if s.mulai >= sekarang), key=lambda s: s.mulai),
        sesi_lalu=[s for s in sesi if s.mulai < sekarang],  # newest first (Sesi.Meta)
    )


def kehadiran_sesi(sesi: Sesi, user) -> list[dict]:
    """Each person the session is about, with their stored outcome (or None). Two queries."""
    ada = {
        k.klien_id: k
        for k in Kehadiran.objects.for_user(user).filter(sesi=sesi).select_related("oleh")
    }
    return [{"klien": k, "kehadiran": ada.get(k.pk)} for k in klien_sesi(sesi)]
