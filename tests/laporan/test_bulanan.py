"""The monthly report: its figures on a small hand-made office whose answers are known
(March 2025, the office in WITA), the page, the PDF and the XLSX built from them, the
audit entries, the month parameter, another office's data, and the query count."""

import dataclasses
import datetime
import io
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from jejak.models import JejakAudit, Peristiwa
from klien.pilihan import STATUS_BERAKHIR, Kategori, ProgramIntegrasi, StatusKlien
from laporan import grafik
from laporan.berakhir import KOLOM_BERAKHIR
from laporan.bulanan import laporan_bulanan
from laporan.bulanan_baris import BarisKlien
from laporan.views_bulanan import grafik_pdf
from pekerjaan.models import Pekerjaan
from pembimbingan import rekap
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisProgram, JenisSesi
from pokmas.pilihan import StatusPKS
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory
from tests.pekerjaan.unduhan import isi, unduh_ekspor
from tests.pembimbingan.factories import KehadiranFactory, ProgramFactory, SesiFactory
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
MARET = datetime.date(2025, 3, 1)
APRIL = datetime.date(2025, 4, 1)
URL = reverse("laporan:bulanan")
URL_PDF = reverse("laporan:bulanan-pdf")
URL_XLSX = reverse("laporan:bulanan-xlsx")
D = datetime.date
PB, CB, DIVERSI = ProgramIntegrasi.PB, ProgramIntegrasi.CB, ProgramIntegrasi.DIVERSI
DEWASA, ANAK = Kategori.DEWASA, Kategori.ANAK


def wita(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WITA)


def _klien(pk, desa, program, kategori, mulai, status="AKTIF", berakhir=None, **lain):
    return KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        program=program,
        kategori=kategori,
        tanggal_mulai=mulai,
        status=status,
        tanggal_berakhir=berakhir,
        **lain,
    )


