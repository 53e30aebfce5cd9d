"""Pages: scoping (another's client is a 404), the create form's refusals, and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from klien.models import Klien, RiwayatStatus
from tests.klien.factories import KlienFactory
from tests.klien.factories import data_form_klien as _data

URL_KLIEN = ["klien-detail", "klien-update", "residivisme-create", "indikator-create"]


@pytest.mark.parametrize("nama", URL_KLIEN)
def test_pk_lain_dan_kantor_lain_mendapat_404(client, klien, pk_lain, kasi_lain, nama):
    url = reverse(f"klien:{nama}", kwargs={"pk": klien.pk})
    for orang in (pk_lain, kasi_lain):
        client.force_login(orang)
        assert client.get(url).status_code == 404


def test_kasi_lain_tidak_melihat_klien_di_daftar_atau_ekspor(client, klien, kasi, kasi_lain):
    client.force_login(kasi_lain)
    assert (
        klien.nama
        not in client.get(reverse("klien:klien-list") + f"?q={klien.no_register}").content.decode()
    )
    assert klien.no_register not in _isi_ekspor(client.get(reverse("klien:klien-ekspor")))
    client.force_login(kasi)
    assert klien.no_register in _isi_ekspor(client.get(reverse("klien:klien-ekspor")))


def _isi_ekspor(resp) -> str:
    """A streamed CSV export's text, without its byte-order mark."""
    return b"".join(resp.streaming_content).decode("utf-8-sig")


def test_nik_tersamar_untuk_kasi_lengkap_untuk_pk(client, klien, kasi, pk):
    client.force_login(kasi)
    isi = client.get(klien.get_absolute_url()).content.decode()
    assert klien.nik not in isi and klien.nik_tersamar in isi
    client.force_login(pk)
    assert klien.nik in client.get(klien.get_absolute_url()).content.decode()


def test_pk_mendaftarkan_klien_ke_bebannya_sendiri(client, pk, desa):
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-create"), _data(desa))
    assert resp.status_code == 302
    k = Klien.objects.get()
    assert (k.unit, k.pk_pembimbing, k.status) == (pk.unit, pk, "PENERIMAAN")
    assert RiwayatStatus.objects.get(klien=k).status_baru == "PENERIMAAN"


@pytest.mark.parametrize(
    ("ubah", "field"),
    [
        ({"tanggal_ekspirasi": "2024-12-31"}, "tanggal_ekspirasi"),
        ({"tanggal_lahir": "2099-01-01"}, "tanggal_lahir"),
        ({"nik": "12345"}, "nik"),
        ({"nik": ""}, "nik"),
        ({"no_register": "REG-DUPLIKAT"}, "no_register"),
        ({"nik": "5107011505900999"}, "nik"),
    ],
)
def test_form_menolak_dengan_pesan_dan_tidak_menyimpan(client, pk, desa, ubah, field):
    KlienFactory(pk_pembimbing=pk, desa=desa, no_register="REG-DUPLIKAT", nik="5107011505900999")
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-create"), _data(desa, **ubah))
    assert resp.status_code == 200
    assert resp.context["form"].errors[field]
    assert Klien.objects.count() == 1


def test_nik_tidak_cocok_hanya_peringatan(client, pk, desa):
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-create"), _data(desa, jenis_kelamin="L"), follow=True)
    assert Klien.objects.count() == 1
    assert "Jenis kelamin pada NIK" in resp.content.decode()


def _jumlah_query(client, url, django_assert_num_queries, n):
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("nama", "peran"), [("caseload", "pk"), ("klien-list", "kasi")])
def test_jumlah_query_daftar_tetap(
    client, request, desa, pk, nama, peran, django_assert_num_queries
):
    user = request.getfixturevalue(peran)
    client.force_login(user)
    url = reverse(f"klien:{nama}")
    KlienFactory.create_batch(5, pk_pembimbing=pk, desa=desa)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as lima:
        client.get(url)
    KlienFactory.create_batch(45, pk_pembimbing=pk, desa=desa)
    # session, user, then the page's own queries: the same with 50 rows as with 5
    _jumlah_query(client, url, django_assert_num_queries, len(lima.captured_queries))


def test_jumlah_query_halaman_klien_tetap(client, pk, kasi, klien, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from klien import services

    client.force_login(kasi)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(klien.get_absolute_url())
    hari = timezone.localdate()
    for i in range(10):
        services.residivisme_catat(
            klien=klien, oleh=kasi, tanggal=hari - timedelta(days=i), jenis="TERSANGKA", sumber="x"
        )
    for t in ("AWAL", "AKHIR", "BULAN_6"):
        services.indikator_catat(klien=klien, oleh=pk, tonggak=t, data={"tanggal": hari})
    _jumlah_query(
        client, klien.get_absolute_url(), django_assert_num_queries, len(sedikit.captured_queries)
    )


def test_ekspor_csv_tidak_menjalankan_rumus(client, kasi, pk, desa):
    import csv
    import io

    KlienFactory(pk_pembimbing=pk, desa=desa, nama='=HYPERLINK("http://x","klik")')
    client.force_login(kasi)
    resp = client.get(reverse("klien:klien-ekspor"))
    baris = list(csv.DictReader(io.StringIO(_isi_ekspor(resp))))
    nama = [b["nama"] for b in baris]  # (the CSV header holds the column keys)
    assert nama == ['\'=HYPERLINK("http://x","klik")']


def test_bentrok_di_basis_data_menjadi_pesan_bukan_500(client, pk, desa, monkeypatch):
    """Two PKs register the same NIK at the same moment: the form's check passed for both,
    the database's unique constraint refuses the second."""
    from django.db import IntegrityError

    from klien import services

    def bentrok(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "klien_nik"')

    monkeypatch.setattr(services, "klien_buat", bentrok)
    client.force_login(pk)
    resp = client.post(reverse("klien:klien-create"), _data(desa))
    assert resp.status_code == 200
    assert "Data bentrok dengan data yang baru saja disimpan" in resp.content.decode()
    assert not Klien.objects.exists()
