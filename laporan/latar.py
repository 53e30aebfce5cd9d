"""laporan's background jobs: the monthly report as PDF or XLSX, and a table of the regional
and national view as CSV or XLSX (issue 15).

The page's button posts to the download's URL, which starts the job (`mulai_bulanan`,
`mulai_wilayah`), writes the export to the audit trail with the job's id, and sends the
user to the job's page. The job works out everything again from its parameters (plain
JSON: the month, the view's query string, the format, the language and time zone of the
page) and its owner, read as the views read: `laporan_bulanan` and `ringkasan_wilayah`
scope every query to what the user may see and hide the small cells as the pages do. It
is refused when the owner may no longer see the report. Each download of the file is
written to the trail again, with the rows it holds (`Hasil.ringkasan["jejak"]`).
"""

import datetime

from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akun.izin import Izin, boleh
from inti.ekspor import (
    berkas_ekspor,
    dalam_suasana,
    dengan_progres,
    penulis_untuk,
    saringan_untuk_jejak,
)
from pekerjaan import pelaksana
from pekerjaan.jenis import Hasil, PekerjaanGagal, jenis_pekerjaan

from . import views_bulanan, views_wilayah
from .bulanan import laporan_bulanan
from .periode_wilayah import FormWilayah, Periode
from .selectors_wilayah import ringkasan_wilayah
from .unduh import nama_periode

BULANAN = "laporan.bulanan"
WILAYAH = "laporan.wilayah"


def _pemilik(p, izin: Izin):
    """The job's owner, who must still hold the report's permission when it runs."""
    if p.pemilik is None or not boleh(p.pemilik, izin):
        raise PekerjaanGagal(
            _("Akun yang memulai pekerjaan ini tidak lagi berhak atas laporan ini.")
        )
    return p.pemilik


# --- the monthly report -------------------------------------------------------------------


def mulai_bulanan(request, bulan: datetime.date, format: str):
    """Start the monthly report of `bulan` for the user's office as `format` (pdf, xlsx)."""
    return pelaksana.mulai_ekspor(
        request,
        jenis=BULANAN,
        parameter={"bulan": f"{bulan:%Y-%m}", "format": format},
        jejak={
            "berkas": views_bulanan.nama_berkas(bulan, format),
            "format": format,
            "saringan": views_bulanan._query(bulan),
            "laporan": "bulanan",
        },
    )


@jenis_pekerjaan(BULANAN, gettext_lazy("Laporan bulanan"))
def bulanan(p, progres) -> Hasil:
    oleh = _pemilik(p, Izin.LIHAT_DASBOR_KANTOR)
    format = p.parameter["format"]
    bulan = datetime.date.fromisoformat(f"{p.parameter['bulan']}-01")
    with dalam_suasana(p.parameter):
        progres(0, total=3, langkah=_("Menghitung angka laporan"), segera=True)
        lap = laporan_bulanan(oleh, bulan)
        tabel = views_bulanan.tabel_bulanan(lap)
        if format == "pdf":
            progres(1, langkah=_("Menyusun PDF"), segera=True)
            berkas, tipe = views_bulanan.pdf_bulanan(lap), views_bulanan.JENIS_PDF
        elif format == "xlsx":
            progres(1, langkah=_("Menulis lembar kerja"), segera=True)
            berkas, tipe = berkas_ekspor(tabel, "xlsx"), penulis_untuk("xlsx").jenis_konten
        else:
            raise PekerjaanGagal(_("Format berkas ini tidak tersedia."))
        progres(3, segera=True)
        nama = views_bulanan.nama_berkas(lap.bulan, format)
        judul = _("Laporan bulanan %(bulan)s, %(kantor)s.") % {
            "bulan": formats.date_format(lap.bulan, "F Y"),
            "kantor": lap.unit.nama,
        }
    jejak = {
        "format": format,
        "baris": sum(len(t.baris) for t in tabel[1:]),  # the figures' rows (not the cover)
        "saringan": views_bulanan._query(lap.bulan),
        "laporan": "bulanan",
    }
    return Hasil(
        ringkasan={"jejak": jejak, "baris": [judul]}, berkas=berkas, nama_berkas=nama, tipe=tipe
    )


# --- the regional and national view ----------------------------------------------------------


def nama_berkas_wilayah(tabel: str, format: str, periode: Periode) -> str:
    nama = nama_periode(views_wilayah.NAMA_TABEL[tabel], periode.dari, periode.sampai)
    return f"{nama}.{penulis_untuk(format).ekstensi}"


def mulai_wilayah(request, *, tabel: str, format: str):
    """Start the export of one table of the regional view, for the period (and Kanwil) of
    the request's query string."""
    periode = FormWilayah(request.GET, user=request.user).periode()
    return pelaksana.mulai_ekspor(
        request,
        jenis=WILAYAH,
        parameter={"tabel": tabel, "format": format, "kueri": request.GET.urlencode()},
        jejak={
            "berkas": nama_berkas_wilayah(tabel, format, periode),
            "format": format,
            "saringan": saringan_untuk_jejak(request.GET),
            "tabel": tabel,
        },
    )


@jenis_pekerjaan(WILAYAH, gettext_lazy("Ekspor ringkasan wilayah"))
def wilayah(p, progres) -> Hasil:
    oleh = _pemilik(p, Izin.LIHAT_RINGKASAN_WILAYAH)
    kunci, format = p.parameter["tabel"], p.parameter["format"]
    if kunci not in views_wilayah.TABEL or format not in ("csv", "xlsx"):
        raise PekerjaanGagal(_("Tabel atau format berkas ini tidak tersedia."))
    kueri = QueryDict(p.parameter.get("kueri", ""))
    with dalam_suasana(p.parameter):
        progres(0, langkah=_("Menghitung angka per kantor"), segera=True)
        periode = FormWilayah(kueri, user=oleh).periode()
        isi = views_wilayah.TABEL[kunci](ringkasan_wilayah(oleh, periode))
        baris = list(isi.baris)
        isi.nama = nama_periode(isi.nama, periode.dari, periode.sampai)
        progres(0, total=len(baris), langkah=_("Menulis baris"), segera=True)
        isi.baris = dengan_progres(baris, lambda n: progres(n, len(baris)))
        berkas = berkas_ekspor([isi], format)
        judul = _("%(tabel)s, %(dari)s sampai %(sampai)s: %(n)d baris.") % {
            "tabel": isi.judul,
            "dari": formats.date_format(periode.dari, "F Y"),
            "sampai": formats.date_format(periode.sampai, "F Y"),
            "n": len(baris),
        }
    jejak = {
        "format": format,
        "baris": len(baris),
        "saringan": saringan_untuk_jejak(kueri),
        "tabel": kunci,
    }
    return Hasil(
        ringkasan={"jejak": jejak, "baris": [judul]},
        berkas=berkas,
        nama_berkas=isi.nama_berkas(format),
        tipe=penulis_untuk(format).jenis_konten,
    )
