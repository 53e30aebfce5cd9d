"""Searches of the client list that name a person, written to the audit trail.

A search is a way of reading the register: whoever typed a name, a register number or a
NIK, and what it found, goes into the trail (as a record view, `Peristiwa.LIHAT`, with the
action "cari"), each time its results are shown or exported. The term is kept as typed,
except that a NIK in it is masked as the screens mask it for those who may not see it in
full: the trail is read by the Kabapas, who sees NIKs masked.
"""

from django.http import QueryDict

from inti.ekspor import saringan_untuk_jejak
from inti.pencarian import PARAM, samarkan_kata
from jejak.models import Peristiwa
from jejak.services import catat_peristiwa

from .filters import KlienFilter

AKSI = "cari"


def saringan_jejak(filter_: KlienFilter) -> str:
    """A filtered list's filters as the trail keeps them: the typed term as "[teks]" (it is
    kept on its own, masked) and no session token."""
    data = filter_.data.copy() if hasattr(filter_.data, "urlencode") else QueryDict(mutable=True)
    data.pop(PARAM, None)
    return saringan_untuk_jejak(data, "q")


def data_pencarian(filter_: KlienFilter) -> dict:
    """What the trail keeps of a list's search: the term (NIK masked) and the other filters.
    Empty when no term was typed."""
    if not filter_.kata:
        return {}
    return {"cari": samarkan_kata(filter_.kata), "saringan": saringan_jejak(filter_)}


def catat_pencarian(request, filter_: KlienFilter, *, baris: int, klien_id=None) -> None:
    """Write a shown search to the trail, if a term was typed: the term (NIK masked), the
    other filters, how many clients it found and, when it found exactly one, that client
    (so that it is in the client's own trail)."""
    data = data_pencarian(filter_)
    if data:
        catat_peristiwa(
            Peristiwa.LIHAT,
            request=request,
            klien_id=klien_id if baris == 1 else None,
            data={"aksi": AKSI, **data, "baris": baris},
        )
