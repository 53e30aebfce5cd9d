"""Typed factory_boy factories shared by the whole suite.

Apps with many factories keep them in `tests/<app>/factories.py` and re-export them here.
"""

import factory
from factory.django import DjangoModelFactory

from akun.models import Kanwil, KelasUnit, Peran, Unit, User
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi


class ProvinsiFactory(DjangoModelFactory):
    class Meta:
        model = Provinsi
        django_get_or_create = ("nama",)

    sumber_id = factory.Sequence(lambda n: 9000 + n)
    nama = "Bali"
    kode_iso = "ID-BA"


class KanwilFactory(DjangoModelFactory):
    class Meta:
        model = Kanwil
        django_get_or_create = ("nama",)

    nama = "Kanwil Bali"
    provinsi = factory.SubFactory(ProvinsiFactory)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    nama = factory.Sequence(lambda n: f"Bapas Kelas II Uji {n}")
    kelas = KelasUnit.II
    kanwil = factory.SubFactory(KanwilFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    peran = Peran.PK
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "kata-sandi-uji-panjang")

    @factory.post_generation
    def _simpan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


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
