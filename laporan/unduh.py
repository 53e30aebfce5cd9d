"""A report table downloaded: named after its period, its rows counted and the download
written to the audit trail before the response goes out, then written by the export
layer (the dashboard's tables and the regional view's share this)."""

import datetime

from django.http.response import HttpResponseBase

from inti.ekspor import Tabel, respons_ekspor, saringan_untuk_jejak
from jejak.services import catat_ekspor


def nama_periode(nama: str, dari: datetime.date, sampai: datetime.date) -> str:
    """A report table's file base name with its period: `<nama>-YYYY-MM-YYYY-MM`."""
    return f"{nama}-{dari:%Y-%m}-{sampai:%Y-%m}"


def unduh_tabel(
    request, isi: Tabel, *, kunci: str, format: str, dari: datetime.date, sampai: datetime.date
) -> HttpResponseBase:
    isi.nama = nama_periode(isi.nama, dari, sampai)
    isi.baris = list(isi.baris)
    catat_ekspor(
        request,
        berkas=isi.nama_berkas(format),
        format=format,
        baris=len(isi.baris),
        saringan=saringan_untuk_jejak(request.GET),
        tabel=kunci,
    )
    return respons_ekspor(isi, format)
