"""Each kind of event writes exactly one trail entry, with the right actor and record."""

import json

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from jejak.models import JejakAudit, Peristiwa
from klien.models import Klien
from tests.klien.factories import data_form_klien as _data
from tests.klien.test_impor import _csv
from tests.pekerjaan.antrean import impor
from tests.pokmas.factories import MitraFactory

CT_KLIEN = lambda: ContentType.objects.get_for_model(Klien)  # noqa: E731


def _entri(jenis, **saring):
    return list(JejakAudit.objects.filter(jenis=jenis, **saring))


def test_membuka_halaman_klien(client, klien, pk):
    client.force_login(pk)
    sebelum = JejakAudit.objects.count()
    assert client.get(klien.get_absolute_url()).status_code == 200
    (e,) = _entri(Peristiwa.LIHAT)
    assert JejakAudit.objects.count() == sebelum + 1
    assert (e.actor, e.peran, e.unit_id, e.klien_id) == (pk, "PK", klien.unit_id, klien.pk)
    assert (e.content_type, e.object_pk) == (CT_KLIEN(), str(klien.pk))
    assert e.remote_addr == "127.0.0.1"


def test_membuka_formulir_ubah_juga_tercatat_sebagai_membuka(client, klien, pk):
    client.force_login(pk)
    assert client.get(reverse("klien:klien-update", args=[klien.pk])).status_code == 200
    (e,) = _entri(Peristiwa.LIHAT)
    assert (e.actor, e.klien_id) == (pk, klien.pk)


def test_alamat_palsu_di_x_forwarded_for_tidak_dipercaya(client, klien, pk):
    client.force_login(pk)
    client.get(klien.get_absolute_url(), HTTP_X_FORWARDED_FOR="6.6.6.6")
    (e,) = _entri(Peristiwa.LIHAT)
    assert e.remote_addr == "127.0.0.1"


def test_membuat_dan_mengubah_klien_mencatat_sebelum_dan_sesudah(client, pk, desa):
    client.force_login(pk)
    assert client.post(reverse("klien:klien-create"), _data(desa)).status_code == 302
    klien = Klien.objects.get(no_register="BARU-1")
    (buat,) = _entri(Peristiwa.BUAT, content_type=CT_KLIEN())
    assert (buat.actor, buat.klien_id, buat.unit_id) == (pk, klien.pk, pk.unit_id)
    assert buat.changes["nama"] == [None, "Ni Luh Uji"]

    data = _data(desa, nama="Ni Luh Uji Ubah", pk_pembimbing=pk.pk)
    assert client.post(reverse("klien:klien-update", args=[klien.pk]), data).status_code == 302
    (ubah,) = _entri(Peristiwa.UBAH, content_type=CT_KLIEN())
    assert ubah.actor == pk
    assert ubah.changes["nama"] == ["Ni Luh Uji", "Ni Luh Uji Ubah"]
    assert "diubah_pada" not in ubah.changes


def test_halaman_jejak_menampilkan_perubahan_dengan_label(client, pk, kabapas, desa):
    client.force_login(pk)
    client.post(reverse("klien:klien-create"), _data(desa))
    klien = Klien.objects.get(no_register="BARU-1")
    data = _data(desa, nama="Ni Luh Uji Ubah", pk_pembimbing=pk.pk)
    client.post(reverse("klien:klien-update", args=[klien.pk]), data)
    client.force_login(kabapas)
    html = client.get(reverse("jejak:cari"), {"klien": klien.pk, "jenis": "ubah"}).content
    assert "nama lengkap</span>: Ni Luh Uji → Ni Luh Uji Ubah" in html.decode()


def test_menghapus_data_kantor_tercatat(unit, admin_unit):
    mitra = MitraFactory(unit=unit)
    pk_lama = mitra.pk
    with set_actor(admin_unit):
        mitra.delete()
    (e,) = _entri(Peristiwa.HAPUS, content_type__model="mitra")
    assert (e.actor, e.object_pk, e.unit_id) == (admin_unit, str(pk_lama), unit.pk)


def test_ekspor_csv(client, klien, kasi):
    client.force_login(kasi)
    url = reverse("klien:klien-ekspor") + f"?status=AKTIF&q={klien.nik}"
    assert client.get(url).status_code == 200
    (e,) = _entri(Peristiwa.EKSPOR)
    assert e.actor == kasi and e.unit_id == kasi.unit_id
    assert e.additional_data["saringan"] == "status=AKTIF&q=%5Bteks%5D"  # no NIK kept
    assert e.additional_data["nik"] == "tersamar"
    assert (e.additional_data["format"], e.additional_data["baris"]) == ("csv", 1)


