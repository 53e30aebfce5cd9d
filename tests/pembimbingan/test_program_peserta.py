"""Programmes, enrolment and sessions: the services' rules and the database's constraints."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jejak.models import JejakAudit
from pembimbingan.models import Kehadiran, Peserta, Program, Sesi, SumberDaya
from pembimbingan.pilihan import HasilHadir, JenisSesi
from pembimbingan.services import (
    peserta_daftar,
    peserta_keluar,
    program_buat,
    sesi_buat,
)
from pokmas.pilihan import StatusMitra
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    KehadiranFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
    SumberDayaFactory,
)
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

HARI = datetime.date(2026, 1, 5)
pytestmark = pytest.mark.django_db


def _data(**lain):
    return {"nama": "Melukis", "jenis": "kemandirian", "tanggal_mulai": HARI, **lain}


def test_program_oleh_kantor_sendiri_dengan_sumber_daya(kasi):
    program = program_buat(
        oleh=kasi,
        data=_data(kapasitas=12, anggaran=2_500_000),
        sumber_daya=[{"nama": "Kit melukis", "jumlah": 4, "satuan": "set"}],
    )
    assert program.unit == kasi.unit and program.mitra is None
    (kit,) = program.sumber_daya.all()
    assert kit.peserta_per_unit(12) == 3
    assert JejakAudit.objects.filter(content_type__model__in=["program", "sumberdaya"]).count() == 2


def test_program_jenis_wajib(kasi):
    with pytest.raises(ValidationError) as info:
        program_buat(oleh=kasi, data=_data(jenis=""))
    assert "jenis" in info.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFactory(jenis="lainnya")


def test_program_tanggal_dan_kapasitas_dijaga_basis_data(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFactory(
            unit=unit, tanggal_selesai=timezone.localdate() - datetime.timedelta(days=365)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramFactory(unit=unit, kapasitas=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        SumberDayaFactory(jumlah=0)
    assert not Program.objects.exists() and not SumberDaya.objects.exists()


def test_mitra_harus_aktif_dengan_pks_berlaku(kasi, unit):
    kandidat = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=kandidat)
    with pytest.raises(ValidationError) as info:
        program_buat(oleh=kasi, data=_data(mitra=kandidat))
    assert "mitra" in info.value.message_dict
    tanpa_pks = MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    with pytest.raises(ValidationError):
        program_buat(oleh=kasi, data=_data(mitra=tanpa_pks))
    aktif = MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    PerjanjianFactory(mitra=aktif)
    assert program_buat(oleh=kasi, data=_data(mitra=aktif)).mitra == aktif


def test_mitra_kantor_lain_ditolak(kasi, unit_lain):
    mitra = MitraFactory(unit=unit_lain, status=StatusMitra.AKTIF)
    PerjanjianFactory(mitra=mitra)
    with pytest.raises(ValidationError):
        program_buat(oleh=kasi, data=_data(mitra=mitra))


@pytest.fixture
def program(unit):
    return ProgramFactory(unit=unit, kapasitas=2)


def test_kapasitas_dijaga_layanan(program, pk, kasi):
    a, b, c = (KlienFactory(pk_pembimbing=pk) for _ in range(3))
    peserta_daftar(program=program, klien=a, oleh=kasi)
    peserta_daftar(program=program, klien=b, oleh=kasi)
    with pytest.raises(ValidationError) as info:
        peserta_daftar(program=program, klien=c, oleh=kasi)
    assert "penuh" in info.value.message_dict["program"][0]
    # a place freed by a dropout can be taken
    peserta_keluar(
        peserta=Peserta.objects.get(klien=a),
        oleh=kasi,
        status="keluar",
        tanggal=timezone.localdate(),
        alasan="Bekerja di kapal pesiar",
    )
    assert peserta_daftar(program=program, klien=c, oleh=kasi).status == "aktif"


def test_satu_keikutsertaan_aktif_per_klien(program, pk, kasi):
    k = KlienFactory(pk_pembimbing=pk)
    pertama = peserta_daftar(program=program, klien=k, oleh=kasi)
    with pytest.raises(ValidationError) as info:
        peserta_daftar(program=program, klien=k, oleh=kasi)
    assert "sudah menjadi peserta aktif" in info.value.message_dict["klien"][0]
    # the database refuses it too (a race past the service's check)
    with pytest.raises(IntegrityError), transaction.atomic():
        PesertaFactory(program=program, klien=k)
    peserta_keluar(
        peserta=pertama, oleh=kasi, status="selesai", tanggal=timezone.localdate(), hasil="Lulus"
    )
    kedua = peserta_daftar(program=program, klien=k, oleh=kasi)  # enrolled again, later
    assert Peserta.objects.filter(klien=k).count() == 2 and kedua.status == "aktif"


def test_klien_kantor_lain_atau_berakhir_ditolak(program, kasi, kasi_lain):
    from tests.factories import UserFactory

    lain = KlienFactory(pk_pembimbing=UserFactory(peran="PK", unit=kasi_lain.unit))
    with pytest.raises(ValidationError, match="kantor"):
        peserta_daftar(program=program, klien=lain, oleh=kasi)
    berakhir = KlienFactory(
        pk_pembimbing=UserFactory(peran="PK", unit=program.unit),
        status="SELESAI",
        tanggal_berakhir=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="berakhir"):
        peserta_daftar(program=program, klien=berakhir, oleh=kasi)
    assert not Peserta.objects.exists()


def test_peserta_keluar_perlu_alasan(program, pk, kasi):
    p = PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    with pytest.raises(ValidationError) as info:
        peserta_keluar(peserta=p, oleh=kasi, status="keluar", tanggal=timezone.localdate())
    assert "alasan_keluar" in info.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Peserta.objects.filter(pk=p.pk).update(status="keluar", tanggal_keluar=timezone.localdate())


def test_sesi_berulang_mingguan(program, pk):
    mulai = timezone.now().replace(microsecond=0)
    sesi = sesi_buat(
        oleh=pk, minggu=8, jenis=JenisSesi.KELOMPOK, program=program, mulai=mulai, tempat="Aula"
    )
    assert [s.mulai for s in sesi] == [mulai + datetime.timedelta(weeks=i) for i in range(8)]
    assert {(s.unit_id, s.pk_pencatat_id, s.versi) for s in sesi} == {(program.unit_id, pk.pk, 0)}
    with pytest.raises(ValidationError):
        sesi_buat(oleh=pk, minggu=0, jenis=JenisSesi.KELOMPOK, program=program, mulai=mulai)
    assert Sesi.objects.count() == 8


def test_sesi_individu_hanya_untuk_klien_sendiri(pk, pk_lain):
    lain = KlienFactory(pk_pembimbing=pk_lain)
    with pytest.raises(ValidationError) as info:
        sesi_buat(oleh=pk, jenis=JenisSesi.WAJIB_LAPOR, klien=lain, mulai=timezone.now())
    assert "klien" in info.value.message_dict
    sendiri = KlienFactory(pk_pembimbing=pk)
    [sesi] = sesi_buat(
        oleh=pk, jenis=JenisSesi.KUNJUNGAN_RUMAH, klien=sendiri, mulai=timezone.now()
    )
    assert sesi.unit_id == sendiri.unit_id


def test_bentuk_sesi_dijaga_basis_data(program, pk):
    k = KlienFactory(pk_pembimbing=pk)
    for salah in (
        {"jenis": JenisSesi.KELOMPOK, "program": program, "klien": k},
        {"jenis": JenisSesi.WAJIB_LAPOR, "program": program, "klien": None},
        {"jenis": JenisSesi.KELOMPOK, "program": program, "moda": "telepati"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            SesiFactory(**salah)
    with pytest.raises(ValidationError) as info:
        sesi_buat(oleh=pk, jenis=JenisSesi.WAJIB_LAPOR, program=program, mulai=timezone.now())
    assert "jenis" in info.value.message_dict


@pytest.mark.parametrize(
    "nilai",
    [
        {"hasil": HasilHadir.IZIN, "dapat_diterima": True},  # izin without a reason
        {"hasil": HasilHadir.IZIN, "alasan": "sakit", "dapat_diterima": False},
        {"hasil": HasilHadir.TIDAK_HADIR, "dapat_diterima": None},
        {"hasil": HasilHadir.HADIR, "dapat_diterima": True},
        {"hasil": HasilHadir.HADIR, "alasan": "sakit"},
        {"hasil": HasilHadir.MENUNGGU_KETERANGAN},  # without a deadline
        {"hasil": HasilHadir.TIDAK_HADIR, "dapat_diterima": False, "batas_keterangan": HARI},
        {"hasil": "bolos"},
        {"hasil": HasilHadir.TIDAK_HADIR, "dapat_diterima": False, "alasan": "malas"},
    ],
)
def test_kehadiran_tidak_konsisten_ditolak_basis_data(nilai):
    with pytest.raises(IntegrityError), transaction.atomic():
        KehadiranFactory(**nilai)
    assert not Kehadiran.objects.exists()


def test_kehadiran_unik_per_sesi_dan_klien():
    h = KehadiranFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KehadiranFactory(sesi=h.sesi, klien=h.klien)
