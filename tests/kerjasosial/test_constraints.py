"""Pasal 85 in the database and in the services: 8 to 240 hours, a window of at most six
months, at most 8 hours a day, no work outside the window, consent and a non-commercial
site. Each refusal is in Indonesian, on its field, and saves nothing; the database refuses
the same rows written past the services (run on SQLite and on PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from kerjasosial import services
from kerjasosial.models import JamKerjaSosial, LokasiKerjaSosial, PutusanKerjaSosial
from kerjasosial.services import HasilKerja
from tests.kerjasosial.factories import LokasiFactory, PutusanFactory

HARI = datetime.timedelta(days=1)


def _data_putusan(lokasi, mulai, **lain):
    return {
        "lokasi": lokasi,
        "nomor_putusan": "12/Pid.B/2026/PN Amp",
        "tanggal_putusan": mulai - 7 * HARI,
        "kejaksaan": "Kejaksaan Negeri Karangasem",
        "jam_diputus": 120,
        "tanggal_mulai": mulai,
        "batas_akhir": mulai + 90 * HARI,
        "persetujuan_klien": True,
        "akibat_tidak_selesai": "penjara",
    } | lain


@pytest.mark.parametrize("jam", [0, 7, 241, 500])
def test_jam_di_luar_8_sampai_240_ditolak(klien, pk, lokasi, hari_ini, jam):
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(
            klien=klien, oleh=pk, data=_data_putusan(lokasi, hari_ini, jam_diputus=jam)
        )
    assert info.value.message_dict == {"jam_diputus": ["Pidana kerja sosial 8 sampai 240 jam."]}
    assert not PutusanKerjaSosial.objects.exists()


@pytest.mark.parametrize("jam", [8, 240])
def test_batas_jam_diterima(klien, pk, lokasi, hari_ini, jam):
    p = services.putusan_simpan(
        klien=klien, oleh=pk, data=_data_putusan(lokasi, hari_ini, jam_diputus=jam)
    )
    assert p.jam_diputus == jam and p.unit_id == klien.unit_id


def test_jangka_lebih_dari_6_bulan_ditolak(klien, pk, lokasi, hari_ini):
    mulai = datetime.date(2026, 3, 2)
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(
            klien=klien,
            oleh=pk,
            data=_data_putusan(lokasi, mulai, batas_akhir=datetime.date(2026, 9, 3)),
        )
    assert info.value.message_dict == {
        "batas_akhir": [
            "Jangka waktu pelaksanaan paling lama 6 bulan: "
            "batas akhir paling lambat 2 September 2026."
        ]
    }
    assert not PutusanKerjaSosial.objects.exists()
    # exactly six calendar months is allowed
    services.putusan_simpan(
        klien=klien,
        oleh=pk,
        data=_data_putusan(lokasi, mulai, batas_akhir=datetime.date(2026, 9, 2)),
    )


def test_jam_yang_tidak_muat_dalam_jangka_ditolak(klien, pk, lokasi, hari_ini):
    data = _data_putusan(lokasi, hari_ini, jam_diputus=81, batas_akhir=hari_ini + 9 * HARI)
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(klien=klien, oleh=pk, data=data)
    assert info.value.message_dict == {
        "jam_diputus": [
            "Jam yang diputus tidak dapat diselesaikan dalam jangka waktu ini "
            "(paling lama 8 jam sehari)."
        ]
    }
    services.putusan_simpan(klien=klien, oleh=pk, data=data | {"jam_diputus": 80})


def test_tanpa_persetujuan_dan_lokasi_kantor_lain_ditolak(klien, pk, hari_ini, unit_lain):
    lokasi_lain = LokasiFactory(unit=unit_lain)
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(
            klien=klien,
            oleh=pk,
            data=_data_putusan(lokasi_lain, hari_ini, persetujuan_klien=False),
        )
    assert info.value.message_dict == {
        "lokasi": ["Pilih lokasi aktif dari kantor ini."],
        "persetujuan_klien": ["Persetujuan klien wajib dicatat."],
    }
    assert not PutusanKerjaSosial.objects.exists()


def test_lokasi_penuh_ditolak(pk, lokasi, hari_ini):
    from tests.kerjasosial.factories import KlienKerjaSosialFactory

    lokasi.kapasitas = 2
    lokasi.save()
    for _ in range(2):
        services.putusan_simpan(
            klien=KlienKerjaSosialFactory(pk_pembimbing=pk),
            oleh=pk,
            data=_data_putusan(lokasi, hari_ini),
        )
    ketiga = KlienKerjaSosialFactory(pk_pembimbing=pk)
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(klien=ketiga, oleh=pk, data=_data_putusan(lokasi, hari_ini))
    assert info.value.message_dict == {
        "lokasi": ["Lokasi ini sudah penuh: 2 klien sedang bekerja di sana."]
    }
    assert PutusanKerjaSosial.objects.count() == 2
    # a correction of an order already placed there is not refused
    p = PutusanKerjaSosial.objects.first()
    services.putusan_simpan(klien=p.klien, oleh=pk, data={"catatan": "Jadwal pagi."})


def test_hanya_untuk_klien_program_kerja_sosial(pk, lokasi, hari_ini):
    from tests.klien.factories import KlienFactory

    klien_pb = KlienFactory(pk_pembimbing=pk)
    with pytest.raises(ValidationError, match="hanya untuk klien program pidana kerja sosial"):
        services.putusan_simpan(klien=klien_pb, oleh=pk, data=_data_putusan(lokasi, hari_ini))


def test_database_menolak_putusan_di_luar_aturan(klien, lokasi):
    for salah in ({"jam_diputus": 7}, {"jam_diputus": 241}, {"persetujuan_klien": False}):
        with pytest.raises(IntegrityError), transaction.atomic():
            PutusanFactory(klien=klien, lokasi=lokasi, **salah)
    mulai = datetime.date(2026, 3, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        PutusanFactory(klien=klien, lokasi=lokasi, tanggal_mulai=mulai, batas_akhir=mulai)
    assert not PutusanKerjaSosial.objects.exists()


def test_lokasi_wajib_nonkomersial(unit, kasi, desa):
    data = {
        "nama": "Pura Desa Rendang",
        "jenis": "ibadah",
        "alamat": "Rendang",
        "kecamatan": desa.kecamatan,
        "narahubung": "Jero Mangku",
        "telepon": "0812",
        "jenis_pekerjaan": "Bersih-bersih pura",
        "kapasitas": 3,
        "hari_buka": "Sabtu",
        "nomor_perjanjian": "PKS/KS/1",
        "tanggal_perjanjian": datetime.date(2026, 1, 2),
        "nonkomersial": False,
    }
    with pytest.raises(ValidationError) as info:
        services.lokasi_buat(unit=unit, oleh=kasi, data=data)
    assert info.value.message_dict == {
        "nonkomersial": ["Pekerjaan di lokasi kerja sosial wajib dinyatakan tidak komersial."]
    }
    assert not LokasiKerjaSosial.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        LokasiFactory(unit=unit, nonkomersial=False)
    services.lokasi_buat(unit=unit, oleh=kasi, data=data | {"nonkomersial": True})


@pytest.fixture
def putusan(klien, lokasi, pk, hari_ini):
    return services.putusan_simpan(
        klien=klien,
        oleh=pk,
        data=_data_putusan(lokasi, hari_ini - 14 * HARI, jam_diputus=40),
    )


def test_lebih_dari_8_jam_sehari_ditolak(putusan, lokasi, pk, hari_ini):
    kunci = f"klien-{putusan.klien_id}"
    with pytest.raises(ValidationError) as info:
        services.kerja_catat(
            lokasi=lokasi,
            tanggal=hari_ini,
            oleh=pk,
            hasil={putusan.klien_id: HasilKerja(Decimal("8.5"))},
        )
    assert info.value.message_dict == {kunci: ["Kerja sosial paling lama 8 jam dalam sehari."]}
    assert not JamKerjaSosial.objects.exists()
    # the database refuses the same row written past the service
    with pytest.raises(IntegrityError), transaction.atomic():
        JamKerjaSosial.objects.create(
            klien=putusan.klien,
            lokasi=lokasi,
            oleh=pk,
            tanggal=hari_ini,
            jam=Decimal(9),
            mulai=putusan.tanggal_mulai,
            batas_akhir=putusan.batas_akhir,
        )
    # and a second row for the same day (which could add up past 8 hours)
    JamKerjaSosial.objects.create(
        klien=putusan.klien,
        lokasi=lokasi,
        oleh=pk,
        tanggal=hari_ini,
        jam=Decimal(5),
        mulai=putusan.tanggal_mulai,
        batas_akhir=putusan.batas_akhir,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        JamKerjaSosial.objects.create(
            klien=putusan.klien,
            lokasi=lokasi,
            oleh=pk,
            tanggal=hari_ini,
            jam=Decimal(4),
            mulai=putusan.tanggal_mulai,
            batas_akhir=putusan.batas_akhir,
        )
    assert JamKerjaSosial.objects.get().jam == 5


def test_kerja_setelah_jangka_ditolak(klien, lokasi, pk, time_machine):
    mulai = datetime.date(2026, 1, 5)
    time_machine.move_to(datetime.datetime(2026, 1, 5, 4, tzinfo=datetime.UTC), tick=False)
    p = services.putusan_simpan(
        klien=klien,
        oleh=pk,
        data=_data_putusan(lokasi, mulai, batas_akhir=datetime.date(2026, 2, 5)),
    )
    time_machine.move_to(datetime.datetime(2026, 2, 10, 4, tzinfo=datetime.UTC), tick=False)
    kunci = f"klien-{klien.pk}"
    for tanggal in (datetime.date(2026, 2, 6), datetime.date(2026, 1, 4)):
        with pytest.raises(ValidationError) as info:
            services.kerja_catat(
                lokasi=lokasi, tanggal=tanggal, oleh=pk, hasil={klien.pk: HasilKerja(Decimal(4))}
            )
        assert info.value.message_dict == {
            kunci: ["Tanggal di luar jangka waktu putusan (5 Januari 2026 sampai 5 Februari 2026)."]
        }
    assert not JamKerjaSosial.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        JamKerjaSosial.objects.create(
            klien=klien,
            lokasi=lokasi,
            oleh=pk,
            tanggal=datetime.date(2026, 2, 6),
            jam=Decimal(4),
            mulai=p.tanggal_mulai,
            batas_akhir=p.batas_akhir,
        )
    assert not JamKerjaSosial.objects.exists()


def test_tidak_hadir_wajib_beralasan(putusan, lokasi, pk, hari_ini):
    with pytest.raises(ValidationError) as info:
        services.kerja_catat(
            lokasi=lokasi,
            tanggal=hari_ini,
            oleh=pk,
            hasil={putusan.klien_id: HasilKerja(None, " ")},
        )
    assert info.value.message_dict == {
        f"klien-{putusan.klien_id}": ["Alasan tidak hadir wajib diisi."]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        JamKerjaSosial.objects.create(
            klien=putusan.klien,
            lokasi=lokasi,
            oleh=pk,
            tanggal=hari_ini,
            hadir=False,
            mulai=putusan.tanggal_mulai,
            batas_akhir=putusan.batas_akhir,
        )
    assert not JamKerjaSosial.objects.exists()


def test_penempatan_mengunci_lokasi(klien, pk, lokasi, hari_ini):
    """Two placements at once cannot both take a site's last place: the site is read again
    and locked before its clients are counted; a correction that stays there does not."""
    with CaptureQueriesContext(connection) as q:
        services.putusan_simpan(klien=klien, oleh=pk, data=_data_putusan(lokasi, hari_ini))
    kunci = " FOR UPDATE" if connection.features.has_select_for_update else ""
    dibaca = [x["sql"] for x in q if x["sql"].startswith('SELECT "kerjasosial_lokasikerjasosial"')]
    assert len(dibaca) == 1 and dibaca[0].endswith(kunci)
    with CaptureQueriesContext(connection) as q:
        services.putusan_simpan(klien=klien, oleh=pk, data={"catatan": "Jadwal pagi."})
    sql = [x["sql"] for x in q if 'FROM "kerjasosial_lokasikerjasosial"' in x["sql"]]
    assert not any(x.endswith(" FOR UPDATE") for x in sql)  # staying: no lock...
    assert not any("COUNT(" in x["sql"] for x in q)  # ...and no count of its clients
