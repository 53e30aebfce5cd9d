"""The dashboard's attendance and absence figures on a small hand-made dataset whose answers
are worked out below; the PK filter (counted from the rows) agreeing with the rollup; every
number's link opening exactly that many rows; the downloads holding the screen's numbers;
a fixed number of queries; bad filters refused without a 500.

The dataset (office `unit`, January and February 2026, WITA):

    programme A, kemandirian, partner "Mitra Tenun", clients a1-a4 (Karangasem, adults, PK pk)
      12 Jan, office:  a1-a4 present                                  4 of 4
      9 Feb, office:   a1 a2 present, a3 absent (work), a4 izin (ill)  2 of 4
    programme B, kepribadian, no partner, clients b1 b2 (Klungkung, children, PK pk_lain), b3
    (Klungkung, adult, PK pk)
      14 Jan, video:   b1 b2 present, b3 awaiting evidence (ceremony) 2 of 3
    wajib lapor of a1, 16 Feb, office: absent (distance)              0 of 1

    total 8 of 12 (67 %); January 6 of 7, February 2 of 5 (both n < 10: too few to judge)
    kemandirian 6 of 8, kepribadian 2 of 3, without programme 0 of 1
    partner Mitra Tenun 6 of 8; office mode (A and the lapor) 6 of 9, video 2 of 3
    Karangasem (a1-a4) 6 of 9, Klungkung (b1-b3) 2 of 3
    absences: work 1 not acceptable, ill 1 izin, ceremony 1 awaiting, distance 1 not
"""

import datetime
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jejak.models import JejakAudit, Peristiwa
from klien.pilihan import Kategori
from laporan.saringan import Saringan
from laporan.selectors_kehadiran import AbsenAlasan, kehadiran_dasbor
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisProgram, JenisSesi, ModaSesi
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from tests.factories import DesaFactory, KabupatenFactory, KecamatanFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory
from tests.pokmas.factories import MitraFactory

UTC = datetime.UTC
HADIR = HasilKehadiran(HasilHadir.HADIR)
JANUARI, FEBRUARI = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)
PERIODE = Saringan(dari=JANUARI, sampai=FEBRUARI)
HARI_INI = datetime.date(2026, 3, 10)


def _wita(hari, jam=10):
    """A time on `hari` in WITA (UTC+8) as an aware UTC datetime."""
    return datetime.datetime(hari.year, hari.month, hari.day, jam - 8, tzinfo=UTC)


def _catat(sesi, oleh, hasil):
    sesi.refresh_from_db()
    return sesi_catat_kehadiran(sesi=sesi, oleh=oleh, hasil=hasil, versi=sesi.versi)