def _hadir(sesi, klien, hasil=HasilHadir.HADIR, alasan=""):
    diterima = {HasilHadir.IZIN: True, HasilHadir.TIDAK_HADIR: False}.get(hasil)
    batas = sesi.mulai.date() if hasil == HasilHadir.MENUNGGU_KETERANGAN else None
    return KehadiranFactory(
        sesi=sesi,
        klien=klien,
        hasil=hasil,
        alasan=alasan,
        dapat_diterima=diterima,
        batas_keterangan=batas,
    )


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.fixture
def maret(unit, unit_lain, pk, kabapas, desa):
    """March 2025 of the office (and some of another office's, which must not show).

    Clients (start, end):            start  in  selesai dicabut meninggal pindah  end
      a PB adult, 10 Jan, running      1     .                                     1
      b PB adult, 1 Mar, running       .     1                                     1
      c PB adult, 1 Feb - 1 Mar done   1            1                              .
      d CB adult, 1 Dec - 31 Mar rev.  1                    1                      .
      e DIVERSI child, 15-20 Mar moved .     1                                1    .
      h DIVERSI child, 20 Feb, intake  1                                           1
      i PB child, died 10 Mar          1                           1               .
      f starts in April, g ended in February: in no figure of March.
    """
    kabapas.first_name, kabapas.last_name, kabapas.nip = "Ni Made", "Sukerti", "1" * 18
    kabapas.save()
    unit.alamat, unit.telepon = "Jl. Bhayangkara No. 9, Amlapura", "(0363) 21000"
    unit.save()
    k = {
        "a": _klien(pk, desa, PB, DEWASA, D(2025, 1, 10), nama="Klien A"),
        "b": _klien(pk, desa, PB, DEWASA, D(2025, 3, 1), nama="Klien B"),
        "c": _klien(pk, desa, PB, DEWASA, D(2025, 2, 1), StatusKlien.SELESAI, D(2025, 3, 1)),
        "d": _klien(pk, desa, CB, DEWASA, D(2024, 12, 1), StatusKlien.DICABUT, D(2025, 3, 31)),
        "e": _klien(pk, desa, DIVERSI, ANAK, D(2025, 3, 15), StatusKlien.PINDAH, D(2025, 3, 20)),
        "f": _klien(pk, desa, ProgramIntegrasi.ASIMILASI, DEWASA, D(2025, 4, 1)),
        "g": _klien(pk, desa, PB, DEWASA, D(2025, 1, 1), StatusKlien.SELESAI, D(2025, 2, 28)),
        "h": _klien(pk, desa, DIVERSI, ANAK, D(2025, 2, 20), StatusKlien.PENERIMAAN),
        "i": _klien(pk, desa, PB, ANAK, D(2024, 6, 1), StatusKlien.MENINGGAL, D(2025, 3, 10)),
    }
    # Partners: m1's agreement ends mid-March (active), m2's ended in February (its
    # programme still met: listed, not active), m3's starts mid-March (active, no session),
    # m4's was ended early and m5's starts in April (neither listed).
    m1 = MitraFactory(unit=unit, nama="Yayasan Satu")
    m2 = MitraFactory(unit=unit, nama="Yayasan Dua")
    m3 = MitraFactory(unit=unit, nama="Yayasan Tiga")
    m4 = MitraFactory(unit=unit, nama="Yayasan Empat")
    m5 = MitraFactory(unit=unit, nama="Yayasan Lima")
    PerjanjianFactory(mitra=m1, tanggal_mulai=D(2024, 3, 11), tanggal_selesai=D(2025, 3, 10))
    PerjanjianFactory(mitra=m2, tanggal_mulai=D(2024, 3, 1), tanggal_selesai=D(2025, 2, 28))
    PerjanjianFactory(mitra=m3, tanggal_mulai=D(2025, 3, 15), tanggal_selesai=D(2027, 3, 14))
    PerjanjianFactory(
        mitra=m4,
        tanggal_mulai=D(2024, 1, 1),
        tanggal_selesai=D(2026, 1, 1),
        status=StatusPKS.DIAKHIRI,
    )
    PerjanjianFactory(mitra=m5, tanggal_mulai=D(2025, 4, 1), tanggal_selesai=D(2026, 4, 1))
    p1 = ProgramFactory(mitra=m1, jenis=JenisProgram.KEPRIBADIAN)
    p2 = ProgramFactory(mitra=m2, jenis=JenisProgram.KEMANDIRIAN)

    # 31 March 23:30 WITA (15:30 UTC) is March; 1 April 00:30 WITA (31 March 16:30 UTC) is
    # April; 28 February 23:59 WITA is February.
    s1 = SesiFactory(program=p1, mulai=wita(2025, 3, 31, 23, 30))
    _hadir(s1, k["a"])
    _hadir(s1, k["b"], HasilHadir.IZIN, AlasanAbsen.SAKIT)
    _hadir(s1, k["d"], HasilHadir.TIDAK_HADIR)
    _hadir(SesiFactory(program=p1, mulai=wita(2025, 4, 1, 0, 30)), k["a"])
    s2 = SesiFactory(program=p2, mulai=wita(2025, 3, 10, 10))
    _hadir(s2, k["a"], HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN)
    _hadir(s2, k["b"], HasilHadir.MENUNGGU_KETERANGAN, AlasanAbsen.PEKERJAAN)
    SesiFactory(program=p2, mulai=wita(2025, 3, 20, 10))  # held, attendance not recorded

    def individu(jenis, klien, mulai):
        return SesiFactory(program=None, klien=klien, jenis=jenis, mulai=mulai)

    _hadir(individu(JenisSesi.WAJIB_LAPOR, k["a"], wita(2025, 3, 5, 9)), k["a"])
    _hadir(
        individu(JenisSesi.WAJIB_LAPOR, k["d"], wita(2025, 3, 12, 9)),
        k["d"],
        HasilHadir.TIDAK_HADIR,
    )
    _hadir(
        individu(JenisSesi.WAJIB_LAPOR, k["b"], wita(2025, 3, 19, 9)),
        k["b"],
        HasilHadir.IZIN,
        AlasanAbsen.UPACARA_AGAMA_ADAT,
    )
    _hadir(individu(JenisSesi.WAJIB_LAPOR, k["a"], wita(2025, 2, 28, 23, 59)), k["a"])
    _hadir(individu(JenisSesi.KUNJUNGAN_RUMAH, k["h"], wita(2025, 3, 25, 14)), k["h"])

    # Another office, same month: a client, a partner in force, a session with attendance.
    pk_luar = UserFactory(peran="PK", unit=unit_lain)
    luar = _klien(pk_luar, DesaFactory(), PB, DEWASA, D(2025, 1, 1), nama="Ketut Kantor Lain")
    m_luar = MitraFactory(unit=unit_lain, nama="Mitra Kantor Lain")
    PerjanjianFactory(mitra=m_luar, tanggal_mulai=D(2025, 1, 1), tanggal_selesai=D(2026, 1, 1))
    s_luar = SesiFactory(program=ProgramFactory(mitra=m_luar), mulai=wita(2025, 3, 3, 10))
    _hadir(s_luar, luar, HasilHadir.TIDAK_HADIR, AlasanAbsen.JARAK_TRANSPORTASI)
    _hadir(individu(JenisSesi.WAJIB_LAPOR, luar, wita(2025, 3, 4, 9)), luar)

    rekap.bangun_ulang()
    return {"klien": k, "luar": luar}


