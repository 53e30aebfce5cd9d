"""The client register: clients, their lifecycle events and their outcomes.

`klien.py` holds the client row; `anak.py` the rows recorded about a client. Everything is
importable from `klien.models`, as before the split.
"""

from .anak import (
    AnakKlien,
    IndikatorReintegrasi,
    LogKlien,
    PengalihanPK,
    PeristiwaResidivisme,
    RiwayatStatus,
    UnitBerbedaDenganKlien,
)
from .klien import NIK_REGEX, TANGGAL_LAHIR_MINIMUM, Klien, nik_validator
from .lembaga import JenisLembaga, LembagaAsal, kunci_lembaga
from .pencabutan import UsulanPencabutan
from .rekap import MASUK, PeristiwaKlien, RekapKlien

__all__ = [
    "MASUK",
    "NIK_REGEX",
    "TANGGAL_LAHIR_MINIMUM",
    "AnakKlien",
    "IndikatorReintegrasi",
    "JenisLembaga",
    "Klien",
    "LembagaAsal",
    "LogKlien",
    "PengalihanPK",
    "PeristiwaKlien",
    "PeristiwaResidivisme",
    "RekapKlien",
    "RiwayatStatus",
    "UnitBerbedaDenganKlien",
    "UsulanPencabutan",
    "kunci_lembaga",
    "nik_validator",
]
