"""Factories of the guidance module: programmes, enrolments, sessions, attendance."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pembimbingan.models import (
    JadwalLapor,
    Kehadiran,
    PendaftaranPos,
    Peserta,
    PosLayanan,
    Program,
    RekapKehadiran,
    Sesi,
    SumberDaya,
)
from pembimbingan.pilihan import HasilHadir, JenisProgram, JenisSesi, ModaSesi, PolaLapor
from tests.factories import KabupatenFactory, KecamatanFactory, UnitFactory, UserFactory
from tests.klien.factories import KlienFactory


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    mitra = None
    unit = factory.LazyAttribute(lambda o: o.mitra.unit if o.mitra else UnitFactory())
    nama = factory.Sequence(lambda n: f"Program Uji {n}")
    jenis = JenisProgram.KEMANDIRIAN
    topik = "Budidaya ikan"
    tempat = "Aula Bapas"
    tanggal_mulai = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    dibuat_oleh = factory.SubFactory(
        UserFactory, unit=factory.SelfAttribute("..unit"), peran="KASI"
    )


class SumberDayaFactory(DjangoModelFactory):
    class Meta:
        model = SumberDaya

    program = factory.SubFactory(ProgramFactory)
    nama = "Kit melukis"
    jumlah = 4
    satuan = "set"


class PesertaFactory(DjangoModelFactory):
    class Meta:
        model = Peserta

    program = factory.SubFactory(ProgramFactory)
    klien = factory.SubFactory(
        KlienFactory,
        pk_pembimbing=factory.SubFactory(
            UserFactory, unit=factory.SelfAttribute("...program.unit"), peran="PK"
        ),
    )
    unit = factory.SelfAttribute("klien.unit")
    tanggal_masuk = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    dibuat_oleh = factory.SelfAttribute("klien.pk_pembimbing")


class SesiFactory(DjangoModelFactory):
    """A group session of a programme (pass jenis=WAJIB_LAPOR, program=None, klien=... for an
    individual one)."""

    class Meta:
        model = Sesi

    program = factory.SubFactory(ProgramFactory)
    klien = None
    pos = None
    unit = factory.LazyAttribute(lambda o: (o.program or o.klien or o.pos).unit)
    jenis = JenisSesi.KELOMPOK
    mulai = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    moda = ModaSesi.KANTOR
    pk_pencatat = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..unit"), peran="PK")


class KehadiranFactory(DjangoModelFactory):
    class Meta:
        model = Kehadiran

    sesi = factory.SubFactory(SesiFactory)
    klien = factory.SubFactory(
        KlienFactory,
        pk_pembimbing=factory.SubFactory(
            UserFactory, unit=factory.SelfAttribute("...sesi.unit"), peran="PK"
        ),
    )
    unit = factory.SelfAttribute("klien.unit")
    hasil = HasilHadir.HADIR
    oleh = factory.SelfAttribute("sesi.pk_pencatat")


class PosLayananFactory(DjangoModelFactory):
    class Meta:
        model = PosLayanan

    unit = factory.SubFactory(UnitFactory)
    nama = factory.Sequence(lambda n: f"Pos Layanan Uji {n}")
    kecamatan = factory.SubFactory(KecamatanFactory)
    alamat = "Kantor Desa"


class HariLayananFactory(SesiFactory):
    """An outreach day at a post."""

    program = None
    pos = factory.SubFactory(PosLayananFactory)
    jenis = JenisSesi.LAYANAN_POS
    moda = ModaSesi.POS_LAYANAN


class PendaftaranPosFactory(DjangoModelFactory):
    class Meta:
        model = PendaftaranPos

    sesi = factory.SubFactory(HariLayananFactory)
    klien = factory.SubFactory(
        KlienFactory,
        pk_pembimbing=factory.SubFactory(
            UserFactory, unit=factory.SelfAttribute("...sesi.unit"), peran="PK"
        ),
    )
    unit = factory.SelfAttribute("klien.unit")
    didaftarkan_oleh = factory.SelfAttribute("klien.pk_pembimbing")


class JadwalLaporFactory(DjangoModelFactory):
    class Meta:
        model = JadwalLapor

    klien = factory.SubFactory(KlienFactory)
    unit = factory.SelfAttribute("klien.unit")
    pola = PolaLapor.MINGGUAN


class RekapKehadiranFactory(DjangoModelFactory):
    """A cell of the attendance rollup (pass program=None, jenis_sesi=... for a session
    without a programme)."""

    class Meta:
        model = RekapKehadiran

    program = factory.SubFactory(ProgramFactory)
    unit = factory.LazyAttribute(lambda o: o.program.unit if o.program else UnitFactory())
    bulan = datetime.date(2026, 1, 1)
    jenis_sesi = JenisSesi.KELOMPOK
    moda = ModaSesi.KANTOR
    kabupaten = factory.SubFactory(KabupatenFactory)
    kategori = "DEWASA"
    hasil = HasilHadir.HADIR
    jumlah = 1
