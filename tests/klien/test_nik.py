"""A NIK that cannot exist is refused wherever a client is saved through validation; a NIK
that could exist but disagrees with the record or names an unknown region is saved with a
warning (issue #13)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse

from klien import services
from klien.models import NIK_REGEX, Klien
from klien.nik import buat_nik, masalah_nik, periksa_nik
from tests.klien.factories import KlienFactory, data_layanan_klien
from wilayah.kode import kode_kecamatan

# Ni Luh ..., born 5 July 1995 in Rendang, Karangasem (51.07.01): a woman's day is 05 + 40.
NIK_PEREMPUAN = "5107014507950001"
LAHIR = datetime.date(1995, 7, 5)


def _buat(desa, pk, nik, **lain):
    lain = {"tanggal_lahir": LAHIR, "jenis_kelamin": "P"} | lain
    return services.klien_buat(
        unit=pk.unit, oleh=pk, data=data_layanan_klien(desa, nik=nik, **lain)
    )


def test_nik_perempuan_yang_mungkin_tanpa_catatan():
    assert masalah_nik(NIK_PEREMPUAN) == []
    assert periksa_nik(NIK_PEREMPUAN, LAHIR, "P") == []
    assert buat_nik(kode_kecamatan="510701", lahir=LAHIR, perempuan=True, urut=1) == NIK_PEREMPUAN


@pytest.mark.parametrize(
    ("nik", "pesan"),
    [
        ("5107010007950001", "Bagian tanggal lahir NIK (00) tidak mungkin"),
        ("5107013207950001", "Bagian tanggal lahir NIK (32) tidak mungkin"),
        ("5107014007950001", "Bagian tanggal lahir NIK (40) tidak mungkin"),
        ("5107017207950001", "Bagian tanggal lahir NIK (72) tidak mungkin"),
        ("5107010500950001", "Bagian bulan lahir NIK (00) tidak mungkin: bulan 01–12"),
        ("5107010513950001", "Bagian bulan lahir NIK (13) tidak mungkin: bulan 01–12"),
        ("5107013102950001", "(31-02-95) tidak ada di kalender: bulan itu hanya sampai tanggal 28"),
        ("5107013002960001", "(30-02-96) tidak ada di kalender: bulan itu hanya sampai tanggal 29"),
        ("5107012902990001", "(29-02-99) tidak ada di kalender"),
        ("5107017104950001", "(31-04-95) tidak ada di kalender: bulan itu hanya sampai tanggal 30"),
        ("9907014507950001", "Kode provinsi NIK (99) tidak ada"),
        ("0007014507950001", "Kode provinsi NIK (00) tidak ada"),
        ("2007014507950001", "Kode provinsi NIK (20) tidak ada"),
    ],
)
def test_nik_mustahil_ditolak_layanan(pk, desa, nik, pesan):
    with pytest.raises(ValidationError) as e:
        _buat(desa, pk, nik)
    assert any(pesan in p for p in e.value.message_dict["nik"]), e.value.message_dict
    assert not Klien.objects.exists()


def test_contoh_isu_semua_bagian_yang_mustahil_disebut(pk, desa):
    with pytest.raises(ValidationError) as e:
        _buat(desa, pk, "9999999999999999")
    pesan = e.value.message_dict["nik"]
    assert len(pesan) == 3  # province 99, day 99, month 99
    assert "Bagian tanggal lahir NIK (99) tidak mungkin: tanggal 01–31, atau 41–71" in pesan[1]


@pytest.mark.parametrize(
    ("nik", "lahir"),
    [
        ("5107016902960001", datetime.date(1996, 2, 29)),  # a woman born on a leap day
        ("5107016902000001", datetime.date(2000, 2, 29)),  # 00: 2000 was a leap year
        ("5171047112880001", datetime.date(1988, 12, 31)),  # Denpasar Utara, 31 December
        ("3273014507950001", LAHIR),  # Bandung: a province whose regions are not listed
        ("9601014507950001", LAHIR),  # Papua Barat Daya (since 2022)
    ],
)
def test_nik_yang_mungkin_tersimpan(pk, desa, nik, lahir):
    klien = _buat(desa, pk, nik, tanggal_lahir=lahir)
    assert Klien.objects.get(pk=klien.pk).nik == nik
    assert klien.peringatan_nik() == []


@pytest.mark.parametrize(
    ("nik", "peringatan"),
    [
        # Karangasem has eight kecamatan (51.07.01-08)
        ("5107094507950001", "Kode kecamatan pada NIK (51.07.09) tidak ada dalam daftar kecamatan"),
        # Bali's regencies are 51.01-08 and 51.71
        ("5110014507950001", "Kode kabupaten/kota pada NIK (51.10) tidak ada dalam daftar"),
        ("5107014607950001", "Tanggal lahir pada NIK (06-07-95) berbeda dengan data klien"),
        ("5107010507950001", "Jenis kelamin pada NIK (laki-laki) berbeda dengan data klien"),
    ],
)
def test_nik_janggal_tersimpan_dengan_peringatan(pk, desa, nik, peringatan):
    klien = _buat(desa, pk, nik)
    assert Klien.objects.get(pk=klien.pk).nik == nik
    (p,) = klien.peringatan_nik()
    assert peringatan in p


def test_ubah_ke_nik_mustahil_ditolak_tidak_ada_yang_berubah(pk, desa):
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, nik=NIK_PEREMPUAN)
    with pytest.raises(ValidationError) as e:
        services.klien_ubah(klien=klien, oleh=pk, data={"nik": "5107013102950001"})
    assert "nik" in e.value.message_dict
    assert Klien.objects.get(pk=klien.pk).nik == NIK_PEREMPUAN


def test_nik_mustahil_lama_hanya_disebut_masalahnya(client, kasi, pk, desa):
    """A NIK stored before such NIKs were refused (the database's CHECK is still the 16 digits
    alone): the page says what is impossible, and nothing else from a NIK that cannot be
    trusted."""
    klien = KlienFactory(pk_pembimbing=pk, desa=desa, nik="5107013213950001")
    assert klien.peringatan_nik() == [
        "Bagian tanggal lahir NIK (32) tidak mungkin: tanggal 01–31, atau 41–71 untuk perempuan.",
        "Bagian bulan lahir NIK (13) tidak mungkin: bulan 01–12.",
    ]
    client.force_login(kasi)
    html = client.get(reverse("klien:klien-detail", kwargs={"pk": klien.pk})).content.decode()
    assert "Bagian bulan lahir NIK (13) tidak mungkin" in html


def test_validator_ditulis_ke_migrasi_sebagai_regex_saja():
    """The check has no database side: the migration state keeps the 16-digit regex, so it
    needs no migration (and `makemigrations --check` stays quiet)."""
    (validator,) = Klien._meta.get_field("nik").deconstruct()[3]["validators"]
    path, args, kwargs = validator.deconstruct()
    assert (path, args[0], kwargs) == (
        "django.core.validators.RegexValidator",
        NIK_REGEX,
        {"code": "nik"},
    )
    assert validator == RegexValidator(NIK_REGEX, args[1], code="nik")


def test_nik_demo_mungkin_dan_sesuai_dengan_klien(demo):
    """The demo's NIKs are issued in the client's own kecamatan (a real Bali code) and agree
    with the birth date and sex: no warning on any demo client's page."""
    klien = Klien.objects.exclude(nik="").select_related("desa__kecamatan__kabupaten__provinsi")
    assert klien.count() >= 20  # of 30 (a child may have none)
    for k in klien:
        assert k.peringatan_nik() == [], (k.nik, k.peringatan_nik())
        assert k.nik[:6] == kode_kecamatan(k.desa.kecamatan)
