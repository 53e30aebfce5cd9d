"""The reference list of the Lapas, Rutan and LPKA clients come from: the name's comparison
key, the seed and the move of the old free text (migration 0005's functions), the Admin's
pages, and the import's look-up by name."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from jejak.models import JejakAudit
from klien.impor import klien_impor
from klien.lembaga_bali import LEMBAGA_BALI, lembaga_bali_pastikan
from klien.models import Klien, LembagaAsal, kunci_lembaga
from tests.factories import KabupatenFactory, ProvinsiFactory

migrasi = importlib.import_module("klien.migrations.0005_asupan_lengkap")


@pytest.mark.parametrize(
    ("satu", "dua"),
    [
        ("Lapas Kelas IIA Kerobokan", "LAPAS KLS. IIA KEROBOKAN"),
        ("Lapas Kelas IIA Kerobokan", "Lembaga Pemasyarakatan Kelas II A Kerobokan"),
        ("Lapas Kelas IIA Kerobokan", "Lapas Kerobokan"),
        ("Rutan Kelas IIB Bangli", "Rumah Tahanan Negara Kelas IIB Bangli"),
        ("Lapas Perempuan Kelas III Denpasar", "LPP Denpasar"),
        ("LPKA Kelas II Karangasem", "Lembaga Pembinaan Khusus Anak Kelas II Karangasem"),
    ],
)
def test_kunci_lembaga_menyamakan_ejaan(satu, dua):
    assert kunci_lembaga(satu) == kunci_lembaga(dua)
    assert migrasi.kunci(satu) == migrasi.kunci(dua) == kunci_lembaga(satu)


@pytest.mark.parametrize(
    ("satu", "dua"),
    [
        ("Lapas Kelas IIB Bangli", "Lapas Narkotika Kelas IIA Bangli"),
        ("Lapas Kelas IIB Bangli", "Rutan Kelas IIB Bangli"),
        ("Lapas Kelas IIB Karangasem", "LPKA Kelas II Karangasem"),
    ],
)
def test_kunci_lembaga_membedakan_lembaga_lain(satu, dua):
    assert kunci_lembaga(satu) != kunci_lembaga(dua)


def test_salinan_di_migrasi_sama_dengan_daftar_bali():
    assert [(n, str(j), k, str(jk)) for n, j, k, jk in LEMBAGA_BALI] == list(migrasi.LEMBAGA_BALI)


@pytest.fixture
def bali(db):
    prov = ProvinsiFactory(nama="Bali")
    return {
        nama: KabupatenFactory(provinsi=prov, nama=nama, jenis=jenis)
        for nama, jenis in (("Karangasem", "kabupaten"), ("Badung", "kabupaten"))
    }


def test_migrasi_mengisi_lembaga_bali_sekali(bali):
    Kabupaten = apps.get_model("wilayah", "Kabupaten")
    ada = migrasi.isi_lembaga(LembagaAsal, Kabupaten)
    assert LembagaAsal.objects.count() == len(LEMBAGA_BALI) == len(ada)
    assert LembagaAsal.objects.get(nama="LPKA Kelas II Karangasem").kabupaten == bali["Karangasem"]
    assert LembagaAsal.objects.get(nama="Lapas Kelas IIA Kerobokan").kabupaten == bali["Badung"]
    assert LembagaAsal.objects.get(nama="Rutan Kelas IIB Negara").kabupaten is None  # not loaded
    assert migrasi.isi_lembaga(LembagaAsal, Kabupaten) == ada
    assert LembagaAsal.objects.count() == len(LEMBAGA_BALI)


def test_migrasi_mencocokkan_teks_lama_dan_menyimpan_yang_tidak_cocok(db):
    Kabupaten = apps.get_model("wilayah", "Kabupaten")
    ada = migrasi.isi_lembaga(LembagaAsal, Kabupaten)
    lama = {
        "LAPAS KLS. IIA Kerobokan",
        "Rumah Tahanan Negara Bangli",
        "Lapas Kelas IIB Amlapura",
        "  Lapas  Kelas IIB   Amlapura ",
        "Rutan Kelas IIB Mataram",
    }
    hasil = migrasi.cocokkan_lapas_asal(LembagaAsal, ada, lama)
    nama = {teks: LembagaAsal.objects.get(pk=i).nama for teks, i in hasil.items()}
    assert nama == {
        "LAPAS KLS. IIA Kerobokan": "Lapas Kelas IIA Kerobokan",
        "Rumah Tahanan Negara Bangli": "Rutan Kelas IIB Bangli",
        "Lapas Kelas IIB Amlapura": "Lapas Kelas IIB Amlapura",
        "  Lapas  Kelas IIB   Amlapura ": "Lapas Kelas IIB Amlapura",
        "Rutan Kelas IIB Mataram": "Rutan Kelas IIB Mataram",
    }
    baru = LembagaAsal.objects.exclude(nama__in=[n for n, *_ in LEMBAGA_BALI])
    assert sorted(baru.values_list("nama", "jenis")) == [
        ("Lapas Kelas IIB Amlapura", "LAPAS"),
        ("Rutan Kelas IIB Mataram", "RUTAN"),
    ]


def test_lembaga_bali_pastikan_menautkan_kabupaten_yang_baru_dimuat(db):
    """A fresh install migrates before it loads the regions: the seed has no kabupaten
    then; the demo (lembaga_bali_pastikan) links them once they exist, adding no row."""
    migrasi.isi_lembaga(LembagaAsal, apps.get_model("wilayah", "Kabupaten"))
    assert not LembagaAsal.objects.filter(kabupaten__isnull=False).exists()
    karangasem = KabupatenFactory(provinsi=ProvinsiFactory(nama="Bali"), nama="Karangasem")
    semua = lembaga_bali_pastikan()
    assert len(semua) == len(LEMBAGA_BALI) == LembagaAsal.objects.count()
    assert LembagaAsal.objects.get(nama="Lapas Kelas IIB Karangasem").kabupaten == karangasem


# --- the Admin's pages ---


def test_hanya_admin_mengelola_daftar(client, admin_unit, kasi, kabapas, pk):
    url = reverse("klien:lembaga-list")
    for orang in (kasi, kabapas, pk):
        client.force_login(orang)
        assert client.get(url).status_code == 403
        assert client.post(reverse("klien:lembaga-create"), {"nama": "X"}).status_code == 403
    assert not LembagaAsal.objects.exists()
    client.force_login(admin_unit)
    assert client.get(url).status_code == 200


def test_admin_menambah_lalu_menonaktifkan(client, admin_unit, bali):
    client.force_login(admin_unit)
    resp = client.post(
        reverse("klien:lembaga-create"),
        {"nama": "Lapas Kelas IIB Amlapura", "jenis": "LAPAS", "kabupaten": bali["Karangasem"].pk},
    )
    assert resp.status_code == 302
    lembaga = LembagaAsal.objects.get()
    assert (lembaga.aktif, lembaga.kabupaten) == (False, bali["Karangasem"])  # unticked box
    url = reverse("klien:lembaga-update", kwargs={"pk": lembaga.pk})
    assert "Lapas Kelas IIB Amlapura" in client.get(url).content.decode()
    client.post(url, {"nama": "Lapas Kelas IIB Amlapura", "jenis": "LAPAS", "aktif": "on"})
    lembaga.refresh_from_db()
    assert lembaga.aktif and lembaga.kabupaten is None
    assert JejakAudit.objects.filter(
        content_type__model="lembagaasal", object_pk=str(lembaga.pk), actor=admin_unit
    ).exists()
    assert "Lapas Kelas IIB Amlapura" in client.get(reverse("klien:lembaga-list")).content.decode()


def test_nama_kembar_dengan_ejaan_lain_ditolak(client, admin_unit):
    LembagaAsal.objects.create(nama="Lapas Kelas IIA Kerobokan", jenis="LAPAS")
    client.force_login(admin_unit)
    for nama in ("lapas kelas iia kerobokan", "LAPAS KLS IIA Kerobokan"):
        resp = client.post(
            reverse("klien:lembaga-create"), {"nama": nama, "jenis": "LAPAS", "aktif": "on"}
        )
        assert resp.status_code == 200
        assert resp.context["form"].errors["nama"]
        assert "Ada masalah" in resp.content.decode()
    assert LembagaAsal.objects.count() == 1


def test_lembaga_tidak_ada_404(client, admin_unit):
    client.force_login(admin_unit)
    assert client.get(reverse("klien:lembaga-update", kwargs={"pk": 999})).status_code == 404


# --- the import names the institution ---


def _baris(desa, pk, **lain) -> dict:
    return {
        "no_register": "IMP-L1",
        "nama": "I Made Impor",
        "kategori": "DEWASA",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1990-05-15",
        "agama": "HINDU",
        "desa": desa.nama,
        "kecamatan": desa.kecamatan.nama,
        "kabupaten": desa.kecamatan.kabupaten.nama,
        "perkara": "Pencurian",
        "program": "PB",
        "tanggal_mulai": "2025-01-01",
        "tanggal_ekspirasi": "2025-12-31",
        "nip_pk": pk.nip,
        "nik": "5107011505900001",
    } | lain


@pytest.fixture
def pk_ber_nip(pk):
    pk.nip = "198503122010121001"
    pk.save()
    return pk


def test_impor_mencari_lembaga_menurut_nama(kasi, pk_ber_nip, desa):
    lembaga = LembagaAsal.objects.create(nama="Lapas Kelas IIA Kerobokan", jenis="LAPAS")
    rows = [_baris(desa, pk_ber_nip, lapas_asal="LAPAS KLS. IIA KEROBOKAN")]
    hasil = klien_impor(unit=kasi.unit, oleh=kasi, rows=rows)
    assert hasil.berhasil, hasil.kesalahan
    assert Klien.objects.get().lembaga_asal == lembaga


def test_impor_lembaga_tak_dikenal_ditolak(kasi, pk_ber_nip, desa):
    rows = [_baris(desa, pk_ber_nip, lapas_asal="Lapas Antah Berantah")]
    hasil = klien_impor(unit=kasi.unit, oleh=kasi, rows=rows)
    assert [(s.baris, s.kolom) for s in hasil.kesalahan] == [(2, "lapas_asal")]
    assert not Klien.objects.exists()