@pytest.fixture
def data(unit, unit_lain, pk, pk_lain, kasi):
    karangasem = KabupatenFactory(nama="Karangasem")
    klungkung = KabupatenFactory(nama="Klungkung")
    unit.wilayah_kerja.add(karangasem, klungkung)
    desa_k = DesaFactory(kecamatan=KecamatanFactory(kabupaten=karangasem))
    desa_l = DesaFactory(kecamatan=KecamatanFactory(kabupaten=klungkung))
    mitra = MitraFactory(unit=unit, nama="Mitra Tenun")
    a = ProgramFactory(unit=unit, mitra=mitra, nama="Tenun Endek", jenis=JenisProgram.KEMANDIRIAN)
    b = ProgramFactory(unit=unit, nama="Konseling", jenis=JenisProgram.KEPRIBADIAN)
    masuk = datetime.date(2025, 12, 1)

    def peserta(program, n, **klien):
        return [
            PesertaFactory(program=program, klien=KlienFactory(**klien), tanggal_masuk=masuk).klien
            for _ in range(n)
        ]

    a1, a2, a3, a4 = peserta(a, 4, pk_pembimbing=pk, desa=desa_k)
    b1, b2 = peserta(b, 2, pk_pembimbing=pk_lain, desa=desa_l, kategori=Kategori.ANAK, nik="")
    (b3,) = peserta(b, 1, pk_pembimbing=pk, desa=desa_l)

    s1 = SesiFactory(program=a, pk_pencatat=pk, mulai=_wita(datetime.date(2026, 1, 12)))
    _catat(s1, pk, dict.fromkeys([a1.pk, a2.pk, a3.pk, a4.pk], HADIR))
    s2 = SesiFactory(program=a, pk_pencatat=pk, mulai=_wita(datetime.date(2026, 2, 9)))
    _catat(
        s2,
        pk,
        {
            a1.pk: HADIR,
            a2.pk: HADIR,
            a3.pk: HasilKehadiran(HasilHadir.TIDAK_HADIR, alasan=AlasanAbsen.PEKERJAAN),
            a4.pk: HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.SAKIT),
        },
    )
    s3 = SesiFactory(
        program=b, pk_pencatat=pk, mulai=_wita(datetime.date(2026, 1, 14)), moda=ModaSesi.VIDEO
    )
    _catat(
        s3,
        pk,
        {
            b1.pk: HADIR,
            b2.pk: HADIR,
            b3.pk: HasilKehadiran(
                HasilHadir.MENUNGGU_KETERANGAN,
                alasan=AlasanAbsen.UPACARA_AGAMA_ADAT,
                batas_keterangan=datetime.date(2026, 1, 19),
            ),
        },
    )
    lapor = SesiFactory(
        program=None,
        klien=a1,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=_wita(datetime.date(2026, 2, 16)),
    )
    _catat(
        lapor,
        pk,
        {a1.pk: HasilKehadiran(HasilHadir.TIDAK_HADIR, alasan=AlasanAbsen.JARAK_TRANSPORTASI)},
    )
    # another office's attendance: never counted here
    lain = ProgramFactory(unit=unit_lain)
    klien_lain = PesertaFactory(program=lain, tanggal_masuk=masuk).klien
    s_lain = SesiFactory(program=lain, mulai=_wita(datetime.date(2026, 1, 12)))
    _catat(s_lain, s_lain.pk_pencatat, {klien_lain.pk: HADIR})
    return {"mitra": mitra, "a": a, "b": b, "karangasem": karangasem, "klungkung": klungkung}


def _angka(daftar):
    return {t.label: (t.hadir, t.tercatat, t.terlalu_sedikit) for t in daftar}


def test_angka_kehadiran_dataset_buatan(data, kasi):
    k = kehadiran_dasbor(kasi, PERIODE, hari_ini=HARI_INI)
    assert (k.total.hadir, k.total.tercatat, k.total.persen) == (8, 12, 67)
    assert not k.total.terlalu_sedikit
    assert _angka(k.per_bulan) == {"01-2026": (6, 7, True), "02-2026": (2, 5, True)}
    assert _angka(k.per_jenis_program) == {
        "Kemandirian": (6, 8, True),
        "Kepribadian": (2, 3, True),
        "Tanpa program (lapor, kunjungan, pos)": (0, 1, True),
    }
    assert _angka(k.per_mitra) == {"Mitra Tenun": (6, 8, True)}
    assert _angka(k.per_program) == {"Tenun Endek": (6, 8, True), "Konseling": (2, 3, True)}
    assert _angka(k.per_moda) == {"Kantor Bapas": (6, 9, True), "Panggilan video": (2, 3, True)}
    assert _angka(k.per_kabupaten) == {
        "Kabupaten Karangasem": (6, 9, True),
        "Kabupaten Klungkung": (2, 3, True),
    }
    absen = {a.alasan: (a.izin, a.tidak_hadir, a.menunggu) for a in k.absen}
    assert absen == {
        AlasanAbsen.PEKERJAAN: (0, 1, 0),
        AlasanAbsen.SAKIT: (1, 0, 0),
        AlasanAbsen.UPACARA_AGAMA_ADAT: (0, 0, 1),
        AlasanAbsen.JARAK_TRANSPORTASI: (0, 1, 0),
    }
    t = k.absen_total
    assert (t.izin, t.tidak_hadir, t.menunggu, t.jumlah) == (1, 2, 1, 4)
    # b3's evidence was due on 19 January: past its deadline on 10 March
    assert k.menunggu_lewat_batas == 1
    assert k.bulan_tren is None  # two months: no trend of three against three


