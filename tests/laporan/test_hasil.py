"""The dashboard's outcomes (laporan.selectors_hasil) on a hand-made dataset whose answers
are worked out below, and the client list behind every count (klien.filters and the
filters pembimbingan adds to it).

The period is 2024 (January to December); today is 15 March 2025. So a client is judged at
6 months if they ended on 15 September 2024 or before, at 12 months if on 15 March 2024 or
before (klien.hasil.batas_dinilai).

Programmes of the office: "ukir" (kemandirian, partner Sanggar Ukir, 4 group sessions),
"rohani" (kepribadian, partner Yayasan Rohani, 4 group sessions), "bapas" (kepribadian,
run by the office itself, no session recorded).

The cohort (completed, ended in 2024, the office's):
  A  ended 2024-02-10; ukir 4 of 4 present (100 %) -> 75 % and above;
     event 2024-06-01 (4 months after): recidivist at 6 and at 12 months
  B  ended 2024-03-01; ukir 3 present and 1 excused (75 %, the boundary) -> 75 % and above;
     event 2024-11-20 (8 months after): at 12 months only
  C  ended 2024-04-05; ukir 2 present, 2 absent (50 %) -> below 75 % (also 4 wajib lapor
     reports, all present: not programme sessions; counted, they would make 6 of 8 = 75 %);
     event 2024-10-05 (6 months to the day): at 6 months; not judged at 12
  D  ended 2024-05-20; rohani 1 present not following directions, 3 absent (25 %) -> below;
     no event
  E  ended 2024-06-30; no programme; event 2024-06-15 (before the end): not counted
  F  ended 2024-07-31; no programme; event 2025-01-31 (6 months to the day): at 6 months
  G  ended 2024-08-15; no programme; event 2025-02-16 (6 months and a day): not at 6 months
  H  ended 2024-10-01; ukir 4 of 4 and rohani 2 of 4: 6 of 8 (75 %) -> 75 % and above;
     event 2024-12-01, but ended too recently to be judged at 6 or 12 months
  I  ended 2024-12-20; enrolled in "bapas", no outcome recorded -> participant, nothing
     recorded; not judged
  J  ended 2024-01-15 (the other PK's client); no programme; event on the day of the end:
     not counted
  K1..K8  ended 2024-02-01; no programme; K1 event 2024-03-01 (6 and 12 months),
     K2 event 2024-12-01 (10 months: 12 only)
Not in it: L (ended 2023-12-31, event 2024-02-01), M (ended 2025-01-10), N (revoked
2024-05-01, event 2024-06-01: counted as revoked), R (a child's diversion not carried out,
2024-03-01, event 2024-04-01: counted beside as back to the criminal process), S (court-
ordered guidance ended by the court 2024-02-15, event 2024-05-01: counted beside as ended
by a decision), O (died 2024-05-01), P (moved 2024-06-01), Q (running), X (another office:
completed 2024-03-01, event 2024-04-01, in a programme of that office).

Recidivism by participation (recidivists / judged):
  no programme     E F G J K1-K8 = 12; 6 months: 12 judged, F K1 = 2 -> 2/12 = 17 %;
                   12 months: J K1-K8 = 9 judged, K1 K2 = 2 -> too few; 3 not judged
  nothing recorded I = 1; 6 and 12 months: 0 judged, 1 not judged
  below 75 %       C D = 2; 6 months: 2 judged, C = 1 -> too few; 12: 0 judged, 2 not
  75 % and above   A B H = 3; 6 months: A B judged, A = 1, H not judged; 12 months: A B
                   judged, both recidivists -> 2/2 (too few); H not judged
  all              18; 6 months: 16 judged, 4 -> 25 %; 12 months: 11 judged, 4 -> 36 %
Beside the rates, in the period: revoked 1 (N), back to the criminal process 1 (R), ended
by a decision 1 (S).
By programme type (enrolments of any status; H counts in both):
  kemandirian (ukir)           A B C H = 4; 6: A B C judged, A C = 2; 1 not judged;
                               12: A B judged, 2; 2 not judged
  kepribadian (rohani, bapas)  D H I = 3; 6: D judged, 0; 2 not judged; 12: 0 judged, 3 not
By partner: Sanggar Ukir as kemandirian (4); Yayasan Rohani D H = 2 (6: D judged, 0;
1 not judged); "bapas" has no partner.
Reintegration, pairs among the cohort: A (start: family, housing; end: work, family,
housing), B (start: housing; end: all four), E (start: family; end: family, housing);
C has a start only; L and X are outside the cohort. n = 3: work 0 -> 2, school 0 -> 1,
family 2 -> 3, housing 2 -> 3.
"""

