"""Round trip (issue 13): an office's client export, imported into another, empty office,
gives the same clients, field for field.

What a round trip covers, and why:
- The register, not the lifecycle. An import is an intake (penerimaan): every imported
  client starts at status Penerimaan, with no end date, whatever the file's status column
  says for a running client; a row whose status says the guidance has ended (Selesai,
  Dicabut, Meninggal, Pindah Bapas) is not imported at all, and is counted apart. Status,
  end date, reporting standing and the legal hold are the target office's own history.
- The PKs. The file names a PK by username (the export writes it, the template offers it),
  and a username is unique in the whole installation, so the target office cannot have
  PKs of the same usernames beside the source office's. The test therefore plays the case
  in which a round trip between two offices happens: a new office takes over a regency,
  with the PKs who served it (their accounts move to the new office, as an Admin does it)
  and the regency's villages. A file from another installation, whose accounts have other
  usernames, names its PKs by full name instead (tests/klien/test_impor_pk.py).
- The NIK. Only a role that sees it in full (Admin here) exports a file that can be
  imported; a masked NIK is a row error.
Every other stored field is compared: the test lists the fields it leaves out, so a field
added to the client without a column in `klien.kolom` fails it.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akun.models import Peran
from klien.kolom import KOLOM_KLIEN
from klien.models import Klien, LembagaAsal
from klien.pilihan import StatusKlien
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory
from tests.klien.test_impor import berhasil, ditolak
from tests.pekerjaan.antrean import impor

# Stored fields that are not the register: the office, the lifecycle, the reporting
# standing (attendance writes it), retention, and the row's own bookkeeping.
BUKAN_REGISTER = {
    "id",
    "unit",
    "status",
    "tanggal_berakhir",
    "tanggal_lapor_berikutnya",
    "mangkir_berturut",
    "tahan_hukum",
    "tahan_hukum_alasan",
    "dianonimkan_pada",
    "dibuat_pada",
    "diubah_pada",
}


@pytest.fixture
def lembaga(db):
    return LembagaAsal.objects.create(nama="Lapas Kelas IIB Karangasem", jenis="LAPAS")


@pytest.fixture
def klien_kantor(pk, pk_lain, desa, lembaga):
    """Four clients with every column filled in between them: a man on parole with his SK,
    Litmas by his PK and a handover; a woman at intake whose Litmas came from another Bapas;
    a child in diversion without a NIK; and one whose guidance has ended."""
    pk.first_name, pk.last_name = "I Nyoman", "Sukadana"
    pk.save()
    umum = {"pk_pembimbing": pk, "desa": desa, "tempat_lahir": "Amlapura"}
    lengkap = {
        "no_register_lapas": "BI.412/2023",
        "alias": "Made Dar",
        "pendidikan": "SMA",
        "pekerjaan": "Petani",
        "status_perkawinan": "KAWIN",
        "alamat": "Banjar Dinas Kaja",
        "nama_penjamin": "Ni Wayan Sukerti",
        "hubungan_penjamin": "Istri",
        "telepon_penjamin": "081999876543",
        "kontak_keluarga": "@madedar (Instagram), I Ketut Rai (ayah)",
        "pasal": "Pasal 362 KUHP",
        "no_putusan": "87/Pid.B/2023/PN Amp",
        "tanggal_putusan": datetime.date(2023, 8, 21),
        "lama_pidana_bulan": 30,
    }
    return [
        KlienFactory(
            **umum,
            **lengkap,
            no_register="PB-2025-0121",
            nama="I Made Sudiarta",
            tanggal_lahir=datetime.date(1988, 3, 14),
            telepon="+6281338123456",  # written '+62... (formula-safe), read back as typed
            program="PB",
            no_sk="PAS-2517.PK.05.09 Tahun 2025",
            tanggal_sk=datetime.date(2025, 2, 17),
            penerbit_sk="Direktur Jenderal Pemasyarakatan",
            tanggal_mulai=datetime.date(2025, 2, 24),
            tanggal_ekspirasi=datetime.date(2026, 12, 20),
            no_litmas="117/Litmas/PB/I/2025",
            tanggal_litmas=datetime.date(2025, 1, 13),
            pk_litmas=pk,
            lembaga_asal=lembaga,
            tanggal_serah_terima=datetime.date(2025, 2, 24),
            tanggal_lapor_berikutnya=datetime.date(2025, 3, 3),
            status=StatusKlien.AKTIF,
        ),
        KlienFactory(
            **(umum | {"pk_pembimbing": pk_lain}),
            **lengkap,
            no_register="CB-2025-0042",
            nama="Ni Ketut Parwati",
            jenis_kelamin="P",
            agama="KATOLIK",
            tanggal_lahir=datetime.date(1995, 11, 2),
            telepon="-",
            program="CB",
            tanggal_mulai=datetime.date(2025, 6, 2),
            tanggal_ekspirasi=datetime.date(2025, 12, 1),
            no_litmas="88/Litmas/CB/V/2025",
            tanggal_litmas=datetime.date(2025, 5, 12),
            pk_litmas_lain="Ni Luh Ayu Sriani, Bapas Kelas I Denpasar",
            status=StatusKlien.PENERIMAAN,
        ),
        KlienFactory(
            **umum,
            no_register="DIV-2025-0007",
            nama="I Komang Artawan",
            kategori="ANAK",
            nik="",
            tanggal_lahir=datetime.date(2009, 4, 30),
            perkara="Penganiayaan",
            program="DIVERSI",
            tanggal_mulai=datetime.date(2025, 9, 1),
            tanggal_ekspirasi=datetime.date(2026, 2, 28),
            status=StatusKlien.AKTIF,
        ),
        KlienFactory(
            **umum,
            no_register="PB-2023-0003",
            nama="I Wayan Adnyana",
            tanggal_mulai=datetime.date(2023, 1, 9),
            tanggal_ekspirasi=datetime.date(2024, 1, 8),
            status=StatusKlien.SELESAI,
            tanggal_berakhir=datetime.date(2024, 1, 8),
        ),
    ]


def _pindahkan_ke_kantor_baru(unit, unit_lain, desa, pks) -> None:
    """The new office takes over the regency and the PKs who served it."""
    kabupaten = desa.kecamatan.kabupaten
    unit.wilayah_kerja.remove(kabupaten)
    unit_lain.wilayah_kerja.add(kabupaten)
    for pk in pks:
        pk.unit = unit_lain
        pk.save()


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_ekspor_diimpor_ke_kantor_kosong_memberi_klien_yang_sama(
    client, admin_unit, unit, unit_lain, pk, pk_lain, desa, klien_kantor, format
):
    running = [k for k in klien_kantor if k.status != StatusKlien.SELESAI]
    # every column of the file holds a value for at least one of them
    kosong = [k.kunci for k in KOLOM_KLIEN if all(k.baca(x) in ("", None) for x in running)]
    assert kosong == []

    client.force_login(admin_unit)  # sees the NIK in full
    url = reverse("klien:klien-ekspor-xlsx" if format == "xlsx" else "klien:klien-ekspor")
    isi = b"".join(client.get(url).streaming_content)

    _pindahkan_ke_kantor_baru(unit, unit_lain, desa, [pk, pk_lain])
    admin_baru = UserFactory(username="admin-baru", peran=Peran.ADMIN, unit=unit_lain)
    client.force_login(admin_baru)
    p, halaman = impor(client, SimpleUploadedFile(f"klien.{format}", isi))
    ringkasan = berhasil(p, halaman)  # each of its lines is on the job's page
    assert (ringkasan["dibuat"], ringkasan["dilewati"], ringkasan["berakhir"]) == (3, 0, 1)
    assert ringkasan["baris"] == [
        "3 klien diimpor, 0 sudah ada dan dilewati.",
        "1 baris tidak diimpor karena bimbingan klien itu sudah berakhir.",
    ]

    baru = {k.no_register: k for k in Klien.objects.filter(unit=unit_lain)}
    assert sorted(baru) == sorted(k.no_register for k in running)
    dibandingkan = [f for f in Klien._meta.concrete_fields if f.name not in BUKAN_REGISTER]
    for asal in running:
        k = baru[asal.no_register]
        for f in dibandingkan:
            assert f.value_from_object(k) == f.value_from_object(asal), (asal.no_register, f.name)
        assert (k.status, k.tanggal_berakhir) == (StatusKlien.PENERIMAAN, None)
        assert (k.tanggal_lapor_berikutnya, k.mangkir_berturut) == (None, 0)


def test_ekspor_nik_tersamar_tidak_dapat_diimpor_ulang(
    client, kasi, unit, unit_lain, pk, pk_lain, desa, klien_kantor
):
    """A Kasi's export masks the NIK: re-imported, each adult's row names the NIK column."""
    client.force_login(kasi)
    isi = b"".join(client.get(reverse("klien:klien-ekspor")).streaming_content)
    _pindahkan_ke_kantor_baru(unit, unit_lain, desa, [pk, pk_lain])
    kasi_baru = UserFactory(username="kasi-baru", peran=Peran.KASI, unit=unit_lain)
    client.force_login(kasi_baru)
    p, halaman = impor(client, SimpleUploadedFile("klien.csv", isi))
    assert {kolom for _baris, kolom in ditolak(p, halaman)} == {"nik"}
    salah = p.ringkasan["kesalahan"]
    assert all("tersamar" in s["alasan"] for s in salah)
    assert len(salah) == p.ringkasan["jumlah_kesalahan"] == 2  # the adults; the child has none
    assert not Klien.objects.filter(unit=unit_lain).exists()
