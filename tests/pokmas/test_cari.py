"""The partner search: the beginning of a word (case ignored) of the partner's name, its
description, its fields of service, and its programmes' names and topics (registered by
pembimbingan.cari_mitra); every word typed must be found; one query; the user's office."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pembimbingan.factories import ProgramFactory
from tests.pokmas.factories import MitraFactory

URL = reverse("pokmas:mitra-list")


@pytest.fixture
def mitra(unit, unit_lain):
    las = MitraFactory(unit=unit, nama="Bengkel Karya Mandiri", bidang=["kewirausahaan"])
    ProgramFactory(mitra=las, nama="Pelatihan las listrik", topik="Mengelas pagar besi")
    kelas = MitraFactory(
        unit=unit,
        nama="Yayasan Kelas Inspirasi",  # "las" inside a word: not a match
        uraian_layanan="Kelas menulis; membalas surat lamaran kerja.",
        bidang=["pendidikan"],
    )
    ProgramFactory(mitra=kelas, nama="Kelas menulis", topik="Atlas dan klasifikasi")
    hukum = MitraFactory(unit=unit, nama="LBH Uji", bidang=["penyuluhan_hukum"])
    ikan = MitraFactory(
        unit=unit,
        nama="Kelompok Ikan Uji",
        uraian_layanan="Budi daya ikan: kolam, pakan, dan kualitas air.",
        bidang=["keterampilan_kerja"],
    )
    luar = MitraFactory(unit=unit_lain, nama="Bengkel Las Kantor Lain")
    ProgramFactory(mitra=luar, nama="Pelatihan las")
    return {"las": las, "kelas": kelas, "hukum": hukum, "ikan": ikan}


def _cari(client, q):
    resp = client.get(URL, {"q": q})
    assert resp.status_code == 200
    return [m.nama for m in resp.context["mitra_list"]]


@pytest.mark.parametrize("q", ["las", "LAS", "Las", " las ", "las listrik", "mengelas"])
def test_las_menemukan_mitra_pelatihan_las_saja(client, pk, mitra, q):
    client.force_login(pk)
    assert _cari(client, q) == ["Bengkel Karya Mandiri"]


@pytest.mark.parametrize(
    ("q", "harap"),
    [
        ("kelas", ["Yayasan Kelas Inspirasi"]),  # its name, description and programme
        ("atlas", ["Yayasan Kelas Inspirasi"]),  # a programme's topic
        ("membalas", ["Yayasan Kelas Inspirasi"]),  # its description
        ("vokasi", ["Kelompok Ikan Uji"]),  # a field of service's name
        ("hukum", ["LBH Uji"]),  # a field of service's name
        ("kolam", ["Kelompok Ikan Uji"]),
        ("ikan kolam", ["Kelompok Ikan Uji"]),  # every word, in any field
        ("ikan las", []),
        ("ndiri", []),  # inside a word
        ("bengkel", ["Bengkel Karya Mandiri"]),  # not the other office's
    ],
)
def test_cari_awal_kata_di_semua_bidang(client, kasi, mitra, q, harap):
    client.force_login(kasi)
    assert _cari(client, q) == harap


@pytest.mark.parametrize(
    ("q", "harap"),
    [
        ("(las", ["Bengkel Karya Mandiri"]),
        ("las,", ["Bengkel Karya Mandiri"]),
        ("[las]*", ["Bengkel Karya Mandiri"]),
        ("_", []),
        ("%", ["Bengkel Karya Mandiri", "Kelompok Ikan Uji", "LBH Uji", "Yayasan Kelas Inspirasi"]),
        (
            "\\",
            ["Bengkel Karya Mandiri", "Kelompok Ikan Uji", "LBH Uji", "Yayasan Kelas Inspirasi"],
        ),
    ],
)
def test_tanda_baca_diabaikan(client, kasi, mitra, q, harap):
    """Punctuation typed is no part of a word, never read as a pattern (nor a 500);
    punctuation alone searches for nothing."""
    client.force_login(kasi)
    assert _cari(client, q) == harap


def test_cari_terlalu_panjang_diberi_pesan(client, kasi, mitra):
    client.force_login(kasi)
    resp = client.get(URL, {"q": "las " * 30})
    assert resp.status_code == 200
    assert "q" in resp.context["filter"].form.errors


def test_cari_satu_query(client, kasi, mitra):
    """The search adds no query to the list's: its conditions go in the partners' query."""
    client.force_login(kasi)

    def jumlah(**q) -> int:
        with CaptureQueriesContext(connection) as tangkap:
            assert client.get(URL, q).status_code == 200
        return len(tangkap)

    assert jumlah(q="las listrik") == jumlah()
