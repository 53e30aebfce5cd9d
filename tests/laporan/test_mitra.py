"""The dashboard's partners (laporan.selectors_mitra) on a hand-made office whose answers are
counted below by hand: sessions held in the period (its bounds in the office's time zone),
clients served, attendance with its n, participants who completed or left, the agreement
(expired shown as expired, ending soon), and the partial."""

import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string

from laporan.saringan import Saringan
from laporan.selectors_mitra import mitra_periode
from pembimbingan import rekap
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisProgram, JenisSesi, StatusPeserta
from pokmas.pilihan import MasaPKS, StatusMitra
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    KehadiranFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
)
from tests.pokmas.factories import MitraFactory, PerjanjianFactory
from tests.rails.vnu import pastikan_vnu, validasi

D = datetime.date
WITA = zoneinfo.ZoneInfo("Asia/Makassar")  # the office's zone (Unit.zona_waktu's default)
PERIODE = Saringan(dari=D(2025, 1, 1), sampai=D(2025, 3, 1))  # January to March 2025
HARI_INI = D(2025, 4, 10)  # the agreements' standing is today's

H = HasilHadir.HADIR
HTA = HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN
TH = HasilHadir.TIDAK_HADIR
IZ = HasilHadir.IZIN


def _wita(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WITA)


def _hadir(sesi, klien, hasil=H):
    lain = {}
    if hasil == IZ:
        lain = {"alasan": AlasanAbsen.UPACARA_AGAMA_ADAT, "dapat_diterima": True}
    elif hasil == TH:
        lain = {"dapat_diterima": False}
    return KehadiranFactory(sesi=sesi, klien=klien, hasil=hasil, **lain)


def _mitra(unit, nama, **lain):
    return MitraFactory(unit=unit, nama=nama, status=StatusMitra.AKTIF, **lain)


def _pks(mitra, mulai, selesai):
    return PerjanjianFactory(
        mitra=mitra, tanggal_mulai=mulai, tanggal_selesai=selesai, tanggal_tanda_tangan=mulai
    )