def test_impor_satu_entri_impor_dan_satu_entri_per_klien_baru(client, kasi, pk_ber_nip, desa):
    """The page records the start (naming the job); the job records the import, once, with
    an entry per new client, all by the user who uploaded the file."""
    client.force_login(kasi)
    p, _halaman = impor(client, _csv(desa))
    dimulai, e = sorted(_entri(Peristiwa.IMPOR), key=lambda x: x.pk)
    assert dimulai.actor == kasi and dimulai.unit_id == kasi.unit_id
    assert dimulai.additional_data == {
        "berkas": "klien.csv",
        "hasil": "dimulai",
        "pekerjaan": str(p.pk),
    }
    assert (e.actor, e.unit_id) == (kasi, kasi.unit_id)
    assert e.additional_data == {
        "berkas": "klien.csv",
        "baris": 5,
        "hasil": "berhasil",
        "dibuat": 5,
        "dilewati": 0,
        "berakhir": 0,
        "pekerjaan": str(p.pk),
    }
    dibuat = e.additional_data["dibuat"]
    assert dibuat == Klien.objects.count() > 0
    buat = _entri(Peristiwa.BUAT, content_type=CT_KLIEN())
    assert len(buat) == dibuat
    assert {x.actor for x in buat} == {kasi}
    # the entries written by one import share its correlation id
    assert {x.cid for x in buat} == {e.cid}


