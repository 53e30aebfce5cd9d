"""The office calendar's month view (issue 11, part 8): the month's days with their special
days and the sessions planned in the user's scope, for a Kasi and a PK to plan."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akun.models import WilayahKerja
from klien.pilihan import Agama
from pembimbingan.kalender import hari_khusus_tahun
from pembimbingan.pilihan import JenisSesi
from tests.factories import KabupatenFactory, ProvinsiFactory, UserFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    KehadiranFactory,
    PosLayananFactory,
    ProgramFactory,
    SesiFactory,
)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
URL = reverse("pembimbingan:kalender")


def _waktu(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WITA)


@pytest.fixture
def unit_bali(unit):
    WilayahKerja.objects.create(unit=unit, kabupaten=KabupatenFactory(nama="Karangasem"))
    return unit


@pytest.fixture
def hari_ini(time_machine):
    """Today is 10 December 2026, 10:00 WITA."""
    time_machine.move_to(_waktu(2026, 12, 10, 10, 0), tick=False)
    return datetime.date(2026, 12, 10)


@pytest.fixture
def program(unit):
    return ProgramFactory(unit=unit, nama="Bengkel Las")


def _hari(resp) -> dict[str, str]:
    """The month's days listed: {date: the HTML of that day's entry}."""
    html = resp.content.decode()
    assert resp.status_code == 200
    bagian = re.split(r'<li class="card mb-3', html)[1:]
    hari = {}
    for b in bagian:
        tanggal = re.search(r'<h2[^>]*><time datetime="(\d{4}-\d{2}-\d{2})">', b).group(1)
        hari[tanggal] = b
    return hari


def _tautan_sesi(sesi) -> str:
    return 'href="{}"'.format(reverse("pembimbingan:sesi-detail", args=[sesi.pk]))


def _hari_sesi(resp, sesi) -> list[str]:
    """The days whose entry links to the session."""
    return [t for t, isi in _hari(resp).items() if _tautan_sesi(sesi) in isi]


def test_sesi_pada_hari_lokalnya(client, pk, program, hari_ini):
    # 00:30 WITA on 1 December is 30 November in UTC; 23:30 WITA on 30 November is the
    # same UTC day but the day before the month; 23:30 on 31 December is still December
    awal = SesiFactory(program=program, mulai=_waktu(2026, 12, 1, 0, 30), pk_pencatat=pk)
    malam = SesiFactory(program=program, mulai=_waktu(2026, 12, 31, 23, 30), pk_pencatat=pk)
    nov = SesiFactory(program=program, mulai=_waktu(2026, 11, 30, 23, 30), pk_pencatat=pk)
    jan = SesiFactory(program=program, mulai=_waktu(2027, 1, 1, 0, 15), pk_pencatat=pk)
    client.force_login(pk)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    assert _hari_sesi(resp, awal) == ["2026-12-01"]
    assert _hari_sesi(resp, malam) == ["2026-12-31"]
    assert _hari_sesi(resp, nov) == [] and _hari_sesi(resp, jan) == []
    isi = _hari(resp)
    assert (
        '<time class="fw-semibold text-nowrap" datetime="2026-12-01T00:30:00+08:00">00:30'
        in (isi["2026-12-01"])
    )
    assert "Bengkel Las" in isi["2026-12-31"] and "23:30" in isi["2026-12-31"]
    # the days are in order, each once
    assert list(isi) == sorted(isi)
    resp = client.get(URL, {"tahun": "2026", "bulan": "11"})
    assert _hari_sesi(resp, nov) == ["2026-11-30"] and _hari_sesi(resp, awal) == []
    resp = client.get(URL, {"tahun": "2027", "bulan": "1"})
    assert _hari_sesi(resp, jan) == ["2027-01-01"] and _hari_sesi(resp, malam) == []


def test_sesi_kantor_lain_tidak_pernah(client, pk, kasi, kasi_lain, program, hari_ini):
    ini = SesiFactory(program=program, mulai=_waktu(2026, 12, 14, 9, 0), pk_pencatat=pk)
    program_lain = ProgramFactory(unit=kasi_lain.unit, nama="Program Denpasar")
    lain = SesiFactory(program=program_lain, mulai=_waktu(2026, 12, 14, 9, 0))
    pos_lain = HariLayananFactory(
        pos=PosLayananFactory(unit=kasi_lain.unit), mulai=_waktu(2026, 12, 15, 9, 0)
    )
    for user in (pk, kasi):
        client.force_login(user)
        resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
        assert _hari_sesi(resp, ini) == ["2026-12-14"]
        assert _hari_sesi(resp, lain) == [] and _hari_sesi(resp, pos_lain) == []
        assert "Program Denpasar" not in resp.content.decode()
    client.force_login(kasi_lain)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    assert _hari_sesi(resp, lain) == ["2026-12-14"] and _hari_sesi(resp, pos_lain) == ["2026-12-15"]
    assert _hari_sesi(resp, ini) == []


def test_kunjungan_rumah_sesuai_lingkup(client, pk, pk_lain, kasi, hari_ini):
    klien_saya = KlienFactory(pk_pembimbing=pk, nama="Ketut Milik PK")
    klien_lain = KlienFactory(pk_pembimbing=pk_lain, nama="Made Milik PK Lain")

    def kunjungan(klien, hari):
        return SesiFactory(
            program=None,
            klien=klien,
            jenis=JenisSesi.KUNJUNGAN_RUMAH,
            mulai=_waktu(2026, 12, hari, 14, 0),
            pk_pencatat=klien.pk_pembimbing,
            tempat="Rumah klien",
        )

    saya, lain = kunjungan(klien_saya, 3), kunjungan(klien_lain, 4)
    # a recorded wajib lapor report is a record, not a plan: never listed
    lapor = SesiFactory(
        program=None,
        klien=klien_saya,
        jenis=JenisSesi.WAJIB_LAPOR,
        mulai=_waktu(2026, 12, 7, 9, 0),
        jatuh_tempo=datetime.date(2026, 12, 7),
        pk_pencatat=pk,
    )
    client.force_login(pk)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    html = resp.content.decode()
    assert _hari_sesi(resp, saya) == ["2026-12-03"]
    assert "Kunjungan rumah · Ketut Milik PK" in html and "Rumah klien" in html
    assert _hari_sesi(resp, lain) == [] and "Made Milik PK Lain" not in html
    assert _hari_sesi(resp, lapor) == []
    client.force_login(kasi)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    assert _hari_sesi(resp, saya) == ["2026-12-03"] and _hari_sesi(resp, lain) == ["2026-12-04"]
    assert _hari_sesi(resp, lapor) == []
    assert "2026-12-07" not in _hari(resp)


def test_hanya_sesi_saya(client, pk, pk_lain, admin_unit, program, hari_ini):
    saya = SesiFactory(program=program, mulai=_waktu(2026, 12, 14, 9, 0), pk_pencatat=pk)
    lain = SesiFactory(program=program, mulai=_waktu(2026, 12, 14, 13, 0), pk_pencatat=pk_lain)
    client.force_login(pk)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    html = resp.content.decode()
    assert _hari_sesi(resp, saya) == _hari_sesi(resp, lain) == ["2026-12-14"]
    assert 'name="saya" value="1" id="saring-saya">' in html  # unchecked
    resp = client.get(URL, {"tahun": "2026", "bulan": "12", "saya": "1"})
    html = resp.content.decode()
    assert _hari_sesi(resp, saya) == ["2026-12-14"] and _hari_sesi(resp, lain) == []
    assert 'id="saring-saya" checked>' in html
    # the month links keep the filter
    assert 'href="?tahun=2026&amp;bulan=11&amp;saya=1"' in html
    assert 'href="?tahun=2027&amp;bulan=1&amp;saya=1"' in html
    # Admin records no session: no filter, and the parameter changes nothing
    client.force_login(admin_unit)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12", "saya": "1"})
    assert "saring-saya" not in resp.content.decode()
    assert _hari_sesi(resp, saya) == _hari_sesi(resp, lain) == ["2026-12-14"]


def test_jumlah_kehadiran_tercatat(client, kasi, program, hari_ini):
    sesi = SesiFactory(program=program, mulai=_waktu(2026, 12, 2, 9, 0))
    kosong = SesiFactory(program=program, mulai=_waktu(2026, 12, 2, 13, 0))
    for _ in range(3):
        KehadiranFactory(sesi=sesi)
    client.force_login(kasi)
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    isi = _hari(resp)["2026-12-02"]
    pertama, kedua = isi.split(_tautan_sesi(kosong))
    assert _tautan_sesi(sesi) in pertama and "3 kehadiran tercatat" in pertama
    assert "Kehadiran belum dicatat" in kedua


def test_hari_ini_dan_navigasi(client, pk, hari_ini):
    client.force_login(pk)
    resp = client.get(URL)  # no parameter: this month
    html = resp.content.decode()
    assert "Kalender Desember 2026" in html
    hari = _hari(resp)
    assert "2026-12-25" in hari and "Hari Raya Natal" in hari["2026-12-25"]
    assert "Hari ini" in hari["2026-12-10"]
    assert '<li class="card mb-3 border-primary border-2" aria-current="date">' in html
    assert html.count('aria-current="date"') == 1
    assert "Tidak ada sesi atau hari khusus." in hari["2026-12-10"]
    assert 'href="?tahun=2026&amp;bulan=11" rel="prev"' in html
    assert 'href="?tahun=2027&amp;bulan=1" rel="next"' in html
    assert 'href="?tahun=2026"' in html  # the year view
    assert "Bulan ini" not in html
    resp = client.get(URL, {"tahun": "2027", "bulan": "3"})
    html = resp.content.decode()
    assert 'aria-current="date"' not in html and "2026-12-10" not in _hari(resp)
    assert f'href="{URL}"' in html and "Bulan ini" in html


def test_tahun_tanpa_bulan_tetap_tampilan_tahun(client, pk, hari_ini):
    client.force_login(pk)
    html = client.get(URL, {"tahun": "2026"}).content.decode()
    assert "Kalender 2026" in html and "saring-saya" not in html
    assert 'href="?tahun=2026&amp;bulan=12">Desember 2026</a>' in html


def test_hari_khusus_bulan_kantor_bali(client, kasi, unit_bali, time_machine):
    time_machine.move_to(_waktu(2026, 3, 10, 10, 0), tick=False)
    client.force_login(kasi)
    resp = client.get(URL, {"tahun": "2026", "bulan": "6"})
    hari = _hari(resp)
    harapan = {h.tanggal.isoformat() for h in hari_khusus_tahun(2026, bali=True)}
    assert set(hari) == {t for t in harapan if t.startswith("2026-06")}
    assert "Galungan" in hari["2026-06-17"] and "Hari raya Hindu" in hari["2026-06-17"]
    assert "Kuningan" in hari["2026-06-27"]
    assert "Hari Lahir Pancasila" in hari["2026-06-01"]


def test_hari_khusus_bulan_kantor_luar_bali(client, kasi_lain, time_machine):
    time_machine.move_to(_waktu(2026, 3, 10, 10, 0), tick=False)
    sulsel = ProvinsiFactory(nama="Sulawesi Selatan", kode_iso="ID-SN")
    WilayahKerja.objects.create(unit=kasi_lain.unit, kabupaten=KabupatenFactory(provinsi=sulsel))
    pk_denpasar = UserFactory(peran="PK", unit=kasi_lain.unit)
    hindu = KlienFactory(pk_pembimbing=pk_denpasar, agama=Agama.HINDU)
    islam = KlienFactory(pk_pembimbing=hindu.pk_pembimbing, agama=Agama.ISLAM)
    for klien in (hindu, islam):
        SesiFactory(
            program=None,
            klien=klien,
            jenis=JenisSesi.KUNJUNGAN_RUMAH,
            mulai=_waktu(2026, 6, 17, 10, 0),
            pk_pencatat=klien.pk_pembimbing,
        )
    client.force_login(kasi_lain)
    resp = client.get(URL, {"tahun": "2026", "bulan": "6"})
    hari = _hari(resp)
    harapan = {h.tanggal.isoformat() for h in hari_khusus_tahun(2026, bali=False)}
    assert set(hari) - {"2026-06-17"} == {t for t in harapan if t.startswith("2026-06")}
    # Galungan is not the office's day, but the Hindu client's home visit warns of it, once
    assert "Hari raya Hindu bagi klien: Galungan" in hari["2026-06-17"]
    assert hari["2026-06-17"].count("Galungan") == 1


@pytest.mark.parametrize("bulan", ["13", "0", "-1", "bukan", "", " ", "99999999999999999999"])
def test_bulan_buruk_kembali_ke_bulan_ini(client, pk, hari_ini, bulan):
    client.force_login(pk)
    resp = client.get(URL, {"tahun": "2026", "bulan": bulan})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "Bulan tidak dikenal; kalender menampilkan bulan Desember (pilih 1–12)." in html
    assert "Kalender Desember 2026" in html and "2026-12-25" in _hari(resp)


def test_tahun_buruk_dengan_bulan(client, pk, hari_ini):
    client.force_login(pk)
    resp = client.get(URL, {"tahun": "bukan", "bulan": "3"})
    html = resp.content.decode()
    assert "Tahun tidak dikenal" in html and "Bulan tidak dikenal" not in html
    assert "Kalender Maret 2026" in html
    resp = client.get(URL, {"tahun": "1999", "bulan": "x"})
    html = resp.content.decode()
    assert "Tahun tidak dikenal" in html and "Bulan tidak dikenal" in html
    assert "Kalender Desember 2026" in html
    # only a month: this year's
    html = client.get(URL, {"bulan": "2"}).content.decode()
    assert "Kalender Februari 2026" in html and "tidak dikenal" not in html


def test_batas_bulan_tanpa_tautan_keluar_batas(client, pk, hari_ini):
    client.force_login(pk)
    html = client.get(URL, {"tahun": "2000", "bulan": "1"}).content.decode()
    assert 'rel="prev"' not in html and 'href="?tahun=2000&amp;bulan=2" rel="next"' in html
    html = client.get(URL, {"tahun": "2100", "bulan": "12"}).content.decode()
    assert 'rel="next"' not in html and "tahun=2101" not in html
    assert 'href="?tahun=2100&amp;bulan=11" rel="prev"' in html


def test_kanwil_403_anonim_ke_login(client, kanwil):
    resp = client.get(URL, {"tahun": "2026", "bulan": "12"})
    assert resp.status_code == 302 and reverse("akun:login") in resp["Location"]
    client.force_login(kanwil)
    assert client.get(URL, {"tahun": "2026", "bulan": "12"}).status_code == 403


def _buat_sesi(unit, pk, n: int) -> None:
    """n sessions of the office in December 2026: group sessions with an attendance row,
    outreach days, and home visits of pk's clients."""
    program = ProgramFactory(unit=unit)
    pos = PosLayananFactory(unit=unit)
    for i in range(n):
        mulai = _waktu(2026, 12, 1 + i % 28, 8 + i % 10, 0)
        if i % 3 == 0:
            KehadiranFactory(sesi=SesiFactory(program=program, mulai=mulai, pk_pencatat=pk))
        elif i % 3 == 1:
            HariLayananFactory(pos=pos, mulai=mulai, pk_pencatat=pk)
        else:
            SesiFactory(
                program=None,
                klien=KlienFactory(pk_pembimbing=pk),
                jenis=JenisSesi.KUNJUNGAN_RUMAH,
                mulai=mulai,
                pk_pencatat=pk,
            )