@pytest.fixture
def kantor(unit, unit_lain, pk, pk_lain):
    """Four partners of the office and one of another office.

    Alfa (PKS to 1 May 2025: ending soon on 10 April, 21 days left), programme P1:
      sessions at 00:30 on 1 Jan, 10 Jan, 15 Feb and 23:30 on 31 Mar (WITA): four held in
      the period; 23:00 on 31 Dec 2024 and 00:30 on 1 Apr 2025 fall outside it (though the
      first is 1 Jan and the second 31 Mar somewhere else); and a wajib lapor (no partner).
      Attendance in the period: K1 ×3 present, K2 present, absent, present without
      following directions, K3 excused and present: 6 of 8, 3 clients (K4 came only on
      1 Apr). Enrolments: K1 completed 20 Mar, K2 left 1 Feb, K3 active, K4 completed 5 Apr.
    Beta (PKS ended 31 Dec 2024: expired), kepribadian programme P2: two sessions, six
      clients K5–K10: 10 of 12 present; five completed and one left in the period.
    Gamma: no programme, PKS in force to 2027. Delta: a candidate without a PKS.
    K1 and K2 are pk_lain's; K3 is a child.
    """
    desa = DesaFactory()
    unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    alfa = _mitra(unit, "Yayasan Alfa", program_kemandirian=True)
    _pks(alfa, D(2024, 1, 1), D(2025, 5, 1))
    beta = _mitra(unit, "Yayasan Beta")
    _pks(beta, D(2023, 1, 1), D(2024, 12, 31))
    gamma = _mitra(unit, "Yayasan Gamma")
    _pks(gamma, D(2025, 1, 1), D(2027, 1, 1))
    delta = MitraFactory(unit=unit, nama="Kandidat Delta")

    k = {
        i: KlienFactory(pk_pembimbing=pk_lain if i in (1, 2) else pk, desa=desa)
        for i in range(1, 11)
    }
    k[3].kategori, k[3].nik = "ANAK", ""
    k[3].save()

    p1 = ProgramFactory(unit=unit, mitra=alfa, jenis=JenisProgram.KEMANDIRIAN)
    s = [
        SesiFactory(program=p1, mulai=m)
        for m in (
            _wita(2025, 1, 1, 0, 30),
            _wita(2025, 1, 10, 10),
            _wita(2025, 2, 15, 10),
            _wita(2025, 3, 31, 23, 30),
            _wita(2024, 12, 31, 23),
            _wita(2025, 4, 1, 0, 30),
        )
    ]
    _hadir(s[0], k[1]), _hadir(s[0], k[2])
    _hadir(s[1], k[1]), _hadir(s[1], k[2], TH), _hadir(s[1], k[3], IZ)
    _hadir(s[2], k[1]), _hadir(s[2], k[3])
    _hadir(s[3], k[2], HTA)
    _hadir(s[4], k[3]), _hadir(s[5], k[4])  # outside the period
    lapor = SesiFactory(
        program=None, klien=k[1], jenis=JenisSesi.WAJIB_LAPOR, mulai=_wita(2025, 2, 2, 9)
    )
    _hadir(lapor, k[1])
    for i, status, keluar in (
        (1, StatusPeserta.SELESAI, D(2025, 3, 20)),
        (2, StatusPeserta.KELUAR, D(2025, 2, 1)),
        (3, StatusPeserta.AKTIF, None),
        (4, StatusPeserta.SELESAI, D(2025, 4, 5)),
    ):
        PesertaFactory(
            program=p1,
            klien=k[i],
            status=status,
            tanggal_masuk=D(2024, 12, 1),
            tanggal_keluar=keluar,
            alasan_keluar="Pindah kerja" if status == StatusPeserta.KELUAR else "",
        )

    p2 = ProgramFactory(unit=unit, mitra=beta, jenis=JenisProgram.KEPRIBADIAN)
    s6 = SesiFactory(program=p2, mulai=_wita(2025, 2, 5, 9))
    s7 = SesiFactory(program=p2, mulai=_wita(2025, 3, 5, 9))
    for i in range(5, 11):
        _hadir(s6, k[i])
        _hadir(s7, k[i], TH if i in (9, 10) else H)
        PesertaFactory(
            program=p2,
            klien=k[i],
            status=StatusPeserta.KELUAR if i == 10 else StatusPeserta.SELESAI,
            tanggal_masuk=D(2025, 1, 15),
            tanggal_keluar=D(2025, 3, 25),
            alasan_keluar="Sakit" if i == 10 else "",
        )

    # another office: its partner, programme, session and attendance count nowhere here
    luar = _mitra(unit_lain, "Yayasan Luar")
    _pks(luar, D(2023, 1, 1), D(2024, 1, 1))
    sesi_luar = SesiFactory(
        program=ProgramFactory(unit=unit_lain, mitra=luar), mulai=_wita(2025, 2, 1, 9)
    )
    _hadir(
        sesi_luar, KlienFactory(pk_pembimbing=UserFactory(peran="PK", unit=unit_lain), desa=desa)
    )
    rekap.bangun_ulang()  # the rows were made by factories, not by the services
    return {"alfa": alfa, "beta": beta, "gamma": gamma, "delta": delta, "p1": p1, "p2": p2}


def _baris(hasil) -> dict:
    return {b.mitra.nama: b for b in hasil}


