import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kerjasosial.models import (
    AkibatTidakSelesai,
    JamKerjaSosial,
    JenisLokasi,
    LokasiKerjaSosial,
    PutusanKerjaSosial,
)
from klien.pilihan import ProgramIntegrasi
from tests.factories import KecamatanFactory, UnitFactory, UserFactory
from tests.klien.factories import KlienFactory


class LokasiFactory(DjangoModelFactory):
    class Meta:
        model = LokasiKerjaSosial

    mitra = None
    unit = factory.LazyAttribute(lambda o: o.mitra.unit if o.mitra else UnitFactory())
    nama = factory.Sequence(lambda n: f"Kantor Desa Uji {n}")
    jenis = JenisLokasi.KANTOR_DESA
    alamat = "Jl. Raya Desa"
    kecamatan = factory.SubFactory(KecamatanFactory)
    narahubung = "I Made Perbekel"
    telepon = "081234567890"
    jenis_pekerjaan = "Membersihkan halaman kantor desa"
    kapasitas = 4
    hari_buka = "Senin–Jumat, 08.00–12.00"
    nomor_perjanjian = factory.Sequence(lambda n: f"PKS-KS/{n}")
    tanggal_perjanjian = datetime.date(2026, 1, 5)
    nonkomersial = True


class KlienKerjaSosialFactory(KlienFactory):
    program = ProgramIntegrasi.KERJA_SOSIAL


class PutusanFactory(DjangoModelFactory):
    class Meta:
        model = PutusanKerjaSosial

    klien = factory.SubFactory(KlienKerjaSosialFactory)
    unit = factory.LazyAttribute(lambda o: o.klien.unit)
    lokasi = factory.LazyAttribute(lambda o: LokasiFactory(unit=o.klien.unit))
    oleh = factory.LazyAttribute(lambda o: o.klien.pk_pembimbing)
    nomor_putusan = factory.Sequence(lambda n: f"{n}/Pid.B/2026/PN Amp")
    tanggal_putusan = factory.LazyAttribute(lambda o: o.tanggal_mulai - datetime.timedelta(days=7))
    kejaksaan = "Kejaksaan Negeri Karangasem"
    jam_diputus = 40
    tanggal_mulai = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=14))
    batas_akhir = factory.LazyAttribute(lambda o: o.tanggal_mulai + datetime.timedelta(days=90))
    persetujuan_klien = True
    akibat_tidak_selesai = AkibatTidakSelesai.ULANG


class JamKerjaFactory(DjangoModelFactory):
    class Meta:
        model = JamKerjaSosial

    klien = factory.LazyAttribute(
        lambda o: (
            PutusanFactory(
                lokasi=o.lokasi,
                klien=KlienKerjaSosialFactory(
                    pk_pembimbing=UserFactory(peran="PK", unit=o.lokasi.unit)
                ),
            ).klien
        )
    )
    unit = factory.LazyAttribute(lambda o: o.klien.unit)
    lokasi = factory.SubFactory(LokasiFactory)
    oleh = factory.LazyAttribute(lambda o: o.klien.pk_pembimbing)
    tanggal = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    jam = 4
    mulai = factory.LazyAttribute(lambda o: o.tanggal - datetime.timedelta(days=10))
    batas_akhir = factory.LazyAttribute(lambda o: o.tanggal + datetime.timedelta(days=60))
