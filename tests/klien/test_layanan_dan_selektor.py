"""The rule "a PK registers into their own caseload" lives in services.klien_buat alone;
the caseload's reads come from klien.selectors.beban_kasus, in one query."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klien import services
from klien.models import Klien, RiwayatStatus
from klien.selectors import BarisBebanKasus, beban_kasus
from tests.klien.factories import KlienFactory, data_layanan_klien


@pytest.fixture
def data(desa):
    return data_layanan_klien(desa)


def test_pk_mendaftarkan_ke_beban_kasusnya_sendiri(pk, data):
    k = services.klien_buat(unit=pk.unit, oleh=pk, data=data)
    assert (k.unit, k.pk_pembimbing, k.status) == (pk.unit, pk, "PENERIMAAN")
    assert RiwayatStatus.objects.get(klien=k).oleh == pk


def test_pk_yang_menyebut_pk_lain_ditolak_tanpa_menyimpan(pk, pk_lain, data):
    with pytest.raises(ValidationError) as galat:
        services.klien_buat(unit=pk.unit, oleh=pk, data={**data, "pk_pembimbing": pk_lain})
    assert "pk_pembimbing" in galat.value.message_dict
    assert not Klien.objects.exists() and not RiwayatStatus.objects.exists()


def test_pk_menyebut_dirinya_sendiri_diterima(pk, data):
    k = services.klien_buat(unit=pk.unit, oleh=pk, data={**data, "pk_pembimbing": pk})
    assert k.pk_pembimbing == pk


def test_kasi_memilih_pk_aktif_kantornya(kasi, pk_lain, data):
    with pytest.raises(ValidationError) as galat:
        services.klien_buat(unit=kasi.unit, oleh=kasi, data=data)
    assert "pk_pembimbing" in galat.value.message_dict
    assert not Klien.objects.exists()
    k = services.klien_buat(unit=kasi.unit, oleh=kasi, data={**data, "pk_pembimbing": pk_lain})
    assert k.pk_pembimbing == pk_lain


def test_view_dan_form_tidak_memegang_aturan_pk(pk, pk_lain, kasi, unit):
    """The view passes the form's data as it is; the form only hides the field for a PK."""
    import inspect

    from klien import views
    from klien.forms import KlienForm

    assert "pk_pembimbing" not in inspect.getsource(views.klien_create)
    assert "pk_pembimbing" not in KlienForm(unit=unit, user=pk).fields
    assert "pk_pembimbing" in KlienForm(unit=unit, user=kasi).fields


def test_beban_kasus_satu_query_dengan_daftar_mangkir(pk, pk_lain, desa, django_assert_num_queries):
    """The caseload's page rows (read by the view's pager), those who missed reports (one
    query) and those whose expiry has come (one query); the reports due are the agenda's
    (pembimbingan.selectors_agenda)."""
    hari_ini = timezone.localdate()
    kemarin = hari_ini - datetime.timedelta(days=1)
    a = KlienFactory(pk_pembimbing=pk, desa=desa, nama="A")
    b = KlienFactory(pk_pembimbing=pk, desa=desa, nama="B")
    c = KlienFactory(pk_pembimbing=pk, desa=desa, nama="C")
    KlienFactory(pk_pembimbing=pk, desa=desa, nama="D", status="SELESAI", tanggal_berakhir=kemarin)
    KlienFactory(pk_pembimbing=pk_lain, desa=desa, nama="E", mangkir_berturut=2)
    services.klien_setel_kepatuhan_lapor(klien=a, mangkir_berturut=1, berikutnya=hari_ini)
    services.klien_setel_kepatuhan_lapor(klien=b, mangkir_berturut=3, berikutnya=kemarin)
    services.klien_setel_kepatuhan_lapor(
        klien=c, mangkir_berturut=0, berikutnya=hari_ini + datetime.timedelta(days=3)
    )
    halaman = list(
        Klien.objects.for_user(pk).berjalan().select_related("desa__kecamatan").order_by("nama")
    )

    selesai_hari_ini = KlienFactory(
        pk_pembimbing=pk, desa=desa, nama="F", tanggal_ekspirasi=hari_ini
    )
    with django_assert_num_queries(2):  # those who missed (with their village), expiry come
        beban = beban_kasus(pk, halaman, hari_ini=hari_ini)
        [b.klien.desa.kecamatan.nama for b in beban.mangkir]
    assert beban.ekspirasi == [selesai_hari_ini]  # the one of pk whose expiry is today

    assert [b.klien.nama for b in beban.halaman] == ["A", "B", "C"]
    assert [b.klien.nama for b in beban.mangkir] == ["B", "A"]  # most missed first
    baris = beban.halaman[0]
    assert isinstance(baris, BarisBebanKasus)
    assert baris.tahap and baris.jatuh_tempo and baris.sisa_hari == a.sisa_hari(hari_ini)
    assert not beban.halaman[2].jatuh_tempo
    assert beban.hari_ini == hari_ini