def _query_halaman(user, client, params) -> tuple[int, list[str]]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as tangkap:
        assert client.get(URL, params).status_code == 200
    halaman = [
        q["sql"]
        for q in tangkap.captured_queries
        if "django_session" not in q["sql"]
        and 'FROM "akun_user"' not in q["sql"]
        and "SAVEPOINT" not in q["sql"]
    ]
    return len(tangkap.captured_queries), halaman


def _jumlah_tautan_sesi(resp) -> int:
    return len(re.findall(r'href="/pembimbingan/sesi/\d+/"', resp.content.decode()))


@pytest.mark.parametrize("peran", ["pk", "kasi"])
def test_jumlah_query_tetap(client, request, unit, unit_bali, hari_ini, peran):
    user = request.getfixturevalue(peran)
    pk = request.getfixturevalue("pk")
    params = {"tahun": "2026", "bulan": "12"}
    _buat_sesi(unit, pk, 10)
    sedikit, halaman = _query_halaman(user, client, params)
    # one query: is the office in Bali; one: the sessions with their attendance count
    assert len(halaman) == 2
    assert "wilayah_kabupaten" in halaman[0]
    assert "pembimbingan_sesi" in halaman[1] and "COUNT(" in halaman[1]
    assert _jumlah_tautan_sesi(client.get(URL, params)) == 10
    _buat_sesi(unit, pk, 50)
    banyak, _ = _query_halaman(user, client, params)
    assert banyak == sedikit
    assert _jumlah_tautan_sesi(client.get(URL, params)) == 60
