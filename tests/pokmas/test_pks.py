"""Agreements: expiry (frozen clock), upload limits, and the document's access control."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from pokmas.models import Mitra, PerjanjianKerjaSama
from pokmas.pilihan import MasaPKS, StatusMitra
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

HARI = datetime.date(2026, 3, 1)
beku = time_machine.travel(datetime.datetime(2026, 3, 1, 1, tzinfo=datetime.UTC), tick=False)


def pks(unit, selesai, mulai=datetime.date(2024, 1, 1), **kw):
    mitra = kw.pop("mitra", None) or MitraFactory(unit=unit, status=StatusMitra.AKTIF)
    return PerjanjianFactory(mitra=mitra, tanggal_mulai=mulai, tanggal_selesai=selesai, **kw)


@beku
def test_masa_pks_dengan_jam_dibekukan(unit):
    assert pks(unit, HARI + datetime.timedelta(days=61)).masa() == MasaPKS.BERLAKU
    assert pks(unit, HARI + datetime.timedelta(days=60)).masa() == MasaPKS.SEGERA_BERAKHIR
    assert pks(unit, HARI).masa() == MasaPKS.SEGERA_BERAKHIR
    assert pks(unit, HARI - datetime.timedelta(days=1)).masa() == MasaPKS.KEDALUWARSA
    with time_machine.travel(datetime.datetime(2026, 5, 1, 1, tzinfo=datetime.UTC)):
        assert pks(unit, datetime.date(2026, 4, 30)).masa() == MasaPKS.KEDALUWARSA


@beku
def test_perlu_diperbarui_untuk_beranda_kasi(kasi, kasi_lain, unit, unit_lain):
    dekat = pks(unit, HARI + datetime.timedelta(days=10))
    pks(unit, HARI + datetime.timedelta(days=200))  # far away
    habis = pks(unit, HARI - datetime.timedelta(days=1))  # expired yesterday, partner AKTIF
    lama = pks(unit, HARI - datetime.timedelta(days=400))  # long expired, partner AKTIF
    # expired, but its partner was deactivated: nothing to act on
    pks(unit, HARI - datetime.timedelta(days=5), mitra=MitraFactory(unit=unit, status="nonaktif"))
    # ending soon, of a deactivated partner: nothing to act on either
    pks(unit, HARI + datetime.timedelta(days=5), mitra=MitraFactory(unit=unit, status="nonaktif"))
    # ending soon, of a candidate: to renew before activating
    kandidat = pks(unit, HARI + datetime.timedelta(days=30), mitra=MitraFactory(unit=unit))
    pks(unit_lain, HARI + datetime.timedelta(days=5))  # another office
    diperbarui = pks(unit, HARI + datetime.timedelta(days=20))
    pks(unit, HARI + datetime.timedelta(days=800), mulai=HARI, mitra=diperbarui.mitra)
    # expired and renewed: the renewal silences it
    sudah = pks(unit, HARI - datetime.timedelta(days=3))
    pks(unit, HARI + datetime.timedelta(days=700), mulai=HARI, mitra=sudah.mitra)
    hasil = PerjanjianKerjaSama.objects.for_user(kasi).perlu_diperbarui()
    assert list(hasil) == [lama, habis, dekat, kandidat]  # the expired first, by end
    html = render_to_string("pokmas/_pks_perlu_diperbarui.html", {"pks_perlu_diperbarui": hasil})
    assert dekat.mitra.nama in html and "10 hari lagi" in html
    assert habis.mitra.nama in html and "Kedaluwarsa: tidak dihitung aktif" in html
    tautan = reverse("pokmas:mitra-detail", kwargs={"pk": habis.mitra_id}) + "#judul-pks"
    assert f'href="{tautan}"' in html
    assert PerjanjianKerjaSama.objects.for_user(kasi_lain).perlu_diperbarui().count() == 1


@beku
def test_pks_berakhir_pada_hari_terakhirnya(unit, kasi):
    """tanggal_selesai is the agreement's last day in force: listed as ending soon on it,
    as expired from the next day."""
    p = pks(unit, HARI)
    qs = PerjanjianKerjaSama.objects.for_user(kasi)
    assert p.masa() == MasaPKS.SEGERA_BERAKHIR and list(qs.perlu_diperbarui()) == [p]
    besok = HARI + datetime.timedelta(days=1)
    assert p.masa(besok) == MasaPKS.KEDALUWARSA and list(qs.perlu_diperbarui(besok)) == [p]


@beku
def test_pks_kedaluwarsa_membuat_mitra_tidak_tersedia_untuk_program_baru(unit, kasi):
    berlaku = pks(unit, HARI + datetime.timedelta(days=100)).mitra
    kedaluwarsa = pks(unit, HARI - datetime.timedelta(days=1)).mitra
    kandidat = pks(unit, HARI + datetime.timedelta(days=100), mitra=MitraFactory(unit=unit)).mitra
    qs = Mitra.objects.for_user(kasi)
    assert list(qs.tersedia_untuk_program_baru()) == [berlaku]
    assert list(qs.aktif()) == [berlaku]
    assert list(qs.aktif_tanpa_pks()) == [kedaluwarsa]
    # the partner itself stays active: programmes already running are not broken
    kedaluwarsa.refresh_from_db()
    assert kedaluwarsa.status == StatusMitra.AKTIF
    assert kandidat not in qs.tersedia_untuk_program_baru()
    # on an earlier date both agreements were in force
    earlier = datetime.date(2025, 6, 1)
    assert set(qs.tersedia_untuk_program_baru(earlier)) == {berlaku, kedaluwarsa}


@beku
def test_daftar_mitra_menandai_dan_menyaring_masa_pks(client, kasi, unit):
    segera = pks(unit, HARI + datetime.timedelta(days=30)).mitra
    habis = pks(unit, HARI - datetime.timedelta(days=30)).mitra
    aman = pks(unit, HARI + datetime.timedelta(days=300)).mitra
    tanpa = MitraFactory(unit=unit)
    client.force_login(kasi)
    url = reverse("pokmas:mitra-list")
    resp = client.get(url)
    masa = {m.pk: m.masa for m in resp.context["mitra_list"]}
    assert masa == {
        segera.pk: MasaPKS.SEGERA_BERAKHIR,
        habis.pk: MasaPKS.KEDALUWARSA,
        aman.pk: MasaPKS.BERLAKU,
        tanpa.pk: MasaPKS.TANPA_PKS,
    }
    assert "Segera berakhir" in resp.content.decode()
    for nilai, harap in [
        ("segera_berakhir", segera),
        ("kedaluwarsa", habis),
        ("berlaku", aman),
        ("tanpa_pks", tanpa),
    ]:
        resp = client.get(url, {"pks": nilai})
        assert [m.pk for m in resp.context["mitra_list"]] == [harap.pk], nilai


def test_daftar_mitra_saringan_kelompok_bidang_status(client, pk, unit, unit_lain):
    a = MitraFactory(unit=unit, kelompok="ekonomi", bidang=["kewirausahaan"])
    b = MitraFactory(unit=unit, jenis="perorangan", bidang=["bimbingan_agama"])
    MitraFactory(unit=unit_lain, kelompok="ekonomi", bidang=["kewirausahaan"])
    client.force_login(pk)
    url = reverse("pokmas:mitra-list")

    def saring(**q):
        return [m.pk for m in client.get(url, q).context["mitra_list"]]

    assert sorted(saring()) == sorted([a.pk, b.pk])
    assert saring(kelompok="ekonomi") == [a.pk]
    assert saring(bidang="bimbingan_agama") == [b.pk]
    assert saring(jenis="perorangan") == [b.pk]
    assert saring(status="aktif") == []
    assert saring(q=b.nama[-3:].lower()) == [b.pk]


def test_basis_data_menolak_tanggal_terbalik_dan_nomor_ganda(unit):
    p = pks(unit, datetime.date(2027, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        pks(unit, datetime.date(2023, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        pks(unit, datetime.date(2027, 1, 1), nomor=p.nomor)
    with pytest.raises(IntegrityError), transaction.atomic():
        pks(unit, datetime.date(2027, 1, 1), nomor=p.nomor.lower())


def _unggah(client, mitra, isi, nama="pks.pdf", **lain):
    data = {
        "nomor": "PKS/UNGGAH/1",
        "tanggal_tanda_tangan": "2026-01-01",
        "tanggal_mulai": "2026-01-01",
        "tanggal_selesai": "2027-12-31",
        "dokumen": SimpleUploadedFile(nama, isi, "application/pdf"),
    }
    data.update(lain)
    return client.post(reverse("pokmas:pks-create", kwargs={"mitra_pk": mitra.pk}), data)


def test_unggah_pdf_disimpan_di_luar_web_root(client, admin_unit, unit, media_sementara):
    mitra = MitraFactory(unit=unit)
    client.force_login(admin_unit)
    assert _unggah(client, mitra, PDF).status_code == 302
    p = PerjanjianKerjaSama.objects.get()
    lokasi = Path(p.dokumen.path)
    assert lokasi.is_relative_to(Path(media_sementara) / "pks")
    assert not lokasi.is_relative_to(Path(settings.BASE_DIR) / "static")
    assert lokasi.read_bytes() == PDF


def test_unggah_bukan_pdf_ditolak(client, admin_unit, unit):
    mitra = MitraFactory(unit=unit)
    client.force_login(admin_unit)
    resp = _unggah(client, mitra, b"<html>bukan pdf</html>", nama="pks.pdf")
    assert "harus berupa berkas PDF" in str(resp.context["form"].errors["dokumen"])
    assert not PerjanjianKerjaSama.objects.exists()


def test_unggah_lebih_dari_5_mb_ditolak(client, admin_unit, unit):
    mitra = MitraFactory(unit=unit)
    client.force_login(admin_unit)
    besar = PDF + b"0" * (5 * 1024 * 1024)
    resp = _unggah(client, mitra, besar)
    assert "paling besar 5 MB" in str(resp.context["form"].errors["dokumen"])
    assert not PerjanjianKerjaSama.objects.exists()
    tepat = PDF + b"0" * (5 * 1024 * 1024 - len(PDF))
    assert _unggah(client, mitra, tepat).status_code == 302


def test_nomor_pks_ganda_jadi_pesan_bukan_500(client, admin_unit, unit):
    lama = pks(unit, datetime.date(2027, 1, 1))
    client.force_login(admin_unit)
    resp = _unggah(client, lama.mitra, PDF, nomor=lama.nomor.lower())
    assert "sudah tercatat" in str(resp.context["form"].errors["nomor"])


@pytest.fixture
def pks_berdokumen(unit):
    p = pks(unit, datetime.date(2030, 1, 1))
    p.dokumen.save("uji.pdf", ContentFile(PDF))
    return p


@pytest.mark.parametrize("fixture", ["pk", "pk_lain", "kasi", "kabapas", "admin_unit"])
def test_dokumen_untuk_pengguna_kantor_sendiri(client, request, pks_berdokumen, fixture):
    client.force_login(request.getfixturevalue(fixture))
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_berdokumen.pk}))
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == PDF
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"].startswith("attachment;")
    assert resp["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("fixture", "status"), [("kasi_lain", 404), ("kanwil", 403)])
def test_dokumen_ditolak_untuk_kantor_lain(client, request, pks_berdokumen, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_berdokumen.pk}))
    assert resp.status_code == status
    assert PDF not in resp.content


def test_dokumen_tanpa_login_ke_halaman_masuk(client, pks_berdokumen):
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_berdokumen.pk}))
    assert resp.status_code == 302
    assert "/masuk/" in resp["Location"]


def test_pks_tanpa_dokumen_404(client, kasi, unit):
    p = pks(unit, datetime.date(2030, 1, 1))
    client.force_login(kasi)
    assert client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": p.pk})).status_code == 404
