import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from klien.pilihan import ProgramIntegrasi
from pengawasan.models import PertimbanganPK, PidanaPengawasan, RiwayatSyarat, SyaratPengawasan
from pengawasan.pilihan import JenisPertimbangan, JenisSyarat, StatusSyarat
from tests.klien.factories import KlienFactory


class KlienPengawasanFactory(KlienFactory):
    program = ProgramIntegrasi.PENGAWASAN
    no_putusan = factory.Sequence(lambda n: f"{n + 1}/Pid.B/2026/PN Amp")
    tanggal_putusan = factory.LazyAttribute(lambda o: o.tanggal_mulai - datetime.timedelta(days=10))


class PidanaPengawasanFactory(DjangoModelFactory):
    class Meta:
        model = PidanaPengawasan

    klien = factory.SubFactory(KlienPengawasanFactory)
    unit = factory.SelfAttribute("klien.unit")
    kejaksaan = "Kejaksaan Negeri Karangasem"
    ancaman_bulan = 24
    lama_bulan = 12
    dicatat_oleh = factory.SelfAttribute("klien.pk_pembimbing")


class SyaratPengawasanFactory(DjangoModelFactory):
    class Meta:
        model = SyaratPengawasan

    klien = factory.SubFactory(KlienPengawasanFactory)
    unit = factory.SelfAttribute("klien.unit")
    jenis = JenisSyarat.MELAKUKAN
    uraian = "Mengikuti pelatihan kerja di Griya Abhipraya"
    tanggal_status = factory.LazyFunction(timezone.localdate)
    dicatat_oleh = factory.SelfAttribute("klien.pk_pembimbing")


class RiwayatSyaratFactory(DjangoModelFactory):
    class Meta:
        model = RiwayatSyarat

    syarat = factory.SubFactory(SyaratPengawasanFactory)
    klien = factory.SelfAttribute("syarat.klien")
    unit = factory.SelfAttribute("klien.unit")
    status_baru = StatusSyarat.BERJALAN
    tanggal = factory.LazyFunction(timezone.localdate)
    oleh = factory.SelfAttribute("klien.pk_pembimbing")


class PertimbanganPKFactory(DjangoModelFactory):
    class Meta:
        model = PertimbanganPK

    klien = factory.SubFactory(KlienPengawasanFactory)
    unit = factory.SelfAttribute("klien.unit")
    nomor = factory.Sequence(lambda n: f"W20.PAS.33-PK.01.05-{n:04d}")
    tanggal = factory.LazyFunction(timezone.localdate)
    jenis = JenisPertimbangan.PERSINGKAT
    alasan = "Klien berkelakuan baik dan memenuhi seluruh syarat."
    dibuat_oleh = factory.SelfAttribute("klien.pk_pembimbing")
