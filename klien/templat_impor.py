"""The client import's templates: an XLSX (the columns of `klien.kolom` with drop-down lists
of the allowed values, one example row, a help sheet) and a CSV (the header and the example
row; the page explains the columns). Both are what an export of one client would be, so a
filled template, an export and the importer agree; each download is written to the trail.

The lists are the office's own: its work area's villages, districts and regencies, its
active PKs, the reference list's institutions, and each choice set's labels.
"""

from django.utils.translation import gettext as _

from akun.izin import Izin, perlu_izin
from akun.models import User
from inti.ekspor import Tabel, respons_ekspor
from inti.templat import KolomTemplat, respons_templat_xlsx
from jejak.services import catat_ekspor
from wilayah.models import Desa

from .impor_baca import BARIS_MAKS
from .kolom import CONTOH, KOLOM_KLIEN, Isi
from .models import Klien, LembagaAsal
from .pilihan import StatusKlien

NAMA_BERKAS = "templat-impor-klien"
# The example's NIK: issued in Karangasem district (51 Bali, 07 Karangasem, 04 Karangasem),
# the birth date as DDMMYY (a man: the day as it is), serial 0003.
KODE_KECAMATAN_CONTOH = "510704"


def contoh_klien(unit) -> Klien:
    """The example row, unsaved: `CONTOH` with the first village of the office's work area,
    its first active PK (who also wrote the Litmas), an institution of the village's
    regency (else the first active one), and a NIK that agrees with the birth date and sex."""
    desa = (
        Desa.objects.di_wilayah_kerja(unit)
        .select_related("kecamatan__kabupaten__provinsi")
        .order_by("kecamatan__kabupaten__nama", "kecamatan__nama", "nama")
        .first()
    )
    pk = User.objects.pk_aktif(unit).order_by("username").first()
    lembaga_aktif = LembagaAsal.objects.aktif().order_by("nama", "pk")
    lembaga = None
    if desa is not None:
        lembaga = lembaga_aktif.filter(kabupaten=desa.kecamatan.kabupaten).first()
    lembaga = lembaga or lembaga_aktif.first()
    return Klien(
        unit=unit,
        **CONTOH,
        nik=f"{KODE_KECAMATAN_CONTOH}{CONTOH['tanggal_lahir']:%d%m%y}0003",
        tempat_lahir=desa.kecamatan.kabupaten.nama if desa else "Karangasem",
        desa=desa,
        pk_pembimbing=pk,
        pk_litmas=pk,
        lembaga_asal=lembaga,
        tanggal_serah_terima=CONTOH["tanggal_mulai"] if lembaga else None,
        status=StatusKlien.PENERIMAAN,
    )


def kolom_templat(unit) -> list[KolomTemplat]:
    """The template's columns: the export's, each with its allowed values where it has a
    list (labels, as the XLSX shows codes)."""
    desa = list(
        Desa.objects.di_wilayah_kerja(unit).values_list(
            "nama", "kecamatan__nama", "kecamatan__kabupaten__nama"
        )
    )
    daftar = {
        Isi.DESA: sorted({d[0] for d in desa}),
        Isi.KECAMATAN: sorted({d[1] for d in desa}),
        Isi.KABUPATEN: sorted({d[2] for d in desa}),
        Isi.PK: list(
            User.objects.pk_aktif(unit).order_by("username").values_list("username", flat=True)
        ),
        Isi.LEMBAGA: list(
            LembagaAsal.objects.aktif().order_by("nama").values_list("nama", flat=True)
        ),
    }
    hasil = []
    for k in KOLOM_KLIEN:
        if k.pilihan is not None:
            nilai = [str(label) for label in k.pilihan.labels]
        else:
            nilai = daftar.get(k.isi, [])
        hasil.append(
            KolomTemplat(
                kolom=k.kolom_ekspor(),
                wajib=k.wajib,
                format=k.format,
                daftar=nilai,
                # a PK may be named by full name too; an institution off the active list
                # (a closed one) may still be named
                ketat=k.isi not in (Isi.PK, Isi.LEMBAGA),
            )
        )
    return hasil


def catatan_templat() -> list[str]:
    return [
        _("Baris 2 lembar pertama adalah contoh: hapus atau timpa sebelum mengimpor."),
        _("Judul kolom berlatar kuning wajib diisi; kolom lain boleh kosong."),
        _(
            "Klien diimpor dengan status Penerimaan. Baris yang statusnya sudah berakhir "
            "dilewati; nomor register yang sudah ada di kantor juga dilewati."
        ),
        _(
            "Satu baris salah berarti tidak ada yang diimpor; halaman impor menyebut baris dan "
            "kolomnya."
        ),
    ]


def _catat(request, format: str) -> None:
    catat_ekspor(
        request,
        berkas=f"{NAMA_BERKAS}.{format}",
        format=format,
        baris=1,  # the example row: no client's data
        saringan="",
        isi="templat impor klien",
    )


@perlu_izin(Izin.IMPOR_KLIEN)
def templat_xlsx(request):
    unit = request.user.unit
    _catat(request, "xlsx")
    return respons_templat_xlsx(
        kolom_templat(unit),
        [contoh_klien(unit)],
        nama_berkas=f"{NAMA_BERKAS}.xlsx",
        judul=str(Klien._meta.verbose_name_plural).capitalize(),
        baris_maks=BARIS_MAKS,
        catatan=catatan_templat(),
    )


@perlu_izin(Izin.IMPOR_KLIEN)
def templat_csv(request):
    _catat(request, "csv")
    tabel = Tabel(
        nama=NAMA_BERKAS,
        kolom=[k.kolom_ekspor() for k in KOLOM_KLIEN],
        baris=[contoh_klien(request.user.unit)],
    )
    return respons_ekspor(tabel, "csv")