def test_impor_yang_ditolak_juga_tercatat(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    p, _halaman = impor(client, _csv(desa, {"tanggal_lahir": "kemarin"}))
    dimulai, e = sorted(_entri(Peristiwa.IMPOR), key=lambda x: x.pk)
    assert dimulai.additional_data["hasil"] == "dimulai"
    assert e.actor == kasi
    assert e.additional_data == {
        "pekerjaan": str(p.pk),
        "berkas": "klien.csv",
        "hasil": "gagal",
        "alasan": p.pesan_galat,
        "kesalahan": 1,
        "baris": 5,  # the file's rows
    }
    assert not Klien.objects.exists()
    assert not _entri(Peristiwa.BUAT, content_type=CT_KLIEN())


def test_masuk_keluar_dan_gagal_masuk(client, pk):
    url = reverse("akun:login")
    client.post(url, {"username": pk.username, "password": "salah-sekali-123"})
    (gagal,) = _entri(Peristiwa.GAGAL_MASUK)
    assert gagal.actor is None and gagal.object_pk == str(pk.pk) and gagal.unit_id == pk.unit_id
    assert gagal.additional_data == {"nama_pengguna": pk.username, "akun_ada": True}
    assert "salah-sekali-123" not in json.dumps(gagal.additional_data)

    client.post(url, {"username": pk.username, "password": "kata-sandi-uji-panjang"})
    (masuk,) = _entri(Peristiwa.MASUK)
    assert (masuk.actor, masuk.peran, masuk.remote_addr) == (pk, "PK", "127.0.0.1")

    client.post(reverse("akun:logout"))
    (keluar,) = _entri(Peristiwa.KELUAR)
    assert keluar.actor == pk


def test_gagal_masuk_dengan_nama_tak_dikenal(client, db):
    client.post(reverse("akun:login"), {"username": "siapa", "password": "apa-saja-12345"})
    (e,) = _entri(Peristiwa.GAGAL_MASUK)
    assert e.content_type is None and e.unit_id is None
    assert e.additional_data == {"nama_pengguna": "siapa", "akun_ada": False}


@pytest.mark.parametrize("kasus", ["pk_lain_404", "kantor_lain_404", "peran_403"])
def test_akses_ditolak(client, klien, pk, pk_lain, kasi_lain, kasus):
    orang, url, status = {
        "pk_lain_404": (pk_lain, klien.get_absolute_url(), 404),
        "kantor_lain_404": (kasi_lain, klien.get_absolute_url(), 404),
        "peran_403": (pk, reverse("jejak:cari"), 403),
    }[kasus]
    client.force_login(orang)
    assert client.get(url).status_code == status
    (e,) = _entri(Peristiwa.DITOLAK)
    assert e.actor == orang and e.unit_id == orang.unit_id
    diharapkan = {"path": url, "metode": "GET", "status": status}
    if status == 403:  # the refused permission, by its own name
        diharapkan["izin"] = "LIHAT_JEJAK"
    assert e.additional_data == diharapkan
    assert not _entri(Peristiwa.LIHAT)


@pytest.mark.parametrize(
    ("nama_url", "izin"),
    [
        ("klien:tahan-hukum", "TAHAN_HUKUM"),
        ("klien:data-subjek", "EKSPOR_DATA_SUBJEK"),
        ("jejak:cari", "LIHAT_JEJAK"),
    ],
)
def test_penolakan_dicatat_dengan_nama_izinnya(client, klien, pk, nama_url, izin):
    """Three permissions with the same roles (Kabapas, Admin): each refusal names its own.
    When Izin's values were role sets, all three were one member called LIHAT_JEJAK."""
    client.force_login(pk)
    kw = {} if nama_url.startswith("jejak") else {"pk": klien.pk}
    assert client.get(reverse(nama_url, kwargs=kw)).status_code == 403
    (e,) = _entri(Peristiwa.DITOLAK)
    assert e.additional_data["izin"] == izin


def test_nik_di_alamat_yang_ditolak_tidak_masuk_jejak(client, klien, pk):
    client.force_login(pk)
    assert client.get(f"/klien/{klien.nik}/").status_code == 404
    (e,) = _entri(Peristiwa.DITOLAK)
    assert klien.nik not in e.additional_data["path"]
    assert e.additional_data["path"] == "/klien/[disamarkan]/"


def test_tamu_yang_diarahkan_ke_login_tidak_dicatat(client, klien):
    assert client.get(klien.get_absolute_url()).status_code == 302
    assert not JejakAudit.objects.filter(jenis__in=[Peristiwa.LIHAT, Peristiwa.DITOLAK]).exists()


def test_ekspor_data_subjek(client, klien, kabapas, pk):
    client.force_login(pk)
    client.get(klien.get_absolute_url())
    client.force_login(kabapas)
    resp = client.post(
        reverse("klien:data-subjek", args=[klien.pk]),
        {"nomor": "W20.PAS.PAS22-123", "diterima": "2026-01-05"},
    )
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment;")
    isi = json.loads(resp.content)
    (e,) = _entri(Peristiwa.DATA_SUBJEK)
    assert (e.actor, e.klien_id) == (kabapas, klien.pk)
    assert e.additional_data == {"nomor": "W20.PAS.PAS22-123", "diterima": "2026-01-05"}
    assert isi["data_pribadi"]["NIK"] == klien.nik
    assert isi["data_pribadi"]["nama lengkap"] == klien.nama
    assert "riwayat_status" in isi["data_terkait"]
    peristiwa = [j["peristiwa"] for j in isi["jejak_pemrosesan"]]
    assert str(Peristiwa.LIHAT.label) in peristiwa  # the PK's view of the page
    assert str(Peristiwa.DATA_SUBJEK.label) in peristiwa  # and this export itself
    # the trail given to the person names roles and offices, not officers or addresses
    teks = json.dumps(isi["jejak_pemrosesan"])
    assert pk.username not in teks and "127.0.0.1" not in teks


def test_ekspor_data_subjek_menolak_isian_salah(client, klien, kabapas):
    client.force_login(kabapas)
    resp = client.post(
        reverse("klien:data-subjek", args=[klien.pk]), {"nomor": "", "diterima": "2999-01-01"}
    )
    assert resp.status_code == 200
    assert "Tanggal tidak boleh di masa depan." in resp.content.decode()
    assert not _entri(Peristiwa.DATA_SUBJEK)


def test_baris_terkait_yang_dibuat_sekaligus_juga_tercatat(client, pk, desa, admin_unit):
    """Intake history rows and a partner's fields of service were written in bulk, which
    sends no signals: the trail missed them."""
    from pokmas import services as pokmas_services

    client.force_login(pk)
    client.post(reverse("klien:klien-create"), _data(desa))
    klien = Klien.objects.get()
    (riwayat,) = _entri(Peristiwa.BUAT, content_type__model="riwayatstatus")
    assert (riwayat.actor, riwayat.klien_id) == (pk, klien.pk)

    mitra = MitraFactory(unit=admin_unit.unit)
    ada = set(mitra.layanan.values_list("bidang", flat=True))
    sebelum = len(_entri(Peristiwa.BUAT, content_type__model="layananmitra"))
    pokmas_services.mitra_ubah(mitra=mitra, bidang=["kesehatan", "seni_budaya"])
    baru = len(_entri(Peristiwa.BUAT, content_type__model="layananmitra")) - sebelum
    assert baru == len({"kesehatan", "seni_budaya"} - ada) > 0


def test_rincian_peristiwa_tampil_dengan_label_bukan_kode(client, kabapas, pk):
    client.post(reverse("akun:login"), {"username": pk.username, "password": "salah-12345678"})
    client.force_login(kabapas)
    html = client.get(reverse("jejak:cari"), {"jenis": "gagal_masuk"}).content.decode()
    assert "akun terdaftar</span>: ya" in html
    assert "akun_ada" not in html and "True" not in html