def _angka_klien(lap):
    """Per row: start, intakes, the endings of `maret` (it has no kembali or diakhiri: those
    have their own test), end."""
    return {
        (b.program, b.kategori): (
            b.awal,
            b.masuk,
            b.selesai,
            b.dicabut,
            b.meninggal,
            b.pindah,
            b.akhir,
        )
        for b in lap.klien
    }


# --- Figures -----------------------------------------------------------------------------


def test_klien_per_program_dan_kategori(kasi, maret):
    lap = laporan_bulanan(kasi, MARET)
    assert _angka_klien(lap) == {
        (PB, DEWASA): (2, 1, 1, 0, 0, 0, 2),
        (PB, ANAK): (1, 0, 0, 0, 1, 0, 0),
        (CB, DEWASA): (1, 0, 0, 1, 0, 0, 0),
        (DIVERSI, ANAK): (1, 1, 0, 0, 0, 1, 1),
    }
    dewasa, anak, total = lap.jumlah_klien
    assert (dewasa.kategori, anak.kategori, total.kategori) == (DEWASA, ANAK, "")
    assert (dewasa.awal, dewasa.masuk, dewasa.berakhir, dewasa.akhir) == (3, 1, 2, 2)
    assert (anak.awal, anak.masuk, anak.berakhir, anak.akhir) == (2, 1, 2, 1)
    assert (total.awal, total.masuk, total.dicabut, total.berakhir, total.akhir) == (5, 2, 1, 4, 3)
    assert not lap.sementara and lap.sampai == D(2025, 3, 31)


def test_awal_bulan_sama_dengan_akhir_bulan_sebelumnya_dan_neraca(kasi, maret):
    """Start + intakes - endings = end, per row; this month's start is last month's end."""
    februari = laporan_bulanan(kasi, D(2025, 2, 1))
    maret_ = laporan_bulanan(kasi, MARET)
    april = laporan_bulanan(kasi, APRIL)
    for lap in (februari, maret_, april):
        for b in (*lap.klien, *lap.jumlah_klien):
            assert b.awal + b.masuk - b.berakhir == b.akhir, (lap.bulan, b)
    for sebelum, sesudah in ((februari, maret_), (maret_, april)):
        akhir = {(b.program, b.kategori): b.akhir for b in sebelum.klien if b.akhir}
        awal = {(b.program, b.kategori): b.awal for b in sesudah.klien if b.awal}
        assert akhir == awal
    # f starts in April; g ended in February
    assert _angka_klien(april)[(ProgramIntegrasi.ASIMILASI, DEWASA)][1] == 1
    assert _angka_klien(februari)[(PB, DEWASA)][2] == 1


def test_kontak_dan_kehadiran_per_jenis(kasi, maret):
    lap = laporan_bulanan(kasi, MARET)
    angka = {
        b.kunci: (
            b.sesi,
            b.tanpa_catatan,
            b.hasil.hadir,
            b.hasil.tidak_mengikuti_arahan,
            b.hasil.izin,
            b.hasil.tidak_hadir,
            b.hasil.menunggu,
        )
        for b in lap.kontak
    }
    assert angka == {
        "wajib_lapor": (3, 0, 1, 0, 1, 1, 0),  # February's report at 23:59 not counted
        "kunjungan_rumah": (1, 0, 1, 0, 0, 0, 0),
        # 31 March 23:30 WITA belongs to March; 1 April 00:30 WITA does not
        "kelompok_kepribadian": (1, 0, 1, 0, 1, 1, 0),
        "kelompok_kemandirian": (2, 1, 0, 1, 0, 0, 1),
        "layanan_pos": (0, 0, 0, 0, 0, 0, 0),
    }
    assert (lap.wajib_lapor.hasil.datang, lap.wajib_lapor.hasil.tidak_hadir) == (1, 1)
    total = lap.total_kontak
    assert (total.sesi, total.tanpa_catatan, total.hasil.datang, total.hasil.tercatat) == (
        7,
        1,
        4,
        9,
    )
    # nine outcomes: a rate too few to judge (shown with its n, never as a bare percentage)
    assert total.hasil.persen == 44 and total.hasil.terlalu_sedikit
    assert total.hasil.persen_sah is None
    # April holds the session of 1 April 00:30 WITA
    april = {b.kunci: b for b in laporan_bulanan(kasi, APRIL).kontak}
    assert april["kelompok_kepribadian"].sesi == 1
    assert april["kelompok_kepribadian"].hasil.hadir == 1


