"""The kinds of job, registered by the apps that own them (`@jenis_pekerjaan(...)` in the
app's `pekerjaan.py`, imported from its `AppConfig.ready()`), so this app never imports the
apps above it.

A job's function receives its `Pekerjaan` row and a `Progres` and returns a `Hasil`. It runs
inside the transaction that records its result: everything it writes commits together with
"done", or not at all. It raises `PekerjaanGagal` for a refusal the user should read (the
file's rows are wrong, the office has no data for that month); anything else is an error of
the system, logged, and retried when it is the database's (a lost connection).
A kind with `harian` set is also started by the schedule once a day at that time: once per
office in the office's time zone (`per_kantor`), or once for the installation.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


class PekerjaanGagal(Exception):
    """A job refused with a reason for its user (in Indonesian); nothing it wrote is kept."""

    def __init__(self, pesan: str, *, ringkasan: dict | None = None):
        super().__init__(pesan)
        self.pesan = str(pesan)
        self.ringkasan = ringkasan or {}


@dataclass
class Hasil:
    """What a finished job leaves: a summary (plain JSON values) and, for an export, a file
    (bytes or a binary file object) with its download name and content type."""

    ringkasan: dict[str, Any] = field(default_factory=dict)
    berkas: Any = None
    nama_berkas: str = ""
    tipe: str = ""
    # where the user goes from the result (e.g. the client list after an import)
    tautan: str = ""


@dataclass(frozen=True)
class Jenis:
    kode: str
    judul: Any
    fungsi: Callable
    harian: datetime.time | None = None  # started by the schedule once a day, office time
    # the audit-trail event recorded when the job fails (its success the job records itself)
    jejak_gagal: Any = None
    # a daily job runs once per office, at `harian` in the office's own time zone, and is
    # seen by those who may read the office's trail; otherwise once for the installation
    per_kantor: bool = True


_TERDAFTAR: dict[str, Jenis] = {}


def jenis_pekerjaan(
    kode: str,
    judul,
    *,
    harian: datetime.time | None = None,
    jejak_gagal=None,
    per_kantor: bool = True,
):
    def daftarkan(fungsi: Callable) -> Callable:
        if kode in _TERDAFTAR and _TERDAFTAR[kode].fungsi is not fungsi:
            raise ValueError(f"job kind {kode!r} registered twice")
        _TERDAFTAR[kode] = Jenis(
            kode=kode,
            judul=judul,
            fungsi=fungsi,
            harian=harian,
            jejak_gagal=jejak_gagal,
            per_kantor=per_kantor,
        )
        return fungsi

    return daftarkan


def ambil(kode: str) -> Jenis:
    try:
        return _TERDAFTAR[kode]
    except KeyError:
        raise PekerjaanGagal(_("Jenis pekerjaan ini tidak dikenal lagi oleh sistem.")) from None


def judul(kode: str):
    j = _TERDAFTAR.get(kode)
    return j.judul if j else kode


def terjadwal() -> list[Jenis]:
    return sorted((j for j in _TERDAFTAR.values() if j.harian), key=lambda j: j.kode)


def jejak_gagal(kode: str):
    j = _TERDAFTAR.get(kode)
    return j.jejak_gagal if j else None
