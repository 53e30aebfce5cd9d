"""klien's background jobs: the client import, and the client export when it is large.

The import reads the file the user uploaded (kept through the storage API by
`pekerjaan.pelaksana.mulai`), checks every row and saves them all, inside the job's one
transaction: a refusal, a failing row or a worker killed half-way leaves no client written,
and running the job again imports the file once (rows already in the office are skipped).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akun.izin import Izin, boleh
from inti.ekspor import (
    berkas_ekspor,
    dalam_suasana,
    dengan_progres,
    penulis_untuk,
)
from jejak.models import Peristiwa
from jejak.services import catat_peristiwa
from pekerjaan import pelaksana
from pekerjaan.jenis import Hasil, PekerjaanGagal, jenis_pekerjaan

from . import ekspor as ekspor_
from .impor import BerkasTidakValid, ImporDitolak, baca_berkas, klien_impor

IMPOR = "klien.impor"
# the row errors kept on a failed import's page (the count is kept in full)
KESALAHAN_DITAMPILKAN = 500


def mulai_impor(request, berkas):
    """Start the import of an uploaded file for the user's office, and write it to the trail
    with the job's id, in one transaction (the job writes its outcome when it ends)."""
    with transaction.atomic():
        p = pelaksana.mulai(jenis=IMPOR, oleh=request.user, berkas_masukan=berkas)
        catat_peristiwa(
            Peristiwa.IMPOR,
            request=request,
            data={"berkas": berkas.name[:200], "hasil": "dimulai", "pekerjaan": str(p.pk)},
        )
    return p


@jenis_pekerjaan(IMPOR, gettext_lazy("Impor klien"), jejak_gagal=Peristiwa.IMPOR)
def impor(p, progres) -> Hasil:
    progres(0, langkah=_("Membaca berkas"), segera=True)
    with p.berkas_masukan.open("rb") as f:
        isi = f.read()
    try:
        rows = baca_berkas(SimpleUploadedFile(p.nama_masukan or "impor.csv", isi))
    except BerkasTidakValid as exc:
        raise PekerjaanGagal(str(exc)) from exc
    progres(0, total=2 * len(rows), langkah=_("Memeriksa dan menyimpan baris"), segera=True)
    try:
        hasil = klien_impor(unit=p.unit, oleh=p.pemilik, rows=rows, progres=progres)
    except ImporDitolak as exc:
        raise PekerjaanGagal(str(exc)) from exc
    if not hasil.berhasil:
        raise PekerjaanGagal(
            _("Tidak ada yang diimpor: ada baris yang salah (lihat tabel di bawah)."),
            ringkasan={
                "jejak": {"baris": len(rows)},  # the file's rows, in the trail's entry
                "jumlah_kesalahan": len(hasil.kesalahan),
                "kesalahan": [
                    {"baris": k.baris, "kolom": k.kolom, "judul": str(k.judul), "alasan": k.alasan}
                    for k in hasil.kesalahan[:KESALAHAN_DITAMPILKAN]
                ],
            },
        )
    ringkasan = {"dibuat": hasil.dibuat, "dilewati": hasil.dilewati, "berakhir": hasil.berakhir}
    catat_peristiwa(
        Peristiwa.IMPOR,
        pelaku=p.pemilik,
        unit_id=p.unit_id,
        data={"berkas": p.nama_masukan[:200], "baris": len(rows), "hasil": "berhasil"}
        | ringkasan
        | {"pekerjaan": str(p.pk)},
    )
    baris = [
        _("%(dibuat)d klien diimpor, %(dilewati)d sudah ada dan dilewati.")
        % {"dibuat": hasil.dibuat, "dilewati": hasil.dilewati}
    ]
    if hasil.berakhir:
        baris.append(
            _("%(n)d baris tidak diimpor karena bimbingan klien itu sudah berakhir.")
            % {"n": hasil.berakhir}
        )
    return Hasil(ringkasan=ringkasan | {"baris": baris}, tautan=reverse("klien:klien-list"))


# --- the client export, when it is large (klien.ekspor.klien_ekspor) --------------------------

EKSPOR = "klien.ekspor"


def mulai_ekspor(request, filter_, *, format: str, baris: int, berkas: str):
    """Start the export of the filtered list as a job and write it to the trail with the
    job's id. The parameters hold the list's filters with the search term resolved (not the
    session's token: the worker has no session), and the page's language and time zone."""
    data = filter_.data
    # pairs, not an object: their order is kept (PostgreSQL's jsonb sorts an object's keys),
    # so the trail's filters read the same when the job writes them
    saringan = [[k, data.getlist(k)] for k in data] if data is not None else None
    return pelaksana.mulai_ekspor(
        request,
        jenis=EKSPOR,
        parameter={
            "format": format,
            "saringan": saringan,
            "kedaluwarsa": filter_.pencarian_kedaluwarsa,
        },
        jejak={"berkas": berkas} | ekspor_.jejak_ekspor(filter_, format, baris),
    )


@jenis_pekerjaan(EKSPOR, gettext_lazy("Ekspor klien"))
def ekspor(p, progres) -> Hasil:
    """The filtered list written as the download would write it, for the owner as they are
    now: their clients (`for_user`), the NIK masked unless their role may see it in full."""
    oleh = p.pemilik
    if oleh is None or not boleh(oleh, Izin.LIHAT_KLIEN_KANTOR):
        raise PekerjaanGagal(
            _("Akun yang memulai pekerjaan ini tidak lagi berhak atas daftar klien.")
        )
    format = p.parameter["format"]
    if format not in ("csv", "xlsx"):
        raise PekerjaanGagal(_("Format berkas ini tidak tersedia."))
    data = None
    if p.parameter.get("saringan") is not None:
        data = QueryDict(mutable=True)
        for kunci, nilai in p.parameter["saringan"]:
            data.setlist(kunci, nilai)
    with dalam_suasana(p.parameter):
        filter_ = ekspor_.klien_tersaring(
            oleh, data, pencarian_kedaluwarsa=p.parameter.get("kedaluwarsa", False)
        )
        total = filter_.qs.count()
        progres(0, total=total, langkah=_("Menulis baris klien"), segera=True)
        tabel = ekspor_.tabel_klien(filter_.qs, nik_lengkap=filter_.nik_lengkap)
        tabel.baris = dengan_progres(tabel.baris, lambda n: progres(n, total))
        berkas = berkas_ekspor([tabel], format)
        baris = [_("%(n)d klien diekspor.") % {"n": total}]
    return Hasil(
        ringkasan={"jejak": ekspor_.jejak_ekspor(filter_, format, total), "baris": baris},
        berkas=berkas,
        nama_berkas=tabel.nama_berkas(format),
        tipe=penulis_untuk(format).jenis_konten,
    )