import datetime
import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from klien.hasil import batas_dinilai, tambah_bulan
from laporan.saringan import Saringan
from laporan.selectors_hasil import hasil_bimbingan
from pembimbingan.pilihan import HasilHadir, JenisProgram, JenisSesi
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import (
    IndikatorReintegrasiFactory,
    KlienFactory,
    PeristiwaResidivismeFactory,
)
from tests.pembimbingan.factories import (
    KehadiranFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
)
from tests.pokmas.factories import MitraFactory

d = datetime.date
HARI_INI = d(2025, 3, 15)
TAHUN_2024 = Saringan(dari=d(2024, 1, 1), sampai=d(2024, 12, 1))
H, HT, IZ, TH = (
    HasilHadir.HADIR,
    HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN,
    HasilHadir.IZIN,
    HasilHadir.TIDAK_HADIR,
)


@pytest.fixture
def desa(unit):
    desa = DesaFactory()
    unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    return desa


def _klien(pk, desa, berakhir=None, status="SELESAI", **lain):
    return KlienFactory(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=d(2023, 1, 2),
        tanggal_ekspirasi=d(2025, 6, 30),
        status=status,
        tanggal_berakhir=berakhir,
        **lain,
    )


def _residivis(klien, tanggal):
    PeristiwaResidivismeFactory(klien=klien, tanggal=tanggal)


def _hadir(klien, program, sesi, hasil):
    PesertaFactory(program=program, klien=klien, unit=klien.unit, tanggal_masuk=d(2023, 2, 1))
    for s, h in zip(sesi, hasil, strict=True):
        lain = {"alasan": "sakit", "dapat_diterima": True} if h == IZ else {}
        if h == TH:
            lain = {"dapat_diterima": False}
        KehadiranFactory(sesi=s, klien=klien, hasil=h, **lain)


def _indikator(klien, tonggak, *benar):
    IndikatorReintegrasiFactory(
        klien=klien, tonggak=tonggak, tanggal=d(2024, 1, 1), **dict.fromkeys(benar, True)
    )


