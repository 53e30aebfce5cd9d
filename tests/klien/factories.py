import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klien.models import IndikatorReintegrasi, Klien, PeristiwaResidivisme, UsulanPencabutan
from klien.nik import buat_nik
from klien.pilihan import (
    Agama,
    AlasanPencabutan,
    JenisResidivisme,
    Kategori,
    ProgramIntegrasi,
    Tonggak,
)
from tests.factories import DesaFactory
from wilayah.kode import kode_kecamatan


def _nik(o, n: int) -> str:
    lahir = o.tanggal_lahir
    if isinstance(lahir, str):
        lahir = datetime.date.fromisoformat(lahir)
    return buat_nik(
        kode_kecamatan=kode_kecamatan(o.desa.kecamatan) or "510701",
        lahir=lahir,
        perempuan=o.jenis_kelamin == "P",
        urut=n,
    )


class KlienFactory(DjangoModelFactory):
    class Meta:
        model = Klien

    unit = factory.LazyAttribute(lambda o: o.pk_pembimbing.unit)
    no_register = factory.Sequence(lambda n: f"REG-{n:05d}")
    # a Balinese name of the client's sex: "I" for a man, "Ni" for a woman
    nama = factory.LazyAttributeSequence(
        lambda o, n: f"{'Ni' if o.jenis_kelamin == 'P' else 'I'} Wayan Klien {n}"
    )
    # A NIK that could exist and agrees with the record: the kecamatan's Kemendagri code
    # (Rendang, Karangasem, for a test region the code list does not hold), the birth date
    # and sex, and a serial from the sequence.
    nik = factory.LazyAttributeSequence(lambda o, n: _nik(o, n))
    jenis_kelamin = "L"
    tanggal_lahir = datetime.date(1990, 5, 15)
    agama = Agama.HINDU
    desa = factory.SubFactory(DesaFactory)
    perkara = "Pencurian"
    program = ProgramIntegrasi.PB
    kategori = Kategori.DEWASA
    tanggal_mulai = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    tanggal_ekspirasi = factory.LazyAttribute(
        lambda o: o.tanggal_mulai + datetime.timedelta(days=300)
    )
    status = "AKTIF"


class PeristiwaResidivismeFactory(DjangoModelFactory):
    class Meta:
        model = PeristiwaResidivisme

    klien = factory.SubFactory(KlienFactory)
    unit = factory.SelfAttribute("klien.unit")
    oleh = factory.SelfAttribute("klien.pk_pembimbing")
    tanggal = factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=n))
    jenis = JenisResidivisme.TERSANGKA
    sumber = "Polres Karangasem"


class IndikatorReintegrasiFactory(DjangoModelFactory):
    class Meta:
        model = IndikatorReintegrasi

    klien = factory.SubFactory(KlienFactory)
    unit = factory.SelfAttribute("klien.unit")
    oleh = factory.SelfAttribute("klien.pk_pembimbing")
    tonggak = Tonggak.AWAL
    tanggal = factory.LazyFunction(timezone.localdate)


def data_layanan_klien(desa, **lain) -> dict:
    """What `services.klien_buat` takes for a valid client (typed values, as a form cleans
    them); `lain` overrides or adds fields."""
    return {
        "no_register": "BARU-1",
        "nama": "Ni Luh Uji",
        "kategori": "DEWASA",
        "nik": "5107015505900001",
        "jenis_kelamin": "P",
        "tanggal_lahir": datetime.date(1990, 5, 15),
        "agama": "HINDU",
        "desa": desa,
        "perkara": "Penipuan",
        "program": "CB",
        "tanggal_mulai": datetime.date(2025, 1, 1),
        "tanggal_ekspirasi": datetime.date(2025, 12, 31),
    } | lain


def data_form_klien(desa, **lain) -> dict:
    """What a valid klien form posts (create or edit); `lain` overrides or adds fields."""
    data = {
        "no_register": "BARU-1",
        "nama": "Ni Luh Uji",
        "kategori": "DEWASA",
        "nik": "5107015505900001",
        "jenis_kelamin": "P",
        "tanggal_lahir": "1990-05-15",
        "agama": "HINDU",
        "desa": desa.pk,
        "perkara": "Penipuan",
        "program": "CB",
        "tanggal_mulai": "2025-01-01",
        "tanggal_ekspirasi": "2025-12-31",
        # the SK that grants CB (required by the form for the programmes granted by one)
        "no_sk": "PAS-1234.PK.05.09 Tahun 2024",
        "tanggal_sk": "2024-12-20",
        "penerbit_sk": "Direktur Jenderal Pemasyarakatan",
    }
    data.update(lain)
    return data


class UsulanPencabutanFactory(DjangoModelFactory):
    """A proposal just made by the client's PK (klien.pencabutan moves it on)."""

    class Meta:
        model = UsulanPencabutan

    klien = factory.SubFactory(KlienFactory)
    unit = factory.SelfAttribute("klien.unit")
    alasan = AlasanPencabutan.TIDAK_LAPOR
    tanggal_kejadian = factory.LazyFunction(timezone.localdate)
    tanggal_usulan = factory.LazyFunction(timezone.localdate)
    uraian = "Klien tidak ditemukan di alamatnya."
    bukti = "Tidak lapor tiga kali berturut-turut."
    diusulkan_oleh = factory.SelfAttribute("klien.pk_pembimbing")
