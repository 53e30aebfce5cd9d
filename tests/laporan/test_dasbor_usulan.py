"""The dashboard's revocation proposals waiting for a step (laporan.selectors_usulan): how many
wait at each open stage, the oldest few, their links, the office's own only, and the query
count. The proposals are moved by the workflow's own services (klien.pencabutan)."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klien import pencabutan
from klien.pilihan import AlasanPencabutan, TahapUsulan
from laporan.selectors_usulan import BATAS_USULAN_TERTUA, usulan_menunggu
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory

T = TahapUsulan
HARI = datetime.timedelta(days=1)
URL = reverse("laporan:dashboard")
DAFTAR = reverse("klien:usulan-list")


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


def _ajukan(pk, desa, nama, hari_lalu):
    """A PB client of `pk`'s and a proposal made `hari_lalu` days ago."""
    hari_ini = timezone.localdate()
    klien = KlienFactory(
        pk_pembimbing=pk, desa=desa, nama=nama, tanggal_mulai=hari_ini - 200 * HARI
    )
    return pencabutan.usulan_ajukan(
        klien=klien,
        oleh=pk,
        alasan=AlasanPencabutan.TIDAK_LAPOR,
        tanggal_kejadian=hari_ini - (hari_lalu + 1) * HARI,
        uraian="Klien tidak ditemukan di alamatnya.",
        bukti="Tidak lapor tiga kali berturut-turut.",
        tanggal_usulan=hari_ini - hari_lalu * HARI,
    )


def _tpp(usulan, kasi, setuju=True):
    return pencabutan.usulan_catat_tpp(
        usulan=usulan,
        oleh=kasi,
        nomor="TPP-7/2026",
        tanggal=timezone.localdate() - 3 * HARI,
        merekomendasikan=setuju,
        catatan="" if setuju else "Klien kooperatif.",
    )


def _putuskan(usulan, kabapas):
    return pencabutan.usulan_putuskan(
        usulan=usulan,
        oleh=kabapas,
        setuju=True,
        nomor="KEP-12/2026",
        tanggal=timezone.localdate() - 2 * HARI,
        laporan_nomor="LAP-12/2026",
        laporan_tanggal=timezone.localdate() - 2 * HARI,
    )


def _sk(usulan, kasi):
    return pencabutan.usulan_catat_sk(
        usulan=usulan,
        oleh=kasi,
        nomor="SK-PAS-99/2026",
        tanggal=timezone.localdate() - HARI,
        penerbit="Direktur Jenderal Pemasyarakatan",
    )


@pytest.fixture
def usulan(pk, pk_lain, kasi, kabapas, desa, unit_lain):
    """Open: two waiting for the TPP (20 and 5 days old), one for the Kepala Bapas (15 days),
    one for the SK (10 days). Closed: one revoked by its SK, one the TPP did not recommend.
    Another office: one open."""
    u = {
        "tpp_lama": _ajukan(pk, desa, "Wayan Tertua", 20),
        "tpp_baru": _ajukan(pk_lain, desa, "Made Terbaru", 5),
        "kabapas": _tpp(_ajukan(pk, desa, "Nyoman Menunggu Kabapas", 15), kasi),
        "sk": _putuskan(_tpp(_ajukan(pk, desa, "Ketut Menunggu SK", 10), kasi), kabapas),
        "dicabut": _sk(
            _putuskan(_tpp(_ajukan(pk, desa, "Putu Sudah Dicabut", 30), kasi), kabapas), kasi
        ),
        "ditolak": _tpp(_ajukan(pk, desa, "Kadek Ditolak TPP", 25), kasi, setuju=False),
    }
    pk_luar = UserFactory(peran="PK", unit=unit_lain)
    u["luar"] = _ajukan(pk_luar, DesaFactory(), "Gede Kantor Lain", 40)
    return u


def _tahap(menunggu) -> dict[str, tuple[int, bool]]:
    return {t.tahap: (t.jumlah, t.langkah_anda) for t in menunggu.per_tahap}


def test_kasi_melihat_jumlah_per_tahap_dan_yang_tertua(client, kasi, usulan):
    client.force_login(kasi)
    resp = client.get(URL)
    assert resp.status_code == 200
    menunggu = resp.context["d"].usulan
    # the Kasi records the TPP's session and the SK; the Kepala Bapas decides
    assert _tahap(menunggu) == {
        T.DIUSULKAN: (2, True),
        T.DIREKOMENDASIKAN: (1, False),
        T.SEMENTARA: (1, True),
    }
    assert menunggu.jumlah == 4
    assert list(menunggu.tertua) == [
        usulan["tpp_lama"],
        usulan["kabapas"],
        usulan["sk"],
        usulan["tpp_baru"],
    ]
    html = resp.content.decode()
    for label, n in (
        ("Diusulkan, menunggu sidang TPP", 2),
        ("Direkomendasikan TPP, menunggu Kepala Bapas", 1),
        ("Dicabut sementara, menunggu SK pencabutan", 1),
    ):
        assert f'{label}: <a href="{DAFTAR}">{n}</a>' in html
    for u in (usulan["tpp_lama"], usulan["kabapas"], usulan["sk"], usulan["tpp_baru"]):
        assert f'href="{u.get_absolute_url()}"' in html
        assert u.klien.nama in html
    for lain in ("dicabut", "ditolak", "luar"):
        assert usulan[lain].get_absolute_url() not in html
        assert usulan[lain].klien.nama not in html


