"""The dashboard's client flow (laporan.selectors_klien) on a hand-made office whose answers
are counted below by hand, its links to the client list, and its partial."""

import datetime
import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from klien.pilihan import STATUS_BERAKHIR, Kategori, ProgramIntegrasi, StatusKlien
from laporan.saringan import Saringan, geser_bulan
from laporan.selectors_klien import alur_klien
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory
from tests.rails.vnu import pastikan_vnu, validasi

D = datetime.date
PERIODE = Saringan(dari=D(2025, 1, 1), sampai=D(2025, 6, 1))  # January to June 2025
HARI_INI = D(2025, 9, 10)  # the period is over: "running" is counted on 30 June


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


def _klien(pk, desa, mulai, status=StatusKlien.AKTIF, berakhir=None, **lain):
    return KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=mulai,
        status=status,
        tanggal_berakhir=berakhir if status in STATUS_BERAKHIR else None,
        **lain,
    )


@pytest.fixture
def kantor(pk, pk_lain, desa, unit_lain):
    """Ten clients of the office and one of another office:

    | | programme | category | start | status | ended | running 30 Jun | intake | ended in |
    |A| PB  | adult | 2024-06-01 | AKTIF      |            | yes | –   | –   |
    |B| PB  | child | 2025-02-10 | AKTIF      |            | yes | Feb | –   |
    |C| CB  | adult | 2024-10-01 | SELESAI    | 2025-03-15 | –   | –   | Mar |
    |D| CB  | adult | 2025-01-05 | DICABUT    | 2025-05-20 | –   | Jan | May |
    |E| PB  | adult | 2024-01-01 | SELESAI    | 2025-08-01 | yes (ended after) | – | – |
    |F| ASIM| adult | 2025-07-01 | AKTIF      |            | –   | –  (after the period) | – |
    |G| PB  | adult | 2023-01-01 | SELESAI    | 2024-12-31 | –   | –  (ended before) | – |
    |H| PB  | adult | 2025-06-30 | PENERIMAAN |            | yes | Jun | –   |
    |I| DIV | child | 2025-03-01 | PINDAH     | 2025-06-30 | –  (ended that day) | Mar | Jun |
    |J| CMB | adult | 2024-12-01 | MENINGGAL  | 2025-01-01 | –   | –   | Jan |
    B, D and I are pk_lain's; the others pk's.
    """
    S = StatusKlien
    P = ProgramIntegrasi
    anak = {"kategori": Kategori.ANAK, "nik": ""}
    return {
        "A": _klien(pk, desa, D(2024, 6, 1), program=P.PB),
        "B": _klien(pk_lain, desa, D(2025, 2, 10), program=P.PB, **anak),
        "C": _klien(pk, desa, D(2024, 10, 1), S.SELESAI, D(2025, 3, 15), program=P.CB),
        "D": _klien(pk_lain, desa, D(2025, 1, 5), S.DICABUT, D(2025, 5, 20), program=P.CB),
        "E": _klien(pk, desa, D(2024, 1, 1), S.SELESAI, D(2025, 8, 1), program=P.PB),
        "F": _klien(pk, desa, D(2025, 7, 1), program=P.ASIMILASI),
        "G": _klien(pk, desa, D(2023, 1, 1), S.SELESAI, D(2024, 12, 31), program=P.PB),
        "H": _klien(pk, desa, D(2025, 6, 30), S.PENERIMAAN, program=P.PB),
        "I": _klien(
            pk_lain, desa, D(2025, 3, 1), S.PINDAH, D(2025, 6, 30), program=P.DIVERSI, **anak
        ),
        "J": _klien(pk, desa, D(2024, 12, 1), S.MENINGGAL, D(2025, 1, 1), program=P.CMB),
        # another office's intake in the period: never counted
        "luar": _klien(UserFactory(peran="PK", unit=unit_lain), desa, D(2025, 2, 1)),
    }


def _n(angka) -> tuple[int, ...]:
    return tuple(a.n for a in angka)


