"""pembimbingan.services_program: changing a programme and its resources, enrolling several
clients at once, changing a session."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jejak.models import JejakAudit
from pembimbingan.models import Peserta, Program, Sesi, SumberDaya
from pembimbingan.pilihan import JenisSesi, ModaSesi
from pembimbingan.services import sesi_buat
from pembimbingan.services_program import (
    peserta_daftar_banyak,
    program_ubah,
    sesi_ubah,
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(unit):
    program = ProgramFactory(unit=unit, kapasitas=3)
    SumberDayaFactory(program=program, nama="Kit", jumlah=2)
    return program


def _sd(program):
    return [
        {"id": sd.pk, "nama": sd.nama, "jumlah": sd.jumlah, "satuan": sd.satuan}
        for sd in program.sumber_daya.all()
    ]


def test_ubah_tanpa_perubahan_tidak_menulis_sumber_daya(kasi, program):
    sebelum = JejakAudit.objects.filter(content_type__model="sumberdaya").count()
    program_ubah(program=program, oleh=kasi, data={"topik": "Baru"}, sumber_daya=_sd(program))
    assert JejakAudit.objects.filter(content_type__model="sumberdaya").count() == sebelum
    assert Program.objects.get(pk=program.pk).topik == "Baru"


def test_sumber_daya_dikosongkan_dihapus(kasi, program):
    program_ubah(program=program, oleh=kasi, data={}, sumber_daya=[])
    assert not SumberDaya.objects.filter(program=program).exists()


def test_sumber_daya_ganda_atau_asing_ditolak(kasi, program, unit):
    (sd,) = _sd(program)
    with pytest.raises(ValidationError) as info:
        program_ubah(program=program, oleh=kasi, data={}, sumber_daya=[sd, dict(sd)])
    assert "sumber_daya" in info.value.message_dict
    asing = SumberDayaFactory(program=ProgramFactory(unit=unit))
    with pytest.raises(ValidationError):
        program_ubah(
            program=program,
            oleh=kasi,
            data={},
            sumber_daya=[{"id": asing.pk, "nama": "x", "jumlah": 1, "satuan": ""}],
        )
    asing.refresh_from_db()
    assert asing.nama == "Kit melukis"


def test_jumlah_nol_ditolak(kasi, program):
    with pytest.raises(ValidationError) as info:
        program_ubah(
            program=program,
            oleh=kasi,
            data={},
            sumber_daya=[{"nama": "Kit", "jumlah": 0, "satuan": ""}],
        )
    assert info.value.messages == ["Jumlah sedikitnya 1."]
    assert SumberDaya.objects.filter(program=program).count() == 1


def test_kapasitas_dan_mitra(kasi, program, unit):
    for _ in range(2):
        PesertaFactory(program=program)
    with pytest.raises(ValidationError) as info:
        program_ubah(program=program, oleh=kasi, data={"kapasitas": 1}, sumber_daya=_sd(program))
    assert "kapasitas" in info.value.message_dict
    program_ubah(program=program, oleh=kasi, data={"kapasitas": 2}, sumber_daya=_sd(program))
    program_ubah(program=program, oleh=kasi, data={"kapasitas": None}, sumber_daya=_sd(program))
    kandidat = MitraFactory(unit=unit)
    with pytest.raises(ValidationError) as info:
        program_ubah(program=program, oleh=kasi, data={"mitra": kandidat}, sumber_daya=[])
    assert "mitra" in info.value.message_dict
    aktif = MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    PerjanjianFactory(mitra=aktif)
    program_ubah(program=program, oleh=kasi, data={"mitra": aktif}, sumber_daya=[])
    assert Program.objects.get(pk=program.pk).mitra == aktif


def test_program_kantor_lain_tidak_ditemukan(kasi_lain, program):
    with pytest.raises(Program.DoesNotExist):
        program_ubah(program=program, oleh=kasi_lain, data={"topik": "x"}, sumber_daya=[])


def test_kunci_asing_kesalahan_pemrograman(kasi, program):
    with pytest.raises(ValueError):
        program_ubah(program=program, oleh=kasi, data={"unit": None}, sumber_daya=[])


def test_daftar_banyak_semua_atau_tidak_sama_sekali(kasi, pk, program):
    sudah = PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk, nama="Ayu"))
    baru = KlienFactory(pk_pembimbing=pk, nama="Budi")
    with pytest.raises(ValidationError) as info:
        peserta_daftar_banyak(program=program, klien=[baru, sudah.klien], oleh=kasi)
    assert info.value.message_dict["klien"] == [
        "Ayu: Klien ini sudah menjadi peserta aktif program ini."
    ]
    assert not Peserta.objects.filter(klien=baru).exists()
    with pytest.raises(ValidationError):
        peserta_daftar_banyak(program=program, klien=[], oleh=kasi)
    (p,) = peserta_daftar_banyak(program=program, klien=[baru], oleh=kasi)
    assert p.tanggal_masuk == timezone.localdate()


def test_daftar_banyak_kapasitas(kasi, pk, program):
    klien = [KlienFactory(pk_pembimbing=pk) for _ in range(4)]
    with pytest.raises(ValidationError) as info:
        peserta_daftar_banyak(program=program, klien=klien, oleh=kasi)
    assert "sisa 3 tempat, Anda memilih 4 klien" in info.value.message_dict["klien"][0]
    assert len(peserta_daftar_banyak(program=program, klien=klien[:3], oleh=kasi)) == 3


# --- sessions -----------------------------------------------------------------------------


def _jam(tanggal: datetime.date, jam: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def test_sesi_ubah_semua_isian(pk, program):
    hari = datetime.date(2026, 3, 2)
    sesi = SesiFactory(program=program, mulai=_jam(hari, 9))
    sesi_ubah(
        sesi=sesi,
        oleh=pk,
        data={
            "mulai": _jam(hari + datetime.timedelta(days=2), 14),
            "tempat": "Balai desa",
            "moda": ModaSesi.VIDEO,
            "fasilitator": "Dr. Tina",
            "catatan": "Dipindah",
        },
    )
    sesi.refresh_from_db()
    assert (timezone.localtime(sesi.mulai).day, sesi.moda, sesi.tempat) == (
        4,
        "video",
        "Balai desa",
    )
    assert JejakAudit.objects.filter(content_type__model="sesi", object_pk=str(sesi.pk)).exists()


def test_sesi_berkehadiran_tetap_harinya(pk, program):
    hari = datetime.date(2026, 3, 2)
    sesi = SesiFactory(program=program, mulai=_jam(hari, 9))
    KehadiranFactory(sesi=sesi)
    with pytest.raises(ValidationError) as info:
        sesi_ubah(sesi=sesi, oleh=pk, data={"mulai": _jam(hari + datetime.timedelta(days=1), 9)})
    assert "tidak dapat dipindah ke hari lain" in info.value.message_dict["tanggal"][0]
    sesi_ubah(sesi=sesi, oleh=pk, data={"mulai": _jam(hari, 15)})  # the same day, later
    sesi.refresh_from_db()
    assert timezone.localtime(sesi.mulai).hour == 15


def test_sesi_ubah_moda_tak_dikenal_ditolak(pk, program):
    sesi = SesiFactory(program=program)
    with pytest.raises(ValidationError) as info:
        sesi_ubah(sesi=sesi, oleh=pk, data={"moda": "teleportasi"})
    assert "moda" in info.value.message_dict


def test_sesi_klien_pk_lain_tidak_ditemukan(pk, pk_lain):
    klien = KlienFactory(pk_pembimbing=pk)
    sesi = SesiFactory(program=None, klien=klien, jenis=JenisSesi.KUNJUNGAN_RUMAH)
    with pytest.raises(Sesi.DoesNotExist):
        sesi_ubah(sesi=sesi, oleh=pk_lain, data={"catatan": "x"})
    with pytest.raises(ValueError):
        sesi_ubah(sesi=sesi, oleh=pk, data={"klien": None})


def test_jadwal_yang_sama_tidak_dibuat_dua_kali(pk, program):
    mulai = _jam(datetime.date(2026, 9, 1), 9)
    isian = {"oleh": pk, "jenis": JenisSesi.KELOMPOK, "mulai": mulai, "program": program}
    assert len(sesi_buat(minggu=4, **isian)) == 4
    # a series that meets one of them (its third week is the first series' fourth)
    with pytest.raises(ValidationError) as info:
        sesi_buat(minggu=3, **{**isian, "mulai": mulai + datetime.timedelta(weeks=2)})
    assert info.value.message_dict["mulai"] == [
        "Sudah ada sesi pada 15 September 2026 09:00, 22 September 2026 09:00; jadwal yang "
        "sama tidak dibuat dua kali."
    ]
    assert Sesi.objects.count() == 4
    # another time of the same day, or another programme at the same time, is fine
    sesi_buat(**{**isian, "mulai": mulai + datetime.timedelta(hours=5)})
    sesi_buat(**{**isian, "program": ProgramFactory(unit=program.unit)})
    assert Sesi.objects.count() == 6
    for minggu in (0, 53):
        with pytest.raises(ValidationError) as info:
            sesi_buat(minggu=minggu, **isian)
        assert "minggu" in info.value.message_dict


def test_kunjungan_rumah_ganda_ditolak(pk):
    klien = KlienFactory(pk_pembimbing=pk)
    isian = {
        "oleh": pk,
        "jenis": JenisSesi.KUNJUNGAN_RUMAH,
        "mulai": _jam(datetime.date(2026, 9, 1), 9),
        "klien": klien,
    }
    sesi_buat(**isian)
    with pytest.raises(ValidationError):
        sesi_buat(**isian)
    assert Sesi.objects.filter(klien=klien).count() == 1
