"""The activation gate: criteria met and an agreement in force; every change logged."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from pokmas import services
from pokmas.models import Mitra, RiwayatStatusMitra
from pokmas.pilihan import StatusMitra
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

HARI = datetime.date(2026, 3, 1)


def url(mitra):
    return reverse("pokmas:mitra-status", kwargs={"pk": mitra.pk})


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_kasi_mengaktifkan_mitra_yang_memenuhi_syarat(client, kasi, unit):
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra, tanggal_mulai=HARI, tanggal_selesai=HARI.replace(year=2028))
    client.force_login(kasi)
    resp = client.post(url(mitra), {"status_baru": "aktif", "alasan": "PKS ditandatangani."})
    assert resp.status_code == 302
    mitra.refresh_from_db()
    assert mitra.status == StatusMitra.AKTIF
    r = RiwayatStatusMitra.objects.get(mitra=mitra)
    assert (r.status_lama, r.status_baru, r.oleh, r.alasan) == (
        "kandidat",
        "aktif",
        kasi,
        "PKS ditandatangani.",
    )
    assert r.pada.date() == HARI


def test_kriteria_belum_terpenuhi_menolak_aktivasi(client, kabapas, unit):
    mitra = MitraFactory(unit=unit, kriteria_sumber_daya=False)
    PerjanjianFactory(mitra=mitra)
    client.force_login(kabapas)
    resp = client.get(url(mitra))
    # activation is not offered, and the page says what it lacks
    assert [v for v, _ in resp.context["form"].fields["status_baru"].choices] == ["nonaktif"]
    assert "Kriteria belum terpenuhi: memiliki sumber daya" in resp.content.decode()
    # posted anyway (a stale page): refused by name, nothing changed
    resp = client.post(url(mitra), {"status_baru": "aktif", "alasan": "ok"})
    assert resp.status_code == 200
    assert resp.context["form"].errors["status_baru"] == [
        "Status Aktif belum dapat dipilih sekarang; lihat yang masih kurang."
    ]
    mitra.refresh_from_db()
    assert mitra.status == StatusMitra.KANDIDAT
    assert not RiwayatStatusMitra.objects.exists()


def test_layanan_menolak_aktivasi_tanpa_kriteria(kasi, unit):
    mitra = MitraFactory(unit=unit, kriteria_sumber_daya=False)
    PerjanjianFactory(mitra=mitra)
    with pytest.raises(ValidationError, match="memiliki sumber daya yang bermanfaat bagi klien"):
        services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="x")
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.KANDIDAT


@pytest.mark.parametrize("peran", ["admin_unit", "pk"])
def test_layanan_menolak_peran_tanpa_izin(request, unit, peran):
    """The same answer as the page's (selectors.langkah_status): the role is checked too."""
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra)
    with pytest.raises(ValidationError, match="Peran Anda tidak dapat mengubah status mitra"):
        services.mitra_ubah_status(
            mitra=mitra, status_baru="aktif", oleh=request.getfixturevalue(peran), alasan="x"
        )
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.KANDIDAT


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("mulai", "selesai", "status"),
    [
        (datetime.date(2024, 1, 1), datetime.date(2026, 2, 28), "berlaku"),  # expired yesterday
        (datetime.date(2026, 3, 2), datetime.date(2028, 3, 1), "berlaku"),  # starts tomorrow
        (datetime.date(2025, 1, 1), datetime.date(2027, 1, 1), "diakhiri"),  # terminated
    ],
)
def test_tanpa_pks_berlaku_tidak_dapat_diaktifkan(kasi, unit, mulai, selesai, status):
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra, tanggal_mulai=mulai, tanggal_selesai=selesai, status=status)
    with pytest.raises(ValidationError, match="PKS"):
        services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="x")
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.KANDIDAT


def test_transisi_tidak_sah_dan_pengulangan_ditolak(kasi, unit):
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra)
    services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="setuju")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="lagi")
    with pytest.raises(ValidationError, match="Alasan"):
        services.mitra_ubah_status(mitra=mitra, status_baru="nonaktif", oleh=kasi, alasan=" ")
    services.mitra_ubah_status(mitra=mitra, status_baru="nonaktif", oleh=kasi, alasan="berhenti")
    assert list(mitra.riwayat_status.values_list("status_baru", flat=True)) == [
        "nonaktif",
        "aktif",
    ]


def test_form_status_hanya_menawarkan_transisi_sah(client, kasi, unit):
    mitra = MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    client.force_login(kasi)
    resp = client.get(url(mitra))
    assert [v for v, _ in resp.context["form"].fields["status_baru"].choices] == ["nonaktif"]
    assert resp.context["form"].tertutup == []
    resp = client.post(url(mitra), {"status_baru": "kandidat", "alasan": "x"})
    assert "status_baru" in resp.context["form"].errors


