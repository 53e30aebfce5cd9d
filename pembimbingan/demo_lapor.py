"""Demo data: every running client of the demo offices has a reporting schedule and a short
history of wajib lapor recorded through the services, so that the warnings, the at-risk
clients and the grounds for revocation on the lists come from these rows (with the
programmes' absences), never from a number typed in.

Most clients report monthly, some fortnightly, a few weekly; most came each time; the
clients drifting away (demo.menjauh, who also miss their programme's last sessions) missed
their last one to three reports, and one in ten of the others their last one; about one in
ten is overdue now (their last due date not yet recorded). Idempotent: a client with a
schedule is left alone.
"""

import datetime
import random

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo
from klien.models import Klien

from . import services
from .demo import menjauh
from .models import JadwalLapor
from .pilihan import AlasanAbsen, HasilHadir, PolaLapor
from .services import HasilKehadiran

POLA = [PolaLapor.BULANAN] * 6 + [PolaLapor.DUA_MINGGUAN] * 3 + [PolaLapor.MINGGUAN]
LANGKAH = {
    PolaLapor.MINGGUAN: relativedelta(weeks=1),
    PolaLapor.DUA_MINGGUAN: relativedelta(weeks=2),
    PolaLapor.BULANAN: relativedelta(months=1),
}
DATANG_SEBELUMNYA = 1  # reports made before the recent run
# Misses at the end of the history, per client: most clients, and those drifting away.
MANGKIR = [0] * 9 + [1]
MANGKIR_MENJAUH = [1, 2, 3]


def _riwayat(
    rng: random.Random, pola: str, hari_ini: datetime.date, mulai: datetime.date, jauh: bool
):
    """(first due date, outcomes to record in order, whether the last due is left open)."""
    mangkir = rng.choice(MANGKIR_MENJAUH if jauh else MANGKIR)
    terbuka = rng.random() < 0.1
    jumlah = DATANG_SEBELUMNYA + mangkir + terbuka
    langkah = LANGKAH[pola]
    # the latest due date: within the last period (today included), so the next is ahead
    terakhir = hari_ini - datetime.timedelta(days=rng.randint(0, 6))
    pertama = terakhir - langkah * (jumlah - 1)
    while pertama < mulai and jumlah > 1:  # a client who began recently has fewer
        jumlah -= 1
        pertama = terakhir - langkah * (jumlah - 1)
    hasil = [HasilKehadiran(HasilHadir.HADIR)] * max(0, jumlah - mangkir - terbuka)
    hasil += [_mangkir(rng) for _ in range(min(mangkir, jumlah - terbuka))]
    return max(pertama, mulai), hasil[: jumlah - terbuka], terbuka


def _mangkir(rng: random.Random) -> HasilKehadiran:
    r = rng.random()
    if r < 0.7:
        return HasilKehadiran(HasilHadir.TIDAK_HADIR)
    return HasilKehadiran(
        HasilHadir.TIDAK_HADIR,
        alasan=rng.choice([AlasanAbsen.PEKERJAAN, AlasanAbsen.JARAK_TRANSPORTASI]),
        keterangan="Tidak memberi kabar sebelumnya.",
    )


@langkah_demo(52)
def wajib_lapor(ctx: DemoKonteks) -> None:
    rng = random.Random(2612)  # noqa: S311 (synthetic data; its own, so earlier steps' draws stay)
    hari_ini = timezone.localdate()
    terjadwal = JadwalLapor.objects.values("klien_id")
    klien = (
        Klien.objects.berjalan()
        .exclude(pk__in=terjadwal)
        .filter(tanggal_mulai__lte=hari_ini)
        .select_related("pk_pembimbing")
        .order_by("pk")
    )
    n = 0
    for k in klien:
        pola = rng.choice(POLA)
        pertama, hasil, _terbuka = _riwayat(
            rng, pola, hari_ini, k.tanggal_mulai, jauh=menjauh(k.pk)
        )
        if pertama > k.tanggal_ekspirasi:
            continue  # past its expiry: the end waits for the PK to confirm, no more reports
        pk = k.pk_pembimbing
        services.jadwal_lapor_setel(klien=k, oleh=pk, pola=pola, berikutnya=pertama)
        for isian in hasil:
            tempo = k.tanggal_lapor_berikutnya
            if tempo is None or tempo > hari_ini:
                break
            pada = timezone.make_aware(
                datetime.datetime.combine(tempo, datetime.time(rng.randint(8, 13)))
            )
            services.lapor_catat(
                klien=k,
                oleh=pk,
                jatuh_tempo=tempo,
                hasil=isian,
                pada=min(pada, timezone.now()),
            )
            k.refresh_from_db(fields=["tanggal_lapor_berikutnya", "mangkir_berturut"])
        n += 1
    ctx.catatan.append(f"Wajib lapor: jadwal dan riwayat lapor {n} klien.")