@pytest.fixture
def data(unit, unit_lain, pk, pk_lain, desa):
    sanggar = MitraFactory(unit=unit, nama="Sanggar Ukir")
    yayasan = MitraFactory(unit=unit, nama="Yayasan Rohani")
    ukir = ProgramFactory(mitra=sanggar, jenis=JenisProgram.KEMANDIRIAN, nama="Ukir")
    rohani = ProgramFactory(mitra=yayasan, jenis=JenisProgram.KEPRIBADIAN, nama="Rohani")
    bapas = ProgramFactory(unit=unit, jenis=JenisProgram.KEPRIBADIAN, nama="Bapas")
    sesi_ukir = SesiFactory.create_batch(4, program=ukir)
    sesi_rohani = SesiFactory.create_batch(4, program=rohani)

    k = {}
    k["A"] = _klien(pk, desa, d(2024, 2, 10))
    _hadir(k["A"], ukir, sesi_ukir, [H, H, H, H])
    _residivis(k["A"], d(2024, 6, 1))
    k["B"] = _klien(pk, desa, d(2024, 3, 1))
    _hadir(k["B"], ukir, sesi_ukir, [H, H, H, IZ])
    _residivis(k["B"], d(2024, 11, 20))
    k["C"] = _klien(pk, desa, d(2024, 4, 5))
    _hadir(k["C"], ukir, sesi_ukir, [H, H, TH, TH])
    for _i in range(4):
        lapor = SesiFactory(jenis=JenisSesi.WAJIB_LAPOR, program=None, klien=k["C"])
        KehadiranFactory(sesi=lapor, klien=k["C"], hasil=H)
    _residivis(k["C"], d(2024, 10, 5))
    k["D"] = _klien(pk, desa, d(2024, 5, 20))
    _hadir(k["D"], rohani, sesi_rohani, [HT, TH, TH, TH])
    k["E"] = _klien(pk, desa, d(2024, 6, 30))
    _residivis(k["E"], d(2024, 6, 15))
    k["F"] = _klien(pk, desa, d(2024, 7, 31))
    _residivis(k["F"], d(2025, 1, 31))
    k["G"] = _klien(pk, desa, d(2024, 8, 15))
    _residivis(k["G"], d(2025, 2, 16))
    k["H"] = _klien(pk, desa, d(2024, 10, 1))
    _hadir(k["H"], ukir, sesi_ukir, [H, H, H, H])
    _hadir(k["H"], rohani, sesi_rohani, [H, H, TH, TH])
    _residivis(k["H"], d(2024, 12, 1))
    k["I"] = _klien(pk, desa, d(2024, 12, 20))
    PesertaFactory(program=bapas, klien=k["I"], unit=unit)
    k["J"] = _klien(pk_lain, desa, d(2024, 1, 15))
    _residivis(k["J"], d(2024, 1, 15))
    for i in range(1, 9):
        k[f"K{i}"] = _klien(pk, desa, d(2024, 2, 1))
    _residivis(k["K1"], d(2024, 3, 1))
    _residivis(k["K2"], d(2024, 12, 1))

    k["L"] = _klien(pk, desa, d(2023, 12, 31))
    _residivis(k["L"], d(2024, 2, 1))
    k["M"] = _klien(pk, desa, d(2025, 1, 10))
    k["N"] = _klien(pk, desa, d(2024, 5, 1), status="DICABUT")
    _residivis(k["N"], d(2024, 6, 1))
    k["R"] = _klien(
        pk, desa, d(2024, 3, 1), status="KEMBALI", program="DIVERSI", kategori="ANAK", nik=""
    )
    _residivis(k["R"], d(2024, 4, 1))
    k["S"] = _klien(pk, desa, d(2024, 2, 15), status="DIAKHIRI", program="PIDANA_BERSYARAT")
    _residivis(k["S"], d(2024, 5, 1))
    k["O"] = _klien(pk, desa, d(2024, 5, 1), status="MENINGGAL")
    k["P"] = _klien(pk, desa, d(2024, 6, 1), status="PINDAH")
    k["Q"] = _klien(pk, desa, status="AKTIF")
    pk_luar = UserFactory(peran="PK", unit=unit_lain)
    k["X"] = _klien(pk_luar, desa, d(2024, 3, 1))
    _residivis(k["X"], d(2024, 4, 1))
    program_luar = ProgramFactory(unit=unit_lain, jenis=JenisProgram.KEMANDIRIAN)
    _hadir(k["X"], program_luar, [SesiFactory(program=program_luar)], [H])

    for klien, awal, akhir in (
        (
            "A",
            ("dukungan_keluarga", "tempat_tinggal_stabil"),
            ("bekerja", "dukungan_keluarga", "tempat_tinggal_stabil"),
        ),
        (
            "B",
            ("tempat_tinggal_stabil",),
            ("bekerja", "sekolah_pelatihan", "dukungan_keluarga", "tempat_tinggal_stabil"),
        ),
        ("E", ("dukungan_keluarga",), ("dukungan_keluarga", "tempat_tinggal_stabil")),
        ("L", (), ("bekerja",)),
        ("X", (), ("bekerja",)),
    ):
        _indikator(k[klien], "AWAL", *awal)
        _indikator(k[klien], "AKHIR", *akhir)
    _indikator(k["C"], "AWAL", "bekerja")
    return {"klien": k, "sanggar": sanggar, "yayasan": yayasan}


