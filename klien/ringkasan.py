"""What the dashboards read from the client register (figures, never names)."""

from django.db.models import Count, Q

from .models import Klien
from .pilihan import StatusKlien, Tahap
from .querysets import BATAS_MANGKIR, BERISIKO, BERTAHAP, MANGKIR_BERISIKO


def ringkasan_klien(user) -> dict:
    """Counts for the office dashboard partial `klien/_ringkasan.html` (one query: each count
    a filtered aggregate), each with the query string of the office client list that shows
    the clients behind it."""
    angka = (
        Klien.objects.for_user(user)
        .dengan_tahap()
        .aggregate(
            penerimaan=Count("pk", filter=Q(status=StatusKlien.PENERIMAAN)),
            # the stages as KlienQuerySet.dengan_tahap decides them, of active clients only
            **{t: Count("pk", filter=BERTAHAP & Q(tahap_sekarang=t)) for t in Tahap.values},
            berisiko=Count("pk", filter=BERISIKO),
        )
    )
    return {
        # each with the office list's filter behind its number
        "tahap": [
            {
                "label": StatusKlien.PENERIMAAN.label,
                "jumlah": angka["penerimaan"],
                "saringan": f"status={StatusKlien.PENERIMAAN}",
            },
            *({"label": t.label, "jumlah": angka[t], "saringan": f"tahap={t}"} for t in Tahap),
        ],
        "berisiko": angka["berisiko"],
        "batas_berisiko": MANGKIR_BERISIKO,
        "batas_mangkir": BATAS_MANGKIR,  # all three thresholds, for the dashboards' badges
    }
