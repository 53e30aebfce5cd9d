"""The pages: a site registered and refused without the non-commercial confirmation, a
client's order set up and refused past six months, and a morning of work at a site for
three clients (one absent), its refusals shown per client; another office's record is a 404."""

import datetime

from django.urls import reverse

from kerjasosial.models import JamKerjaSosial, LokasiKerjaSosial, PutusanKerjaSosial
from tests.kerjasosial.factories import JamKerjaFactory, KlienKerjaSosialFactory, PutusanFactory

HARI = datetime.timedelta(days=1)


def _data_lokasi(desa, **lain):
    return {
        "nama": "Taman Kota Amlapura",
        "jenis": "taman",
        "alamat": "Jl. Gajah Mada, Amlapura",
        "kecamatan": desa.kecamatan.pk,
        "narahubung": "I Wayan Suarta",
        "telepon": "081337000111",
        "jenis_pekerjaan": "Menyapu dan merawat taman",
        "kapasitas": "3",
        "hari_buka": "Senin–Sabtu",
        "nomor_perjanjian": "W20.PAS.33-PK.04.03-20",
        "tanggal_perjanjian": "2026-01-10",
        "nonkomersial": "on",
    } | lain


def test_lokasi_dibuat_dan_ditolak_tanpa_pernyataan_nonkomersial(client, kasi, desa):
    client.force_login(kasi)
    url = reverse("kerjasosial:lokasi-create")
    data = _data_lokasi(desa)
    del data["nonkomersial"]
    isi = client.post(url, data).content.decode()
    assert "Pekerjaan di lokasi kerja sosial wajib dinyatakan tidak komersial." in isi
    assert not LokasiKerjaSosial.objects.exists()
    assert client.post(url, _data_lokasi(desa)).status_code == 302
    lokasi = LokasiKerjaSosial.objects.get()
    assert lokasi.unit_id == kasi.unit_id and lokasi.nonkomersial
    assert "Taman Kota Amlapura" in client.get(reverse("kerjasosial:lokasi-list")).content.decode()


def test_lokasi_kantor_lain_404(client, kasi_lain, lokasi):
    client.force_login(kasi_lain)
    assert client.get(reverse("kerjasosial:lokasi-update", args=[lokasi.pk])).status_code == 404
    assert client.get(reverse("kerjasosial:kerja-catat", args=[lokasi.pk])).status_code == 404


def test_putusan_dicatat_dan_jangka_lebih_6_bulan_ditolak(client, pk, klien, lokasi, hari_ini):
    client.force_login(pk)
    url = reverse("kerjasosial:putusan", args=[klien.pk])
    data = {
        "lokasi": lokasi.pk,
        "nomor_putusan": "45/Pid.B/2026/PN Amp",
        "tanggal_putusan": "2026-02-20",
        "kejaksaan": "Kejaksaan Negeri Karangasem",
        "jam_diputus": "100",
        "tanggal_mulai": "2026-03-02",
        "batas_akhir": "2026-09-03",
        "persetujuan_klien": "on",
        "akibat_tidak_selesai": "denda",
    }
    isi = client.post(url, data).content.decode()
    assert "Jangka waktu pelaksanaan paling lama 6 bulan" in isi
    assert not PutusanKerjaSosial.objects.exists()
    assert client.post(url, data | {"batas_akhir": "2026-08-31"}).status_code == 302
    assert PutusanKerjaSosial.objects.get().jam_diputus == 100
    isi = client.get(reverse("klien:klien-detail", args=[klien.pk])).content.decode()
    assert 'data-jam="sisa">100<' in isi


def test_putusan_klien_pk_lain_404(client, pk_lain, klien):
    client.force_login(pk_lain)
    assert client.get(reverse("kerjasosial:putusan", args=[klien.pk])).status_code == 404


def test_pagi_kerja_tiga_klien(client, pk, lokasi, hari_ini):
    putusan = [
        PutusanFactory(
            klien=KlienKerjaSosialFactory(pk_pembimbing=pk, nama=f"I Made Klien {i}"),
            lokasi=lokasi,
            jam_diputus=24,
            tanggal_mulai=hari_ini - 5 * HARI,
            batas_akhir=hari_ini + 60 * HARI,
        )
        for i in range(3)
    ]
    a, b, c = (p.klien_id for p in putusan)
    client.force_login(pk)
    url = reverse("kerjasosial:kerja-catat", args=[lokasi.pk])
    isi = client.get(url).content.decode()
    assert isi.count("Sisa 24 dari 24 jam") == 3
    data = {
        "tanggal": hari_ini.isoformat(),
        f"jam-{a}": "4",
        f"jam-{b}": "9",
        f"absen-{c}": "on",
        f"alasan-{c}": "Tidak datang tanpa kabar",
    }
    isi = client.post(url, data).content.decode()
    assert "Kerja sosial paling lama 8 jam dalam sehari." in isi
    assert not JamKerjaSosial.objects.exists()
    data[f"jam-{b}"] = "3.5"
    respon = client.post(url, data)
    assert respon.status_code == 302
    isi = client.get(respon["Location"]).content.decode()
    assert "Sisa 20 dari 24 jam" in isi and "Sisa 20,5 dari 24 jam" in isi
    assert JamKerjaSosial.objects.get(klien_id=c).tanpa_alasan_sah
    isi = client.post(url, {"tanggal": (hari_ini + HARI).isoformat(), f"jam-{a}": "2"}).content
    assert "Tanggal tidak boleh di masa depan." in isi.decode()
    assert JamKerjaSosial.objects.count() == 3


def test_pagi_kerja_jumlah_query_tetap(client, pk, lokasi, desa, django_assert_num_queries):
    for _ in range(5):
        p = PutusanFactory(
            klien=KlienKerjaSosialFactory(pk_pembimbing=pk, desa=desa), lokasi=lokasi
        )
        JamKerjaFactory(klien=p.klien, lokasi=lokasi, jam=2, mulai=p.tanggal_mulai)
    client.force_login(pk)
    url = reverse("kerjasosial:kerja-catat", args=[lokasi.pk])
    # session, user, the site, the orders with the hours worked (one query, not one per
    # client), that day's rows, the session's update (savepoint, update, release)
    with django_assert_num_queries(8):
        isi = client.get(url).content.decode()
    assert isi.count("Sisa 38 dari 40 jam") == 5