def _angka(baris):
    """(clients, (recidivists, judged, not judged) per window) of a row."""
    return (baris.klien, *((r.residivis, r.dinilai, r.belum_dinilai) for r in baris.residivisme))


def test_residivisme_menurut_partisipasi(kasi, data):
    hasil = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI)
    assert [j.batas_dinilai for j in hasil.jendela] == [d(2024, 9, 15), d(2024, 3, 15)]
    per = {b.kunci: b for b in hasil.partisipasi}
    assert list(per) == ["tanpa_program", "belum_tercatat", "di_bawah_75", "75_ke_atas"]
    assert _angka(per["tanpa_program"]) == (12, (2, 12, 0), (2, 9, 3))
    assert _angka(per["belum_tercatat"]) == (1, (0, 0, 1), (0, 0, 1))
    assert _angka(per["di_bawah_75"]) == (2, (1, 2, 0), (0, 0, 2))
    assert _angka(per["75_ke_atas"]) == (3, (1, 2, 1), (2, 2, 1))
    assert _angka(hasil.semua) == (18, (4, 16, 2), (4, 11, 7))
    # the endings a decision brings about: beside the rates, never in them
    assert [(b.status, b.label, b.n) for b in hasil.di_luar] == [
        ("DICABUT", "Dicabut", 1),
        ("KEMBALI", "Kembali ke proses peradilan", 1),
        ("DIAKHIRI", "Diakhiri putusan / penetapan", 1),
    ]
    assert hasil.dicabut == 1

    tanpa_6, tanpa_12 = per["tanpa_program"].residivisme
    assert (tanpa_6.persen, tanpa_6.terlalu_sedikit) == (17, False)  # 2 of 12
    assert (tanpa_12.persen, tanpa_12.terlalu_sedikit) == (22, True)  # 2 of 9: too few
    assert [r.persen for r in hasil.semua.residivisme] == [25, 36]  # 4 of 16, 4 of 11
    assert per["belum_tercatat"].residivisme[0].persen is None  # nobody judged yet


def test_grafik_tanpa_tingkat_dari_terlalu_sedikit_klien(kasi, data):
    grafik = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI).grafik
    # only "no programme" at 6 months has enough clients; the table says why the rest is not
    assert grafik.baris[0] == ("Tanpa program", "17 %", 12, "terlalu sedikit untuk dinilai", 9)
    assert grafik.baris[1][1:] == ("–", 0, "–", 0)
    assert grafik.baris[3][1:] == ("terlalu sedikit untuk dinilai", 2) * 2
    assert grafik.svg.count('class="bar"') == 1
    assert "<script" not in grafik.svg


def test_residivisme_menurut_jenis_program_dan_mitra(kasi, data):
    hasil = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI)
    jenis = {b.kunci: _angka(b) for b in hasil.jenis_program}
    assert jenis == {
        "kepribadian": (3, (0, 1, 2), (0, 0, 3)),
        "kemandirian": (4, (2, 3, 1), (2, 2, 2)),
    }
    mitra = [(b.label, *_angka(b)) for b in hasil.mitra]
    assert mitra == [
        ("Sanggar Ukir", 4, (2, 3, 1), (2, 2, 2)),
        ("Yayasan Rohani", 2, (0, 1, 1), (0, 0, 2)),
    ]