def test_absen_per_alasan(kasi, maret):
    lap = laporan_bulanan(kasi, MARET)
    assert [(a.alasan, a.izin, a.tidak_hadir, a.menunggu) for a in lap.absen] == [
        (AlasanAbsen.PEKERJAAN, 0, 0, 1),
        (AlasanAbsen.SAKIT, 1, 0, 0),
        (AlasanAbsen.UPACARA_AGAMA_ADAT, 1, 0, 0),
        ("", 0, 2, 0),
    ]
    assert lap.absen[-1].label == "Tanpa alasan"
    assert lap.total_absen.jumlah == 5


def test_mitra_aktif_dengan_pks_berlaku_pada_bulan_itu(kasi, maret):
    lap = laporan_bulanan(kasi, MARET)
    assert [(m.nama, m.pks_sampai, m.aktif, m.sesi, m.hasil.tercatat) for m in lap.mitra] == [
        ("Yayasan Satu", D(2025, 3, 10), True, 1, 3),
        ("Yayasan Tiga", D(2027, 3, 14), True, 0, 0),
        ("Yayasan Dua", None, False, 2, 2),  # expired in February: not active
    ]
    assert lap.mitra_aktif == 2


def test_bulan_berjalan_dihitung_sampai_hari_ini(kasi, maret):
    lap = laporan_bulanan(kasi, MARET, sekarang=wita(2025, 3, 15, 12))
    assert lap.sementara and lap.sampai == D(2025, 3, 15)
    angka = _angka_klien(lap)
    # d's revocation (31 March) and e (starts 15 March, moves 20 March) not yet
    assert angka[(CB, DEWASA)] == (1, 0, 0, 0, 0, 0, 1)
    assert angka[(DIVERSI, ANAK)] == (1, 1, 0, 0, 0, 0, 2)
    sesi = {b.kunci: b.sesi for b in lap.kontak}
    assert sesi["wajib_lapor"] == 2 and sesi["kelompok_kemandirian"] == 1
    assert sesi["kelompok_kepribadian"] == 0


def test_data_kantor_lain_tidak_pernah_masuk(client, kasi, kasi_lain, maret):
    lap = laporan_bulanan(kasi, MARET)
    assert "Mitra Kantor Lain" not in [m.nama for m in lap.mitra]
    assert AlasanAbsen.JARAK_TRANSPORTASI not in [a.alasan for a in lap.absen]
    client.force_login(kasi)
    html = client.get(URL, {"bulan": "2025-03"}).content.decode()
    assert "Mitra Kantor Lain" not in html and "Ketut Kantor Lain" not in html
    # the other office's own report holds only its own
    lain = laporan_bulanan(kasi_lain, MARET)
    assert _angka_klien(lain) == {(PB, DEWASA): (1, 0, 0, 0, 0, 0, 1)}
    assert [m.nama for m in lain.mitra] == ["Mitra Kantor Lain"]
    assert lain.total_kontak.sesi == 2 and lain.total_kontak.hasil.tercatat == 2
    assert [(a.alasan, a.tidak_hadir) for a in lain.absen] == [(AlasanAbsen.JARAK_TRANSPORTASI, 1)]


JUNI = D(2025, 6, 1)
PIDANA_BERSYARAT = ProgramIntegrasi.PIDANA_BERSYARAT
BIMBINGAN_PUTUSAN = ProgramIntegrasi.BIMBINGAN_PUTUSAN


@pytest.fixture
def juni(pk, desa):
    """June 2025: the endings of diversion and court-ordered guidance.

    Clients (start, end):                         start  in  kembali diakhiri  end
      p DIVERSI child, 10 Jan - 12 Jun not done     1     .     1                .
      q DIVERSI child, 1 Feb - 1 Jul not done       1     .                      1
      r PIDANA_BERSYARAT adult, 1 Nov - 30 Jun      1     .              1       .
      s PIDANA_BERSYARAT adult, 1 Mar, running      1     .                      1
      t BIMBINGAN_PUTUSAN child, 5 - 20 Jun         .     1              1       .
    """
    anak = {"nik": ""}
    S = StatusKlien
    return {
        "p": _klien(pk, desa, DIVERSI, ANAK, D(2025, 1, 10), S.KEMBALI, D(2025, 6, 12), **anak),
        "q": _klien(pk, desa, DIVERSI, ANAK, D(2025, 2, 1), S.KEMBALI, D(2025, 7, 1), **anak),
        "r": _klien(pk, desa, PIDANA_BERSYARAT, DEWASA, D(2024, 11, 1), S.DIAKHIRI, D(2025, 6, 30)),
        "s": _klien(pk, desa, PIDANA_BERSYARAT, DEWASA, D(2025, 3, 1)),
        "t": _klien(
            pk, desa, BIMBINGAN_PUTUSAN, ANAK, D(2025, 6, 5), S.DIAKHIRI, D(2025, 6, 20), **anak
        ),
    }


