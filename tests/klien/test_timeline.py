"""The client's history (klien.timeline): newest date first, and on one date the latest
recorded first, whatever table each event comes from and whatever order it was written in."""

import datetime
import re

from django.utils import timezone

from klien.models import IndikatorReintegrasi, PengalihanPK, PeristiwaResidivisme, RiwayatStatus
from klien.timeline import timeline


def _jam(hari: datetime.date, jam: int) -> datetime.datetime:
    """A recording time on `hari` at `jam` o'clock, in the office's time zone."""
    return timezone.make_aware(datetime.datetime.combine(hari, datetime.time(jam)))


def test_riwayat_terbaru_di_atas_dan_yang_terakhir_dicatat_lebih_dulu(client, pk, pk_lain, klien):
    hari_ini = timezone.localdate()
    awal, tengah, kemarin = (hari_ini - datetime.timedelta(days=d) for d in (20, 5, 1))
    # Written out of order: the primary keys say nothing about where each belongs.
    RiwayatStatus.objects.create(
        klien=klien, oleh=pk, status_lama="PENERIMAAN", status_baru="AKTIF", tanggal=awal,
        alasan="Mulai", dicatat_pada=_jam(awal, 9),
    )  # fmt: skip
    PeristiwaResidivisme.objects.create(
        klien=klien, oleh=pk, tanggal=tengah, jenis="TERSANGKA", sumber="Polres Bangli",
        dicatat_pada=_jam(tengah, 11),
    )  # fmt: skip
    RiwayatStatus.objects.create(
        klien=klien, oleh=pk, status_lama="", status_baru="PENERIMAAN", tanggal=kemarin,
        alasan="Kemarin", dicatat_pada=_jam(awal, 8),
    )  # fmt: skip
    PengalihanPK.objects.create(
        klien=klien, oleh=pk, dari_pk=pk, ke_pk=pk_lain, tanggal=tengah, alasan="Beban",
        dicatat_pada=_jam(tengah, 10),
    )  # fmt: skip
    # Measured on the first day, recorded today: its date places it, not its recording.
    IndikatorReintegrasi.objects.create(
        klien=klien, oleh=pk, tonggak="AWAL", tanggal=awal, dicatat_pada=_jam(hari_ini, 8)
    )
    RiwayatStatus.objects.create(
        klien=klien, oleh=pk, status_lama="AKTIF", status_baru="PINDAH", tanggal=tengah,
        alasan="Sama hari", dicatat_pada=_jam(tengah, 9),
    )  # fmt: skip

    harapan = [
        (kemarin, "Status"),
        (tengah, "Residivisme"),  # 11:00
        (tengah, "Pengalihan PK"),  # 10:00
        (tengah, "Status"),  # 09:00
        (awal, "Indikator reintegrasi"),  # recorded today
        (awal, "Status"),  # recorded on the day
    ]
    assert [(p.tanggal, p.jenis) for p in timeline(klien)] == harapan

    client.force_login(pk)
    isi = client.get(klien.get_absolute_url()).content.decode()
    riwayat = isi[isi.index('id="judul-timeline"') :]
    jenis = re.findall(r"<strong>([^<]+)</strong>:", riwayat)
    tanggal = re.findall(r'<time class="small[^"]*" datetime="([0-9-]+)"', riwayat)
    assert list(zip(tanggal, jenis, strict=True)) == [(t.isoformat(), j) for t, j in harapan]
