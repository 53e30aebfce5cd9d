"""The hours ledger with a frozen clock: a morning recorded for several clients, saved twice
without change, corrected, an absence with its reason, and the refusals (future date, more
hours than ordered, another site the same day, another office's client)."""

import datetime
from decimal import Decimal

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasosial import services
from kerjasosial.models import JamKerjaSosial
from kerjasosial.services import HasilKerja
from klien.terkait import data_klien
from tests.factories import UserFactory
from tests.kerjasosial.factories import KlienKerjaSosialFactory, LokasiFactory, PutusanFactory

HARI = datetime.timedelta(days=1)


@pytest.fixture
def tiga(pk, lokasi, hari_ini):
    return [
        PutusanFactory(
            klien=KlienKerjaSosialFactory(pk_pembimbing=pk),
            lokasi=lokasi,
            jam_diputus=20,
            tanggal_mulai=hari_ini - 10 * HARI,
            batas_akhir=hari_ini + 80 * HARI,
        )
        for _ in range(3)
    ]


def test_pagi_kerja_tiga_klien_dan_ulangan_tidak_mengubah(tiga, lokasi, pk, hari_ini):
    a, b, c = (p.klien_id for p in tiga)
    hasil = {
        a: HasilKerja(Decimal(4)),
        b: HasilKerja(Decimal("3.5")),
        c: HasilKerja(None, "Tidak datang tanpa kabar"),
    }
    services.kerja_catat(lokasi=lokasi, tanggal=hari_ini, oleh=pk, hasil=hasil)
    services.kerja_catat(lokasi=lokasi, tanggal=hari_ini, oleh=pk, hasil=hasil)
    baris = {j.klien_id: j for j in JamKerjaSosial.objects.all()}
    assert len(baris) == 3
    assert (baris[a].jam, baris[b].jam, baris[c].jam) == (4, Decimal("3.5"), 0)
    assert baris[c].tanpa_alasan_sah and baris[c].alasan == "Tidak datang tanpa kabar"
    assert baris[a].unit_id == lokasi.unit_id and baris[a].mulai == tiga[0].tanggal_mulai
    # a correction sets the day's hours (the afternoon added: 4 -> 7)
    services.kerja_catat(lokasi=lokasi, tanggal=hari_ini, oleh=pk, hasil={a: HasilKerja(7)})
    assert services.jam_selesai(tiga[0].klien) == 7
    assert JamKerjaSosial.objects.count() == 3


def test_penolakan_tidak_menyimpan_apa_pun(tiga, lokasi, pk, hari_ini, unit_lain):
    a, b, c = (p.klien_id for p in tiga)
    services.kerja_catat(
        lokasi=lokasi,
        tanggal=hari_ini - 2 * HARI,
        oleh=pk,
        hasil={a: HasilKerja(8), b: HasilKerja(8)},
    )
    services.kerja_catat(lokasi=lokasi, tanggal=hari_ini - HARI, oleh=pk, hasil={a: HasilKerja(8)})
    lain = LokasiFactory(unit=lokasi.unit)
    services.kerja_catat(lokasi=lain, tanggal=hari_ini, oleh=pk, hasil={b: HasilKerja(2)})
    asing = PutusanFactory(klien=KlienKerjaSosialFactory(pk_pembimbing=UserFactory(unit=unit_lain)))
    sebelum = list(JamKerjaSosial.objects.values_list("klien_id", "tanggal", "jam"))
    with pytest.raises(ValidationError) as info:
        services.kerja_catat(
            lokasi=lokasi,
            tanggal=hari_ini,
            oleh=pk,
            hasil={
                a: HasilKerja(5),  # 16 done of 20
                b: HasilKerja(1),  # already at another site today
                c: HasilKerja(Decimal("2.25")),
                asing.klien_id: HasilKerja(2),
            },
        )
    assert info.value.message_dict == {
        f"klien-{a}": ["Melebihi jam yang diputus: sisa 4 jam."],
        f"klien-{b}": [f"Kerja sosial klien pada tanggal ini sudah dicatat di {lain.nama}."],
        f"klien-{c}": ["Jam kerja dicatat per setengah jam."],
        f"klien-{asing.klien_id}": ["Klien ini tidak memiliki putusan kerja sosial di kantor ini."],
    }
    assert list(JamKerjaSosial.objects.values_list("klien_id", "tanggal", "jam")) == sebelum
    with pytest.raises(ValidationError) as info:
        services.kerja_catat(
            lokasi=lokasi, tanggal=hari_ini + HARI, oleh=pk, hasil={c: HasilKerja(2)}
        )
    assert info.value.message_dict == {"tanggal": ["Tanggal tidak boleh di masa depan."]}


def test_ubah_putusan_tidak_boleh_meninggalkan_jam_di_luar_jangka(tiga, lokasi, pk, hari_ini):
    p = tiga[0]
    for hari, jam in ((hari_ini - HARI, 8), (hari_ini, 4)):
        services.kerja_catat(
            lokasi=lokasi, tanggal=hari, oleh=pk, hasil={p.klien_id: HasilKerja(jam)}
        )
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(klien=p.klien, oleh=pk, data={"tanggal_mulai": hari_ini})
    assert info.value.message_dict == {
        "batas_akhir": ["Sudah ada jam kerja yang tercatat di luar jangka waktu ini."]
    }
    with pytest.raises(ValidationError) as info:
        services.putusan_simpan(klien=p.klien, oleh=pk, data={"jam_diputus": 10})
    assert info.value.message_dict == {
        "jam_diputus": ["Jam yang diputus lebih sedikit dari jam yang sudah dikerjakan."]
    }
    services.putusan_simpan(klien=p.klien, oleh=pk, data={"batas_akhir": hari_ini + 30 * HARI})
    assert set(JamKerjaSosial.objects.values_list("batas_akhir", flat=True)) == {
        hari_ini + 30 * HARI
    }


def test_tabel_dilacak_dan_dinyatakan_sebagai_data_klien():
    for model in apps.get_app_config("kerjasosial").get_models():
        assert auditlog.contains(model), model
    labels = {d.model._meta.label for d in data_klien()}
    assert {"kerjasosial.PutusanKerjaSosial", "kerjasosial.JamKerjaSosial"} <= labels


def test_jam_selesai_dibaca_sekali_untuk_semua_klien(tiga, lokasi, pk, hari_ini):
    hasil = {p.klien_id: HasilKerja(Decimal(2)) for p in tiga}
    services.kerja_catat(lokasi=lokasi, tanggal=hari_ini - HARI, oleh=pk, hasil=hasil)
    with CaptureQueriesContext(connection) as q:
        services.kerja_catat(lokasi=lokasi, tanggal=hari_ini, oleh=pk, hasil=hasil)
    # the hours already worked: one grouped SUM for the three clients, not one each
    assert sum('SUM("kerjasosial_jamkerjasosial"."jam")' in x["sql"] for x in q) == 1
    assert services.jam_selesai_per_klien([p.klien_id for p in tiga]) == dict.fromkeys(
        hasil, Decimal(4)
    )
