"""The Kasi's dashboard put together: the figures of each selector, their charts, and the
tables behind them for export (CSV and XLSX through inti.ekspor), so that the page, the
charts and the downloads show the same numbers."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext

from inti.ekspor import JenisKolom, Kolom, Tabel
from pokmas.pilihan import MasaPKS

from . import grafik
from .saringan import Saringan
from .selectors import beban_pk
from .selectors_hasil import hasil_bimbingan
from .selectors_kehadiran import KehadiranDasbor, Tingkat, kehadiran_dasbor
from .selectors_klien import alur_klien
from .selectors_mitra import mitra_periode
from .selectors_sumber_daya import sumber_daya_program


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
            {_("Kehadiran %"): [t.persen_sah for t in k.per_bulan]},
            kepala=_kepala_tingkat(_("Bulan")),
            baris=_baris_tingkat(k.per_bulan),
            persen=True,
        ),
        "jenis": grafik.batang(
            _("Tingkat kehadiran per jenis program"),
            [t.label for t in k.per_jenis_program],
            {_("Kehadiran %"): [t.persen_sah for t in k.per_jenis_program]},
            kepala=_kepala_tingkat(_("Jenis program")),
            baris=_baris_tingkat(k.per_jenis_program),
            persen=True,
        ),
        "moda": grafik.batang(
            _("Tingkat kehadiran per moda sesi"),
            [t.label for t in k.per_moda],
            {_("Kehadiran %"): [t.persen_sah for t in k.per_moda]},
            kepala=_kepala_tingkat(_("Moda")),
            baris=_baris_tingkat(k.per_moda),
            persen=True,
        ),
        "absen": grafik_absen(_("Absen per alasan"), k.absen),
    }


def grafik_absen(judul: str, absen) -> grafik.Grafik:
    """Absences per reason, stacked: acceptable, not, awaiting evidence (`absen`: rows with
    label, izin, tidak_hadir, menunggu; the dashboard's and the monthly report's)."""
    return grafik.batang(
        judul,
        [a.label for a in absen],
        {
            _("Izin (diterima)"): [a.izin for a in absen],
            _("Tidak hadir"): [a.tidak_hadir for a in absen],
            _("Menunggu keterangan"): [a.menunggu for a in absen],
        },
        tumpuk=True,
        mendatar=True,
    )


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
                lambda t: t.persen_sah,
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


# --- The other parts' tables -------------------------------------------------------------


def _tabel_alur(user, saringan) -> Tabel:
    alur = alur_klien(user, saringan)
    kolom = [Kolom("program", _("Program integrasi"), lambda p: p.label)]
    for i, (kode, label) in enumerate(alur.kategori):
        kolom.append(
            Kolom.angka(
                f"berjalan_{kode.lower()}",
                _("Berjalan: %s") % label,
                lambda p, i=i: p.berjalan[i].n,
            )
        )
    kolom += [
        Kolom.angka("berjalan", _("Berjalan: jumlah"), lambda p: p.berjalan_jumlah.n),
        Kolom.angka("masuk", pgettext("klien", "Masuk"), lambda p: p.masuk.n),
        Kolom.angka("berakhir", _("Berakhir"), lambda p: p.berakhir.n),
    ]
    return Tabel(nama="klien-alur", judul=_("Alur klien"), kolom=kolom, baris=alur.program)


def _tabel_berakhir(user, saringan) -> Tabel:
    alur = alur_klien(user, saringan)
    return Tabel(
        nama="klien-berakhir",
        judul=_("Klien berakhir per jenis"),
        kolom=[
            Kolom("status", _("Jenis berakhir"), lambda b: b.label),
            Kolom.angka("jumlah", _("Jumlah"), lambda b: b.angka.n),
        ],
        baris=alur.berakhir,
    )


def _tabel_mitra(user, saringan) -> Tabel:
    return Tabel(
        nama="mitra",
        judul=_("Mitra dalam periode"),
        kolom=[
            Kolom("mitra", _("Mitra"), lambda m: m.mitra.nama),
            Kolom.angka("program", _("Program"), lambda m: m.jumlah_program),
            Kolom.angka("sesi", _("Sesi kelompok"), lambda m: m.sesi),
            Kolom.angka("klien_dilayani", _("Klien dilayani"), lambda m: m.klien_dilayani),
            Kolom.angka("hadir", _("Hadir"), lambda m: m.kehadiran.nilai),
            Kolom.angka("tercatat", _("Kehadiran tercatat (n)"), lambda m: m.kehadiran.n),
            Kolom.angka("persen_hadir", _("Kehadiran %"), lambda m: m.kehadiran.persen_sah),
            Kolom.angka("peserta_selesai", _("Peserta selesai"), lambda m: m.peserta_selesai),
            Kolom.angka("peserta_keluar", _("Peserta keluar"), lambda m: m.peserta_keluar),
            Kolom("pks", _("PKS"), lambda m: m.masa, label=lambda m: MasaPKS(m.masa).label),
            Kolom("pks_berakhir", _("PKS berakhir"), lambda m: m.pks_berakhir, JenisKolom.TANGGAL),
        ],
        baris=mitra_periode(user, saringan),
    )


def _tabel_residivisme(user, saringan) -> Tabel:
    hasil = hasil_bimbingan(user, saringan)
    baris = [
        (_("Semua"), hasil.semua),
        *((_("Partisipasi"), b) for b in hasil.partisipasi),
        *((_("Jenis program"), b) for b in hasil.jenis_program),
        *((_("Mitra"), b) for b in hasil.mitra),
    ]
    kolom = [
        Kolom("kelompok", _("Kelompok"), lambda b: str(b[0])),
        Kolom("baris", _("Baris"), lambda b: b[1].label),
        Kolom.angka("klien", _("Klien selesai"), lambda b: b[1].klien),
    ]
    for i, j in enumerate(hasil.jendela):
        kolom += [
            Kolom.angka(
                f"residivis_{j.bulan}",
                _("Residivis dalam %s bulan") % j.bulan,
                lambda b, i=i: b[1].residivisme[i].residivis,
            ),
            Kolom.angka(
                f"dinilai_{j.bulan}",
                _("Dinilai %s bulan (n)") % j.bulan,
                lambda b, i=i: b[1].residivisme[i].dinilai,
            ),
            Kolom.angka(
                f"persen_{j.bulan}",
                _("Residivisme %s bulan %%") % j.bulan,
                lambda b, i=i: b[1].residivisme[i].persen_sah,
            ),
            Kolom.angka(
                f"belum_dinilai_{j.bulan}",
                _("Belum dapat dinilai (%s bulan)") % j.bulan,
                lambda b, i=i: b[1].residivisme[i].belum_dinilai,
            ),
        ]
    return Tabel(nama="residivisme", judul=_("Residivisme"), kolom=kolom, baris=baris)


def _tabel_reintegrasi(user, saringan) -> Tabel:
    r = hasil_bimbingan(user, saringan).reintegrasi
    return Tabel(
        nama="reintegrasi",
        judul=_("Indikator reintegrasi"),
        kolom=[
            Kolom("indikator", _("Indikator"), lambda b: b.label),
            Kolom.angka("awal", _("Awal bimbingan"), lambda b: b.awal.jumlah),
            Kolom.angka("akhir", _("Akhir bimbingan"), lambda b: b.akhir.jumlah),
            Kolom.angka("n", _("Diukur di awal dan akhir (n)"), lambda b: b.awal.n),
            Kolom.angka("persen_awal", _("Awal %"), lambda b: b.awal.persen_sah),
            Kolom.angka("persen_akhir", _("Akhir %"), lambda b: b.akhir.persen_sah),
        ],
        baris=r.baris,
    )


def _tabel_sumber_daya(user, saringan) -> Tabel:
    baris = [(p, s) for p in sumber_daya_program(user, saringan).program for s in p.sumber_daya]
    return Tabel(
        nama="sumber-daya",
        judul=_("Sumber daya program kemandirian"),
        kolom=[
            Kolom("program", _("Program"), lambda b: b[0].program.nama),
            Kolom.angka("peserta_aktif", _("Peserta aktif"), lambda b: b[0].peserta_aktif),
            Kolom("sumber_daya", _("Sumber daya"), lambda b: b[1].sumber_daya.nama),
            Kolom.angka("jumlah", _("Jumlah"), lambda b: b[1].sumber_daya.jumlah),
            Kolom("satuan", _("Satuan"), lambda b: b[1].sumber_daya.satuan),
            Kolom.angka(
                "peserta_per_unit",
                _("Peserta per unit"),
                lambda b: round(b[1].peserta_per_unit, 2),
            ),
            Kolom("kurang", _("Kurang"), lambda b: _("ya") if b[1].kurang else ""),
        ],
        baris=baris,
    )


def _tabel_beban_pk(user, saringan) -> Tabel:
    return Tabel(
        nama="beban-pk",
        judul=_("Beban kasus PK"),
        kolom=[
            Kolom("pk", _("PK"), lambda b: str(b.pengguna)),
            Kolom.angka("berjalan", _("Klien berjalan"), lambda b: b.berjalan),
            Kolom.angka("berisiko", _("Berisiko"), lambda b: b.berisiko),
        ],
        baris=beban_pk(user, saringan),
    )


daftarkan("klien-alur", _l("Alur klien"), _tabel_alur)
daftarkan("klien-berakhir", _l("Klien berakhir per jenis"), _tabel_berakhir)
daftarkan("mitra", _l("Mitra dalam periode"), _tabel_mitra)
daftarkan("residivisme", _l("Residivisme"), _tabel_residivisme)
daftarkan("reintegrasi", _l("Indikator reintegrasi"), _tabel_reintegrasi)
daftarkan("sumber-daya", _l("Sumber daya program kemandirian"), _tabel_sumber_daya)
daftarkan("beban-pk", _l("Beban kasus PK"), _tabel_beban_pk)
