"""The Kasi's dashboard put together: the figures of each selector, their charts, and the
tables behind them for export (CSV and XLSX through inti.ekspor), so that the page, the
charts and the downloads show the same numbers."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from inti.ekspor import JenisKolom, Kolom, Tabel

from . import grafik
from .saringan import Saringan
from .selectors_kehadiran import KehadiranDasbor, Tingkat, kehadiran_dasbor


def _persen(t: Tingkat) -> int | None:
    """A rate for a chart: none where n is too small to judge (a gap, as in the table)."""
    return None if t.terlalu_sedikit else t.persen


def _baris_tingkat(daftar: list[Tingkat]) -> tuple[tuple, ...]:
    return tuple(
        (t.label, t.hadir, t.tercatat, "–" if t.terlalu_sedikit else t.persen) for t in daftar
    )


def _kepala_tingkat(judul: str) -> tuple[str, ...]:
    return (judul, _("Hadir"), _("Tercatat (n)"), _("Kehadiran %"))


def grafik_kehadiran(k: KehadiranDasbor) -> dict[str, grafik.Grafik]:
    """The attendance charts: the trend by month, and the rate by programme type and by
    session mode (rates with n below the minimum are left as gaps)."""
    return {
        "bulan": grafik.garis(
            _("Tingkat kehadiran per bulan"),
            [t.label for t in k.per_bulan],
            {_("Kehadiran %"): [_persen(t) for t in k.per_bulan]},
            kepala=_kepala_tingkat(_("Bulan")),
            baris=_baris_tingkat(k.per_bulan),
            persen=True,
        ),
        "jenis": grafik.batang(
            _("Tingkat kehadiran per jenis program"),
            [t.label for t in k.per_jenis_program],
            {_("Kehadiran %"): [_persen(t) for t in k.per_jenis_program]},
            kepala=_kepala_tingkat(_("Jenis program")),
            baris=_baris_tingkat(k.per_jenis_program),
            persen=True,
        ),
        "moda": grafik.batang(
            _("Tingkat kehadiran per moda sesi"),
            [t.label for t in k.per_moda],
            {_("Kehadiran %"): [_persen(t) for t in k.per_moda]},
            kepala=_kepala_tingkat(_("Moda")),
            baris=_baris_tingkat(k.per_moda),
            persen=True,
        ),
        "absen": grafik.batang(
            _("Absen per alasan"),
            [a.label for a in k.absen],
            {
                _("Izin (diterima)"): [a.izin for a in k.absen],
                _("Tidak hadir"): [a.tidak_hadir for a in k.absen],
                _("Menunggu keterangan"): [a.menunggu for a in k.absen],
            },
            tumpuk=True,
            mendatar=True,
        ),
    }


# --- The tables behind the dashboard, for export ---------------------------------------


def _tabel_tingkat(nama: str, judul, kepala, daftar: list[Tingkat]) -> Tabel:
    return Tabel(
        nama=nama,
        judul=str(judul),
        kolom=[
            Kolom("kelompok", str(kepala), lambda t: t.label),
            Kolom("hadir", _("Hadir"), lambda t: t.hadir, JenisKolom.ANGKA),
            Kolom("tercatat", _("Tercatat (n)"), lambda t: t.tercatat, JenisKolom.ANGKA),
            Kolom(
                "persen_hadir",
                _("Kehadiran %"),
                lambda t: None if t.terlalu_sedikit else t.persen,
                JenisKolom.ANGKA,
            ),
            Kolom(
                "catatan",
                _("Catatan"),
                lambda t: _("terlalu sedikit untuk dinilai") if t.terlalu_sedikit else "",
            ),
        ],
        baris=daftar,
    )


def _tabel_absen(k: KehadiranDasbor) -> Tabel:
    return Tabel(
        nama="absen-per-alasan",
        judul=_("Absen per alasan"),
        kolom=[
            Kolom("alasan", _("Alasan"), lambda a: a.label),
            Kolom("izin", _("Izin (diterima)"), lambda a: a.izin, JenisKolom.ANGKA),
            Kolom("tidak_hadir", _("Tidak hadir"), lambda a: a.tidak_hadir, JenisKolom.ANGKA),
            Kolom("menunggu", _("Menunggu keterangan"), lambda a: a.menunggu, JenisKolom.ANGKA),
            Kolom("jumlah", _("Jumlah"), lambda a: a.jumlah, JenisKolom.ANGKA),
            Kolom(
                "tiga_bulan_terakhir",
                _("3 bulan terakhir"),
                lambda a: a.terakhir,
                JenisKolom.ANGKA,
            ),
            Kolom(
                "tiga_bulan_sebelumnya",
                _("3 bulan sebelumnya"),
                lambda a: a.sebelumnya,
                JenisKolom.ANGKA,
            ),
            Kolom("naik", _("Naik"), lambda a: _("ya") if a.naik else ""),
        ],
        baris=[*k.absen, k.absen_total],
    )


@dataclass(frozen=True)
class TabelDasbor:
    """A dashboard table that can be downloaded: its key in the URL and how to build it."""

    kunci: str
    judul: str
    buat: Callable[[object, Saringan], Tabel]


def _dari_kehadiran(
    nama: str, judul: str, kepala: str, bagian: str
) -> Callable[[object, Saringan], Tabel]:
    def buat(user, saringan):
        k = kehadiran_dasbor(user, saringan)
        return _tabel_tingkat(nama, judul, kepala, getattr(k, bagian))

    return buat


TABEL: dict[str, TabelDasbor] = {}


def daftarkan(kunci: str, judul: str, buat: Callable[[object, Saringan], Tabel]) -> None:
    TABEL[kunci] = TabelDasbor(kunci, judul, buat)


for _kunci, _judul, _kepala, _bagian in (
    ("kehadiran-bulan", _l("Kehadiran per bulan"), _l("Bulan"), "per_bulan"),
    (
        "kehadiran-jenis-program",
        _l("Kehadiran per jenis program"),
        _l("Jenis program"),
        "per_jenis_program",
    ),
    ("kehadiran-mitra", _l("Kehadiran per mitra"), _l("Mitra"), "per_mitra"),
    ("kehadiran-program", _l("Kehadiran per program"), _l("Program"), "per_program"),
    (
        "kehadiran-kabupaten",
        _l("Kehadiran per kabupaten"),
        _l("Kabupaten/kota"),
        "per_kabupaten",
    ),
    ("kehadiran-moda", _l("Kehadiran per moda sesi"), _l("Moda"), "per_moda"),
    ("kehadiran-jenis-sesi", _l("Kehadiran per jenis sesi"), _l("Jenis sesi"), "per_jenis_sesi"),
):
    daftarkan(_kunci, _judul, _dari_kehadiran(_kunci, _judul, _kepala, _bagian))

daftarkan(
    "absen-alasan",
    _l("Absen per alasan"),
    lambda user, saringan: _tabel_absen(kehadiran_dasbor(user, saringan)),
)