def _akhir_per_jenis(b) -> dict[str, int]:
    return {field: getattr(b, field) for field, _s, _l in KOLOM_BERAKHIR}


def test_setiap_cara_berakhir_punya_kolom():
    assert tuple(s for _f, s, _l in KOLOM_BERAKHIR) == STATUS_BERAKHIR
    field = [f.name for f in dataclasses.fields(BarisKlien)]
    assert field[field.index("masuk") + 1 : field.index("akhir")] == [
        f for f, _s, _l in KOLOM_BERAKHIR
    ]


def test_kembali_dan_diakhiri_dihitung_sebagai_berakhir_dan_neraca_tetap(kasi, juni):
    """A diversion not carried out and court-ordered guidance ended by a decision are
    endings of their own: each in its column, both in `berakhir`, and start + intakes -
    endings = end still holds, per row and month after month."""
    lap = laporan_bulanan(kasi, JUNI)
    baris = {(b.program, b.kategori): b for b in lap.klien}
    assert {k: (b.awal, b.masuk, b.berakhir, b.akhir) for k, b in baris.items()} == {
        (PIDANA_BERSYARAT, DEWASA): (2, 0, 1, 1),
        (DIVERSI, ANAK): (2, 0, 1, 1),
        (BIMBINGAN_PUTUSAN, ANAK): (0, 1, 1, 0),
    }
    kosong = dict.fromkeys(("selesai", "dicabut", "meninggal", "pindah"), 0)
    assert _akhir_per_jenis(baris[(DIVERSI, ANAK)]) == {**kosong, "kembali": 1, "diakhiri": 0}
    assert _akhir_per_jenis(baris[(PIDANA_BERSYARAT, DEWASA)]) == {
        **kosong,
        "kembali": 0,
        "diakhiri": 1,
    }
    total = lap.total_klien
    assert (total.awal, total.masuk, total.kembali, total.diakhiri, total.berakhir) == (
        4,
        1,
        1,
        2,
        3,
    )
    assert total.akhir == 2  # q (ends 1 July) and s
    mei, juli = laporan_bulanan(kasi, D(2025, 5, 1)), laporan_bulanan(kasi, D(2025, 7, 1))
    for b in (*mei.klien, *lap.klien, *juli.klien, *lap.jumlah_klien, *juli.jumlah_klien):
        assert b.awal + b.masuk - b.berakhir == b.akhir, b
    assert (mei.total_klien.akhir, juli.total_klien.awal) == (total.awal, total.akhir)
    assert (juli.total_klien.kembali, juli.total_klien.akhir) == (1, 1)


def test_kembali_dan_diakhiri_di_halaman_dan_xlsx(client, kasi, juni):
    client.force_login(kasi)
    html = client.get(URL, {"bulan": "2025-06"}).content.decode()
    for judul in (
        "Diversi tidak dilaksanakan (kembali ke proses peradilan)",
        "Diakhiri putusan pengadilan / penetapan jaksa",
        '<th scope="col" class="text-end">Kembali ke proses peradilan</th>',
        '<th scope="col" class="text-end">Diakhiri putusan / penetapan</th>',
    ):
        assert judul in html
    klien = _lembar(unduh_ekspor(client, URL_XLSX, {"bulan": "2025-06"}))["Klien"]
    kepala = klien[0]
    jumlah = dict(zip(kepala, klien[-1], strict=True))
    assert jumlah["Kembali ke proses peradilan"] == 1
    assert jumlah["Diakhiri putusan / penetapan"] == 2
    assert (jumlah["Awal bulan"], jumlah["Masuk"], jumlah["Akhir bulan"]) == (4, 1, 2)


# --- The page and the month parameter ----------------------------------------------------


def _bulan_lalu() -> datetime.date:
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def test_halaman_menampilkan_angka_dan_tautan_unduhan(client, kasi, maret):
    client.force_login(kasi)
    resp = client.get(URL, {"bulan": "2025-03"})
    assert resp.status_code == 200
    lap = resp.context["lap"]
    assert lap.bulan == MARET and lap.total_klien.akhir == 3
    html = resp.content.decode()
    assert "Laporan bulanan Maret 2025" in html
    # the downloads: a form that posts (and so starts a background job) to each format's URL
    assert f'<form method="post" action="{URL_PDF}?bulan=2025-03"' in html
    assert f'formaction="{URL_XLSX}?bulan=2025-03"' in html
    assert "terlalu sedikit untuk dinilai" in html  # the overall rate, n = 9
    assert "Tingkat kehadiran (n = 9)" in html
    assert "Klien berjalan per program integrasi" in html  # a chart, with its table
    assert 'href="/static/laporan/grafik.css"' in html or "laporan/grafik" in html
    assert "Yayasan Dua" in html and "tidak ada PKS yang berlaku" in html


