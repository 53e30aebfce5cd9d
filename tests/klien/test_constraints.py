"""Every database constraint of the register, and the NIK warning that is never a refusal."""

import datetime

import pytest
from django.db import DataError, IntegrityError, transaction

from klien.models import Klien
from klien.nik import periksa_nik
from tests.klien.factories import KlienFactory


def _gagal(**kwargs):
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():  # PG: too long
        KlienFactory(**kwargs)


def test_no_register_unik_per_unit_tapi_boleh_di_kantor_lain(klien, pk, kasi_lain, desa):
    _gagal(pk_pembimbing=pk, desa=desa, no_register=klien.no_register)
    from tests.factories import UserFactory

    pk_denpasar = UserFactory(peran="PK", unit=kasi_lain.unit)
    KlienFactory(pk_pembimbing=pk_denpasar, desa=desa, no_register=klien.no_register, nik=klien.nik)
    assert Klien.objects.filter(no_register=klien.no_register).count() == 2


def test_nik_unik_per_unit_kecuali_kosong(klien, pk, desa):
    _gagal(pk_pembimbing=pk, desa=desa, nik=klien.nik)
    KlienFactory(pk_pembimbing=pk, desa=desa, nik="", kategori="ANAK")
    KlienFactory(pk_pembimbing=pk, desa=desa, nik="", kategori="ANAK")


@pytest.mark.parametrize("nik", ["123", "51070115059000011", "51070115059000a1"])
def test_nik_harus_16_angka(pk, desa, nik):
    _gagal(pk_pembimbing=pk, desa=desa, nik=nik)


def test_nik_wajib_untuk_dewasa(pk, desa):
    _gagal(pk_pembimbing=pk, desa=desa, nik="", kategori="DEWASA")


def test_ekspirasi_tidak_sebelum_mulai(pk, desa):
    mulai = datetime.date(2025, 1, 10)
    _gagal(
        pk_pembimbing=pk,
        desa=desa,
        tanggal_mulai=mulai,
        tanggal_ekspirasi=mulai - datetime.timedelta(days=1),
    )


def test_lahir_sebelum_bimbingan(pk, desa):
    mulai = datetime.date(2025, 1, 10)
    _gagal(pk_pembimbing=pk, desa=desa, tanggal_mulai=mulai, tanggal_lahir=mulai)


def test_status_berakhir_butuh_tanggal_berakhir(pk, desa):
    _gagal(pk_pembimbing=pk, desa=desa, status="SELESAI", tanggal_berakhir=None)
    _gagal(pk_pembimbing=pk, desa=desa, status="AKTIF", tanggal_berakhir=datetime.date(2025, 1, 1))


def test_status_tidak_dikenal_ditolak(pk, desa):
    _gagal(pk_pembimbing=pk, desa=desa, status="HILANG")


def test_tahap_diturunkan_dari_tanggal(klien):
    mulai = klien.tanggal_mulai  # 300-day period: awal < day 100 <= lanjutan < day 200 <= akhir
    assert klien.tahap(mulai + datetime.timedelta(days=99)) == "AWAL"
    assert klien.tahap(mulai + datetime.timedelta(days=100)) == "LANJUTAN"
    assert klien.tahap(mulai + datetime.timedelta(days=250)) == "AKHIR"
    hari = mulai + datetime.timedelta(days=150)
    assert list(Klien.objects.tahap("LANJUTAN", hari)) == [klien]
    assert Klien.objects.dengan_tahap(hari).get().tahap_sekarang == "LANJUTAN"


def test_peringatan_nik():
    lahir = datetime.date(1990, 5, 15)
    assert periksa_nik("5107011505900001", lahir, "L") == []
    assert periksa_nik("5107015505900001", lahir, "P") == []
    assert len(periksa_nik("5107015505900001", lahir, "L")) == 1  # +40: a woman's NIK
    assert len(periksa_nik("5107011605900001", lahir, "L")) == 1  # another day


def test_kendala_tabel_peristiwa(klien, pk, pk_lain):
    from klien.models import IndikatorReintegrasi, PengalihanPK, PeristiwaResidivisme, RiwayatStatus

    hari = datetime.date(2026, 1, 5)
    with pytest.raises(IntegrityError), transaction.atomic():  # pengalihan_pk_berbeda
        PengalihanPK.objects.create(
            klien=klien, dari_pk=pk, ke_pk=pk, tanggal=hari, alasan="x", oleh=pk
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # riwayat_status_berubah
        RiwayatStatus.objects.create(
            klien=klien, status_lama="AKTIF", status_baru="AKTIF", tanggal=hari, alasan="x", oleh=pk
        )
    PeristiwaResidivisme.objects.create(
        unit=klien.unit, klien=klien, tanggal=hari, jenis="TERSANGKA", sumber="Polres", oleh=pk
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # residivisme_unik_per_tanggal
        PeristiwaResidivisme.objects.create(
            unit=klien.unit, klien=klien, tanggal=hari, jenis="TERSANGKA", sumber="lain", oleh=pk
        )
    IndikatorReintegrasi.objects.create(
        unit=klien.unit, klien=klien, tonggak="AWAL", tanggal=hari, oleh=pk
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # indikator_satu_per_tonggak
        IndikatorReintegrasi.objects.create(
            unit=klien.unit, klien=klien, tonggak="AWAL", tanggal=hari, oleh=pk_lain
        )
    assert PeristiwaResidivisme.objects.count() == IndikatorReintegrasi.objects.count() == 1
