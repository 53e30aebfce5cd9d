"""The Kanwil and national view (`laporan:wilayah`): the offices' figures for a period,
their trend and absences, as aggregates with small cells hidden; its tables as CSV and XLSX
(`laporan:wilayah-ekspor`, made by a background job: `laporan.latar`), hidden cells
exported as they are shown ("<5", "x"), each export written to the audit trail."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from akun.izin import Izin, perlu_izin
from inti.ekspor import (
    JenisKolom,
    Kolom,
    Tabel,
    format_tersedia,
)
from inti.replika import baca_replika

from . import grafik, latar
from .periode_wilayah import FormWilayah
from .selectors_wilayah import RingkasanWilayah, ringkasan_wilayah
from .sensor import KETERANGAN
from .susun_wilayah import UKURAN, BarisWilayah, Kehadiran, Lingkup, catatan_kehadiran


def _label_bulan(bulan) -> str:
    return f"{bulan:%m-%Y}"


def _n(k: Kehadiran):
    return "–" if k.n is None else k.n


def grafik_wilayah(lingkup: Lingkup) -> dict[str, grafik.Grafik]:
    """The trend (attendance and intakes per month) and the absences by reason of the whole
    view: hidden figures are gaps in the chart and their sign in its table."""
    label = [_label_bulan(b.bulan) for b in lingkup.bulan]
    return {
        "kehadiran": grafik.garis(
            _("Tingkat kehadiran per bulan"),
            label,
            {_("Kehadiran %"): [b.kehadiran.persen for b in lingkup.bulan]},
            kepala=(_("Bulan"), _("Kehadiran %"), _("Tercatat (n)"), _("Catatan")),
            baris=tuple(
                (lb, b.kehadiran.persen, _n(b.kehadiran), catatan_kehadiran(b.kehadiran))
                for lb, b in zip(label, lingkup.bulan, strict=True)
            ),
            persen=True,
        ),
        "masuk": grafik.batang(
            _("Klien masuk per bulan"),
            label,
            {_("Klien masuk"): [b.masuk.nilai_tampil for b in lingkup.bulan]},
            kepala=(_("Bulan"), _("Klien masuk")),
            baris=tuple((lb, str(b.masuk)) for lb, b in zip(label, lingkup.bulan, strict=True)),
        ),
        "absen": grafik.batang(
            _("Absen menurut alasan"),
            [a.label for a in lingkup.absen],
            {_("Absen"): [a.jumlah.nilai_tampil for a in lingkup.absen]},
            kepala=(_("Alasan"), _("Absen")),
            baris=(
                *((a.label, str(a.jumlah)) for a in lingkup.absen),
                (_("Jumlah"), str(lingkup.absen_jumlah)),
            ),
            mendatar=True,
        ),
    }


# --- the tables behind the page, for export -------------------------------------------------

# Each table's file base name (its period is added after it: `laporan.unduh.nama_periode`);
# a background export names its file before it computes the table (`laporan.latar`).
NAMA_TABEL = {
    "kantor": "wilayah-kantor",
    "bulan": "wilayah-bulan",
    "alasan": "wilayah-absen-alasan",
}


def _tabel_kantor(r: RingkasanWilayah) -> Tabel:
    """Every row of the offices' table: (Kanwil, row)."""
    baris: list[tuple[str, BarisWilayah]] = [
        (blok.nama, b) for blok in r.blok for b in (*blok.kantor, blok.lingkup.jumlah)
    ]
    if r.nasional:
        baris.append(("", r.nasional.jumlah))
    jenis = {"kantor": _("kantor"), "kanwil": _("jumlah kanwil"), "nasional": _("jumlah nasional")}
    return Tabel(
        nama=NAMA_TABEL["kantor"],
        judul=_("Klien dan kehadiran per kantor"),
        kolom=[
            Kolom("kanwil", _("Kanwil"), lambda p: p[0]),
            Kolom("kantor", _("Kantor"), lambda p: p[1].nama),
            Kolom("baris", _("Baris"), lambda p: p[1].jenis, label=lambda p: jenis[p[1].jenis]),
            Kolom("pk_aktif", _("PK aktif"), lambda p: p[1].jumlah_pk, JenisKolom.ANGKA),
            *(
                Kolom(kunci, str(judul), _pembaca(i), JenisKolom.ANGKA)
                for i, (kunci, judul) in enumerate(UKURAN)
            ),
            Kolom(
                "kehadiran_persen",
                _("Kehadiran %"),
                lambda p: p[1].kehadiran.persen,
                JenisKolom.ANGKA,
            ),
            Kolom("kehadiran_n", _("Tercatat (n)"), lambda p: p[1].kehadiran.n, JenisKolom.ANGKA),
            Kolom("catatan", _("Catatan"), lambda p: catatan_kehadiran(p[1].kehadiran)),
        ],
        baris=baris,
    )