def test_angka_alur_dihitung_dengan_tangan(kasi, kantor):
    alur = alur_klien(kasi, PERIODE, hari_ini=HARI_INI)

    assert alur.tanggal_berjalan == D(2025, 6, 30)
    assert [k for k, _label in alur.kategori] == ["DEWASA", "ANAK"]
    program = {p.kode: p for p in alur.program}
    # programmes with any figure, in ProgramIntegrasi order (ASIMILASI: only after the period)
    assert list(program) == ["PB", "CB", "CMB", "DIVERSI"]
    # running on 30 June: A, E, H (adult), B (child), all PB
    assert _n(program["PB"].berjalan) == (3, 1) and program["PB"].berjalan_jumlah.n == 4
    assert _n(alur.berjalan) == (3, 1) and alur.berjalan_jumlah.n == 4
    for kode in ("CB", "CMB", "DIVERSI"):
        assert program[kode].berjalan_jumlah.n == 0
    # intakes: B, H (PB), D (CB), I (DIVERSI)
    assert {k: p.masuk.n for k, p in program.items()} == {"PB": 2, "CB": 1, "CMB": 0, "DIVERSI": 1}
    assert alur.masuk.n == 4
    # endings: C, D (CB), J (CMB), I (DIVERSI); one of each kind
    assert {k: p.berakhir.n for k, p in program.items()} == {
        "PB": 0,
        "CB": 2,
        "CMB": 1,
        "DIVERSI": 1,
    }
    assert {b.status: b.angka.n for b in alur.berakhir} == {
        "SELESAI": 1,
        "DICABUT": 1,
        "KEMBALI": 0,
        "DIAKHIRI": 0,
        "MENINGGAL": 1,
        "PINDAH": 1,
    }
    assert alur.berakhir_jumlah.n == 4
    # per month: intakes D (Jan), B (Feb), I (Mar), H (Jun); endings J, C, D, I
    assert [(b.bulan.month, b.masuk, b.berakhir) for b in alur.per_bulan] == [
        (1, 1, 1),
        (2, 1, 0),
        (3, 1, 1),
        (4, 0, 0),
        (5, 0, 1),
        (6, 1, 1),
    ]
    assert alur.grafik.baris == (
        ("01-2025", 1, 1),
        ("02-2025", 1, 0),
        ("03-2025", 1, 1),
        ("04-2025", 0, 0),
        ("05-2025", 0, 1),
        ("06-2025", 1, 1),
    )


def test_berjalan_awal_ditambah_masuk_dikurangi_berakhir_sama_dengan_berjalan_akhir(kasi, kantor):
    """The flow balances: running at the end of December 2024 (A, C, E, J: G ended that
    day), plus the intakes, less the endings, is running at the end of June."""
    desember = alur_klien(kasi, Saringan(dari=D(2024, 12, 1), sampai=D(2024, 12, 1)), HARI_INI)
    juni = alur_klien(kasi, PERIODE, HARI_INI)
    assert desember.berjalan_jumlah.n == 4
    assert desember.berjalan_jumlah.n + juni.masuk.n - juni.berakhir_jumlah.n == 4
    assert juni.berjalan_jumlah.n == 4


def test_saringan_kategori_dan_pk(kasi, pk_lain, kantor):
    anak = alur_klien(
        kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, kategori="ANAK"), HARI_INI
    )
    assert [k for k, _label in anak.kategori] == ["ANAK"]  # one column: the chosen category
    assert [(p.kode, _n(p.berjalan), p.masuk.n, p.berakhir.n) for p in anak.program] == [
        ("PB", (1,), 1, 0),  # B
        ("DIVERSI", (0,), 1, 1),  # I
    ]
    milik_pk_lain = alur_klien(
        kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, pk=pk_lain), HARI_INI
    )  # B, D, I
    assert milik_pk_lain.berjalan_jumlah.n == 1
    assert milik_pk_lain.masuk.n == 3
    assert {b.status: b.angka.n for b in milik_pk_lain.berakhir if b.angka.n} == {
        "DICABUT": 1,
        "PINDAH": 1,
    }


def _ikuti_tautan(client, alur) -> int:
    """Follow every client-list link of the section: each list holds as many clients as its
    figure says. Returns how many links there were."""
    html = render_to_string("laporan/_klien_alur.html", {"alur": alur})
    tautan = re.findall(r'<a href="(/klien/\?[^"]+)">(\d+)</a>', html)
    for url, angka in tautan:
        hasil = client.get(unescape(url))
        assert hasil.status_code == 200
        assert hasil.context["halaman"].paginator.count == int(angka), url
    return len(tautan)


def test_saringan_program_pembimbingan_hanya_peserta_dan_tautannya(client, kasi, kantor):
    """A guidance-programme filter keeps the clients who took part in it; the links carry
    it to the client list (program_bimbingan, added to the list by pembimbingan)."""
    program = ProgramFactory(unit=kasi.unit)
    PesertaFactory(program=program, klien=kantor["A"], unit=kasi.unit)
    PesertaFactory(program=program, klien=kantor["D"], unit=kasi.unit)
    alur = alur_klien(
        kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, program=program), HARI_INI
    )
    assert alur.berjalan_jumlah.n == 1  # A
    assert alur.masuk.n == 1 and alur.berakhir_jumlah.n == 1  # D
    assert f"program_bimbingan={program.pk}" in alur.masuk.url
    client.force_login(kasi)
    assert _ikuti_tautan(client, alur) >= 3


def test_pk_tidak_mendapat_tautan_dan_hanya_kasusnya(pk, kantor):
    alur = alur_klien(pk, PERIODE, HARI_INI)
    assert alur.berjalan_jumlah.n == 3  # A, E, H: B is pk_lain's
    assert not alur.ada_tautan and alur.berjalan_jumlah.url is None


def test_periode_lampau_berjalan_pada_akhir_periode_bertautan(client, kasi, kantor):
    """Running on a past day links to the list's `berjalan_pada` filter (the same
    definition: klien.querysets.berjalan_pada)."""
    alur = alur_klien(kasi, PERIODE, HARI_INI)
    assert alur.berjalan_jumlah.url.endswith("berjalan_pada=2025-06-30")
    client.force_login(kasi)
    assert _ikuti_tautan(client, alur) >= 5
    assert alur.masuk.url.endswith("mulai_dari=2025-01-01&mulai_sampai=2025-06-30")
    assert "berakhir_dari=2025-01-01&berakhir_sampai=2025-06-30" in alur.berakhir_jumlah.url


