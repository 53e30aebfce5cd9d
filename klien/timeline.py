"""A client's timeline: everything that happened, newest first.

Derived from the declarations of what is held about a client (`klien.terkait`): each
declared table with a `ke_timeline` contributes its rows, read from the relations that
`prefetch_timeline()` prefetches, so the page's query count does not grow with the rows.
An app built on klien joins the timeline with its one declaration.
"""

from .models import Klien
from .terkait import Peristiwa, data_klien

__all__ = ["Peristiwa", "prefetch_timeline", "timeline"]


def prefetch_timeline() -> list:
    """The client page's prefetch: one per declared table on the timeline."""
    return [d.prefetch() for d in data_klien() if d.ke_timeline is not None]


def timeline(klien: Klien) -> list[Peristiwa]:
    semua = [
        p
        for d in data_klien()
        if d.ke_timeline is not None
        for baris in d.baris(klien)
        if (p := d.ke_timeline(baris)) is not None
    ]
    return sorted(semua, key=lambda p: p.tanggal, reverse=True)
