"""A client's timeline: everything that happened, newest first.

Derived from the declarations of what is held about a client (`klien.terkait`): each
declared table with a `ke_timeline` contributes its rows, read from the relations that
`prefetch_timeline()` prefetches, so the page's query count does not grow with the rows.
An app built on klien joins the timeline with its one declaration.
"""

import datetime

from .models import Klien
from .terkait import Peristiwa, data_klien

__all__ = ["Peristiwa", "prefetch_timeline", "timeline"]

# Before any recording time: a row without one sorts after those of its date that have one.
_TANPA_WAKTU = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def prefetch_timeline() -> list:
    """The client page's prefetch: one per declared table on the timeline."""
    return [d.prefetch() for d in data_klien() if d.ke_timeline is not None]


def timeline(klien: Klien) -> list[Peristiwa]:
    """The client's events, newest date first; on one date, the latest recorded first (the
    row's `dicatat_pada`, which every `LogKlien` row has; rows without one by their primary
    key, the order they were written in)."""
    semua = [
        ((p.tanggal, getattr(baris, "dicatat_pada", None) or _TANPA_WAKTU, baris.pk), p)
        for d in data_klien()
        if d.ke_timeline is not None
        for baris in d.baris(klien)
        if (p := d.ke_timeline(baris)) is not None
    ]
    semua.sort(key=lambda kp: kp[0], reverse=True)
    return [p for _kunci, p in semua]
