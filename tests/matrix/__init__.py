"""The permission matrix: every named URL × every role → the expected status.

One module per app declares its rows (`tests/matrix/<app>.py`, a list `BARIS`); this package
joins them. `tests/rails/test_matrix.py` fails when a URL pattern has no row, and the page
crawl (`tests/rails/test_crawl.py`) requests every row as every role against the demo data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Role keys used by the matrix, and the demo account behind each of them.
PERAN_UJI = (
    "anon",
    "pk",
    "pk_lain",
    "kasi",
    "kasi_lain",
    "kabapas",
    "admin",
    "kanwil",
    "pusat",
)
AKUN_DEMO = {
    "pk": "pk1",  # PK of Karangasem; owner of the records the rows point at
    "pk_lain": "pk2",  # another PK of the same office
    "kasi": "kasi",
    "kasi_lain": "kasi-denpasar",  # Kasi of another office
    "kabapas": "kabapas",
    "admin": "admin",
    "kanwil": "kanwil",
    "pusat": "pusat",  # Ditjenpas: every office, figures only
}


@dataclass
class Dunia:
    """The demo world a row's URL arguments are taken from."""

    pengguna: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, peran: str):
        return self.pengguna[peran]


@dataclass(frozen=True)
class Baris:
    url_name: str
    status: dict[str, int]
    kwargs: Callable[[Dunia], dict] = lambda dunia: {}
    halaman: bool = True  # renders an HTML page: validated by vnu and audited by axe
    query: str = ""  # optional query string, e.g. "?q=wayan"

    def __post_init__(self):
        hilang = set(PERAN_UJI) - set(self.status)
        if hilang:
            raise ValueError(f"{self.url_name}: no expected status for {sorted(hilang)}")


def hanya(*peran: str, ok: int = 200, lain: int = 403, anon: int = 302) -> dict[str, int]:
    """`ok` for the listed roles, `lain` for every other logged-in role, `anon` → login page."""
    return {r: anon if r == "anon" else ok if r in peran else lain for r in PERAN_UJI}


def milik_pk(*, kantor_lain: int = 404, agregat: int = 403) -> dict[str, int]:
    """A record in pk's caseload: pk and the office's managers see it; pk_lain and another
    office get 404 (a 403 would reveal that it exists); aggregate roles get 403."""
    return {
        "anon": 302,
        "pk": 200,
        "pk_lain": 404,
        "kasi": 200,
        "kasi_lain": kantor_lain,
        "kabapas": 200,
        "admin": 200,
        "kanwil": agregat,
        "pusat": agregat,
    }


def semua(status: int) -> dict[str, int]:
    return dict.fromkeys(PERAN_UJI, status)


def _kumpulkan() -> list[Baris]:
    from . import (
        akun,
        jejak,
        kerjasosial,
        klien,
        laporan,
        pekerjaan,
        pembimbingan,
        pengawasan,
        pokmas,
    )

    rows: list[Baris] = []
    for modul in (
        akun,
        klien,
        pokmas,
        pembimbingan,
        kerjasosial,
        pengawasan,
        laporan,
        jejak,
        pekerjaan,
    ):
        rows.extend(modul.BARIS)
    return rows


MATRIX: list[Baris] = _kumpulkan()