def test_form_status_menyebut_yang_kurang_untuk_aktivasi(client, kasi, unit):
    """A candidate without an agreement: it can only be deactivated now; activation is
    named with what it lacks, once."""
    mitra = MitraFactory(unit=unit)
    client.force_login(kasi)
    resp = client.get(url(mitra))
    form = resp.context["form"]
    assert [v for v, _ in form.fields["status_baru"].choices] == ["nonaktif"]
    assert [(lg.status, lg.kurang) for lg in form.tertutup] == [
        ("aktif", ("Belum ada PKS yang berlaku: catat PKS yang sudah ditandatangani.",))
    ]
    html = resp.content.decode()
    assert 'value="aktif"' not in html
    assert html.count("Belum ada PKS yang berlaku") == 1


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_nonaktif_dengan_pks_kedaluwarsa_tidak_dapat_diaktifkan_kembali(client, kabapas, unit):
    mitra = MitraFactory(unit=unit, status=StatusMitra.NONAKTIF)
    PerjanjianFactory(
        mitra=mitra,
        tanggal_mulai=datetime.date(2024, 1, 1),
        tanggal_selesai=HARI.replace(day=28, month=2),
    )
    client.force_login(kabapas)
    resp = client.get(url(mitra))
    assert resp.context["form"].fields["status_baru"].choices == []
    html = resp.content.decode()
    assert "Tidak ada perubahan status yang dapat dilakukan sekarang." in html
    assert "Belum ada PKS yang berlaku: PKS terakhir berakhir 28 Feb 2026." in html
    assert "Simpan status" not in html
    resp = client.post(url(mitra), {"status_baru": "aktif", "alasan": "coba"})
    assert resp.status_code == 200
    assert resp.content.decode().count("belum dapat dipilih sekarang") == 1
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.NONAKTIF


def test_basis_data_menolak_mitra_aktif_tanpa_kriteria(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        MitraFactory(unit=unit, status=StatusMitra.AKTIF, kriteria_peduli=False)


def test_basis_data_menolak_mitra_tanpa_jenis_program(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        MitraFactory(unit=unit, program_kepribadian=False, program_kemandirian=False)


def test_nama_unik_per_kantor_tanpa_membedakan_huruf(unit, unit_lain):
    MitraFactory(unit=unit, nama="Yayasan Mercy Indonesia")
    MitraFactory(unit=unit_lain, nama="Yayasan Mercy Indonesia")
    with pytest.raises(IntegrityError), transaction.atomic():
        MitraFactory(unit=unit, nama="YAYASAN MERCY INDONESIA")


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("kasi_lain", 404), ("admin_unit", 403), ("pk", 403), ("kanwil", 403)],
)
def test_hanya_kasi_dan_kabapas_kantor_sendiri(client, request, unit, fixture, status):
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra)
    client.force_login(request.getfixturevalue(fixture))
    assert client.post(url(mitra), {"status_baru": "aktif", "alasan": "x"}).status_code == status
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.KANDIDAT


def test_penolakan_aktivasi_tampil_sekali(client, kasi, unit, monkeypatch):
    """A refusal by the service (the agreement ended between the page's check and the
    save: here the service alone sees it) is shown once, as the form's error, and not in
    a message of the messages framework as well."""
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra)
    from pokmas import selectors

    asli = selectors.kekurangan_aktivasi
    panggilan = []

    def berubah(m):
        panggilan.append(m.pk)
        return asli(m) if len(panggilan) == 1 else ["Belum ada PKS yang berlaku: uji."]

    monkeypatch.setattr(selectors, "kekurangan_aktivasi", berubah)
    client.force_login(kasi)
    resp = client.post(url(mitra), {"status_baru": "aktif", "alasan": "Coba."})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.count("Belum ada PKS yang berlaku: uji.") == 1
    assert list(resp.context["messages"]) == []
    assert Mitra.objects.get(pk=mitra.pk).status == StatusMitra.KANDIDAT


@time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_ubah_data_tidak_membatalkan_aktivasi_yang_baru_terjadi(kasi, unit):
    """The Admin opened the edit form; meanwhile the Kasi activated the partner."""
    mitra = MitraFactory(unit=unit)
    PerjanjianFactory(mitra=mitra, tanggal_mulai=HARI, tanggal_selesai=HARI.replace(year=2028))
    basi = Mitra.objects.get(pk=mitra.pk)
    services.mitra_ubah_status(mitra=mitra, status_baru="aktif", oleh=kasi, alasan="PKS ada.")
    services.mitra_ubah(mitra=basi, data={"narahubung": "Ni Made Baru"}, bidang=["pendidikan"])
    mitra.refresh_from_db()
    assert (mitra.status, mitra.narahubung) == ("aktif", "Ni Made Baru")