def test_tanpa_bulan_bulan_lalu(client, kasi):
    client.force_login(kasi)
    resp = client.get(URL)
    assert resp.status_code == 200
    assert resp.context["lap"].bulan == _bulan_lalu()
    assert not resp.context["ditolak"]


@pytest.mark.parametrize(
    ("bulan", "pesan"),
    [
        ("2025-13", "Tulis bulan sebagai TTTT-BB, misalnya 2025-03."),
        ("maret", "Tulis bulan sebagai TTTT-BB, misalnya 2025-03."),
        ("2025-03-01", "Tulis bulan sebagai TTTT-BB, misalnya 2025-03."),
        ("1999-12", "Laporan paling awal untuk bulan Januari 2000."),
        ("9999-12", "Laporan bulan yang belum dimulai tidak dapat dibuat."),
    ],
)
def test_bulan_salah_pesan_jelas_dan_bulan_lalu(client, kasi, bulan, pesan):
    client.force_login(kasi)
    resp = client.get(URL, {"bulan": bulan})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert pesan in html
    assert resp.context["ditolak"] and resp.context["lap"].bulan == _bulan_lalu()
    assert "Bulan yang diminta tidak dapat dipakai" in html
    # the month field never holds what is no month (the page stays valid HTML)
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", bulan):
        assert f'value="{bulan}"' not in html


def test_bulan_depan_ditolak_bulan_ini_sementara(client, kasi):
    client.force_login(kasi)
    hari_ini = timezone.localdate()
    depan = (hari_ini.replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
    resp = client.get(URL, {"bulan": f"{depan:%Y-%m}"})
    assert "Laporan bulan yang belum dimulai tidak dapat dibuat." in resp.content.decode()
    assert resp.context["lap"].bulan == _bulan_lalu()
    resp = client.get(URL, {"bulan": f"{hari_ini:%Y-%m}"})
    assert resp.context["lap"].bulan == hari_ini.replace(day=1)
    if hari_ini != resp.context["lap"].sampai or hari_ini.day < 28:
        assert "Bulan ini belum selesai" in resp.content.decode()


@pytest.mark.parametrize("url", [URL_PDF, URL_XLSX])
def test_unduhan_bulan_salah_ke_halaman_tanpa_jejak(client, kasi, url):
    client.force_login(kasi)
    resp = client.post(f"{url}?bulan=2025-13")
    assert resp.status_code == 302 and resp["Location"] == f"{URL}?bulan=2025-13"
    assert not JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).exists()
    assert not Pekerjaan.objects.exists()


@pytest.mark.parametrize("peran", ["pk", "admin_unit", "kanwil"])
def test_peran_lain_ditolak(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    for url in (URL, URL_PDF, URL_XLSX):
        assert client.get(url).status_code == 403
    for url in (URL_PDF, URL_XLSX):
        assert client.post(url).status_code == 403
    assert not Pekerjaan.objects.exists()


# --- PDF and XLSX --------------------------------------------------------------------------


def test_pdf_a4_dengan_kop_judul_grafik_dan_nomor_halaman(client, kabapas, maret):
    client.force_login(kabapas)
    resp = unduh_ekspor(client, URL_PDF, {"bulan": "2025-03"})
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert 'filename="laporan-bulanan-2025-03.pdf"' in resp["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(isi(resp)))
    n = len(pdf.pages)
    assert n >= 2
    a4 = (595, 842)  # points
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == a4 for p in pdf.pages
    )
    teks = "\n".join(p.extract_text() for p in pdf.pages)
    datar = re.sub(r"\s+", " ", teks)
    unit = kabapas.unit
    for harap in (
        unit.nama.upper(),
        unit.kanwil.nama.upper(),
        "Jl. Bhayangkara No. 9, Amlapura",
        "Telepon (0363) 21000",
        "Laporan bulanan Maret 2025",
        "Ringkasan",
        "Klien per program integrasi dan kategori",
        "Wajib lapor, kunjungan rumah dan sesi program",
        "Ketidakhadiran per alasan",
        "Mitra Pokmas Lipas",
        # the charts' own titles, drawn in their SVG
        "Klien berjalan per program integrasi",
        "Tingkat kehadiran per jenis kontak",
        # the signature block
        f"Kepala {unit.nama}",
        "Ni Made Sukerti",
        "NIP 111111111111111111",
        "Halaman 1 dari",
    ):
        assert harap in datar, harap
    for i in range(1, n + 1):
        assert f"Halaman {i} dari {n}" in datar
    # the charts drawn as SVG (their axis labels as drawn), not laid out as the text of
    # their elements (pygal's coordinates and hidden values, e.g. "1248.6730769")
    assert "Pembebasan bersyarat (P…" in datar
    assert not re.search(r"[0-9]+\.[0-9]{5,}", datar)
    assert "Yayasan Satu" in datar and "Mitra Kantor Lain" not in datar


def _lembar(resp) -> dict[str, list[tuple]]:
    buku = load_workbook(io.BytesIO(isi(resp)))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in buku.worksheets}


