"""The outreach-post pages: the list and a post's page for every office role (another
office's post a 404, Kanwil a 403), the post form for Kasi/Kabapas/Admin, planning an
outreach day (with the calendar's confirmation) and registering clients for it for those
who record attendance, and the attendance of the day recorded for everyone in one go."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pembimbingan.models import Kehadiran, PendaftaranPos, PosLayanan, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import HariLayananFactory, PendaftaranPosFactory
from tests.pembimbingan.pos_dunia import buat_dunia_pos


@pytest.fixture
def dunia_pos(unit):
    return buat_dunia_pos(unit)


@pytest.fixture
def pos(dunia_pos):
    return dunia_pos.pos["Pos Nusa Penida"]


def _pada(hari: int, jam: int = 9) -> datetime.datetime:
    tanggal = timezone.localdate() + datetime.timedelta(days=hari)
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def _url(nama, *args):
    return reverse(f"pembimbingan:{nama}", args=args)


@pytest.fixture
def hari(pos, pk):
    return HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(5))


# --- Who sees what -------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["pk", "pk_lain", "kasi", "kabapas", "admin_unit"])
def test_daftar_dan_halaman_pos_untuk_peran_kantor(client, request, pos, hari, peran):
    client.force_login(request.getfixturevalue(peran))
    isi = client.get(_url("pos-list")).content.decode()
    assert "Pos Nusa Penida" in isi and "Pos Kota Bangli" in isi
    resp = client.get(_url("pos-detail", pos.pk))
    assert resp.status_code == 200 and "Hari layanan mendatang" in resp.content.decode()


def test_kantor_lain_404_kanwil_403(client, pos, hari, kasi_lain, kanwil):
    client.force_login(kasi_lain)
    assert "Pos Nusa Penida" not in client.get(_url("pos-list")).content.decode()
    for url in (
        _url("pos-detail", pos.pk),
        _url("pos-update", pos.pk),
        _url("hari-layanan-create", pos.pk),
        _url("pendaftaran-pos", hari.pk),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(kanwil)
    assert client.get(_url("pos-list")).status_code == 403


def test_hanya_pengelola_pos_mengubah_pos(client, pk, kasi, admin_unit, pos):
    client.force_login(pk)
    assert client.get(_url("pos-create")).status_code == 403
    assert client.get(_url("pos-update", pos.pk)).status_code == 403
    assert "Ubah pos" not in client.get(_url("pos-detail", pos.pk)).content.decode()
    for pengelola in (kasi, admin_unit):
        client.force_login(pengelola)
        assert client.get(_url("pos-update", pos.pk)).status_code == 200


def test_admin_tidak_membuat_hari_layanan_atau_mendaftarkan(client, admin_unit, pos, hari):
    client.force_login(admin_unit)
    assert client.get(_url("hari-layanan-create", pos.pk)).status_code == 403
    assert client.get(_url("pendaftaran-pos", hari.pk)).status_code == 403
    isi = client.get(_url("sesi-detail", hari.pk)).content.decode()
    assert "Pos Nusa Penida" in isi and _url("pendaftaran-pos", hari.pk) not in isi


def test_pendaftaran_hanya_untuk_hari_layanan(client, pk, unit):
    from tests.pembimbingan.factories import SesiFactory

    kelompok = SesiFactory(program__unit=unit)
    client.force_login(pk)
    assert client.get(_url("pendaftaran-pos", kelompok.pk)).status_code == 404


# --- Posts ---------------------------------------------------------------------------------


def test_pos_baru_dari_formulir(client, kasi, dunia_pos):
    client.force_login(kasi)
    isi = client.get(_url("pos-create")).content.decode()
    # the work area's kecamatan, grouped by kabupaten, with their travel times
    assert "Kabupaten Klungkung" in isi and "Nusa Penida (± 270 menit ke kantor)" in isi
    assert "Jauh Sekali" not in isi and 'name="aktif"' not in isi
    kintamani = dunia_pos.kecamatan["Kintamani"]
    resp = client.post(
        _url("pos-create"),
        {"nama": " Pos  Kintamani ", "kecamatan": kintamani.pk, "alamat": "Kantor Camat"},
    )
    pos = PosLayanan.objects.get(nama="Pos Kintamani")
    assert resp.status_code == 302 and resp.url == _url("pos-detail", pos.pk)
    assert (pos.unit, pos.kecamatan, pos.aktif) == (kasi.unit, kintamani, True)


def test_pos_di_luar_wilayah_atau_nama_ganda_ditolak_di_formulir(client, kasi, dunia_pos):
    client.force_login(kasi)
    resp = client.post(
        _url("pos-create"), {"nama": "Pos Luar", "kecamatan": dunia_pos.kecamatan_luar.pk}
    )
    assert resp.status_code == 200 and "pilihan yang tersedia" in resp.content.decode()
    resp = client.post(
        _url("pos-create"), {"nama": "Pos Kubu", "kecamatan": dunia_pos.kecamatan["Kubu"].pk}
    )
    assert "sudah memiliki pos dengan nama itu" in resp.content.decode()
    assert PosLayanan.objects.count() == 5


def test_pos_dinonaktifkan_tanpa_hari_mendatang(client, kasi, pos, hari):
    client.force_login(kasi)
    data = {"nama": pos.nama, "kecamatan": pos.kecamatan_id, "alamat": pos.alamat}
    resp = client.post(_url("pos-update", pos.pk), data)  # aktif unticked
    assert "1 hari layanan mendatang" in resp.content.decode()
    hari.delete()
    assert client.post(_url("pos-update", pos.pk), data).status_code == 302
    pos.refresh_from_db()
    assert not pos.aktif
    isi = client.get(_url("hari-layanan-create", pos.pk)).content.decode()
    assert "Pos ini nonaktif" in isi and '<form method="post" novalidate' not in isi


# --- Outreach days -------------------------------------------------------------------------


# 2025-11-12 is an ordinary Wednesday; 2025-11-19 is Galungan
@time_machine.travel(datetime.datetime(2025, 11, 10, 8, tzinfo=datetime.UTC), tick=False)
def test_hari_layanan_baru_dengan_peringatan_kalender(client, pk, pos):
    client.force_login(pk)
    url = _url("hari-layanan-create", pos.pk)
    data = {"tanggal": "2025-11-19", "jam": "09:00", "tempat": "", "catatan": ""}
    resp = client.post(url, data)
    isi = resp.content.decode()
    assert resp.status_code == 200 and "Galungan" in isi and 'type="checkbox"' in isi
    assert not Sesi.objects.filter(pos=pos).exists()
    resp = client.post(url, data | {"tetap_simpan": "on"})
    sesi = Sesi.objects.get(pos=pos)
    assert resp.url == _url("pendaftaran-pos", sesi.pk)
    waktu = timezone.localtime(sesi.mulai)
    assert (waktu.date(), waktu.time()) == (datetime.date(2025, 11, 19), datetime.time(9))
    assert (sesi.jenis, sesi.tempat) == (JenisSesi.LAYANAN_POS, pos.alamat)
    # an ordinary day needs no confirmation; the same day twice is refused on the date
    assert client.post(url, data | {"tanggal": "2025-11-12"}).status_code == 302
    resp = client.post(url, data | {"tanggal": "2025-11-12", "jam": "13:00"})
    assert "sudah memiliki hari layanan pada tanggal itu" in resp.content.decode()


def test_hari_layanan_lampau_ditolak_di_formulir(client, pk, pos):
    client.force_login(pk)
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    resp = client.post(
        _url("hari-layanan-create", pos.pk), {"tanggal": kemarin.isoformat(), "jam": "09:00"}
    )
    assert resp.status_code == 200 and "Pilih tanggal antara hari ini" in resp.content.decode()


# --- Registration --------------------------------------------------------------------------


def test_pendaftaran_saran_dicentang_di_atas(client, pk, pk_lain, dunia_pos, hari):
    disarankan = dunia_pos.klien(pk, "Nusa Penida", nama="Ketut Nusa")
    lain = dunia_pos.klien(pk, "Kubu", nama="Made Kubu")
    dunia_pos.klien(pk_lain, "Nusa Penida", nama="Bukan Milik")
    client.force_login(pk)
    isi = client.get(_url("pendaftaran-pos", hari.pk)).content.decode()
    assert f'value="{disarankan.pk}" id="klien-{disarankan.pk}" checked' in isi
    assert f'value="{lain.pk}" id="klien-{lain.pk}">' in isi
    assert isi.index("Ketut Nusa") < isi.index("Made Kubu")
    assert "Bukan Milik" not in isi  # a PK registers their own clients

    resp = client.post(_url("pendaftaran-pos", hari.pk), {"klien": [disarankan.pk, lain.pk]})
    assert resp.status_code == 302
    assert set(PendaftaranPos.objects.values_list("klien_id", flat=True)) == {
        disarankan.pk,
        lain.pk,
    }
    # the registered are listed with a remove button, and no longer offered
    isi = client.get(_url("pendaftaran-pos", hari.pk)).content.decode()
    assert isi.count('name="batalkan"') == 2 and f'id="klien-{lain.pk}"' not in isi
    assert "2 klien terdaftar" in client.get(_url("pos-list")).content.decode()
    # the outreach day's page lists them and links here
    isi = client.get(_url("sesi-detail", hari.pk)).content.decode()
    assert "Ketut Nusa" in isi and _url("pendaftaran-pos", hari.pk) in isi


def test_pendaftaran_kosong_atau_klien_orang_lain_ditolak(client, pk, pk_lain, dunia_pos, hari):
    bukan = dunia_pos.klien(pk_lain, "Nusa Penida")
    dunia_pos.klien(pk, "Nusa Penida")
    client.force_login(pk)
    resp = client.post(_url("pendaftaran-pos", hari.pk), {})
    assert "Pilih sedikitnya satu klien." in resp.content.decode()
    resp = client.post(_url("pendaftaran-pos", hari.pk), {"klien": [bukan.pk]})
    assert resp.status_code == 200 and "pilihan yang tersedia" in resp.content.decode()
    assert not PendaftaranPos.objects.exists()


def test_batalkan_pendaftaran(client, pk, pk_lain, kasi, dunia_pos, hari):
    milik = dunia_pos.klien(pk, "Nusa Penida", nama="Punya Saya")
    lain = dunia_pos.klien(pk_lain, "Nusa Penida", nama="Punya Lain")
    for k in (milik, lain):
        PendaftaranPosFactory(sesi=hari, klien=k)
    client.force_login(pk)
    isi = client.get(_url("pendaftaran-pos", hari.pk)).content.decode()
    assert "Punya Lain" in isi and isi.count('name="batalkan"') == 1  # only their own
    # another PK's client: refused, the registration kept
    resp = client.post(_url("pendaftaran-pos", hari.pk), {"batalkan": lain.pk}, follow=True)
    assert "tidak terdaftar pada hari layanan ini" in resp.content.decode()
    assert PendaftaranPos.objects.count() == 2
    resp = client.post(_url("pendaftaran-pos", hari.pk), {"batalkan": milik.pk}, follow=True)
    assert "Pendaftaran Punya Saya dibatalkan." in resp.content.decode()
    client.force_login(kasi)
    client.post(_url("pendaftaran-pos", hari.pk), {"batalkan": lain.pk})
    assert not PendaftaranPos.objects.exists()


def test_hari_lewat_pendaftaran_ditutup(client, pk, dunia_pos, pos):
    lalu = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(-7))
    k = dunia_pos.klien(pk, "Nusa Penida")
    client.force_login(pk)
    isi = client.get(_url("pendaftaran-pos", lalu.pk)).content.decode()
    assert "pendaftaran ditutup" in isi and 'name="klien"' not in isi
    resp = client.post(_url("pendaftaran-pos", lalu.pk), {"klien": [k.pk]})
    assert "pendaftaran ditutup" in resp.content.decode()
    assert not PendaftaranPos.objects.exists()


# --- The post's page -----------------------------------------------------------------------


def test_halaman_pos_hari_dan_klien_disarankan(client, pk, pk_lain, kasi, dunia_pos, pos, hari):
    lalu = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(-14))
    a = dunia_pos.klien(pk, "Nusa Penida", nama="Wayan Pulau")
    b = dunia_pos.klien(pk_lain, "Nusa Penida", nama="Nyoman Pulau")
    dunia_pos.klien(pk, "Kintamani", nama="Gede Gunung")  # suggested at Bangli
    for k in (a, b):
        PendaftaranPosFactory(sesi=lalu, klien=k)
    Kehadiran.objects.create(
        sesi=lalu, klien=a, unit=a.unit, hasil=HasilHadir.HADIR, oleh=pk, dicatat_pada=_pada(-14)
    )
    client.force_login(pk)
    isi = client.get(_url("pos-detail", pos.pk)).content.decode()
    assert "Wayan Pulau" in isi and "Nyoman Pulau" not in isi and "Gede Gunung" not in isi
    assert "2 terdaftar" in isi and "1 dari 1 hadir" in isi
    client.force_login(kasi)
    isi = client.get(_url("pos-detail", pos.pk)).content.decode()
    assert "Wayan Pulau" in isi and "Nyoman Pulau" in isi


def test_jumlah_query_halaman_pos_tidak_bertambah(client, kasi, dunia_pos, pos):
    def hitung():
        with CaptureQueriesContext(connection) as q:
            assert client.get(_url("pos-detail", pos.pk)).status_code == 200
        with CaptureQueriesContext(connection) as d:
            assert client.get(_url("pos-list")).status_code == 200
        return len(q), len(d)

    client.force_login(kasi)
    HariLayananFactory(pos=pos, pk_pencatat=kasi, mulai=_pada(-7))
    dunia_pos.klien(kasi, "Nusa Penida")
    sedikit = hitung()
    for i in range(5):
        hari = HariLayananFactory(pos=pos, pk_pencatat=kasi, mulai=_pada(-21 - 7 * i))
        k = dunia_pos.klien(kasi, "Nusa Penida")
        PendaftaranPosFactory(sesi=hari, klien=k)
        HariLayananFactory(pos=dunia_pos.pos["Pos Kubu"], pk_pencatat=kasi, mulai=_pada(3 + i))
    assert hitung() == sedikit


# --- Attendance of an outreach day ---------------------------------------------------------


def _terdaftar(pos, pk, n):
    hari = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(0, jam=0))
    klien = [KlienFactory(pk_pembimbing=pk) for _ in range(n)]
    for k in klien:
        PendaftaranPosFactory(sesi=hari, klien=k)
    return hari, klien


def _isian(klien, **lain):
    data = {"versi": 0}
    for k in klien:
        data |= {f"hasil_{k.pk}": "hadir", f"alasan_{k.pk}": "", f"keterangan_{k.pk}": ""}
    return data | lain


def test_kehadiran_semua_terdaftar_sekaligus(client, pk, pos):
    hari, klien = _terdaftar(pos, pk, 12)
    tidak_terdaftar = KlienFactory(pk_pembimbing=pk)
    client.force_login(pk)
    isi = client.get(_url("sesi-kehadiran", hari.pk)).content.decode()
    assert isi.count("<fieldset") == 12 and tidak_terdaftar.nama not in isi
    kapal = klien[0]
    resp = client.post(
        _url("sesi-kehadiran", hari.pk),
        _isian(
            klien,
            **{
                f"hasil_{kapal.pk}": "izin",
                f"alasan_{kapal.pk}": AlasanAbsen.JARAK_TRANSPORTASI,
                f"keterangan_{kapal.pk}": "Kapal tidak berlayar",
            },
        ),
    )
    assert resp.status_code == 302
    rows = {r.klien_id: r for r in Kehadiran.objects.filter(sesi=hari)}
    assert len(rows) == 12
    assert rows[kapal.pk].alasan == AlasanAbsen.JARAK_TRANSPORTASI
    assert sum(r.hasil == HasilHadir.HADIR for r in rows.values()) == 11


def test_kehadiran_hari_layanan_jumlah_query_tetap(client, pk, pos):
    """The same number of queries for an outreach day of 3 and of 12 registered clients."""
    client.force_login(pk)
    ContentType.objects.get_for_model(Kehadiran)  # its cache warm, as in a running server
    hitung = []
    for n in (3, 12):
        hari, klien = _terdaftar(pos, pk, n)
        Sesi.objects.filter(pos=pos).exclude(pk=hari.pk).update(mulai=_pada(-30 - n))
        with CaptureQueriesContext(connection) as q:
            assert client.post(_url("sesi-kehadiran", hari.pk), _isian(klien)).status_code == 302
        assert Kehadiran.objects.filter(sesi=hari).count() == n
        hitung.append(len(q))
    assert hitung[0] == hitung[1]


def test_pk_lain_mencatat_kehadiran_seluruh_pos(client, pk, pk_lain, pos):
    """A PK records the day for everyone at the post, another PK's clients included."""
    hari, klien = _terdaftar(pos, pk, 3)
    lain = KlienFactory(pk_pembimbing=UserFactory(unit=pk.unit))
    PendaftaranPosFactory(sesi=hari, klien=lain)
    client.force_login(pk_lain)
    resp = client.post(_url("sesi-kehadiran", hari.pk), _isian([*klien, lain]))
    assert resp.status_code == 302 and Kehadiran.objects.filter(sesi=hari).count() == 4
