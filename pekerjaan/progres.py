"""A running job's progress, written so that its user sees it while the job's own
transaction is still open.

On PostgreSQL the progress goes through a second connection of its own (autocommit), so it
is visible at once and is never rolled back with the job. SQLite has one writer at a time:
while the job holds its transaction, progress is kept and written with the result.
The job never touches its own `Pekerjaan` row until it ends (the runner records the result),
so the side connection never waits on a lock the job holds.
"""

import time

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from .models import Pekerjaan

# at most one write a second: a 5,000-row import reports often enough, and cheaply
SELANG_DETIK = 1.0


class Progres:
    def __init__(self, pekerjaan: Pekerjaan):
        self.pekerjaan_id = pekerjaan.pk
        self.selesai = 0
        self.total: int | None = None
        self.langkah = ""
        self._ditulis = 0.0
        self._samping = None

    def __call__(self, selesai: int, total: int | None = None, langkah=None, *, segera=False):
        if total is not None:
            self.total = total
        if langkah is not None:
            self.langkah = str(langkah)[:200]
        self.selesai = min(selesai, self.total) if self.total is not None else selesai
        sekarang = time.monotonic()
        if segera or sekarang - self._ditulis >= SELANG_DETIK:
            self._ditulis = sekarang
            self._tulis()

    def _tulis(self) -> None:
        koneksi = connection
        if connection.in_atomic_block:
            if connection.vendor != "postgresql":
                return
            if self._samping is None:
                self._samping = connections.create_connection(DEFAULT_DB_ALIAS)
            koneksi = self._samping
        tabel = koneksi.ops.quote_name(Pekerjaan._meta.db_table)
        pg = koneksi.vendor == "postgresql"
        with koneksi.cursor() as c:
            c.execute(
                f"UPDATE {tabel} SET progres = %s, total = %s, langkah = %s, denyut = %s "  # noqa: S608 - the table's own name
                "WHERE id = %s AND status = 'berjalan'",
                [
                    self.selesai,
                    self.total,
                    self.langkah,
                    timezone.now(),
                    # the column as each backend stores a UUIDField
                    str(self.pekerjaan_id) if pg else self.pekerjaan_id.hex,
                ],
            )

    def tutup(self) -> None:
        if self._samping is not None:
            self._samping.close()
            self._samping = None