def test_saringan_mitra_kabupaten_dan_kategori(data, kasi):
    mitra = kehadiran_dasbor(kasi, Saringan(JANUARI, FEBRUARI, mitra=data["mitra"]), HARI_INI)
    assert (mitra.total.hadir, mitra.total.tercatat) == (6, 8)  # the lapor has no partner
    assert [t.label for t in mitra.per_jenis_program] == ["Kemandirian"]
    anak = kehadiran_dasbor(kasi, Saringan(JANUARI, FEBRUARI, kategori=Kategori.ANAK), HARI_INI)
    assert (anak.total.hadir, anak.total.tercatat) == (2, 2)
    kab = kehadiran_dasbor(kasi, Saringan(JANUARI, FEBRUARI, kabupaten=data["klungkung"]), HARI_INI)
    assert (kab.total.hadir, kab.total.tercatat) == (2, 3)
    januari = kehadiran_dasbor(kasi, Saringan(JANUARI, JANUARI), HARI_INI)
    assert (januari.total.hadir, januari.total.tercatat) == (6, 7)


def test_saringan_pk_dihitung_dari_baris_sama_dengan_rekap(data, kasi, pk, pk_lain):
    """With a PK chosen the figures come from that PK's clients' rows: for pk_lain, b1 and b2
    (2 of 2, children, Klungkung); pk and pk_lain together are the whole office, as the
    rollup has it."""
    lain = kehadiran_dasbor(kasi, Saringan(JANUARI, FEBRUARI, pk=pk_lain), HARI_INI)
    assert (lain.total.hadir, lain.total.tercatat) == (2, 2)
    sendiri = kehadiran_dasbor(kasi, Saringan(JANUARI, FEBRUARI, pk=pk), HARI_INI)
    assert (sendiri.total.hadir, sendiri.total.tercatat) == (6, 10)
    semua = kehadiran_dasbor(kasi, PERIODE, HARI_INI)
    for bagian in ("per_bulan", "per_jenis_program", "per_moda", "per_kabupaten"):
        gabung = {}
        for k in (lain, sendiri):
            for t in getattr(k, bagian):
                h, n = gabung.get(t.label, (0, 0))
                gabung[t.label] = (h + t.hadir, n + t.tercatat)
        assert gabung == {
            t.label: (t.hadir, t.tercatat) for t in getattr(semua, bagian) if t.tercatat
        }, bagian


def test_alasan_naik_tiga_bulan_terhadap_tiga_sebelumnya():
    def alasan(terakhir, sebelumnya):
        return AbsenAlasan("sakit", "Sakit", 0, terakhir, 0, terakhir, sebelumnya)

    assert alasan(5, 2).naik  # +3, +150 %
    assert not alasan(4, 2).naik  # +2 only
    assert alasan(3, 0).naik
    assert not alasan(23, 20).naik  # +3 but +15 %
    assert alasan(24, 20).naik  # +20 %


_TAUTAN = re.compile(r'<a href="(/laporan/kehadiran/\?[^"]*)">(\d+)</a>')


def test_setiap_angka_kehadiran_membuka_baris_sebanyak_itu(data, client, kasi, time_machine):
    """Every attendance and absence number on the dashboard links to the rows behind it:
    the list holds exactly that many."""
    time_machine.move_to(datetime.datetime(2026, 3, 10, 4, tzinfo=UTC))
    client.force_login(kasi)
    html = client.get(reverse("laporan:dashboard"), {"dari": "2026-01", "sampai": "2026-02"})
    tautan = _TAUTAN.findall(html.content.decode())
    assert len(tautan) > 30
    for url, angka in set(tautan):
        resp = client.get(unescape(url))
        assert resp.status_code == 200
        assert resp.context["jumlah"] == int(angka), url