def test_xlsx_membaca_kembali_angka_yang_sama_dengan_halaman(client, kasi, maret):
    client.force_login(kasi)
    lap = client.get(URL, {"bulan": "2025-03"}).context["lap"]
    resp = unduh_ekspor(client, URL_XLSX, {"bulan": "2025-03"})
    assert resp.status_code == 200
    assert 'filename="laporan-bulanan-2025-03.xlsx"' in resp["Content-Disposition"]
    lembar = _lembar(resp)
    assert list(lembar) == [
        "Laporan",
        "Klien",
        "Sesi dan kehadiran",
        "Ketidakhadiran per alasan",
        "Mitra",
        "KUHP 2023",
        "Pertimbangan PK",
        "Jam kerja sosial",
        "Lokasi kerja sosial",
    ]
    keterangan = dict(lembar["Laporan"][1:])
    assert keterangan["Kantor"] == kasi.unit.nama and keterangan["Bulan"] == "Maret 2025"
    assert keterangan["Data sampai"] == "31-03-2025"
    assert keterangan["Dibuat oleh"] == str(kasi)

    klien = lembar["Klien"]
    assert klien[0][:3] == ("Program integrasi", "Kategori", "Awal bulan")
    assert klien[0][2:] == (
        "Awal bulan",
        "Masuk",
        "Selesai",
        "Dicabut",
        "Kembali ke proses peradilan",
        "Diakhiri putusan / penetapan",
        "Meninggal",
        "Pindah",
        "Akhir bulan",
    )
    assert [r[2:] for r in klien[1:]] == [
        dataclasses.astuple(b)[2:] for b in (*lap.klien, *lap.jumlah_klien)
    ]
    assert klien[-1] == ("Jumlah", None, 5, 2, 1, 1, 0, 0, 1, 1, 3)  # numbers, not text
    assert klien[1][:2] == ("Pembebasan bersyarat (PB)", "Dewasa")

    kontak = {r[0]: r[1:] for r in lembar["Sesi dan kehadiran"][1:]}
    assert kontak["Wajib lapor"] == (3, 0, 1, 0, 1, 1, 0, 3, None, "terlalu sedikit untuk dinilai")
    assert kontak["Sesi kelompok – kemandirian"][:2] == (2, 1)
    assert kontak["Jumlah"][:2] == (7, 1) and kontak["Jumlah"][7] == 9
    absen = lembar["Ketidakhadiran per alasan"]
    assert absen[1:] == [
        ("Pekerjaan", 0, 0, 1, 1),
        ("Sakit", 1, 0, 0, 1),
        ("Upacara agama / adat", 1, 0, 0, 1),
        ("Tanpa alasan", 0, 2, 0, 2),
        ("Jumlah", 2, 2, 1, 5),
    ]
    mitra = lembar["Mitra"]
    # openpyxl reads a date cell back as a datetime
    assert mitra[1][:4] == ("Yayasan Satu", datetime.datetime(2025, 3, 10), "ya", 1)  # noqa: DTZ001
    assert mitra[3][:4] == ("Yayasan Dua", None, "tidak", 2)


def test_xlsx_sel_teks_aman_dari_rumus(client, kasi, unit):
    MitraFactory(unit=unit, nama="=HYPERLINK(1)")
    m = MitraFactory(unit=unit, nama="+Rumus")
    PerjanjianFactory(mitra=m, tanggal_mulai=D(2025, 1, 1), tanggal_selesai=D(2026, 1, 1))
    client.force_login(kasi)
    mitra = _lembar(unduh_ekspor(client, URL_XLSX, {"bulan": "2025-03"}))["Mitra"]
    assert [r[0] for r in mitra[1:]] == ["'+Rumus"]


