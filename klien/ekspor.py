"""The office's client list as an export (CSV or XLSX), through the export layer
(`inti.ekspor`): the same filters as the list page, the columns of the import template
(`klien.kolom`), the NIK masked unless the role may see it in full, and the export written
to the audit trail before it is sent."""

from django.utils.text import capfirst

from akun.izin import Izin, boleh, perlu_izin
from inti.ekspor import Tabel, respons_ekspor
from inti.pencarian import data_saringan
from inti.replika import baca_replika
from jejak.services import catat_ekspor

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
    qs = Klien.objects.for_user(request.user).select_related(*RELASI_DAFTAR).order_by("nama", "pk")
    data, kedaluwarsa = data_saringan(request, teks="q")
    return KlienFilter(
        data,
        queryset=qs,
        unit=request.user.unit,
        nik_lengkap=boleh(request.user, Izin.LIHAT_NIK_LENGKAP),
        pencarian_kedaluwarsa=kedaluwarsa,
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
    out: a streamed CSV reads its rows only while it is being sent."""
    filter_ = daftar_tersaring(request)
    nik_lengkap = filter_.nik_lengkap
    tabel = tabel_klien(filter_.qs, nik_lengkap=nik_lengkap)
    cari = data_pencarian(filter_).get("cari")  # a typed name or NIK (masked) is kept
    catat_ekspor(
        request,
        berkas=tabel.nama_berkas(format),
        format=format,
        baris=filter_.qs.count(),
        saringan=saringan_jejak(filter_),
        nik="lengkap" if nik_lengkap else "tersamar",
        **({"cari": cari} if cari else {}),
    )
    return respons_ekspor(tabel, format)
