"""CSV exports shared by the apps: cells a spreadsheet will not run as formulas."""

import csv

from django.http import HttpResponse


def sel_aman(nilai) -> str:
    """A CSV cell a spreadsheet will not run as a formula (CSV injection)."""
    teks = "" if nilai is None else str(nilai)
    return "'" + teks if teks[:1] in ("=", "+", "-", "@", "\t", "\r") else teks


class BerkasCSV:
    """An HttpResponse carrying a CSV attachment; `tulis(baris)` escapes every cell."""

    def __init__(self, nama_berkas: str, kepala: list[str]):
        self.response = HttpResponse(content_type="text/csv; charset=utf-8")
        self.response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
        self._penulis = csv.writer(self.response)
        self._penulis.writerow(kepala)
        self.jumlah = 0

    def tulis(self, baris) -> None:
        self._penulis.writerow([sel_aman(v) for v in baris])
        self.jumlah += 1


def saringan_untuk_jejak(query, *teks: str) -> str:
    """An export's filters as written to the audit trail. The free-text fields `teks` (a
    typed name or NIK) are not kept: the trail outlives the clients' own retention."""
    query = query.copy()
    for kunci in teks:
        if query.get(kunci):
            query[kunci] = "[teks]"
    return query.urlencode()[:500]
