"""Factories of the Pokmas Lipas registry."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pokmas.models import LayananMitra, Mitra, PerjanjianKerjaSama
from pokmas.pilihan import BidangLayanan, JenisMitra, KelompokMitra, StatusMitra
from tests.factories import (
    UnitFactory,
    UserFactory,
)


class MitraFactory(DjangoModelFactory):
    class Meta:
        model = Mitra
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    nama = factory.Sequence(lambda n: f"Mitra Uji {n:04d} {chr(65 + n % 26) * 3}")
    jenis = JenisMitra.YAYASAN
    kelompok = KelompokMitra.HUKUM_KEMASYARAKATAN
    program_kepribadian = True
    narahubung = "Made Uji"
    telepon = "0812 3456 7890"
    alamat = "Jl. Uji No. 1"
    status = StatusMitra.KANDIDAT
    kriteria_peduli = True
    kriteria_komitmen = True
    kriteria_bersedia = True
    kriteria_sumber_daya = True
    dibuat_oleh = factory.SubFactory(
        UserFactory, unit=factory.SelfAttribute("..unit"), peran="ADMIN"
    )

    @factory.post_generation
    def bidang(obj, create, extracted, **kwargs):
        if create:
            for b in extracted if extracted is not None else [BidangLayanan.PENYULUHAN_HUKUM]:
                LayananMitra.objects.create(mitra=obj, bidang=b)


class PerjanjianFactory(DjangoModelFactory):
    class Meta:
        model = PerjanjianKerjaSama

    mitra = factory.SubFactory(MitraFactory)
    unit = factory.SelfAttribute("mitra.unit")
    nomor = factory.Sequence(lambda n: f"PKS/UJI/{n:04d}")
    tanggal_mulai = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=100)
    )
    tanggal_selesai = factory.LazyAttribute(
        lambda o: o.tanggal_mulai + datetime.timedelta(days=730)
    )
    tanggal_tanda_tangan = factory.SelfAttribute("tanggal_mulai")
    dibuat_oleh = factory.SelfAttribute("mitra.dibuat_oleh")


def data_form_mitra(desa, **lain) -> dict:
    """What a valid partner registration form posts; `lain` overrides or adds fields."""
    data = {
        "nama": "Yayasan Tunas Harapan",
        "jenis": "yayasan",
        "kelompok": "kemandirian_kepribadian",
        "bidang": ["pendidikan", "keterampilan_kerja"],
        "program_kemandirian": "on",
        "uraian_layanan": "Kursus menjahit.",
        "narahubung": "Ni Made Sari",
        "telepon": "0812-3456-7890",
        "email": "sari@example.org",
        "alamat": "Jl. Untung Surapati 5",
        "desa": desa.pk,
        "kriteria_peduli": "on",
        "kriteria_komitmen": "on",
        "kriteria_bersedia": "on",
        "kriteria_sumber_daya": "on",
        "catatan_kriteria": "Dikunjungi 3 Maret.",
        "tetap_simpan": "False",
    }
    data.update(lain)
    return data
