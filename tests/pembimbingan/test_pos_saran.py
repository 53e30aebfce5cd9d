"""The nearest-post suggestion: a client an hour or more from the office is suggested the
active post of their office in their kecamatan, else the one of their kabupaten closest to
the office; a client nearer, or without a recorded travel time, none. One query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klien.models import Klien
from pembimbingan.selectors_pos import (
    RELASI_SARAN,
    WAKTU_TEMPUH_JAUH_MENIT,
    klien_disarankan,
    saran_pos,
)
from tests.pembimbingan.factories import PosLayananFactory
from tests.pembimbingan.pos_dunia import buat_dunia_pos


@pytest.fixture
def dunia_pos(unit):
    return buat_dunia_pos(unit)


def _saran(klien):
    qs = Klien.objects.filter(pk__in=[k.pk for k in klien]).select_related(RELASI_SARAN)
    hasil = saran_pos(qs)
    return {k.pk: (hasil[k.pk].nama if hasil[k.pk] else None) for k in klien}


def test_ambang_satu_jam():
    assert WAKTU_TEMPUH_JAUH_MENIT == 60


def test_kecamatan_yang_sama(dunia_pos, pk):
    nusa = dunia_pos.klien(pk, "Nusa Penida")
    bangli = dunia_pos.klien(pk, "Bangli")  # exactly the threshold: suggested
    assert _saran([nusa, bangli]) == {nusa.pk: "Pos Nusa Penida", bangli.pk: "Pos Kota Bangli"}


def test_kabupaten_yang_sama_pos_terdekat_ke_kantor(dunia_pos, pk):
    # no post in Dawan (75 min): of Klungkung's posts, Kota Klungkung (45) is nearer the office
    # than Nusa Penida (270)
    dawan = dunia_pos.klien(pk, "Dawan")
    kintamani = dunia_pos.klien(pk, "Kintamani")
    assert _saran([dawan, kintamani]) == {
        dawan.pk: "Pos Kota Klungkung",
        kintamani.pk: "Pos Kota Bangli",
    }


def test_dekat_tanpa_waktu_atau_tanpa_pos_tidak_disarankan(dunia_pos, pk):
    kubu = dunia_pos.klien(pk, "Kubu")  # 50 minutes: the office is near enough
    rendang = dunia_pos.klien(pk, "Rendang")  # travel time not recorded
    jauh = dunia_pos.klien(pk, "Jauh Sekali")  # far, but no post in its kabupaten
    assert _saran([kubu, rendang, jauh]) == {kubu.pk: None, rendang.pk: None, jauh.pk: None}


def test_pos_nonaktif_dan_pos_kantor_lain_diabaikan(dunia_pos, pk, unit_lain):
    pos = dunia_pos.pos
    pos["Pos Nusa Penida"].aktif = False
    pos["Pos Nusa Penida"].save()
    PosLayananFactory(unit=unit_lain, nama="Pos Lain", kecamatan=dunia_pos.kecamatan["Nusa Penida"])
    nusa = dunia_pos.klien(pk, "Nusa Penida")
    # the island's post is closed: the kabupaten's other post is suggested
    assert _saran([nusa]) == {nusa.pk: "Pos Kota Klungkung"}


def test_satu_query_untuk_banyak_klien(dunia_pos, pk, django_assert_num_queries):
    klien = [
        dunia_pos.klien(pk, kec)
        for kec in ("Nusa Penida", "Dawan", "Kintamani", "Kubu", "Bangli") * 4
    ]
    qs = list(Klien.objects.filter(pk__in=[k.pk for k in klien]).select_related(RELASI_SARAN))
    with django_assert_num_queries(1):  # the active posts of the clients' offices
        hasil = saran_pos(qs)
    assert len(hasil) == 20 and sum(p is None for p in hasil.values()) == 4
    with django_assert_num_queries(0):  # nobody far: no query at all
        saran_pos([k for k in qs if k.desa.kecamatan.nama == "Kubu"])


def test_klien_disarankan_per_pos_pk_hanya_miliknya(dunia_pos, pk, pk_lain, kasi):
    milik_pk = dunia_pos.klien(pk, "Nusa Penida")
    milik_lain = dunia_pos.klien(pk_lain, "Nusa Penida")
    dunia_pos.klien(  # ended: not suggested
        pk, "Nusa Penida", status="SELESAI", tanggal_berakhir=timezone.localdate()
    )
    dunia_pos.klien(pk, "Kintamani")  # suggested elsewhere
    pos = dunia_pos.pos["Pos Nusa Penida"]
    assert klien_disarankan(pos, pk) == [milik_pk]
    assert {k.pk for k in klien_disarankan(pos, kasi)} == {milik_pk.pk, milik_lain.pk}
    with CaptureQueriesContext(connection) as q:
        klien_disarankan(pos, kasi)
    assert len(q) == 2  # the candidate clients, the posts
