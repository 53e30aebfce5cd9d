"""The import names a PK by username or full name (issue 13), among the office's active PKs:
a name two PKs share is a row error asking for the username, an unknown one a row error;
the NIP of older files still works. The Litmas PK is read the same way, and may be empty."""

import pytest

from akun.models import Peran
from klien.impor import klien_impor
from klien.models import Klien
from tests.factories import UserFactory


def _baris(desa, **lain) -> dict:
    return {
        "no_register": "IMP-1",
        "nama": "I Made Impor",
        "kategori": "DEWASA",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1990-05-15",
        "agama": "Hindu",
        "desa": desa.nama,
        "kecamatan": desa.kecamatan.nama,
        "kabupaten": desa.kecamatan.kabupaten.nama,
        "perkara": "Pencurian",
        "program": "PB",
        "tanggal_mulai": "2025-01-01",
        "tanggal_ekspirasi": "2025-12-31",
        "nik": "5107011505900001",
    } | lain


@pytest.fixture
def pk_bernama(pk):
    pk.first_name, pk.last_name = "Ni Luh Putu", "Sriani"
    pk.nip = "198503122010121001"
    pk.save()
    return pk


def _impor(kasi, *rows):
    return klien_impor(unit=kasi.unit, oleh=kasi, rows=list(rows))


@pytest.mark.parametrize(
    "ditulis",
    [
        "pk-uji",
        "PK-Uji",  # a username in any case
        "Ni Luh Putu Sriani",
        "  ni luh   putu SRIANI ",  # a name in any case and spacing
        "198503122010121001",  # the NIP older files carried
    ],
)
def test_pk_ditemukan_dari_nama_pengguna_nama_atau_nip(kasi, pk_bernama, pk_lain, desa, ditulis):
    hasil = _impor(kasi, _baris(desa, pk=ditulis))
    assert hasil.berhasil, hasil.kesalahan
    assert Klien.objects.get().pk_pembimbing == pk_bernama


def test_kolom_nip_pk_lama_masih_dibaca(kasi, pk_bernama, desa):
    hasil = _impor(kasi, _baris(desa, nip_pk=pk_bernama.nip))
    assert hasil.berhasil, hasil.kesalahan
    assert Klien.objects.get().pk_pembimbing == pk_bernama


def test_nama_yang_dipakai_dua_pk_meminta_nama_pengguna(kasi, pk_bernama, unit, desa):
    kembar = UserFactory(
        username="sriani2", peran=Peran.PK, unit=unit, first_name="Ni Luh Putu", last_name="Sriani"
    )
    hasil = _impor(
        kasi,
        _baris(desa, pk="Ni Luh Putu Sriani"),
        _baris(desa, no_register="IMP-2", nik="5107011505900002", pk=kembar.username),
    )
    (salah,) = hasil.kesalahan
    assert (salah.baris, salah.kolom) == (2, "pk")
    assert "2 PK aktif bernama" in salah.alasan and "nama pengguna" in salah.alasan
    assert "pk-uji, sriani2" in salah.alasan
    assert not Klien.objects.exists()


@pytest.mark.parametrize(
    "ditulis",
    ["I Gede Entah", "kasi-uji", "pk-nonaktif", "pk-kantor-lain", "Ni Luh Putu"],
)
def test_pk_tak_dikenal_adalah_kesalahan_baris(kasi, pk_bernama, unit, unit_lain, desa, ditulis):
    """Unknown: a name nobody has, someone who is not a PK, an inactive PK, a PK of another
    office (by username), part of a name."""
    UserFactory(username="pk-nonaktif", peran=Peran.PK, unit=unit, is_active=False)
    UserFactory(username="pk-kantor-lain", peran=Peran.PK, unit=unit_lain)
    (salah,) = _impor(kasi, _baris(desa, pk=ditulis)).kesalahan
    assert (salah.baris, salah.kolom) == (2, "pk")
    assert "tidak ada PK aktif" in salah.alasan and ditulis in salah.alasan
    assert not Klien.objects.exists()


def test_pk_kosong_wajib_diisi(kasi, pk_bernama, desa):
    (salah,) = _impor(kasi, _baris(desa, pk="")).kesalahan
    assert (salah.kolom, salah.alasan) == ("pk", "wajib diisi")


def test_pk_litmas_boleh_kosong_dan_dibaca_seperti_pk(kasi, pk_bernama, pk_lain, desa):
    hasil = _impor(
        kasi,
        _baris(desa, pk="pk-uji"),
        _baris(
            desa, no_register="IMP-2", nik="5107011505900002", pk="pk-uji", pk_litmas="pk-lain-uji"
        ),
        _baris(desa, no_register="IMP-3", nik="5107011505900003", pk="pk-uji", pk_litmas="Entah"),
    )
    (salah,) = hasil.kesalahan
    assert (salah.baris, salah.kolom) == (4, "pk_litmas")
    hasil = _impor(
        kasi,
        _baris(desa, pk="pk-uji"),
        _baris(
            desa, no_register="IMP-2", nik="5107011505900002", pk="pk-uji", pk_litmas="pk-lain-uji"
        ),
    )
    assert hasil.berhasil
    assert dict(Klien.objects.values_list("no_register", "pk_litmas")) == {
        "IMP-1": None,
        "IMP-2": pk_lain.pk,
    }
