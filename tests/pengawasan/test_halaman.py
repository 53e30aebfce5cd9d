"""The pages: a PK sets up the order, adds a restitution, marks it breached and writes the
consideration; the Kasi records the outcome. Someone else's record is a 404; bad input a
message on the field, nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pengawasan.models import PertimbanganPK, PidanaPengawasan, SyaratPengawasan
from pengawasan.pilihan import HasilPertimbangan, JenisSyarat, StatusSyarat
from tests.pengawasan.factories import KlienPengawasanFactory

pytestmark = pytest.mark.django_db


def _iso(t: datetime.date) -> str:
    return t.isoformat()


def test_alur_lewat_halaman(client, pk, kasi, klien):
    hari_ini = timezone.localdate()
    client.force_login(pk)
    halaman = client.get(klien.get_absolute_url()).content.decode()
    assert "Putusan pidana pengawasan belum dicatat" in halaman

    url = reverse("pengawasan:pengawasan-create", args=[klien.pk])
    assert client.get(url).status_code == 200
    resp = client.post(
        url, {"kejaksaan": "Kejaksaan Negeri Karangasem", "ancaman_bulan": 24, "lama_bulan": 12}
    )
    assert resp.status_code == 302
    order = PidanaPengawasan.objects.get(klien=klien)

    resp = client.post(
        reverse("pengawasan:syarat-create", args=[klien.pk]),
        {
            "jenis": JenisSyarat.RESTITUSI,
            "uraian": "Membayar restitusi kepada korban",
            "restitusi_jumlah": "5000000",
            "restitusi_batas": _iso(klien.tanggal_mulai + datetime.timedelta(days=20)),
        },
    )
    assert resp.status_code == 302
    restitusi = SyaratPengawasan.objects.get(klien=klien, jenis=JenisSyarat.RESTITUSI)

    resp = client.post(
        reverse("pengawasan:syarat-status", args=[restitusi.pk]),
        {
            "status": StatusSyarat.DILANGGAR,
            "tanggal": _iso(hari_ini),
            "bukti": "Tidak dibayar",
            "tanpa_alasan_sah": "1",
        },
    )
    assert resp.status_code == 302
    halaman = client.get(klien.get_absolute_url()).content.decode()
    assert "Dilanggar" in halaman and "Tidak dibayar" in halaman and "Riwayat" in halaman
    assert order.kejaksaan in halaman

    resp = client.post(
        reverse("pengawasan:pertimbangan-create", args=[klien.pk]),
        {
            "nomor": "W20.PAS.33-PK.01.05-301",
            "tanggal": _iso(hari_ini),
            "jenis": "PERPANJANG",
            "syarat": restitusi.pk,
            "alasan": "Restitusi tidak dibayar tanpa alasan yang sah.",
        },
    )
    p = PertimbanganPK.objects.get(klien=klien)
    assert resp.status_code == 302 and resp["Location"] == p.get_absolute_url()

    client.force_login(kasi)
    assert klien.nama in client.get(reverse("pengawasan:pantau")).content.decode()
    resp = client.post(
        reverse("pengawasan:pertimbangan-hasil", args=[p.pk]),
        {
            "hasil": "DIKABULKAN",
            "tanggal": _iso(hari_ini),
            "nomor": "5/Pen.Pid/2026/PN Amp",
            "lama_bulan": 18,
        },
    )
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.hasil == HasilPertimbangan.DIKABULKAN
    order.refresh_from_db()
    assert order.lama_bulan == 18


def test_lama_lebih_3_tahun_pesan_di_field(client, pk, klien):
    client.force_login(pk)
    resp = client.post(
        reverse("pengawasan:pengawasan-create", args=[klien.pk]),
        {"kejaksaan": "Kejari", "ancaman_bulan": 60, "lama_bulan": 40},
    )
    assert resp.status_code == 200
    assert "paling lama 3 tahun" in resp.content.decode()
    assert resp.context["form"].errors["lama_bulan"]
    assert not PidanaPengawasan.objects.exists()


def test_status_tanpa_bukti_pesan_di_field(client, pk, klien):
    client.force_login(pk)
    client.post(
        reverse("pengawasan:pengawasan-create", args=[klien.pk]),
        {"kejaksaan": "Kejari", "ancaman_bulan": 24, "lama_bulan": 12},
    )
    umum = SyaratPengawasan.objects.get(klien=klien)
    resp = client.post(
        reverse("pengawasan:syarat-status", args=[umum.pk]),
        {"status": StatusSyarat.MEMENUHI, "tanggal": _iso(timezone.localdate()), "bukti": ""},
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors["bukti"] == ["Wajib diisi."]
    umum.refresh_from_db()
    assert umum.status == StatusSyarat.BERJALAN


def test_bagian_hanya_untuk_klien_pengawasan(client, pk, desa):
    lain = KlienPengawasanFactory(pk_pembimbing=pk, desa=desa, program="PB")
    client.force_login(pk)
    assert 'id="judul-pengawasan"' not in client.get(lain.get_absolute_url()).content.decode()
    resp = client.get(reverse("pengawasan:pengawasan-create", args=[lain.pk]))
    assert resp.status_code == 302


@pytest.mark.parametrize("nama", ["pengawasan-create", "syarat-create", "pertimbangan-create"])
def test_klien_orang_lain_404(client, pk_lain, kasi_lain, klien, nama):
    for user in (pk_lain, kasi_lain):
        client.force_login(user)
        assert client.get(reverse(f"pengawasan:{nama}", args=[klien.pk])).status_code == 404


def test_catatan_kantor_lain_404(client, pk, kasi_lain, klien):
    client.force_login(pk)
    client.post(
        reverse("pengawasan:pengawasan-create", args=[klien.pk]),
        {"kejaksaan": "Kejari", "ancaman_bulan": 24, "lama_bulan": 12},
    )
    umum = SyaratPengawasan.objects.get(klien=klien)
    client.post(
        reverse("pengawasan:pertimbangan-create", args=[klien.pk]),
        {
            "nomor": "N-1",
            "tanggal": _iso(timezone.localdate()),
            "jenis": "PERSINGKAT",
            "alasan": "Baik",
        },
    )
    p = PertimbanganPK.objects.get()
    client.force_login(kasi_lain)
    assert client.get(reverse("pengawasan:syarat-status", args=[umum.pk])).status_code == 404
    assert client.get(reverse("pengawasan:pertimbangan-detail", args=[p.pk])).status_code == 404
    assert client.get(reverse("pengawasan:pertimbangan-hasil", args=[p.pk])).status_code == 404


def test_pk_tidak_membuka_daftar_kasi(client, pk):
    client.force_login(pk)
    assert client.get(reverse("pengawasan:pantau")).status_code == 403