@pytest.mark.parametrize("jumlah", [1, 12])
def test_jumlah_query_tetap(kasi, pk, desa, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        _klien(pk, desa, D(2025, 1 + i % 6, 1), program=ProgramIntegrasi.values[i % 8])
        _klien(pk, desa, D(2024, 1, 1), StatusKlien.SELESAI, D(2025, 1 + i % 6, 2))
    # the figures grouped by programme, category and status; the months of start and end
    with django_assert_num_queries(2):
        alur = alur_klien(kasi, PERIODE, HARI_INI)
    assert alur.masuk.n == jumlah and alur.berakhir_jumlah.n == jumlah


def test_tautan_menuju_daftar_klien_yang_sama_jumlahnya(client, kasi, pk, pk_lain, desa, unit_lain):
    """Every figure of the section (the current period: running today links too) leads to
    the office's client list with its selection, and the list holds that many clients."""
    hari_ini = timezone.localdate()
    saringan = Saringan.baku(hari_ini)
    dari = saringan.dari
    S = StatusKlien
    _klien(pk, desa, dari - datetime.timedelta(days=40), program="PB")
    _klien(pk_lain, desa, dari + datetime.timedelta(days=3), program="CB", kategori="ANAK", nik="")
    _klien(pk, desa, hari_ini, S.PENERIMAAN, program="PB")
    _klien(pk, desa, hari_ini + datetime.timedelta(days=5), S.PENERIMAAN, program="PB")  # not yet
    _klien(
        pk, desa, dari - datetime.timedelta(days=90), S.SELESAI, dari + datetime.timedelta(days=20)
    )
    _klien(pk_lain, desa, dari + datetime.timedelta(days=10), S.DICABUT, hari_ini, program="CMB")
    _klien(
        pk, desa, dari - datetime.timedelta(days=400), S.SELESAI, dari - datetime.timedelta(days=1)
    )
    _klien(pk, desa, geser_bulan(dari, 3), S.PINDAH, geser_bulan(dari, 4), program="ASIMILASI")
    # a child's diversion not carried out; court-ordered supervision ended by the court
    _klien(
        pk_lain,
        desa,
        dari - datetime.timedelta(days=30),
        S.KEMBALI,
        dari + datetime.timedelta(days=15),
        program="DIVERSI",
        kategori="ANAK",
        nik="",
    )
    _klien(
        pk,
        desa,
        dari - datetime.timedelta(days=60),
        S.DIAKHIRI,
        hari_ini,
        program="PIDANA_BERSYARAT",
    )
    _klien(UserFactory(peran="PK", unit=unit_lain), desa, dari + datetime.timedelta(days=3))

    client.force_login(kasi)
    for s in (saringan, Saringan(dari=saringan.dari, sampai=saringan.sampai, pk=pk)):
        alur = alur_klien(kasi, s, hari_ini)
        assert alur.ada_tautan
        html = render_to_string("laporan/_klien_alur.html", {"alur": alur})
        tautan = re.findall(r'<a href="(/klien/\?[^"]+)">(\d+)</a>', html)
        # running (per programme × category, totals), intakes, endings, by kind
        assert len(tautan) >= 20
        for url, angka in tautan:
            hasil = client.get(unescape(url))
            assert hasil.status_code == 200
            assert hasil.context["halaman"].paginator.count == int(angka), url
        for kunci in ("berjalan_pada=", "mulai_dari=", "berakhir_dari=", "program=", "kategori="):
            assert any(kunci in url for url, _n in tautan), kunci
    # every ending has its row, under its own label, linked to its clients
    alur = alur_klien(kasi, saringan, hari_ini)
    berakhir = {b.status: (b.label, b.angka.n, b.angka.url) for b in alur.berakhir}
    assert list(berakhir) == list(STATUS_BERAKHIR)
    assert berakhir[S.KEMBALI][:2] == (
        "Diversi tidak dilaksanakan (kembali ke proses peradilan)",
        1,
    )
    assert berakhir[S.DIAKHIRI][:2] == ("Diakhiri putusan pengadilan / penetapan jaksa", 1)
    for s in (S.KEMBALI, S.DIAKHIRI):
        assert f"status={s}" in berakhir[s][2]


@pytest.mark.slow
def test_partial_html_valid(kasi, kantor):
    """The section with its chart, as the page shows it."""
    pastikan_vnu()
    dokumen = {}
    for nama, s in (
        ("semua", PERIODE),
        ("anak", Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, kategori="ANAK")),
    ):
        alur = alur_klien(kasi, s, HARI_INI)
        isi = render_to_string("laporan/_klien_alur.html", {"alur": alur})
        dokumen[nama] = (
            '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>t</title></head>'
            f"<body><main>{isi}</main></body></html>"
        )
    assert validasi(dokumen) == {}
