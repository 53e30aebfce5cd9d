"""Import: all or nothing, reports each bad row, safe to repeat, safe XLSX.

The page starts a background job (`klien.latar.impor`); these tests upload through the page,
run the queue (`tests.pekerjaan.antrean`) and read the result on the job and its page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klien.models import Klien
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from tests.pekerjaan.antrean import impor

KOLOM = ",".join(
    [
        "no_register",
        "nama",
        "kategori",
        "jenis_kelamin",
        "tanggal_lahir",
        "agama",
        "desa",
        "kecamatan",
        "kabupaten",
        "perkara",
        "program",
        "tanggal_mulai",
        "tanggal_ekspirasi",
        "nip_pk",
        "nik",
    ]
)


def _baris(d, n, **ubah):
    nilai = {
        "no_register": f"IMP-{n}",
        "nama": f"I Made Impor {n}",
        "kategori": "DEWASA",
        "jenis_kelamin": "L",
        "tanggal_lahir": "15/05/1990",
        "agama": "Hindu",
        "desa": d.nama,
        "kecamatan": d.kecamatan.nama,
        "kabupaten": d.kecamatan.kabupaten.nama,
        "perkara": "Pencurian",
        "program": "PB",
        "tanggal_mulai": "2025-01-01",
        "tanggal_ekspirasi": "2025-12-31",
        "nip_pk": "198503122010121001",
        "nik": f"510701150590{n:04d}",
    }
    nilai.update(ubah)
    return ",".join(nilai[k] for k in KOLOM.split(","))


def _csv(desa, rusak=None):
    rows = [_baris(desa, n, **(rusak if n == 3 and rusak else {})) for n in range(1, 6)]
    return SimpleUploadedFile("klien.csv", ("\n".join([KOLOM, *rows]) + "\n").encode())


def berhasil(p, halaman) -> dict:
    """The job finished and its page says so; its summary."""
    assert p.status == StatusPekerjaan.SELESAI, (p.pesan_galat, p.ringkasan)
    assert halaman.status_code == 200
    html = halaman.content.decode()
    for baris in p.ringkasan["baris"]:
        assert baris in html
    return p.ringkasan


def ditolak(p, halaman) -> list[tuple[int, str]]:
    """The job failed on row errors, and its page says so and shows each in the table:
    the (row, column) pairs, in the file's order."""
    assert p.status == StatusPekerjaan.GAGAL
    assert "Tidak ada yang diimpor: ada baris yang salah" in p.pesan_galat
    kesalahan = p.ringkasan["kesalahan"]
    assert p.ringkasan["jumlah_kesalahan"] == len(kesalahan) > 0
    html = halaman.content.decode()
    assert p.pesan_galat in html
    for k in kesalahan:
        assert f"<code>{k['kolom']}</code>" in html and k["alasan"] in html
    return [(k["baris"], k["kolom"]) for k in kesalahan]


