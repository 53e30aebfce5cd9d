"""Who sees a job: its owner only (its page, its status block, its file), and an office's
scheduled jobs (no owner) those who may read the office's trail; the progress block polls
while the job is open and stops when it ends."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from akun.models import Peran
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from tests.factories import UserFactory

ISI = b"no;nama\n1;Uji\n"


def _selesai(pemilik, unit, *, jenis="pekerjaan.bersihkan") -> Pekerjaan:
    """A finished job with a result file, stored through the storage API."""
    p = Pekerjaan.objects.create(
        jenis=jenis,
        pemilik=pemilik,
        unit=unit,
        status=StatusPekerjaan.SELESAI,
        selesai=timezone.now(),
        nama_hasil="hasil.csv",
        tipe_hasil="text/csv",
    )
    p.berkas_hasil.save("hasil.csv", ContentFile(ISI), save=True)
    return p


def _url(nama: str, p: Pekerjaan) -> str:
    return reverse(f"pekerjaan:{nama}", args=[p.pk])


def _kode(client, user, p: Pekerjaan) -> dict[str, int]:
    client.force_login(user)
    try:
        return {
            "detail": client.get(_url("detail", p)).status_code,
            "status": client.get(_url("status", p), headers={"HX-Request": "true"}).status_code,
            "unduh": client.get(_url("unduh", p)).status_code,
        }
    finally:
        client.logout()


@pytest.fixture
def pk_kantor_lain(unit_lain):
    return UserFactory(username="pk-sana-uji", peran=Peran.PK, unit=unit_lain)


@pytest.fixture
def admin_kantor_lain(unit_lain):
    return UserFactory(username="admin-sana-uji", peran=Peran.ADMIN, unit=unit_lain)


def test_pemilik_melihat_pekerjaannya(client, pk, unit):
    p = _selesai(pk, unit)
    client.force_login(pk)

    halaman = client.get(_url("detail", p))
    assert halaman.status_code == 200
    assert 'id="status-pekerjaan"' in halaman.content.decode()

    bagian = client.get(_url("status", p), headers={"HX-Request": "true"})
    assert bagian.status_code == 200
    teks = bagian.content.decode()
    assert teks.lstrip().startswith('<div id="status-pekerjaan"')  # the block alone
    assert "<html" not in teks

    tanpa_htmx = client.get(_url("status", p))
    assert tanpa_htmx.status_code == 302
    assert tanpa_htmx["Location"] == _url("detail", p)

    unduh = client.get(_url("unduh", p))
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content) == ISI


def test_orang_lain_tidak_melihat_pekerjaan_pribadi(
    client, pk, pk_lain, kasi, admin_unit, kabapas, pk_kantor_lain, admin_kantor_lain, unit
):
    """Another user of the same office (the office's Admin and Kabapas included: an export
    holds what its owner may see) and another office's users get 404, not 403."""
    p = _selesai(pk, unit)
    for orang in (pk_lain, kasi, admin_unit, kabapas, pk_kantor_lain, admin_kantor_lain):
        assert _kode(client, orang, p) == {"detail": 404, "status": 404, "unduh": 404}, orang
    assert _kode(client, pk, p) == {"detail": 200, "status": 200, "unduh": 200}


def test_pekerjaan_terjadwal_kantor_untuk_admin_dan_kabapas(
    client, pk, kasi, admin_unit, kabapas, admin_kantor_lain, kanwil, unit
):
    p = _selesai(None, unit, jenis="pokmas.pks")
    for orang in (admin_unit, kabapas):
        assert _kode(client, orang, p) == {"detail": 200, "status": 200, "unduh": 200}, orang
    for orang in (pk, kasi, admin_kantor_lain, kanwil):
        assert _kode(client, orang, p) == {"detail": 404, "status": 404, "unduh": 404}, orang


def test_daftar_hanya_milik_sendiri(client, pk, pk_lain, admin_unit, unit, unit_lain):
    punya_pk = _selesai(pk, unit)
    punya_lain = _selesai(pk_lain, unit)
    terjadwal = _selesai(None, unit, jenis="pokmas.pks")
    terjadwal_sana = _selesai(None, unit_lain, jenis="pokmas.pks")

    def tautan(user) -> set[str]:
        client.force_login(user)
        resp = client.get(reverse("pekerjaan:daftar"))
        client.logout()
        assert resp.status_code == 200
        return set(re.findall(r'href="/pekerjaan/([0-9a-f-]{36})/"', resp.content.decode()))

    assert tautan(pk) == {str(punya_pk.pk)}
    assert tautan(pk_lain) == {str(punya_lain.pk)}
    # the Admin: the office's scheduled job, not the PKs' own, not another office's
    assert tautan(admin_unit) == {str(terjadwal.pk)}
    assert str(terjadwal_sana.pk) not in tautan(admin_unit)


def test_kemajuan_dipantau_selama_terbuka(client, pk, unit):
    p = Pekerjaan.objects.create(
        jenis="pekerjaan.bersihkan",
        pemilik=pk,
        unit=unit,
        status=StatusPekerjaan.BERJALAN,
        progres=40,
        total=160,
        langkah="Memeriksa baris",
    )
    client.force_login(pk)

    def bagian() -> str:
        resp = client.get(_url("status", p), headers={"HX-Request": "true"})
        assert resp.status_code == 200
        return resp.content.decode()

    teks = bagian()
    assert 'hx-trigger="every 2s"' in teks
    assert f'hx-get="{_url("status", p)}"' in teks
    assert re.search(r'<progress id="kemajuan-pekerjaan"[^>]* max="160" value="40"', teks)
    assert "25%" in teks and "Memeriksa baris" in teks

    # open without a known total: an indeterminate bar, still polled
    Pekerjaan.objects.filter(pk=p.pk).update(status=StatusPekerjaan.MENUNGGU, total=None, progres=0)
    teks = bagian()
    assert 'hx-trigger="every 2s"' in teks
    assert re.search(r'<progress id="kemajuan-pekerjaan" class="w-100">', teks)

    Pekerjaan.objects.filter(pk=p.pk).update(
        status=StatusPekerjaan.SELESAI, total=160, progres=160, selesai=timezone.now()
    )
    teks = bagian()
    assert "hx-trigger" not in teks and "hx-get" not in teks
    assert re.search(r'<progress id="kemajuan-pekerjaan"[^>]* max="160" value="160"', teks)
    assert "Pekerjaan selesai." in teks

    # the page itself holds the same block
    halaman = client.get(_url("detail", p)).content.decode()
    assert "hx-trigger" not in halaman.split('id="status-pekerjaan"', 1)[1].split("</div>", 1)[0]
