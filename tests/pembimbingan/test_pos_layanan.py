"""services_pos: posts in the office's work area, outreach days at active posts from today
on, registrations of the running clients the user may see (idempotent, up to the day),
removal before the day; the registered clients are the day's attendance list."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from jejak.models import JejakAudit, Peristiwa
from pembimbingan import services_pos
from pembimbingan.kepatuhan import klien_sesi
from pembimbingan.models import PendaftaranPos, PosLayanan, Sesi
from pembimbingan.pilihan import JenisSesi, ModaSesi
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    PendaftaranPosFactory,
    ProgramFactory,
    SesiFactory,
)
from tests.pembimbingan.pos_dunia import buat_dunia_pos


@pytest.fixture
def dunia_pos(unit):
    return buat_dunia_pos(unit)


def _pada(hari: int, jam: int = 9) -> datetime.datetime:
    """`hari` days from today at `jam` o'clock, in the office's time zone."""
    tanggal = timezone.localdate() + datetime.timedelta(days=hari)
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


@pytest.fixture
def pos(dunia_pos):
    return dunia_pos.pos["Pos Nusa Penida"]


@pytest.fixture
def hari(pos, pk):
    """An outreach day at the Nusa Penida post in three days."""
    return HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(3))


# --- Posts ---------------------------------------------------------------------------------


def test_pos_buat_di_wilayah_kerja(dunia_pos, kasi):
    pos = services_pos.pos_buat(
        oleh=kasi,
        data={"nama": "Pos Kintamani", "kecamatan": dunia_pos.kecamatan["Kintamani"]},
    )
    assert (pos.unit_id, pos.aktif, pos.kecamatan.nama) == (kasi.unit_id, True, "Kintamani")
    assert JejakAudit.objects.filter(
        content_type__model="poslayanan", object_pk=str(pos.pk), jenis=Peristiwa.BUAT
    ).exists()


def test_pos_di_luar_wilayah_kerja_ditolak(dunia_pos, kasi):
    with pytest.raises(ValidationError) as info:
        services_pos.pos_buat(
            oleh=kasi, data={"nama": "Pos Luar", "kecamatan": dunia_pos.kecamatan_luar}
        )
    assert info.value.message_dict == {
        "kecamatan": ["Pilih kecamatan di wilayah kerja kantor Anda."]
    }
    assert not PosLayanan.objects.filter(nama="Pos Luar").exists()


def test_nama_pos_ganda_ditolak_per_kantor(dunia_pos, kasi, kasi_lain):
    data = {"nama": "Pos Kubu", "kecamatan": dunia_pos.kecamatan["Kubu"]}
    with pytest.raises(ValidationError) as info:
        services_pos.pos_buat(oleh=kasi, data=data)
    assert "nama" in info.value.message_dict


def test_field_yang_tidak_diterima_kesalahan_program(dunia_pos, kasi, unit_lain):
    with pytest.raises(ValueError, match="unit"):
        services_pos.pos_buat(
            oleh=kasi, data={"nama": "X", "kecamatan": dunia_pos.kecamatan["Kubu"], "unit": 1}
        )


def test_pos_ubah_dan_kantor_lain(dunia_pos, kasi, kasi_lain):
    pos = dunia_pos.pos["Pos Selat"]
    services_pos.pos_ubah(pos=pos, oleh=kasi, data={"alamat": "Balai Desa Selat"})
    pos.refresh_from_db()
    assert pos.alamat == "Balai Desa Selat"
    with pytest.raises(PosLayanan.DoesNotExist):
        services_pos.pos_ubah(pos=pos, oleh=kasi_lain, data={"alamat": "Diubah"})
    with pytest.raises(ValidationError) as info:
        services_pos.pos_ubah(pos=pos, oleh=kasi, data={"kecamatan": dunia_pos.kecamatan_luar})
    assert list(info.value.message_dict) == ["kecamatan"]


def test_pos_dengan_hari_mendatang_tetap_aktif(pos, hari, kasi):
    with pytest.raises(ValidationError) as info:
        services_pos.pos_ubah(pos=pos, oleh=kasi, data={"aktif": False})
    assert "1 hari layanan mendatang" in info.value.message_dict["aktif"][0]
    hari.mulai = _pada(-14)
    hari.save()
    services_pos.pos_ubah(pos=pos, oleh=kasi, data={"aktif": False})
    pos.refresh_from_db()
    assert not pos.aktif


# --- Outreach days -------------------------------------------------------------------------


def test_hari_layanan_buat(pos, pk):
    sesi = services_pos.hari_layanan_buat(oleh=pk, pos=pos, mulai=_pada(7), catatan=" Bawa KTP ")
    assert (sesi.jenis, sesi.moda, sesi.pos, sesi.unit_id) == (
        JenisSesi.LAYANAN_POS,
        ModaSesi.POS_LAYANAN,
        pos,
        pos.unit_id,
    )
    assert (sesi.program, sesi.klien, sesi.pk_pencatat) == (None, None, pk)
    assert sesi.tempat == pos.alamat and sesi.catatan == "Bawa KTP"
    # today is still allowed
    assert services_pos.hari_layanan_buat(oleh=pk, pos=pos, mulai=_pada(0, jam=23)).pk


@pytest.mark.parametrize(
    ("hari", "pesan"),
    [
        (-1, "tanggal lampau"),
        (7, "sudah memiliki hari layanan pada tanggal itu"),
    ],
)
def test_hari_layanan_lampau_atau_ganda_ditolak(pos, pk, hari, pesan):
    HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(7, jam=14))
    with pytest.raises(ValidationError) as info:
        services_pos.hari_layanan_buat(oleh=pk, pos=pos, mulai=_pada(hari))
    assert pesan in info.value.message_dict["mulai"][0]


def test_hari_layanan_pos_nonaktif_atau_kantor_lain_ditolak(pos, pk, kasi_lain):
    with pytest.raises(ValidationError) as info:
        services_pos.hari_layanan_buat(oleh=kasi_lain, pos=pos, mulai=_pada(7))
    assert list(info.value.message_dict) == ["pos"]
    pos.aktif = False
    pos.save()
    with pytest.raises(ValidationError):
        services_pos.hari_layanan_buat(oleh=pk, pos=pos, mulai=_pada(7))
    assert not Sesi.objects.filter(pos=pos).exists()


# --- Registration --------------------------------------------------------------------------


def test_daftarkan_dan_ulangi_tidak_mengubah_apa_pun(dunia_pos, hari, pk):
    a, b = dunia_pos.klien(pk, "Nusa Penida"), dunia_pos.klien(pk, "Klungkung")
    baru = services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[a.pk, b.pk, a.pk])
    assert sorted(p.klien_id for p in baru) == sorted([a.pk, b.pk])
    rows = PendaftaranPos.objects.filter(sesi=hari)
    assert {(p.klien_id, p.unit_id, p.didaftarkan_oleh_id) for p in rows} == {
        (a.pk, hari.unit_id, pk.pk),
        (b.pk, hari.unit_id, pk.pk),
    }
    # each row's creation is in the trail, as auditlog would have written it
    entri = JejakAudit.objects.filter(content_type__model="pendaftaranpos")
    assert {(e.klien_id, e.jenis, e.actor_id) for e in entri} == {
        (a.pk, Peristiwa.BUAT, pk.pk),
        (b.pk, Peristiwa.BUAT, pk.pk),
    }
    # again, with one more: only the new one is written
    c = dunia_pos.klien(pk, "Nusa Penida")
    baru = services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[a.pk, b.pk, c.pk])
    assert [p.klien_id for p in baru] == [c.pk]
    assert services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[c.pk, a.pk]) == []
    assert rows.all().count() == 3 and entri.all().count() == 3
    # the day's attendance is about them
    assert {k.pk for k in klien_sesi(hari)} == {a.pk, b.pk, c.pk}


def test_jumlah_query_tetap(dunia_pos, hari, pk, django_assert_num_queries):
    ContentType.objects.get_for_model(PendaftaranPos)  # its cache warm, as in a running server
    for n in (2, 15):
        klien = [dunia_pos.klien(pk, "Nusa Penida") for _ in range(n)]
        # savepoint, the day locked, the clients, the registered ones, the insert, the audit
        # entries' insert, release
        with django_assert_num_queries(7):
            services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[k.pk for k in klien])


def test_klien_pk_lain_kantor_lain_atau_selesai_ditolak(
    dunia_pos, hari, pk, pk_lain, kasi, kasi_lain
):
    punya_lain = dunia_pos.klien(pk_lain, "Nusa Penida")
    with pytest.raises(ValidationError) as info:
        services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[punya_lain.pk])
    assert str(punya_lain.pk) in info.value.message_dict["klien"][0]
    # the office's managers register any client of the office
    assert services_pos.pos_daftarkan(sesi=hari, oleh=kasi, klien_ids=[punya_lain.pk])

    kantor_lain = KlienFactory(pk_pembimbing=UserFactory(unit=kasi_lain.unit))
    with pytest.raises(ValidationError):
        services_pos.pos_daftarkan(sesi=hari, oleh=kasi, klien_ids=[kantor_lain.pk])
    with pytest.raises(Sesi.DoesNotExist):  # another office's day
        services_pos.pos_daftarkan(sesi=hari, oleh=kasi_lain, klien_ids=[kantor_lain.pk])

    selesai = dunia_pos.klien(
        pk, "Nusa Penida", nama="Sudah Selesai", status="SELESAI", tanggal_berakhir=_pada(-1)
    )
    with pytest.raises(ValidationError) as info:
        services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[selesai.pk])
    assert info.value.message_dict["klien"] == [
        "Bimbingan klien ini sudah berakhir: Sudah Selesai."
    ]
    assert set(PendaftaranPos.objects.values_list("klien_id", flat=True)) == {punya_lain.pk}


def test_daftarkan_kosong_hari_lewat_atau_bukan_hari_layanan_ditolak(dunia_pos, hari, pk):
    k = dunia_pos.klien(pk, "Nusa Penida")
    with pytest.raises(ValidationError) as info:
        services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[])
    assert info.value.message_dict == {"klien": ["Pilih sedikitnya satu klien."]}
    kelompok = SesiFactory(program=ProgramFactory(unit=pk.unit))
    with pytest.raises(ValidationError) as info:
        services_pos.pos_daftarkan(sesi=kelompok, oleh=pk, klien_ids=[k.pk])
    assert info.value.message_dict == {"sesi": ["Sesi ini bukan hari layanan pos."]}
    hari.mulai = _pada(-1)
    hari.save()
    with pytest.raises(ValidationError) as info:
        services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[k.pk])
    assert info.value.message_dict == {"sesi": ["Hari layanan sudah lewat; pendaftaran ditutup."]}
    # on the day itself, still open (a client who turns up at the post)
    hari.mulai = _pada(0, jam=0)
    hari.save()
    assert services_pos.pos_daftarkan(sesi=hari, oleh=pk, klien_ids=[k.pk])


def test_batalkan_sebelum_hari(dunia_pos, hari, pk, pk_lain, kasi):
    a = dunia_pos.klien(pk, "Nusa Penida")
    b = dunia_pos.klien(pk_lain, "Nusa Penida")
    for k in (a, b):
        PendaftaranPosFactory(sesi=hari, klien=k)
    with pytest.raises(ValidationError):  # not a client of theirs
        services_pos.pos_batalkan_pendaftaran(sesi=hari, oleh=pk, klien=b)
    services_pos.pos_batalkan_pendaftaran(sesi=hari, oleh=pk, klien=a)
    services_pos.pos_batalkan_pendaftaran(sesi=hari, oleh=kasi, klien=b)
    assert not PendaftaranPos.objects.exists()
    with pytest.raises(ValidationError) as info:  # twice: no longer registered
        services_pos.pos_batalkan_pendaftaran(sesi=hari, oleh=pk, klien=a)
    assert "tidak terdaftar" in info.value.message_dict["klien"][0]


def test_batalkan_pada_hari_ditolak(dunia_pos, pos, pk):
    hari_ini = HariLayananFactory(pos=pos, pk_pencatat=pk, mulai=_pada(0, jam=0))
    a = dunia_pos.klien(pk, "Nusa Penida")
    PendaftaranPosFactory(sesi=hari_ini, klien=a)
    with pytest.raises(ValidationError) as info:
        services_pos.pos_batalkan_pendaftaran(sesi=hari_ini, oleh=pk, klien=a)
    assert list(info.value.message_dict) == ["sesi"]
    assert PendaftaranPos.objects.count() == 1
