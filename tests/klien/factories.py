import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klien.models import Klien
from klien.pilihan import Agama, Kategori, ProgramIntegrasi
from tests.factories import ProvinsiFactory
from wilayah.models import Desa, Kabupaten, Kecamatan


class KabupatenFactory(DjangoModelFactory):
    class Meta:
        model = Kabupaten

    provinsi = factory.SubFactory(ProvinsiFactory)
    sumber_id = factory.Sequence(lambda n: 70000 + n)
    jenis = "kabupaten"
    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")


class KecamatanFactory(DjangoModelFactory):
    class Meta:
        model = Kecamatan

    kabupaten = factory.SubFactory(KabupatenFactory)
    sumber_id = factory.Sequence(lambda n: 80000 + n)
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")
    waktu_tempuh_menit = 45


class DesaFactory(DjangoModelFactory):
    class Meta:
        model = Desa

    kecamatan = factory.SubFactory(KecamatanFactory)
    sumber_id = factory.Sequence(lambda n: 90000 + n)
    nama = factory.Sequence(lambda n: f"Desa Uji {n}")


class KlienFactory(DjangoModelFactory):
    class Meta:
        model = Klien

    unit = factory.LazyAttribute(lambda o: o.pk_pembimbing.unit)
    no_register = factory.Sequence(lambda n: f"REG-{n:05d}")
    nama = factory.Sequence(lambda n: f"I Wayan Klien {n}")
    nik = factory.Sequence(lambda n: f"5107011505900{n:03d}")
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
