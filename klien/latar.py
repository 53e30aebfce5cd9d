"""klien's background jobs: the client import, and the client export when it is large.

The import reads the file the user uploaded (kept through the storage API by
`pekerjaan.pelaksana.mulai`), checks every row and saves them all, inside the job's one
transaction: a refusal, a failing row or a worker killed half-way leaves no client written,
and running the job again imports the file once (rows already in the office are skipped).
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jejak.models import Peristiwa
from jejak.services import catat_peristiwa
from pekerjaan.jenis import Hasil, PekerjaanGagal, jenis_pekerjaan

from .impor import BerkasTidakValid, ImporDitolak, baca_berkas, klien_impor

IMPOR = "klien.impor"
# the row errors kept on a failed import's page (the count is kept in full)
KESALAHAN_DITAMPILKAN = 500


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
