"""A reporting schedule (wajib lapor) as arithmetic on dates: pure functions, no queries.

The schedule is anchored on a due date: weekly and fortnightly dates keep its weekday,
monthly ones its day of the month (the 31st becomes the last day of a shorter month, and
the 31st again the month after: the anchor, not the previous date, is what is added to, so
nothing drifts). A due date that falls on a holiday is not moved: the forms warn instead
(kalender.hari_khusus), and the PK decides.
"""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from .pilihan import PolaLapor

LANGKAH_HARI = {PolaLapor.MINGGUAN: 7, PolaLapor.DUA_MINGGUAN: 14}


def tanggal_dari_teks(nilai: Iterable[str]) -> list[datetime.date]:
    """The stored set dates (ISO strings) as dates, in order, without repeats."""
    return sorted({datetime.date.fromisoformat(t) for t in nilai})


def jatuh_tempo_berikutnya(
    pola: str,
    *,
    jangkar: datetime.date,
    setelah: datetime.date,
    tanggal_tertentu: Iterable[datetime.date] = (),
) -> datetime.date | None:
    """The first due date of the schedule strictly after `setelah`, counted from the due
    date `jangkar` (the one just reported or missed). None when a schedule of set dates has
    none left."""
    if pola == PolaLapor.TANGGAL_TERTENTU:
        return next((t for t in sorted(tanggal_tertentu) if t > setelah), None)
    if pola in LANGKAH_HARI:
        langkah = LANGKAH_HARI[pola]
        selisih = (setelah - jangkar).days
        n = max(1, selisih // langkah + 1)
        return jangkar + datetime.timedelta(days=langkah * n)
    if pola == PolaLapor.BULANAN:
        n = 1
        while (hasil := jangkar + relativedelta(months=n)) <= setelah:
            n += 1
        return hasil
    raise ValueError(pola)
