import pytest
from django.urls import reverse

from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


def _isi(pk, desa, n_berjalan, n_berisiko=0, n_selesai=0):
    KlienFactory.create_batch(n_berjalan, pk_pembimbing=pk, desa=desa)
    KlienFactory.create_batch(n_berisiko, pk_pembimbing=pk, desa=desa, mangkir_berturut=2)
    for k in KlienFactory.create_batch(n_selesai, pk_pembimbing=pk, desa=desa):
        k.status = "SELESAI"
        k.tanggal_berakhir = k.tanggal_mulai
        k.save()


def test_dasbor_menunjukkan_beban_pk_dan_klien_berisiko(client, kasi, pk, pk_lain, desa, unit_lain):
    _isi(pk, desa, n_berjalan=3, n_berisiko=2)
    _isi(pk_lain, desa, n_berjalan=1)
    pk_luar = UserFactory(peran="PK", unit=unit_lain)
    KlienFactory(pk_pembimbing=pk_luar, desa=desa, mangkir_berturut=3, nama="Klien Kantor Lain")
    client.force_login(kasi)
    resp = client.get(reverse("laporan:dashboard"))
    assert resp.status_code == 200
    beban = {
        p.pengguna.username: (p.berjalan, p.berisiko) for p in resp.context["d"].kantor.beban_pk
    }
    assert beban == {pk.username: (5, 2), pk_lain.username: (1, 0)}
    nama_berisiko = [k.nama for k in resp.context["d"].kantor.berisiko]
    assert len(nama_berisiko) == 2
    assert "Klien Kantor Lain" not in resp.content.decode()
    assert resp.context["ringkasan_klien"]["berisiko"] == 2


@pytest.mark.parametrize("jumlah", [5, 50])
def test_dasbor_jumlah_query_tetap(client, kasi, pk, desa, jumlah, django_assert_num_queries):
    _isi(pk, desa, n_berjalan=jumlah, n_berisiko=3)
    client.force_login(kasi)
    # session, user; caseload counts per PK, the office's PKs; the warning list and the
    # dates of their misses; running clients per kecamatan, the work area's kecamatan; the
    # three levels of misses; revocation proposals waiting (counted per stage, the oldest);
    # the client counts (one: klien.ringkasan); attendance: the rollup
    # cells, the overdue awaiting-evidence count (no programme or kabupaten names with no
    # cells); client flow: per programme and category, per month; partners: the partners,
    # sessions, clients served, attendance, enrolments, programmes, agreements; resources:
    # programmes, kits; outcomes (4: the cohort, participation, recidivism, indicators);
    # PKS expired or ending soon; candidate partners waiting (with their agreements' standing);
    # partner composition; the new code's community sentences (supervision: conditions,
    # considerations; community service: hours worked, orders, sites); the
    # filter form's choices (kabupaten, partner, programme, PK); session save (savepoint,
    # update, release)
    with django_assert_num_queries(41):
        assert client.get(reverse("laporan:dashboard")).status_code == 200


def test_ringkasan_wilayah_angka_per_kantor_tanpa_nama(client, kanwil, pk, desa, unit_lain):
    _isi(pk, desa, n_berjalan=4, n_berisiko=1, n_selesai=2)
    pk_luar = UserFactory(peran="PK", unit=unit_lain)
    KlienFactory(pk_pembimbing=pk_luar, desa=desa, nama="Ketut Rahasia")
    client.force_login(kanwil)
    resp = client.get(reverse("laporan:ringkasan-wilayah"))
    assert resp.status_code == 200
    angka = {
        u.nama: (u.jumlah_pk, u.klien_berjalan, u.klien_berisiko, u.klien_selesai)
        for u in resp.context["units"]
    }
    assert angka == {pk.unit.nama: (1, 5, 1, 2), unit_lain.nama: (1, 1, 0, 0)}
    html = resp.content.decode()
    assert "Ketut Rahasia" not in html and "I Wayan Klien" not in html


@pytest.mark.parametrize("jumlah", [2, 20])
def test_ringkasan_wilayah_jumlah_query_tetap(
    client, kanwil, pk, desa, jumlah, django_assert_num_queries
):
    _isi(pk, desa, n_berjalan=jumlah)
    client.force_login(kanwil)
    # session, user+unit+kanwil, units with their counts, session save (3)
    with django_assert_num_queries(6):
        assert client.get(reverse("laporan:ringkasan-wilayah")).status_code == 200


def test_dasbor_menandai_pks_yang_segera_berakhir(client, kasi, unit):
    import datetime

    from django.utils import timezone

    from tests.pokmas.factories import MitraFactory, PerjanjianFactory

    hari_ini = timezone.localdate()
    mitra = MitraFactory(unit=unit, nama="Yayasan Uji Segera Habis")
    PerjanjianFactory(
        mitra=mitra,
        tanggal_mulai=hari_ini - datetime.timedelta(days=300),
        tanggal_selesai=hari_ini + datetime.timedelta(days=20),
    )
    client.force_login(kasi)
    html = client.get(reverse("laporan:dashboard")).content.decode()
    assert "Yayasan Uji Segera Habis" in html
    assert "20 hari lagi" in html


def test_angka_dasbor_menuju_daftar_yang_sama_jumlahnya(client, kasi, pk, pk_lain, desa):
    """Every count of the client summary and of the PKs' caseloads links to the office list
    with its filter set, and that list holds exactly that many clients."""
    import datetime
    import re
    from html import unescape

    from django.utils import timezone

    _isi(pk, desa, n_berjalan=3, n_berisiko=2, n_selesai=1)
    _isi(pk_lain, desa, n_berjalan=1, n_berisiko=1)
    hari_ini = timezone.localdate()
    for mulai, n in ((hari_ini - datetime.timedelta(days=200), 2), (hari_ini, 1)):
        KlienFactory.create_batch(n, pk_pembimbing=pk, desa=desa, tanggal_mulai=mulai)
    KlienFactory(pk_pembimbing=pk, desa=desa, status="PENERIMAAN")
    client.force_login(kasi)
    html = client.get(reverse("laporan:dashboard")).content.decode()
    daftar = reverse("klien:klien-list")
    tautan = re.findall(rf'<a href="({re.escape(daftar)}\?[^"]+)">(\d+)</a>', html)
    assert len(tautan) >= 6  # four stages, at risk, and per PK running and at risk
    assert any("kepatuhan=" in t for t, _n in tautan) and any("tahap=" in t for t, _n in tautan)
    for url, angka in tautan:
        hasil = client.get(unescape(url)).context["halaman"].paginator.count
        assert hasil == int(angka), url