def test_angka_menuju_daftar_usulan_yang_sama_jumlahnya(client, kasi, usulan):
    client.force_login(kasi)
    html = client.get(URL).content.decode()
    angka = [int(n) for n in re.findall(rf'<a href="{re.escape(DAFTAR)}">(\d+)</a>', html)]
    assert angka == [2, 1, 1]
    terbuka = list(client.get(DAFTAR).context["terbuka"])
    assert len(terbuka) == sum(angka)
    for tahap, n in zip((T.DIUSULKAN, T.DIREKOMENDASIKAN, T.SEMENTARA), angka, strict=True):
        assert sum(u.tahap == tahap for u in terbuka) == n
    # each of the oldest leads to its proposal's page
    for u in client.get(URL).context["d"].usulan.tertua:
        assert client.get(unescape(u.get_absolute_url())).status_code == 200


def test_kabapas_melihat_hal_yang_sama_dengan_langkahnya(client, kabapas, usulan):
    client.force_login(kabapas)
    resp = client.get(URL)
    assert resp.status_code == 200
    menunggu = resp.context["d"].usulan
    # the Kepala Bapas may take every step: chair of the TPP, decides, records the SK
    assert _tahap(menunggu) == {
        T.DIUSULKAN: (2, True),
        T.DIREKOMENDASIKAN: (1, True),
        T.SEMENTARA: (1, True),
    }
    assert resp.content.decode().count("langkah Anda") == 3


def test_paling_banyak_lima_yang_tertua(client, kasi, pk, desa):
    for i in range(BATAS_USULAN_TERTUA + 2):
        _ajukan(pk, desa, f"Klien Usulan {i}", 30 - i)
    client.force_login(kasi)
    resp = client.get(URL)
    menunggu = resp.context["d"].usulan
    assert menunggu.jumlah == 7 and len(menunggu.tertua) == BATAS_USULAN_TERTUA
    assert [u.klien.nama for u in menunggu.tertua] == [f"Klien Usulan {i}" for i in range(5)]
    assert "Menampilkan 5 dari 7 usulan, yang paling lama diusulkan lebih dulu." in (
        resp.content.decode()
    )


def test_tanpa_usulan(client, kasi):
    client.force_login(kasi)
    resp = client.get(URL)
    assert _tahap(resp.context["d"].usulan) == {
        T.DIUSULKAN: (0, True),
        T.DIREKOMENDASIKAN: (0, False),
        T.SEMENTARA: (0, True),
    }
    html = resp.content.decode()
    assert "Tidak ada usulan yang sedang diproses." in html
    assert "langkah Anda" not in html  # nothing waits for anyone


@pytest.mark.parametrize("jumlah", [1, 8])
def test_jumlah_query_tetap(kasi, pk, desa, jumlah, django_assert_num_queries):
    for i in range(jumlah):
        _ajukan(pk, desa, f"Klien {i}", 10 + i)
    # the open proposals counted per stage; the oldest with their client and proposer
    with django_assert_num_queries(2):
        menunggu = usulan_menunggu(kasi)
        assert [u.klien.nama for u in menunggu.tertua]
        assert [str(u.diusulkan_oleh) for u in menunggu.tertua]
    assert menunggu.jumlah == jumlah


def test_halaman_dasbor_tanpa_query_per_usulan(client, kasi, pk, desa):
    """The dashboard's page asks as many queries with one open proposal as with seven (the
    pinned count: tests/laporan/test_dashboard.py)."""
    client.force_login(kasi)
    hitung = []
    for i in range(BATAS_USULAN_TERTUA + 2):
        _ajukan(pk, desa, f"Klien {i}", 10 + i)
        if i in (0, BATAS_USULAN_TERTUA + 1):
            with CaptureQueriesContext(connection) as q:
                assert client.get(URL).status_code == 200
            hitung.append(len(q))
    assert hitung[0] == hitung[1]


def test_demo_kasi_dan_kabapas_karangasem(demo, client):
    """The demo office has a proposal at each open stage (klien/demo_pencabutan.py): the
    Kasi's and the Kabapas's dashboards show them; another office's Kasi none of them."""
    for nama in ("kasi", "kabapas"):
        client.force_login(demo.pengguna[nama])
        menunggu = client.get(URL).context["d"].usulan
        assert [t.jumlah for t in menunggu.per_tahap] == [1, 1, 1], nama
        assert {u.tahap for u in menunggu.tertua} == {T.DIUSULKAN, T.DIREKOMENDASIKAN, T.SEMENTARA}
    client.force_login(demo.pengguna["kasi-denpasar"])
    assert client.get(URL).context["d"].usulan.jumlah == 0
