"""Lifecycle transitions through the pages: allowed ones recorded, refusals clear and harmless."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from klien import services
from klien.models import Klien, PengalihanPK, RiwayatStatus
from tests.klien.factories import KlienFactory


def _post_status(client, klien, status, tanggal=None, alasan="Alasan uji"):
    return client.post(
        reverse("klien:klien-status", kwargs={"pk": klien.pk}),
        {
            "status_baru": status,
            "tanggal": (tanggal or timezone.localdate()).isoformat(),
            "alasan": alasan,
        },
    )


@pytest.mark.parametrize(
    ("awal", "baru"),
    [
        ("PENERIMAAN", "AKTIF"),
        ("AKTIF", "SELESAI"),
        ("AKTIF", "MENINGGAL"),
        ("AKTIF", "PINDAH"),
        ("PENERIMAAN", "PINDAH"),
    ],
)
def test_transisi_sah_dicatat(client, pk, klien, awal, baru):
    Klien.objects.filter(pk=klien.pk).update(status=awal)
    client.force_login(pk)
    resp = _post_status(client, klien, baru)
    assert resp.status_code == 302
    klien.refresh_from_db()
    assert klien.status == baru
    assert (klien.tanggal_berakhir is not None) == (baru != "AKTIF")
    r = RiwayatStatus.objects.get(klien=klien)
    assert (r.status_lama, r.status_baru, r.oleh, r.alasan) == (awal, baru, pk, "Alasan uji")


@pytest.mark.parametrize(
    ("awal", "baru"),
    [
        ("PENERIMAAN", "SELESAI"),
        ("PENERIMAAN", "DICABUT"),
        # revocation runs only through the proposal workflow (tests/klien/test_pencabutan.py)
        ("AKTIF", "DICABUT"),
        ("AKTIF", "PENERIMAAN"),
        ("AKTIF", "AKTIF"),
        ("SELESAI", "AKTIF"),
        ("DICABUT", "SELESAI"),
    ],
)
def test_transisi_terlarang_ditolak_tanpa_perubahan(client, pk, klien, awal, baru):
    tgl = datetime.date(2025, 1, 1) if awal in ("SELESAI", "DICABUT") else None
    Klien.objects.filter(pk=klien.pk).update(status=awal, tanggal_berakhir=tgl)
    client.force_login(pk)
    resp = _post_status(client, klien, baru)
    assert resp.status_code == 200
    assert resp.context["form"].errors["status_baru"]
    klien.refresh_from_db()
    assert klien.status == awal
    assert not RiwayatStatus.objects.exists()


def test_service_menolak_transisi_terlarang(pk, klien):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.klien_ubah_status(
            klien=klien, oleh=pk, status_baru="PENERIMAAN", tanggal=timezone.localdate(), alasan="x"
        )
    assert not RiwayatStatus.objects.exists()


def test_tanggal_masa_depan_dan_alasan_kosong_ditolak(client, pk, klien):
    client.force_login(pk)
    resp = _post_status(
        client,
        klien,
        "SELESAI",
        tanggal=timezone.localdate() + datetime.timedelta(days=1),
        alasan="",
    )
    assert set(resp.context["form"].errors) == {"tanggal", "alasan"}
    klien.refresh_from_db()
    assert klien.status == "AKTIF"


def test_berakhir_sebelum_mulai_ditolak(client, pk, klien):
    client.force_login(pk)
    resp = _post_status(
        client, klien, "SELESAI", tanggal=klien.tanggal_mulai - datetime.timedelta(days=1)
    )
    assert "tanggal" in resp.context["form"].errors
    assert Klien.objects.get(pk=klien.pk).status == "AKTIF"


def test_kasi_mengalihkan_pk_tercatat(client, kasi, pk, pk_lain, klien):
    client.force_login(kasi)
    resp = client.post(
        reverse("klien:klien-alihkan", kwargs={"pk": klien.pk}),
        {"ke_pk": pk_lain.pk, "tanggal": timezone.localdate().isoformat(), "alasan": "Cuti"},
    )
    assert resp.status_code == 302
    klien.refresh_from_db()
    assert klien.pk_pembimbing == pk_lain
    p = PengalihanPK.objects.get()
    assert (p.dari_pk, p.ke_pk, p.oleh) == (pk, pk_lain, kasi)
    client.force_login(pk)
    assert client.get(klien.get_absolute_url()).status_code == 404
    client.force_login(pk_lain)
    assert client.get(klien.get_absolute_url()).status_code == 200


def test_alihkan_ke_pk_kantor_lain_ditolak(client, kasi, kasi_lain, klien):
    from tests.factories import UserFactory

    pk_luar = UserFactory(peran="PK", unit=kasi_lain.unit)
    client.force_login(kasi)
    resp = client.post(
        reverse("klien:klien-alihkan", kwargs={"pk": klien.pk}),
        {"ke_pk": pk_luar.pk, "tanggal": timezone.localdate().isoformat(), "alasan": "x"},
    )
    assert resp.status_code == 200 and resp.context["form"].errors["ke_pk"]
    assert not PengalihanPK.objects.exists()


def test_residivisme_dan_indikator_tampil_di_timeline(client, pk, klien):
    client.force_login(pk)
    hari = timezone.localdate().isoformat()
    url = reverse("klien:residivisme-create", kwargs={"pk": klien.pk})
    data = {"tanggal": hari, "jenis": "TERSANGKA", "sumber": "Polres Klungkung"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # repeated: nothing new
    assert klien.residivisme.count() == 1
    url = reverse("klien:indikator-create", kwargs={"pk": klien.pk})
    assert (
        client.post(url, {"tonggak": "AWAL", "tanggal": hari, "bekerja": "on"}).status_code == 302
    )
    assert klien.indikator.get().skor == 1
    isi = client.get(klien.get_absolute_url()).content.decode()
    assert "Polres Klungkung" in isi and "skor 1 dari 4" in isi


def test_kepatuhan_lapor_disetel_dan_aman_diulang(klien):
    import datetime

    berikutnya = datetime.date(2026, 12, 5)
    for _ in range(2):  # the same attendance record sent twice changes nothing
        services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=2, berikutnya=berikutnya)
    klien.refresh_from_db()
    assert (klien.mangkir_berturut, klien.tanggal_lapor_berikutnya) == (2, berikutnya)
    assert list(Klien.objects.berisiko()) == [klien]
    services.klien_setel_kepatuhan_lapor(klien=klien, mangkir_berturut=0, berikutnya=None)
    assert not Klien.objects.berisiko().exists()


def test_klien_penerimaan_belum_bertahap_dan_tidak_dihitung_dua_kali(pk, kasi, desa, client):
    """A client at intake has no stage yet: counted once on the dashboard (as penerimaan),
    and not found by the stage filter."""
    from klien.ringkasan import ringkasan_klien

    k = KlienFactory(pk_pembimbing=pk, desa=desa, status="PENERIMAAN")
    assert k.tahap() is None and k.get_tahap_display() == ""
    baris = ringkasan_klien(kasi)["tahap"]
    assert sum(b["jumlah"] for b in baris) == 1
    client.force_login(kasi)
    resp = client.get(reverse("klien:klien-list"), {"tahap": "AWAL"})
    assert k not in list(resp.context["halaman"])


def test_klien_berakhir_tidak_ditandai_berisiko(pk, desa, client):
    k = KlienFactory(pk_pembimbing=pk, desa=desa)
    services.klien_setel_kepatuhan_lapor(klien=k, mangkir_berturut=3, berikutnya=None)
    assert Klien.objects.get(pk=k.pk).berisiko
    # (the status's one writer, as the proposal workflow calls it with the SK)
    services.ubah_status(
        klien=k,
        oleh=pk,
        status_baru="DICABUT",
        tanggal=k.tanggal_mulai,
        alasan="Dicabut.",
        dokumen={"nomor": "SK-UJI", "tanggal": k.tanggal_mulai, "pihak": "Dirjenpas"},
    )
    k.refresh_from_db()
    assert not k.berisiko and not Klien.objects.filter(pk=k.pk).berisiko().exists()
    client.force_login(pk)
    assert "Berisiko dicabut" not in client.get(k.get_absolute_url()).content.decode()