def _pembaca(i: int) -> Callable:
    return lambda p: p[1].angka[i].ekspor


def _tabel_bulan(r: RingkasanWilayah) -> Tabel:
    return Tabel(
        nama=NAMA_TABEL["bulan"],
        judul=_("Tren per bulan"),
        kolom=[
            Kolom("bulan", _("Bulan"), lambda b: f"{b.bulan:%Y-%m}"),
            Kolom("masuk", _("Klien masuk"), lambda b: b.masuk.ekspor, JenisKolom.ANGKA),
            Kolom(
                "kehadiran_persen",
                _("Kehadiran %"),
                lambda b: b.kehadiran.persen,
                JenisKolom.ANGKA,
            ),
            Kolom("kehadiran_n", _("Tercatat (n)"), lambda b: b.kehadiran.n, JenisKolom.ANGKA),
            Kolom("catatan", _("Catatan"), lambda b: catatan_kehadiran(b.kehadiran)),
        ],
        baris=list(r.utama.bulan) if r.utama else [],
    )


def _tabel_alasan(r: RingkasanWilayah) -> Tabel:
    baris = []
    if r.utama:
        baris = [(a.alasan, a.label, a.jumlah) for a in r.utama.absen]
        baris.append(("jumlah", _("Jumlah"), r.utama.absen_jumlah))
    return Tabel(
        nama=NAMA_TABEL["alasan"],
        judul=_("Absen menurut alasan"),
        kolom=[
            Kolom("alasan", _("Alasan"), lambda a: a[0], label=lambda a: a[1]),
            Kolom("absen", _("Absen"), lambda a: a[2].ekspor, JenisKolom.ANGKA),
        ],
        baris=baris,
    )


TABEL: dict[str, Callable[[RingkasanWilayah], Tabel]] = {
    "kantor": _tabel_kantor,
    "bulan": _tabel_bulan,
    "alasan": _tabel_alasan,
}


# --- the views ----------------------------------------------------------------------------


@perlu_izin(Izin.LIHAT_RINGKASAN_WILAYAH)
@baca_replika
def wilayah(request):
    """The home of Kanwil and national staff: figures per office for a period, numbers
    only, never a client's name."""
    form = FormWilayah(request.GET, user=request.user)
    periode = form.periode()
    ringkasan = ringkasan_wilayah(request.user, periode)
    return render(
        request,
        "laporan/wilayah.html",
        {
            "form": form,
            "periode": periode,
            "ringkasan": ringkasan,
            "ukuran": [str(judul) for _kunci, judul in UKURAN],
            "grafik": grafik_wilayah(ringkasan.utama) if ringkasan.utama else None,
            "keterangan": KETERANGAN,
            "kueri": urlencode(periode.query()),
        },
    )


@perlu_izin(Izin.LIHAT_RINGKASAN_WILAYAH)
@baca_replika
def wilayah_ekspor(request, tabel: str, format: str):
    """One table of the view, for its period (and Kanwil), as CSV or XLSX: the page's button
    (a POST) starts a background job (`laporan.latar`, written to the audit trail with the
    period) and sends the user to its page; a GET (an old link) goes to the view."""
    if tabel not in TABEL or format not in format_tersedia():
        raise Http404
    if request.method != "POST":
        return redirect(f"{reverse('laporan:wilayah')}?{request.GET.urlencode()}")
    return redirect(latar.mulai_wilayah(request, tabel=tabel, format=format))