def test_impor_berhasil_dan_kedua_kali_tidak_menggandakan(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    ringkasan = berhasil(*impor(client, _csv(desa)))
    assert (ringkasan["dibuat"], ringkasan["dilewati"]) == (5, 0)
    assert "5 klien diimpor, 0 sudah ada dan dilewati." in ringkasan["baris"]
    assert ringkasan["tautan"] == reverse("klien:klien-list")
    assert Klien.objects.filter(unit=kasi.unit, pk_pembimbing=pk_ber_nip).count() == 5
    ringkasan = berhasil(*impor(client, _csv(desa)))
    assert (ringkasan["dibuat"], ringkasan["dilewati"]) == (0, 5)
    assert "0 klien diimpor, 5 sudah ada dan dilewati." in ringkasan["baris"]
    assert Klien.objects.count() == 5


def test_satu_baris_salah_tidak_ada_yang_diimpor(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    p, halaman = impor(client, _csv(desa, {"tanggal_lahir": "kemarin"}))
    assert ditolak(p, halaman) == [(4, "tanggal_lahir")]
    assert Klien.objects.count() == 0
    assert "tanggal_lahir" in halaman.content.decode()


def test_desa_di_luar_wilayah_dan_nip_tak_dikenal(client, kasi, pk_ber_nip, desa):
    client.force_login(kasi)
    p, halaman = impor(client, _csv(desa, {"desa": "Entah", "nip_pk": "1"}))
    assert set(ditolak(p, halaman)) == {
        (4, "desa"),
        (4, "pk"),  # the older header nip_pk is read as the column pk
    }
    assert Klien.objects.count() == 0


def test_kegagalan_di_tengah_jalan_tidak_meninggalkan_apa_pun(
    client, kasi, pk_ber_nip, desa, monkeypatch
):
    asli = Klien.save
    hitung = {"n": 0}

    def save_gagal(self, *a, **k):
        hitung["n"] += 1
        if hitung["n"] == 3:
            raise RuntimeError("gagal di tengah")
        return asli(self, *a, **k)

    monkeypatch.setattr(Klien, "save", save_gagal)
    from klien.impor import baca_berkas, klien_impor

    with pytest.raises(RuntimeError):
        klien_impor(unit=kasi.unit, oleh=kasi, rows=baca_berkas(_csv(desa)))
    assert Klien.objects.count() == 0


def test_xlsx_dibaca(client, kasi, pk_ber_nip, desa):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(KOLOM.split(","))
    ws.append(_baris(desa, 7).split(","))
    buf = io.BytesIO()
    wb.save(buf)
    client.force_login(kasi)
    berkas = SimpleUploadedFile("klien.xlsx", buf.getvalue())
    assert berhasil(*impor(client, berkas))["dibuat"] == 1
    assert Klien.objects.get().no_register == "IMP-7"


@pytest.mark.parametrize(
    ("nama", "isi"),
    [
        ("klien.txt", b"a,b"),
        ("klien.csv", b"x" * (2 * 1024 * 1024 + 1)),
    ],
)
def test_berkas_tidak_valid_ditolak_di_halaman(client, kasi, nama, isi):
    """What is told at once (the kind, the size) is the form's error: no job is started."""
    client.force_login(kasi)
    resp = client.post(reverse("klien:klien-impor"), {"berkas": SimpleUploadedFile(nama, isi)})
    assert resp.status_code == 200 and resp.context["form"].errors["berkas"]
    assert not Pekerjaan.objects.exists()
    assert Klien.objects.count() == 0


@pytest.mark.parametrize(
    ("nama", "isi"),
    [
        ("klien.xlsx", b"bukan zip"),
        ("klien.csv", b"nama\nx\n"),  # the required columns missing
    ],
)
def test_berkas_tak_terbaca_menggagalkan_pekerjaan(client, kasi, nama, isi):
    """A file that cannot be read fails its job with the reader's own message, shown on
    the job's page; nothing is written."""
    from klien.impor import BerkasTidakValid, baca_berkas

    with pytest.raises(BerkasTidakValid) as alasan:
        baca_berkas(SimpleUploadedFile(nama, isi))
    client.force_login(kasi)
    p, halaman = impor(client, SimpleUploadedFile(nama, isi))
    assert p.status == StatusPekerjaan.GAGAL
    assert p.pesan_galat == str(alasan.value)
    assert "kesalahan" not in p.ringkasan
    assert p.pesan_galat in halaman.content.decode()
    assert Klien.objects.count() == 0


def test_kabapas_dan_pk_tidak_boleh_impor(client, kabapas, pk):
    for orang in (kabapas, pk):
        client.force_login(orang)
        assert client.get(reverse("klien:klien-impor")).status_code == 403


def test_halaman_impor_menyebut_semua_kolom_yang_dibaca(client, kasi):
    from klien.impor import KOLOM_PILIHAN, KOLOM_WAJIB

    client.force_login(kasi)
    html = client.get(reverse("klien:klien-impor")).content.decode()
    for kolom in KOLOM_WAJIB + KOLOM_PILIHAN:
        assert kolom in html


def test_nip_pk_kosong_tidak_memilih_pk_tanpa_nip(client, kasi, pk_ber_nip, pk_lain, desa):
    """pk_lain has no NIP; an empty nip_pk cell must be an error, not a match with them."""
    assert pk_lain.nip == ""
    client.force_login(kasi)
    p, halaman = impor(client, _csv(desa, {"nip_pk": ""}))
    assert (4, "pk") in ditolak(p, halaman)
    assert not Klien.objects.exists()


def test_impor_jumlah_query_per_baris_tetap_kecil(kasi, pk_ber_nip, desa):
    """Per row: the two uniqueness checks (the NIK one, conditional, inside a savepoint when
    a transaction is open, as in this test), the client and its intake history row, each
    with its audit entry. The office, PK
    and village come from the mapper and are not looked up again, and the check constraints
    are evaluated in Python (before: 9 more queries a row, and 3 per check constraint)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from klien.impor import baca_berkas, klien_impor

    def hitung(n_baris, awal):
        rows = [_baris(desa, n) for n in range(awal, awal + n_baris)]
        berkas = SimpleUploadedFile("k.csv", ("\n".join([KOLOM, *rows]) + "\n").encode())
        with CaptureQueriesContext(connection) as q:
            hasil = klien_impor(unit=kasi.unit, oleh=kasi, rows=baca_berkas(berkas))
        assert hasil.dibuat == n_baris
        return len(q.captured_queries)

    lima, sepuluh = hitung(5, 1), hitung(10, 100)
    assert (sepuluh - lima) / 5 == 8


def test_nik_mustahil_menolak_berkas_dengan_nomor_baris(client, kasi, pk_ber_nip, desa):
    """A NIK that cannot exist is a bad value like any other: its row and column are named,
    with what is wrong, and nothing is imported."""
    client.force_login(kasi)
    p, halaman = impor(client, _csv(desa, {"nik": "5107013202900003"}))
    assert ditolak(p, halaman) == [(4, "nik")]
    (salah,) = p.ringkasan["kesalahan"]
    assert salah["alasan"].startswith("Bagian tanggal lahir NIK (32) tidak mungkin")
    assert "Bagian tanggal lahir NIK (32) tidak mungkin" in halaman.content.decode()
    assert not Klien.objects.exists()


def test_nik_kecamatan_tak_dikenal_tetap_diimpor(client, kasi, pk_ber_nip, desa):
    """Codes change when regions split: an unknown kecamatan is the PK's to check, not a
    reason to refuse the file."""
    client.force_login(kasi)
    berkas = _csv(desa, {"nik": "5107091505900003"})  # Karangasem has no kecamatan 09
    assert berhasil(*impor(client, berkas))["dibuat"] == 5
    klien = Klien.objects.get(no_register="IMP-3")
    assert klien.nik == "5107091505900003"
    assert "51.07.09" in klien.peringatan_nik()[0]