@pytest.mark.parametrize(("url", "format"), [(URL_PDF, "pdf"), (URL_XLSX, "xlsx")])
def test_unduhan_tercatat_di_jejak(client, kasi, maret, url, format):
    client.force_login(kasi)
    resp = unduh_ekspor(client, url, {"bulan": "2025-03"})
    assert resp.status_code == 200
    # written when the job was started (with its id), and again by the file's download, with
    # the rows it holds: 4 client rows + 3 totals, 5 contact kinds + total, 4 reasons +
    # total, 3 partners, the new code's six figures and three kinds of consideration (no
    # hours, no sites)
    mulai, unduh = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    (p,) = Pekerjaan.objects.all()
    for e in (mulai, unduh):
        assert (e.actor, e.unit_id) == (kasi, kasi.unit_id)
    data = {
        "berkas": f"laporan-bulanan-2025-03.{format}",
        "format": format,
        "saringan": "bulan=2025-03",
        "laporan": "bulanan",
        "pekerjaan": str(p.pk),
    }
    assert mulai.additional_data == data
    assert unduh.additional_data == data | {"baris": 7 + 6 + 5 + 3 + 6 + 3}


def test_grafik_sama_di_layar_dan_pdf_setelah_weasyprint_dimuat():
    """WeasyPrint (loaded with the PDF view) rewrites ElementTree's namespace prefixes: the
    charts stay plain <svg>, and the PDF's differ from the screen's only by the stylesheet
    inside them (WeasyPrint styles an inline SVG from its own <style> only)."""
    import weasyprint  # noqa: F401

    layar = grafik.batang("Uji", ["a", "b"], {"x": [1, 2], "y": [2, 1]})
    assert layar.svg.startswith("<svg ") and "ns0" not in layar.svg
    (pdf,) = grafik_pdf({"uji": layar}).values()
    gaya = f"<style>{grafik.css_grafik()}</style>"
    assert pdf.svg.replace(gaya, "", 1) == layar.svg and gaya in pdf.svg


def test_css_grafik_mewarnai_setiap_seri():
    """A colour rule for every colour of the palette (with one, a chart's second series
    had none), and CSS as CSS (`>`, not the SVG's `&gt;`)."""
    css = grafik.css_grafik()
    for i in range(len(grafik.GAYA.colors)):
        assert f".pygal-chart .color-{i}," in css
    assert "&gt;" not in css and ".pygal-chart .graph > .background" in css


# --- Query count ---------------------------------------------------------------------------


def _isi(pk, desa, program, n):
    for i in range(n):
        k = _klien(pk, desa, PB if i % 2 else CB, DEWASA, D(2025, 1, 1 + i % 28))
        s = SesiFactory(program=program, mulai=wita(2025, 3, 1 + i % 28, 10))
        _hadir(
            s, k, HasilHadir.IZIN if i % 3 else HasilHadir.HADIR, AlasanAbsen.SAKIT if i % 3 else ""
        )
        _hadir(
            SesiFactory(
                program=None, klien=k, jenis=JenisSesi.WAJIB_LAPOR, mulai=wita(2025, 3, 2, 9)
            ),
            k,
        )
    rekap.bangun_ulang()


@pytest.mark.parametrize("jumlah", [2, 20])
def test_jumlah_query_tetap(client, kasi, unit, pk, desa, jumlah, django_assert_num_queries):
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra, tanggal_mulai=D(2025, 1, 1), tanggal_selesai=D(2026, 1, 1))
    _isi(pk, desa, ProgramFactory(mitra=mitra), jumlah)
    client.force_login(kasi)
    # session, user+unit+kanwil; the clients per programme and category; the rollup's cells
    # of the month; the sessions held; the partners; the new code's community sentences
    # (laporan.selectors_kuhp: five); the Kabapas; session save (savepoint, update, release)
    with django_assert_num_queries(15):
        resp = client.get(URL, {"bulan": "2025-03"})
    assert resp.context["lap"].total_kontak.sesi == 2 * jumlah


def test_neraca_pada_data_demo(demo):
    """On the demo office, this month and the twelve before it: start + intakes - every
    ending = end, per row, and a month's start is the month before's end; the client
    revoked through the proposal workflow (klien/demo_pencabutan.py) is among the endings."""
    kasi = demo.pengguna["kasi"]
    bulan = timezone.localdate().replace(day=1)
    sesudah, dicabut = None, 0
    for _i in range(13):
        lap = laporan_bulanan(kasi, bulan)
        for b in (*lap.klien, *lap.jumlah_klien):
            assert b.awal + b.masuk - b.berakhir == b.akhir, (bulan, b)
        if sesudah is not None:
            assert lap.total_klien.akhir == sesudah.total_klien.awal, bulan
        dicabut += lap.total_klien.dicabut
        sesudah = lap
        bulan = (bulan - datetime.timedelta(days=1)).replace(day=1)
    assert dicabut == 1