def test_saringan_mitra(kasi, data):
    """Filtered by a partner: the clients who took part in its programmes (A B C H); the
    split by type counts only that partner's programmes (H's kepribadian programme is
    another partner's)."""
    saringan = Saringan(dari=TAHUN_2024.dari, sampai=TAHUN_2024.sampai, mitra=data["sanggar"])
    hasil = hasil_bimbingan(kasi, saringan, hari_ini=HARI_INI)
    assert _angka(hasil.semua) == (4, (2, 3, 1), (2, 2, 2))
    per = {b.kunci: _angka(b) for b in hasil.partisipasi}
    assert per == {
        "tanpa_program": (0, (0, 0, 0), (0, 0, 0)),
        "belum_tercatat": (0, (0, 0, 0), (0, 0, 0)),
        "di_bawah_75": (1, (1, 1, 0), (0, 0, 1)),  # C
        "75_ke_atas": (3, (1, 2, 1), (2, 2, 1)),  # A B H
    }
    assert {b.kunci: b.klien for b in hasil.jenis_program} == {"kepribadian": 0, "kemandirian": 4}
    assert [b.label for b in hasil.mitra] == ["Sanggar Ukir"]
    assert [b.n for b in hasil.di_luar] == [0, 0, 0]


def test_indikator_reintegrasi_berpasangan(kasi, data):
    r = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI).reintegrasi
    assert (r.n, r.terlalu_sedikit) == (3, True)
    assert {b.kunci: (b.awal.jumlah, b.akhir.jumlah) for b in r.baris} == {
        "bekerja": (0, 2),
        "sekolah_pelatihan": (0, 1),
        "dukungan_keluarga": (2, 3),
        "tempat_tinggal_stabil": (2, 3),
    }
    assert (r.baris[0].akhir.persen, r.baris[0].akhir.n) == (67, 3)


def test_kantor_lain_tidak_dihitung(kasi_lain, data):
    """The other office's Kasi sees only X (completed, in a programme, a recidivist at 1
    month; judged at 6 and 12 months)."""
    hasil = hasil_bimbingan(kasi_lain, TAHUN_2024, hari_ini=HARI_INI)
    assert _angka(hasil.semua) == (1, (1, 1, 0), (1, 1, 0))
    assert {b.kunci: b.klien for b in hasil.partisipasi}["75_ke_atas"] == 1
    assert hasil.mitra == ()
    assert hasil.reintegrasi.n == 1


@pytest.mark.parametrize(
    ("tanggal", "n", "hasil"),
    [
        (d(2024, 8, 31), 6, d(2025, 2, 28)),
        (d(2023, 8, 31), 6, d(2024, 2, 29)),
        (d(2024, 1, 15), 12, d(2025, 1, 15)),
        (d(2025, 3, 31), -1, d(2025, 2, 28)),
    ],
)
def test_tambah_bulan(tanggal, n, hasil):
    assert tambah_bulan(tanggal, n) == hasil


@pytest.mark.parametrize(
    ("hari_ini", "n", "batas"),
    [
        (d(2025, 3, 15), 6, d(2024, 9, 15)),
        (d(2025, 2, 28), 6, d(2024, 8, 31)),  # 31 August + 6 months is 28 February
        (d(2025, 2, 27), 6, d(2024, 8, 27)),
        (d(2025, 3, 30), 1, d(2025, 2, 28)),
        (d(2025, 4, 30), 2, d(2025, 2, 28)),
    ],
)
def test_batas_dinilai(hari_ini, n, batas):
    assert batas_dinilai(hari_ini, n) == batas
    assert tambah_bulan(batas, n) <= hari_ini < tambah_bulan(batas + datetime.timedelta(1), n)


def _isi_ukuran(unit, pk, desa, n):
    """n completed clients of 2024, each in a partner's programme with two sessions, an
    event and both measurements; n more without a programme."""
    program = ProgramFactory(mitra=MitraFactory(unit=unit), jenis=JenisProgram.KEPRIBADIAN)
    sesi = SesiFactory.create_batch(2, program=program)
    for i in range(n):
        klien = _klien(pk, desa, d(2024, 1 + i % 12, 10))
        _hadir(klien, program, sesi, [H, TH])
        _residivis(klien, d(2024, 12, 1))
        _indikator(klien, "AWAL", "bekerja")
        _indikator(klien, "AKHIR", "bekerja")
        _klien(pk, desa, d(2024, 1 + i % 12, 20))


