"""The partner search (pokmas.filters) finds a partner by its programmes too: a word typed
at the beginning of a word of a programme's name or topic ("las" finds the partner that
runs "Pelatihan las listrik"). Registered with pokmas, which cannot import this app."""

from django.db.models import Exists, OuterRef, Q

from pokmas.filters import daftar_pencarian_tambahan, q_awal_kata

from .models import Program


def _q_program(kata: str) -> Q:
    """The partner runs a programme whose name or topic has a word beginning with `kata`
    (its programmes are its office's: Program.save)."""
    program = Program.objects.filter(mitra=OuterRef("pk")).filter(
        q_awal_kata("nama", kata) | q_awal_kata("topik", kata)
    )
    return Q(Exists(program))


daftar_pencarian_tambahan("pembimbingan", _q_program)
