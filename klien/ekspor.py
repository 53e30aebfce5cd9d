"""The office's client list as an export (CSV or XLSX), through the export layer
(`inti.ekspor`): the same filters as the list page, the columns of the import template
(`klien.kolom`), the NIK masked unless the role may see it in full, and the export written
to the audit trail before it is sent."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.text import capfirst

from akun.izin import Izin, boleh, perlu_izin
from inti.ekspor import Tabel, respons_ekspor
from inti.pencarian import data_saringan, query_tautan
from inti.replika import baca_replika
from jejak.services import catat_ekspor

from . import latar
from .filters import KlienFilter
from .kolom import KOLOM_KLIEN, RELASI
from .models import Klien
from .pencarian import data_pencarian, saringan_jejak

RELASI_DAFTAR = ("pk_pembimbing", "desa__kecamatan__kabupaten")
# Rows read from the database at a time while an export is written.
POTONGAN_BARIS = 2000


def daftar_tersaring(request) -> KlienFilter:
    """The office's clients as filtered on the list page (the list and its exports). The
    search term comes from the session when the query string carries its token
    (inti.pencarian); the NIK is searched as the role may see it (klien.filters)."""
    data, kedaluwarsa = data_saringan(request, teks="q")
    return klien_tersaring(request.user, data, pencarian_kedaluwarsa=kedaluwarsa)


def klien_tersaring(user, data, *, pencarian_kedaluwarsa: bool = False) -> KlienFilter:
    """`user`'s clients filtered by `data` (the list's filters, the search term resolved):
    the list's view and a background export (klien.latar) build it the same way."""
    qs = Klien.objects.for_user(user).select_related(*RELASI_DAFTAR).order_by("nama", "pk")
    return KlienFilter(
        data,
        queryset=qs,
        unit=user.unit,
        nik_lengkap=boleh(user, Izin.LIHAT_NIK_LENGKAP),
        pencarian_kedaluwarsa=pencarian_kedaluwarsa,
    )


def tabel_klien(qs, *, nik_lengkap: bool) -> Tabel:
    """The client export over `qs`, read in chunks: every column of `klien.kolom` (the import
    template's), so that an export can be imported again. The CSV holds the keys, codes and
    ISO dates; the XLSX the headings, labels and real dates. The NIK is masked unless
    `nik_lengkap` (a masked NIK is a row error when the file is imported)."""
    return Tabel(
        nama="klien",
        judul=capfirst(Klien._meta.verbose_name_plural),
        kolom=[k.kolom_ekspor(nik_lengkap=nik_lengkap) for k in KOLOM_KLIEN],
        baris=qs.select_related(*RELASI).iterator(chunk_size=POTONGAN_BARIS),
    )


@perlu_izin(Izin.LIHAT_KLIEN_KANTOR)
@baca_replika
def klien_ekspor(request, format: str = "csv"):
    """The filtered list as a download (CSV by default, XLSX from its own URL). The rows are
    counted first (one query) so that the trail entry is written before the response goes
    out: a streamed CSV reads its rows only while it is being sent.

    More rows than `EKSPOR_LATAR_AMBANG`: a GET answers a page with the count and a button
    that posts to the same address, and the POST starts a background job (klien.latar,
    written to the trail with its id) and sends the user to its page."""
    filter_ = daftar_tersaring(request)
    nik_lengkap = filter_.nik_lengkap
    jumlah = filter_.qs.count()
    tabel = tabel_klien(filter_.qs, nik_lengkap=nik_lengkap)
    if request.method == "POST":
        p = latar.mulai_ekspor(
            request, filter_, format=format, baris=jumlah, berkas=tabel.nama_berkas(format)
        )
        return redirect(p)
    if jumlah > settings.EKSPOR_LATAR_AMBANG:
        return render(
            request,
            "klien/klien_ekspor_latar.html",
            {
                "jumlah": jumlah,
                "format": format,
                "ambang": settings.EKSPOR_LATAR_AMBANG,
                "query": query_tautan(request, teks="q"),
            },
        )
    catat_ekspor(request, berkas=tabel.nama_berkas(format), **jejak_ekspor(filter_, format, jumlah))
    return respons_ekspor(tabel, format)


def jejak_ekspor(filter_: KlienFilter, format: str, baris: int) -> dict:
    """What the trail keeps of a client export: its format, rows and filters, whether the
    NIK was masked, and a typed name or NIK (masked)."""
    cari = data_pencarian(filter_).get("cari")
    return {
        "format": format,
        "baris": baris,
        "saringan": saringan_jejak(filter_),
        "nik": "lengkap" if filter_.nik_lengkap else "tersamar",
        **({"cari": cari} if cari else {}),
    }
