"""The PK's agenda (their home page): this week's sessions, the reports due, and the clients
who need attention, with the calendar's warnings. A fixed number of queries, whatever the
caseload (tests/pembimbingan/test_agenda.py pins it)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from klien.models import Klien
from klien.pilihan import Agama
from klien.querysets import (
    MANGKIR_BERISIKO,
    MANGKIR_DASAR_PENCABUTAN,
    MANGKIR_PERINGATAN,
    ekspirasi_tiba,
)

from .kalender import HariKhusus, awal_hari, hari_khusus
from .kepatuhan import tanggal_mangkir
from .models import Sesi
from .pilihan import JenisSesi
from .selectors import kantor_di_bali


@dataclass(frozen=True)
class SesiAgenda:
    sesi: Sesi
    tercatat: int  # attendance rows recorded so far
    hari_khusus: list[HariKhusus]
    bisa_dicatat: bool  # its day has come


@dataclass(frozen=True)
class LaporJatuhTempo:
    klien: Klien
    jatuh_tempo: datetime.date
    terlambat: int  # days overdue (0 today, negative: later this week)
    hari_khusus: list[HariKhusus]


@dataclass(frozen=True)
class PerluPerhatian:
    klien: Klien
    tanggal_mangkir: list[datetime.date]  # the misses of the run, oldest first

    @property
    def tingkat(self) -> str:
        n = self.klien.mangkir_berturut
        if n >= MANGKIR_DASAR_PENCABUTAN:
            return "dasar_pencabutan"
        return "berisiko" if n >= MANGKIR_BERISIKO else "peringatan"


@dataclass(frozen=True)
class Agenda:
    hari_ini: datetime.date
    akhir_minggu: datetime.date  # Sunday of this week
    sesi_hari_ini: list[SesiAgenda]
    sesi_minggu_ini: list[SesiAgenda]  # after today, to Sunday
    lapor: list[LaporJatuhTempo]  # overdue first, then by date
    tanpa_jadwal: int  # running clients with no reporting schedule
    perhatian: list[PerluPerhatian]  # the most misses first
    jumlah_klien: int
    # active clients whose expiry date has come: the end to confirm (on the caseload)
    ekspirasi_tiba: int = 0


def agenda(user, hari_ini: datetime.date | None = None) -> Agenda:
    """The agenda of a PK: the sessions they record, and the home visits of their clients,
    from today to Sunday; their running clients due to report by Sunday; those
    with misses in a row. Six queries."""
    hari_ini = hari_ini or timezone.localdate()
    akhir = hari_ini + datetime.timedelta(days=6 - hari_ini.weekday())
    bali = kantor_di_bali(user.unit_id)
    sesi = (
        Sesi.objects.for_user(user)
        .filter(mulai__gte=awal_hari(hari_ini), mulai__lt=awal_hari(akhir + datetime.timedelta(1)))
        .filter(Q(pk_pencatat=user) | Q(klien__pk_pembimbing=user))
        # reports recorded are not plans: the due ones are listed as reports below
        .exclude(jenis=JenisSesi.WAJIB_LAPOR)
        .select_related("program", "pos", "klien")
        .annotate(tercatat=Count("kehadiran"))
        .order_by("mulai", "pk")
    )
    daftar_sesi = []
    for s in sesi:
        tanggal = timezone.localdate(s.mulai)
        hindu = s.klien is not None and s.klien.agama == Agama.HINDU
        daftar_sesi.append(
            SesiAgenda(
                sesi=s,
                tercatat=s.tercatat,
                hari_khusus=hari_khusus(tanggal, bali=bali, hindu=hindu),
                bisa_dicatat=tanggal <= hari_ini,
            )
        )

    klien = Klien.objects.for_user(user).berjalan()
    jatuh = klien.filter(tanggal_lapor_berikutnya__lte=akhir).select_related("desa")
    lapor = sorted(
        (
            LaporJatuhTempo(
                klien=k,
                jatuh_tempo=k.tanggal_lapor_berikutnya,
                terlambat=(hari_ini - k.tanggal_lapor_berikutnya).days,
                hari_khusus=hari_khusus(
                    k.tanggal_lapor_berikutnya, bali=bali, hindu=k.agama == Agama.HINDU
                ),
            )
            for k in jatuh
        ),
        key=lambda b: (b.jatuh_tempo, b.klien.nama, b.klien.pk),
    )
    mangkir = list(
        klien.filter(mangkir_berturut__gte=MANGKIR_PERINGATAN)
        .select_related("desa")
        .order_by("-mangkir_berturut", "nama", "pk")
    )
    tanggal = tanggal_mangkir([k.pk for k in mangkir], hari_ini)
    hitung = klien.aggregate(
        semua=Count("pk"),
        tanpa_jadwal=Count("pk", filter=Q(jadwal_lapor__isnull=True)),
        ekspirasi_tiba=Count("pk", filter=ekspirasi_tiba(hari_ini)),
    )
    return Agenda(
        hari_ini=hari_ini,
        akhir_minggu=akhir,
        sesi_hari_ini=[s for s in daftar_sesi if timezone.localdate(s.sesi.mulai) == hari_ini],
        sesi_minggu_ini=[s for s in daftar_sesi if timezone.localdate(s.sesi.mulai) > hari_ini],
        lapor=lapor,
        tanpa_jadwal=hitung["tanpa_jadwal"],
        perhatian=[PerluPerhatian(k, tanggal[k.pk]) for k in mangkir],
        jumlah_klien=hitung["semua"],
        ekspirasi_tiba=hitung["ekspirasi_tiba"],
    )