def test_ekspor_sama_dengan_layar_dan_tercatat(data, client, kasi):
    client.force_login(kasi)
    query = {"dari": "2026-01", "sampai": "2026-02"}
    resp = client.get(
        reverse("laporan:dashboard-ekspor", args=["kehadiran-jenis-program", "csv"]), query
    )
    teks = b"".join(resp.streaming_content).decode("utf-8-sig").splitlines()
    assert teks[0] == "kelompok,hadir,tercatat,persen_hadir,catatan"
    assert teks[1:] == [
        '"Kepribadian","2","3","","terlalu sedikit untuk dinilai"',
        '"Kemandirian","6","8","","terlalu sedikit untuk dinilai"',
        '"Tanpa program (lapor, kunjungan, pos)","0","1","","terlalu sedikit untuk dinilai"',
    ]
    assert resp["Content-Disposition"].endswith(
        'filename="kehadiran-jenis-program-2026-01-2026-02.csv"'
    )

    resp = client.get(reverse("laporan:dashboard-ekspor", args=["absen-alasan", "xlsx"]), query)
    lembar = load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active
    baris = {r[0]: r[1:5] for r in lembar.iter_rows(min_row=2, values_only=True)}
    assert baris["Pekerjaan"] == (0, 1, 0, 1)
    assert baris["Semua alasan"] == (1, 2, 1, 4)

    jejak = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).order_by("pk")
    assert [e.additional_data["tabel"] for e in jejak] == [
        "kehadiran-jenis-program",
        "absen-alasan",
    ]
    assert jejak[1].additional_data["baris"] == 5  # four reasons and the total


def test_ekspor_tabel_tak_dikenal_404(client, kasi):
    client.force_login(kasi)
    assert (
        client.get(reverse("laporan:dashboard-ekspor", args=["rahasia", "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("laporan:dashboard-ekspor", args=["absen-alasan", "pdf"])).status_code
        == 404
    )


def test_saringan_kantor_lain_dan_periode_salah_ditolak_tanpa_500(data, client, kasi, unit_lain):
    client.force_login(kasi)
    mitra_lain = MitraFactory(unit=unit_lain)
    resp = client.get(reverse("laporan:dashboard"), {"mitra": mitra_lain.pk})
    assert resp.status_code == 200
    assert "mitra" in resp.context["form"].errors
    assert resp.context["saringan"].mitra is None  # the default shown, not the other office's
    resp = client.get(reverse("laporan:dashboard"), {"dari": "2026-05", "sampai": "2026-01"})
    assert "Bulan akhir tidak boleh sebelum bulan awal." in resp.content.decode()
    resp = client.get(reverse("laporan:dashboard"), {"dari": "2020-01", "sampai": "2026-01"})
    assert "Periode paling panjang 36 bulan." in resp.content.decode()
    resp = client.get(reverse("laporan:dashboard"), {"dari": "bukan-bulan", "pk": "x"})
    assert resp.status_code == 200
    resp = client.get(reverse("laporan:kehadiran-list"), {"hasil": "rahasia", "halaman": "999"})
    assert resp.status_code == 200


def _kueri_kehadiran(kasi) -> int:
    with CaptureQueriesContext(connection) as q:
        kehadiran_dasbor(kasi, PERIODE, hari_ini=HARI_INI)
    return len(q)


def test_kueri_kehadiran_tidak_tumbuh_dengan_sesi(data, kasi, pk):
    """The cells, the programmes behind them, the kabupaten names, the overdue count: four
    queries, for one more session of eight more clients as well."""
    assert _kueri_kehadiran(kasi) == 4
    program = ProgramFactory(unit=pk.unit, jenis=JenisProgram.KEPRIBADIAN)
    klien = [
        PesertaFactory(
            program=program,
            klien=KlienFactory(pk_pembimbing=pk),
            tanggal_masuk=datetime.date(2025, 12, 1),
        ).klien
        for _ in range(8)
    ]
    sesi = SesiFactory(program=program, pk_pencatat=pk, mulai=_wita(datetime.date(2026, 2, 20)))
    _catat(sesi, pk, dict.fromkeys([k.pk for k in klien], HADIR))
    assert kehadiran_dasbor(kasi, PERIODE, HARI_INI).total.tercatat == 20
    assert _kueri_kehadiran(kasi) == 4


def test_pk_dan_kantor_lain_tidak_membuka_daftar_kehadiran(data, client, pk, kasi_lain):
    client.force_login(pk)
    assert client.get(reverse("laporan:kehadiran-list")).status_code == 403
    client.force_login(kasi_lain)
    resp = client.get(reverse("laporan:kehadiran-list"), {"dari": "2026-01", "sampai": "2026-02"})
    # the other office's own row only
    assert resp.context["jumlah"] == 1
    assert data["a"].nama not in resp.content.decode()
