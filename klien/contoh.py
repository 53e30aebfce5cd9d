"""Guarantors for made-up clients (the demo, `klien.demo`, and the synthetic data,
`laporan.management.sintetis`): a relation that fits the client, and the guarantor's sex
that fits the relation, so a name can be drawn for it (a Balinese woman is "Ni ...")."""

import random

# relation -> the guarantor is a man (True), a woman (False), or either (None)
PENJAMIN_LAKI = {
    "Ayah": True,
    "Ibu": False,
    "Kakak": None,
    "Paman": True,
    "Bibi": False,
    "Istri": False,
    "Suami": True,
}
KERABAT = ("Ayah", "Ibu", "Kakak", "Paman", "Bibi")


def pasangan(klien_laki: bool) -> str:
    """The spouse as a guarantor: a man's wife, a woman's husband."""
    return "Istri" if klien_laki else "Suami"


def penjamin_acak(rng: random.Random, *, klien_laki: bool, kawin: bool) -> tuple[str, bool]:
    """A guarantor for a client: (relation, the guarantor is a man). A married client's
    guarantor is most often the spouse; anyone's may be a parent or another relative."""
    hubungan = pasangan(klien_laki) if kawin and rng.random() < 0.6 else rng.choice(KERABAT)
    laki = PENJAMIN_LAKI[hubungan]
    return hubungan, rng.random() < 0.5 if laki is None else laki