def test_angka_mitra_dihitung_dengan_tangan(kasi, kantor):
    hasil = mitra_periode(kasi, PERIODE, HARI_INI)

    assert [b.mitra.nama for b in hasil] == [
        "Kandidat Delta",
        "Yayasan Alfa",
        "Yayasan Beta",
        "Yayasan Gamma",
    ]
    b = _baris(hasil)
    alfa = b["Yayasan Alfa"]
    assert (alfa.jumlah_program, alfa.sesi, alfa.klien_dilayani) == (1, 4, 3)
    assert (alfa.kehadiran.nilai, alfa.kehadiran.n, alfa.kehadiran.persen) == (6, 8, 75)
    assert alfa.kehadiran.terlalu_sedikit  # n = 8 < 10
    assert (alfa.peserta_selesai, alfa.peserta_keluar) == (1, 1)
    assert alfa.penyelesaian.persen == 50 and alfa.penyelesaian.terlalu_sedikit
    assert alfa.masa == MasaPKS.SEGERA_BERAKHIR and alfa.segera_berakhir
    assert (alfa.pks_berakhir, alfa.sisa_hari) == (D(2025, 5, 1), 21)
    assert alfa.url == f"/pokmas/mitra/{kantor['alfa'].pk}/"

    beta = b["Yayasan Beta"]
    assert (beta.sesi, beta.klien_dilayani) == (2, 6)
    assert (beta.kehadiran.nilai, beta.kehadiran.n, beta.kehadiran.persen) == (10, 12, 83)
    assert not beta.kehadiran.terlalu_sedikit
    assert (beta.peserta_selesai, beta.peserta_keluar) == (5, 1)
    assert beta.masa == MasaPKS.KEDALUWARSA and beta.kedaluwarsa
    assert (beta.pks_berakhir, beta.sisa_hari) == (D(2024, 12, 31), None)

    gamma = b["Yayasan Gamma"]  # no programme: still listed, with its agreement
    assert (gamma.jumlah_program, gamma.sesi, gamma.klien_dilayani, gamma.kehadiran.n) == (
        0,
        0,
        0,
        0,
    )
    assert gamma.masa == MasaPKS.BERLAKU and gamma.pks_berakhir == D(2027, 1, 1)
    assert b["Kandidat Delta"].masa == MasaPKS.TANPA_PKS
    assert b["Kandidat Delta"].pks_berakhir is None


def test_saringan_klien_mengubah_klien_bukan_sesi(kasi, kantor):
    anak = _baris(
        mitra_periode(
            kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, kategori="ANAK"), HARI_INI
        )
    )
    alfa = anak["Yayasan Alfa"]
    assert alfa.sesi == 4  # the partner's sessions, whoever came
    assert alfa.klien_dilayani == 1  # K3
    assert (alfa.kehadiran.nilai, alfa.kehadiran.n) == (1, 2)  # excused, present
    assert (alfa.peserta_selesai, alfa.peserta_keluar) == (0, 0)  # K3 is still active
    assert anak["Yayasan Beta"].klien_dilayani == 0


def test_saringan_pk_dihitung_dari_baris(kasi, pk_lain, kantor):
    """With a PK chosen the rate comes from that PK's clients' rows (the rollup has no PK)."""
    hasil = _baris(
        mitra_periode(
            kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, pk=pk_lain), HARI_INI
        )
    )
    alfa = hasil["Yayasan Alfa"]  # K1 (present ×3), K2 (present, absent, without directions)
    assert (alfa.klien_dilayani, alfa.kehadiran.nilai, alfa.kehadiran.n) == (2, 5, 6)
    assert (alfa.peserta_selesai, alfa.peserta_keluar) == (1, 1)
    assert hasil["Yayasan Beta"].kehadiran.n == 0


def test_saringan_program_dan_jenis(kasi, kantor):
    def nama(**saring):
        s = Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, **saring)
        return [b.mitra.nama for b in mitra_periode(kasi, s, HARI_INI)]

    assert nama(mitra=kantor["beta"]) == ["Yayasan Beta"]
    assert nama(program=kantor["p1"]) == ["Yayasan Alfa"]
    # kemandirian: the partners offering it (Alfa); its kepribadian sessions are not counted
    assert nama(jenis_program=JenisProgram.KEMANDIRIAN) == ["Yayasan Alfa"]
    kepribadian = mitra_periode(
        kasi,
        Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, jenis_program=JenisProgram.KEPRIBADIAN),
        HARI_INI,
    )
    b = _baris(kepribadian)
    assert b["Yayasan Alfa"].sesi == 0 and b["Yayasan Alfa"].jumlah_program == 0
    assert b["Yayasan Beta"].sesi == 2