@pytest.mark.parametrize("jumlah", [2, 12])
def test_jumlah_query_tetap(kasi, unit, pk, desa, jumlah, django_assert_num_queries):
    _isi_ukuran(unit, pk, desa, jumlah)
    # the cohort by participation (with the revoked); enrolments by type; by partner;
    # the reintegration pairs
    with django_assert_num_queries(4):
        hasil = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI)
    assert hasil.semua.klien == 2 * jumlah


_TAUTAN = re.compile(r'<a href="(/klien/\?[^"]+)">(\d+)</a>')


def _ikuti_tautan(client, hasil) -> int:
    """Follow every count's link of the rendered partial; each list holds that many."""
    html = render_to_string("laporan/_hasil.html", {"hasil": hasil})
    tautan = _TAUTAN.findall(html)
    for url, angka in tautan:
        resp = client.get(unescape(url))
        assert resp.status_code == 200
        assert resp.context["halaman"].paginator.count == int(angka), unescape(url)
    return len(tautan)


def _jumlah_tautan(hasil) -> int:
    """The partial's counts: the cohort, and the revoked, the diversions not carried out and
    the guidance ended by a decision; per row of the tables (the groups
    of participation and "all", of type, of partner) its clients and, per window, the
    recidivists and the judged (when any are) and those not judged yet; the pairs and the
    eight indicator counts."""
    baris = (*hasil.partisipasi, hasil.semua, *hasil.jenis_program, *hasil.mitra)
    per_baris = sum(1 + sum(3 if r.dinilai else 1 for r in b.residivisme) for b in baris)
    return 1 + len(hasil.di_luar) + per_baris + 1 + 8


def test_setiap_angka_menuju_daftar_yang_sama_jumlahnya(client, kasi, data):
    assert reverse("klien:klien-list") == "/klien/"
    client.force_login(kasi)
    hasil = hasil_bimbingan(kasi, TAHUN_2024, hari_ini=HARI_INI)
    assert _ikuti_tautan(client, hasil) == _jumlah_tautan(hasil) == 66


def test_tautan_membawa_saringan_dasbor(client, kasi, pk, data, desa):
    """The dashboard's filters go into the links. A partner with a programme type means one
    programme of both: the kepribadian row under Sanggar Ukir is empty, though H took part
    in a kepribadian programme (of another partner)."""
    client.force_login(kasi)
    saringan = Saringan(
        dari=TAHUN_2024.dari,
        sampai=TAHUN_2024.sampai,
        mitra=data["sanggar"],
        kabupaten=desa.kecamatan.kabupaten,
        kategori="DEWASA",
        pk=pk,
    )
    hasil = hasil_bimbingan(kasi, saringan, hari_ini=HARI_INI)
    assert _ikuti_tautan(client, hasil) == _jumlah_tautan(hasil)
    kepribadian = next(b for b in hasil.jenis_program if b.kunci == "kepribadian")
    assert "jenis_program=kepribadian" in kepribadian.query
    assert f"mitra={data['sanggar'].pk}" in kepribadian.query
    assert client.get(f"/klien/?{kepribadian.query}").context["halaman"].paginator.count == 0


def test_saringan_daftar_dengan_nilai_salah_diabaikan_dan_dijelaskan(client, kasi, data):
    """A bad date or choice in the list's outcome filters is said beside the field and
    filters nothing (every client of the office is listed); never a 500."""
    client.force_login(kasi)
    resp = client.get("/klien/?berakhir_dari=kemarin&residivis=7&partisipasi=x&mitra=0")
    assert resp.status_code == 200
    assert set(resp.context["filter"].form.errors) == {
        "berakhir_dari",
        "residivis",
        "partisipasi",
        "mitra",
    }
    assert "Masukkan tanggal yang valid." in resp.content.decode()
    assert resp.context["halaman"].paginator.count == len(data["klien"]) - 1  # not X
