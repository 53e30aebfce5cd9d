"""Sections that a higher app adds to a lower app's page.

The client page (klien) and the partner page (pokmas) cannot import the guidance module
(pembimbingan is above them), yet they show its programmes and attendance. As with the menus
(akun.navigasi), the higher app registers what it adds, from its AppConfig.ready():

    daftar_bagian("klien:klien-detail", Bagian("pembimbingan", "pembimbingan/_x.html", f, 10))

and the page's view asks for its sections (`bagian_halaman(halaman, request, obj)`), which
templates/_bagian.html renders in order. A page is named by its URL name. A section's
`konteks` reads what it shows (scoped to the user) and returns None when it has nothing to
show this user (no permission); its template reads that dict as `isi`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Bagian:
    nama: str  # the key: registering the same name again replaces the entry
    template: str
    konteks: Callable[[Any, Any], dict | None]  # (request, the page's object) -> isi
    urutan: int = 50


@dataclass(frozen=True)
class BagianTampil:
    """A section ready to render: its template and what it shows."""

    template: str
    isi: dict


_BAGIAN: dict[str, dict[str, Bagian]] = {}


def daftar_bagian(halaman: str, *bagian: Bagian) -> None:
    """Register sections of a page (idempotent: a section is keyed by its name)."""
    terdaftar = _BAGIAN.setdefault(halaman, {})
    for b in bagian:
        terdaftar[b.nama] = b


def bagian_halaman(halaman: str, request, obj) -> list[BagianTampil]:
    """The page's sections for this request, in order; those that return None are left out."""
    hasil = []
    for b in sorted(_BAGIAN.get(halaman, {}).values(), key=lambda b: (b.urutan, b.nama)):
        isi = b.konteks(request, obj)
        if isi is not None:
            hasil.append(BagianTampil(b.template, isi))
    return hasil
