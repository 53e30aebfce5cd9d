import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klien.models import Klien
from klien.pilihan import Agama, Kategori, ProgramIntegrasi
from tests.factories import DesaFactory


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
