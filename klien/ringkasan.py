"""What the dashboards read from the client register (figures, never names)."""

from .models import Klien
from .pilihan import StatusKlien, Tahap
from .querysets import BATAS_MANGKIR, MANGKIR_BERISIKO


def ringkasan_klien(user) -> dict:
    """Counts for the office dashboard partial `klien/_ringkasan.html` (3 queries), each
    with the query string of the office client list that shows the clients behind it."""
    qs = Klien.objects.for_user(user)
    per_tahap = qs.hitung_per_tahap()
    per_status = qs.hitung_per_status()
    return {
        # each with the office list's filter behind its number
        "tahap": [
            {
                "label": StatusKlien.PENERIMAAN.label,
                "jumlah": per_status[StatusKlien.PENERIMAAN],
                "saringan": f"status={StatusKlien.PENERIMAAN}",
            },
            *({"label": t.label, "jumlah": per_tahap[t], "saringan": f"tahap={t}"} for t in Tahap),
        ],
        "berisiko": qs.berisiko().count(),
        "batas_berisiko": MANGKIR_BERISIKO,
        "batas_mangkir": BATAS_MANGKIR,  # all three thresholds, for the dashboards' badges
    }