def test_kantor_lain_melihat_mitranya_sendiri(kasi_lain, kantor):
    hasil = mitra_periode(kasi_lain, PERIODE, HARI_INI)
    assert [(b.mitra.nama, b.sesi, b.klien_dilayani, b.masa) for b in hasil] == [
        ("Yayasan Luar", 1, 1, MasaPKS.KEDALUWARSA)
    ]


@pytest.mark.parametrize("jumlah", [1, 6])
def test_jumlah_query_tetap(kasi, pk, unit, jumlah, django_assert_num_queries):
    desa = DesaFactory()
    for i in range(jumlah):
        mitra = _mitra(unit, f"Mitra {i}")
        _pks(mitra, D(2024, 1, 1), D(2026, 1, 1))
        program = ProgramFactory(unit=unit, mitra=mitra)
        for hari in range(1, 1 + jumlah):
            sesi = SesiFactory(program=program, mulai=_wita(2025, 2, hari, 9))
            klien = KlienFactory(pk_pembimbing=pk, desa=desa)
            _hadir(sesi, klien)
            PesertaFactory(program=program, klien=klien)
    rekap.bangun_ulang()
    # partners with their agreements; sessions; attendance rows; enrolments ended; rollup
    with django_assert_num_queries(5):
        hasil = mitra_periode(kasi, PERIODE, HARI_INI)
    assert [b.sesi for b in hasil] == [jumlah] * jumlah
    # with a PK: the rate from the rows already read, not the rollup
    with django_assert_num_queries(4):
        mitra_periode(kasi, Saringan(dari=PERIODE.dari, sampai=PERIODE.sampai, pk=pk), HARI_INI)


def test_partial_kedaluwarsa_dan_terlalu_sedikit(kasi, kantor):
    html = render_to_string(
        "laporan/_mitra.html", {"mitra": mitra_periode(kasi, PERIODE, HARI_INI)}
    )
    baris = {
        nama: html.split(nama, 1)[1].split("</tr>", 1)[0]
        for nama in ("Yayasan Alfa", "Yayasan Beta", "Yayasan Gamma", "Kandidat Delta")
    }
    assert (
        "Kedaluwarsa" in baris["Yayasan Beta"] and "berakhir 31 Des 2024" in baris["Yayasan Beta"]
    )
    assert "83 %" in baris["Yayasan Beta"] and "10 hadir dari 12" in baris["Yayasan Beta"]
    assert "Segera berakhir" in baris["Yayasan Alfa"] and "21 hari lagi" in baris["Yayasan Alfa"]
    assert "terlalu sedikit untuk dinilai" in baris["Yayasan Alfa"]
    assert "6 hadir dari 8" in baris["Yayasan Alfa"]
    assert f'href="/pokmas/mitra/{kantor["alfa"].pk}/#judul-program">4</a>' in baris["Yayasan Alfa"]
    assert "Berlaku" in baris["Yayasan Gamma"] and "belum tercatat" in baris["Yayasan Gamma"]
    assert "Belum ada PKS" in baris["Kandidat Delta"] and "(Kandidat)" in baris["Kandidat Delta"]


def test_tautan_mitra_terbuka_untuk_kasi(client, kasi, kantor):
    client.force_login(kasi)
    for b in mitra_periode(kasi, PERIODE, HARI_INI):
        assert client.get(b.url).status_code == 200


@pytest.mark.slow
def test_partial_html_valid(kasi, kantor):
    pastikan_vnu()
    isi = render_to_string("laporan/_mitra.html", {"mitra": mitra_periode(kasi, PERIODE, HARI_INI)})
    dokumen = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><main>{isi}</main></body></html>"
    )
    assert validasi({"mitra": dokumen}) == {}
