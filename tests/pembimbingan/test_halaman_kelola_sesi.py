"""Planning sessions (once or weekly) and changing them, through the pages: the calendar
warning asks for confirmation before a session is saved on a holiday or ceremony day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from klien.pilihan import Agama
from pembimbingan.models import Sesi
from pembimbingan.pilihan import JenisSesi, ModaSesi
from tests.factories import KabupatenFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    KehadiranFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
)

URL = "/pembimbingan/sesi/baru/"
# Eight Tuesdays with no holiday nor Balinese Hindu day among them.
SELASA_BIASA = datetime.date(2026, 9, 1)
GALUNGAN = datetime.date(2024, 2, 28)  # DOMAIN.md


@pytest.fixture
def program(unit):
    return ProgramFactory(unit=unit, nama="Melukis dan yoga", tempat="Aula Bapas")


def _post(tanggal: datetime.date, **lain) -> dict:
    return {
        "tanggal": tanggal.isoformat(),
        "jam": "09:30",
        "moda": ModaSesi.KANTOR,
        "tempat": "Aula Bapas",
        "fasilitator": "Dr. Tina Kay",
        "catatan": "",
        **lain,
    }


def _url_program(program) -> str:
    return f"{URL}?program={program.pk}"


def test_url_sesuai_nama():
    assert reverse("pembimbingan:sesi-create") == URL


def test_pk_menjadwalkan_satu_sesi_program(client, pk, program):
    client.force_login(pk)
    resp = client.get(_url_program(program))
    assert resp.status_code == 200
    assert resp.context["form"].initial["tempat"] == "Aula Bapas"
    resp = client.post(_url_program(program), _post(SELASA_BIASA))
    assert resp.status_code == 302
    assert resp.url == reverse("pembimbingan:program-detail", args=[program.pk])
    sesi = Sesi.objects.get()
    assert (sesi.program, sesi.jenis, sesi.pk_pencatat, sesi.unit_id) == (
        program,
        JenisSesi.KELOMPOK,
        pk,
        program.unit_id,
    )
    assert sesi.mulai == timezone.make_aware(datetime.datetime(2026, 9, 1, 9, 30))  # noqa: DTZ001
    assert sesi.fasilitator == "Dr. Tina Kay"


def test_sesi_berulang_delapan_minggu(client, kasi, program):
    client.force_login(kasi)
    resp = client.post(_url_program(program), _post(SELASA_BIASA, ulangi="on", minggu="8"))
    assert resp.status_code == 302
    mulai = [timezone.localtime(s.mulai) for s in Sesi.objects.order_by("mulai")]
    assert len(mulai) == 8
    assert [m.date() for m in mulai] == [
        SELASA_BIASA + datetime.timedelta(weeks=i) for i in range(8)
    ]
    assert {(m.hour, m.minute) for m in mulai} == {(9, 30)}


def test_kirim_ulang_tidak_menggandakan_jadwal(client, pk, program):
    client.force_login(pk)
    data = _post(SELASA_BIASA, ulangi="on", minggu="8")
    assert client.post(_url_program(program), data).status_code == 302
    resp = client.post(_url_program(program), data)  # a double tap, a retry
    assert resp.status_code == 200
    assert (
        resp.context["form"]
        .errors["tanggal"][0]
        .startswith("Sudah ada sesi pada 1 September 2026 09:30, 8 September 2026 09:30,")
    )
    assert Sesi.objects.count() == 8


@pytest.mark.parametrize(
    ("minggu", "pesan"),
    [
        ("1", "Pastikan nilai ini lebih besar dari atau sama dengan 2."),
        ("53", "Pastikan nilai ini lebih kecil dari atau sama dengan 52."),
        ("-3", "Pastikan nilai ini lebih besar dari atau sama dengan 2."),
        ("delapan", "Masukkan keseluruhan angka bilangan."),
        ("", "Isi jumlah minggu sesi diulang."),
    ],
)
def test_jumlah_minggu_salah(client, kasi, program, minggu, pesan):
    client.force_login(kasi)
    resp = client.post(_url_program(program), _post(SELASA_BIASA, ulangi="on", minggu=minggu))
    assert resp.status_code == 200
    assert resp.context["form"].errors["minggu"] == [pesan]
    assert not Sesi.objects.exists()


@pytest.mark.parametrize(
    "isian",
    [
        {"tanggal": "2026-13-45"},
        {"tanggal": "kemarin"},
        {"tanggal": "9999-12-31"},
        {"tanggal": "1900-01-01"},
        {"jam": "25:61"},
        {"moda": "teleportasi"},
        {"tempat": "x" * 201},
    ],
)
def test_isian_rusak_ditolak_tanpa_500(client, kasi, program, isian):
    client.force_login(kasi)
    resp = client.post(_url_program(program), {**_post(SELASA_BIASA), **isian})
    assert resp.status_code == 200
    assert set(resp.context["form"].errors) == set(isian)
    assert "Sesi belum disimpan" in resp.content.decode()
    assert not Sesi.objects.exists()


# --- the calendar warning -----------------------------------------------------------------


def test_sesi_pada_galungan_diperingatkan_dan_baru_tersimpan_setelah_dikonfirmasi(
    client, pk, program
):
    PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk, agama=Agama.HINDU))
    client.force_login(pk)
    resp = client.post(_url_program(program), _post(GALUNGAN))
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert "Jadwal jatuh pada hari libur atau hari raya:" in isi
    assert '<time datetime="2024-02-28">Rabu, 28 Februari 2024</time>' in isi
    assert "<strong>Galungan</strong> (hari raya Hindu)" in isi
    assert 'type="checkbox" name="tetap_simpan"' in isi
    assert not Sesi.objects.exists()  # nothing saved until confirmed
    resp = client.post(_url_program(program), _post(GALUNGAN, tetap_simpan="on"))
    assert resp.status_code == 302
    assert timezone.localdate(Sesi.objects.get().mulai) == GALUNGAN


def test_kantor_di_bali_diperingatkan_tanpa_peserta_hindu(client, kasi, unit, program):
    client.force_login(kasi)
    # outside Bali, with no Hindu participant, Galungan is an ordinary day
    PesertaFactory(program=program, klien=KlienFactory(agama=Agama.ISLAM, pk_pembimbing=kasi))
    assert client.post(_url_program(program), _post(GALUNGAN)).status_code == 302
    Sesi.objects.all().delete()
    unit.wilayah_kerja.add(KabupatenFactory())  # a kabupaten of the province of Bali
    resp = client.post(_url_program(program), _post(GALUNGAN))
    assert resp.status_code == 200 and "Galungan" in resp.content.decode()
    assert not Sesi.objects.exists()


def test_seri_berulang_menyebut_setiap_tanggal_khusus(client, kasi, program):
    PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=kasi))  # Hindu
    client.force_login(kasi)
    data = _post(datetime.date(2024, 2, 14), ulangi="on", minggu="8")
    resp = client.post(_url_program(program), data)
    form = resp.context["form"]
    assert [t for t, _hari in form.hari_khusus_tanggal] == [
        datetime.date(2024, 2, 14),
        GALUNGAN,
    ]
    isi = resp.content.decode()
    assert "Rabu, 14 Februari 2024" in isi and "Hari Pemilihan Umum" in isi
    assert "(libur nasional)" in isi and "Rabu, 28 Februari 2024" in isi
    assert not Sesi.objects.exists()
    assert client.post(_url_program(program), {**data, "tetap_simpan": "on"}).status_code == 302
    assert Sesi.objects.count() == 8


# --- home visits --------------------------------------------------------------------------


def test_kunjungan_rumah_klien_sendiri(client, pk, pk_lain):
    klien = KlienFactory(pk_pembimbing=pk, agama=Agama.KATOLIK)
    url = f"{URL}?klien={klien.pk}&jenis=kunjungan_rumah"
    client.force_login(pk)
    assert client.get(url).status_code == 200
    resp = client.post(url, _post(GALUNGAN, tempat="Rumah klien"))  # not Hindu, not Bali
    sesi = Sesi.objects.get()
    assert resp.url == reverse("pembimbingan:sesi-detail", args=[sesi.pk])
    assert (sesi.klien, sesi.jenis, sesi.program) == (klien, JenisSesi.KUNJUNGAN_RUMAH, None)
    client.force_login(pk_lain)
    assert client.get(url).status_code == 404
    assert client.post(url, _post(SELASA_BIASA)).status_code == 404
    assert Sesi.objects.count() == 1


def test_kunjungan_rumah_klien_hindu_diperingatkan(client, pk):
    klien = KlienFactory(pk_pembimbing=pk, agama=Agama.HINDU)
    client.force_login(pk)
    resp = client.post(f"{URL}?klien={klien.pk}", _post(GALUNGAN))
    assert resp.status_code == 200 and "Galungan" in resp.content.decode()
    assert not Sesi.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?program=abc",
        "?program=-1",
        "?program=0",
        "?program=99999999",
        "?program=%C2%B2",  # a superscript two: a digit to str.isdigit, not to int()
        "?klien=1e3",
        "?program=" + "9" * 30,
    ],
)
def test_id_rusak_404(client, kasi, query):
    client.force_login(kasi)
    assert client.get(URL + query).status_code == 404


def test_jenis_selain_kunjungan_rumah_404(client, pk):
    klien = KlienFactory(pk_pembimbing=pk)
    client.force_login(pk)
    for jenis in ("wajib_lapor", "kelompok", "layanan_pos", "apa"):
        assert client.get(f"{URL}?klien={klien.pk}&jenis={jenis}").status_code == 404


def test_halaman_pilih_tanpa_parameter(client, pk, pk_lain, program, unit):
    ProgramFactory(unit=unit, nama="Sudah selesai", tanggal_selesai=timezone.localdate())
    ProgramFactory(
        unit=unit,
        nama="Lama",
        tanggal_mulai=datetime.date(2024, 1, 1),
        tanggal_selesai=datetime.date(2024, 6, 1),
    )
    milik = KlienFactory(pk_pembimbing=pk, nama="Klien Saya")
    KlienFactory(pk_pembimbing=pk_lain, nama="Klien Orang Lain")
    client.force_login(pk)
    resp = client.get(URL)
    assert [p.nama for p in resp.context["program"]] == ["Melukis dan yoga", "Sudah selesai"]
    assert list(resp.context["klien"]) == [milik]
    assert "Klien Orang Lain" not in resp.content.decode()


@pytest.mark.parametrize(("peran", "status"), [("admin_unit", 403), ("kanwil", 403)])
def test_tanpa_izin_catat_403(client, request, program, peran, status):
    client.force_login(request.getfixturevalue(peran))
    assert client.get(_url_program(program)).status_code == status
    assert client.post(_url_program(program), _post(SELASA_BIASA)).status_code == status


def test_program_kantor_lain_404(client, kasi_lain, program):
    client.force_login(kasi_lain)
    assert client.get(_url_program(program)).status_code == 404
    assert client.post(_url_program(program), _post(SELASA_BIASA)).status_code == 404
    assert not Sesi.objects.exists()


# --- changing a session -------------------------------------------------------------------


def _mulai(tanggal: datetime.date, jam: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def _url_ubah(sesi) -> str:
    return reverse("pembimbingan:sesi-update", args=[sesi.pk])


def test_ubah_sesi(client, pk, program):
    sesi = SesiFactory(program=program, mulai=_mulai(SELASA_BIASA))
    client.force_login(pk)
    form = client.get(_url_ubah(sesi)).context["form"]
    assert form.initial["tanggal"] == SELASA_BIASA and form.initial["jam"] == datetime.time(9)
    resp = client.post(
        _url_ubah(sesi),
        _post(
            SELASA_BIASA + datetime.timedelta(days=1),
            jam="14:00",
            moda=ModaSesi.VIDEO,
            tempat="",
            catatan="Lewat Zoom",
        ),
    )
    assert resp.status_code == 302
    sesi.refresh_from_db()
    assert sesi.mulai == _mulai(SELASA_BIASA + datetime.timedelta(days=1), 14)
    assert (sesi.moda, sesi.tempat, sesi.catatan) == (ModaSesi.VIDEO, "", "Lewat Zoom")


def test_sesi_berkehadiran_tidak_pindah_hari(client, kasi, program):
    hari = datetime.date(2026, 3, 3)
    sesi = SesiFactory(program=program, mulai=_mulai(hari))
    KehadiranFactory(sesi=sesi)
    client.force_login(kasi)
    resp = client.get(_url_ubah(sesi))
    assert "tanggalnya tetap, jamnya masih dapat diubah" in resp.content.decode()
    resp = client.post(_url_ubah(sesi), _post(hari + datetime.timedelta(days=7)))
    assert resp.status_code == 200
    assert resp.context["form"].errors["tanggal"] == [
        "Kehadiran sesi ini sudah dicatat untuk 3 Maret 2026, jadi sesi tidak dapat dipindah "
        "ke hari lain (jamnya masih dapat diubah). Bila sesi diadakan lagi pada hari lain, "
        "buat sesi baru."
    ]
    sesi.refresh_from_db()
    assert timezone.localdate(sesi.mulai) == hari
    assert client.post(_url_ubah(sesi), _post(hari, jam="15:00")).status_code == 302
    sesi.refresh_from_db()
    assert timezone.localtime(sesi.mulai).hour == 15


def test_ubah_ke_galungan_diperingatkan_tetapi_bukan_bila_harinya_tetap(client, pk, program):
    PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))  # Hindu
    sesi = SesiFactory(program=program, mulai=_mulai(GALUNGAN - datetime.timedelta(days=1)))
    client.force_login(pk)
    resp = client.post(_url_ubah(sesi), _post(GALUNGAN))
    assert resp.status_code == 200 and "Galungan" in resp.content.decode()
    sesi.refresh_from_db()
    assert timezone.localdate(sesi.mulai) != GALUNGAN
    assert client.post(_url_ubah(sesi), _post(GALUNGAN, tetap_simpan="on")).status_code == 302
    # a session already on Galungan: changing its notes warns no more
    resp = client.post(_url_ubah(sesi), _post(GALUNGAN, catatan="Bawa kanvas"))
    assert resp.status_code == 302
    sesi.refresh_from_db()
    assert (timezone.localdate(sesi.mulai), sesi.catatan) == (GALUNGAN, "Bawa kanvas")


def test_ubah_sesi_akses(client, pk, pk_lain, kasi_lain, admin_unit, program):
    klien = KlienFactory(pk_pembimbing=pk)
    kunjungan = SesiFactory(program=None, klien=klien, jenis=JenisSesi.KUNJUNGAN_RUMAH)
    kelompok = SesiFactory(program=program)
    client.force_login(pk_lain)
    assert client.get(_url_ubah(kunjungan)).status_code == 404  # another PK's client
    assert client.get(_url_ubah(kelompok)).status_code == 200  # the office's programme
    client.force_login(kasi_lain)
    assert client.get(_url_ubah(kelompok)).status_code == 404
    client.force_login(admin_unit)
    assert client.get(_url_ubah(kelompok)).status_code == 403
    client.force_login(pk)
    isi = client.get(reverse("pembimbingan:sesi-detail", args=[kunjungan.pk])).content.decode()
    assert _url_ubah(kunjungan) in isi
