"""PKS documents in an S3-compatible bucket (issue 15): the upload lands in the bucket (not on
local disk), private and encrypted; the download is still streamed through the view that
checks the office, so another office gets 404 and no one gets a link to the bucket."""

import urllib.error
import urllib.request

import environ
import pytest
from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from bapas.settings.base import penyimpanan_dokumen
from inti.penyimpanan import dokumen_di_disk
from pokmas.models import PerjanjianKerjaSama
from tests.penyimpanan.conftest import LOKASI
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

PUBLIK = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def unggah(client, mitra, isi=PDF, nomor="PKS/S3/1", nama="naskah.pdf"):
    return client.post(
        reverse("pokmas:pks-create", kwargs={"mitra_pk": mitra.pk}),
        {
            "nomor": nomor,
            "tanggal_tanda_tangan": "2026-01-01",
            "tanggal_mulai": "2026-01-01",
            "tanggal_selesai": "2027-12-31",
            "dokumen": SimpleUploadedFile(nama, isi, "application/pdf"),
        },
    )


def kunci(pks: PerjanjianKerjaSama) -> str:
    return f"{LOKASI}/pks/{pks.dokumen.name}"


def isi_bucket(s3, bucket) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.fixture
def pks_di_bucket(client, admin_unit, unit, penyimpanan_s3):
    """A PKS uploaded through the real view by the office's admin, its document in the bucket."""
    client.force_login(admin_unit)
    assert unggah(client, MitraFactory(unit=unit)).status_code == 302
    client.logout()
    return PerjanjianKerjaSama.objects.get()


def test_unggahan_masuk_bucket_bukan_disk(pks_di_bucket, s3, penyimpanan_s3, settings):
    assert not dokumen_di_disk()
    assert pks_di_bucket.dokumen.name.startswith("2026/")  # the name as stored before: pks/ apart
    assert isi_bucket(s3, penyimpanan_s3) == [kunci(pks_di_bucket)]
    objek = s3.get_object(Bucket=penyimpanan_s3, Key=kunci(pks_di_bucket))
    assert objek["Body"].read() == PDF
    assert objek["ServerSideEncryption"] == "AES256"
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*"))


@pytest.mark.parametrize("fixture", ["pk", "kasi", "admin_unit"])
def test_unduh_dari_bucket_untuk_kantor_sendiri(client, request, pks_di_bucket, fixture):
    client.force_login(request.getfixturevalue(fixture))
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_di_bucket.pk}))
    assert resp.status_code == 200  # streamed by the view, not a redirect to the bucket
    assert b"".join(resp.streaming_content) == PDF
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Length"] == str(len(PDF))
    assert resp["Content-Disposition"] == f'attachment; filename="PKS-{pks_di_bucket.pk}.pdf"'
    assert resp["Cache-Control"] == "private, no-store"
    assert resp["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("fixture", "status"), [("kasi_lain", 404), ("kanwil", 403)])
def test_kantor_lain_ditolak(client, request, pks_di_bucket, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_di_bucket.pk}))
    assert resp.status_code == status
    assert PDF not in resp.content
    assert "Location" not in resp


def test_objek_tidak_publik(pks_di_bucket, s3, penyimpanan_s3, server_s3):
    grants = s3.get_object_acl(Bucket=penyimpanan_s3, Key=kunci(pks_di_bucket))["Grants"]
    assert grants and not {g["Grantee"].get("URI") for g in grants} & PUBLIK
    with pytest.raises(urllib.error.HTTPError) as galat:  # anonymous, the object's plain URL
        urllib.request.urlopen(f"{server_s3}/{penyimpanan_s3}/{kunci(pks_di_bucket)}")  # noqa: S310
    assert galat.value.code == 403
    # The control: the server does serve a public object anonymously, so the 403 above is
    # the object being private, not the server refusing everything.
    s3.put_object(Bucket=penyimpanan_s3, Key="kontrol.txt", Body=b"publik", ACL="public-read")
    with urllib.request.urlopen(f"{server_s3}/{penyimpanan_s3}/kontrol.txt") as r:  # noqa: S310
        assert r.read() == b"publik"


def test_pks_tidak_memberi_url(pks_di_bucket):
    with pytest.raises(NotImplementedError):
        _ = pks_di_bucket.dokumen.url


def test_nama_sama_tidak_menimpa(client, admin_unit, unit, s3, penyimpanan_s3):
    client.force_login(admin_unit)
    mitra = MitraFactory(unit=unit)
    lain = PDF + b"% versi kedua\n"
    assert unggah(client, mitra, PDF, nomor="PKS/S3/1").status_code == 302
    assert unggah(client, mitra, lain, nomor="PKS/S3/2").status_code == 302
    pertama, kedua = PerjanjianKerjaSama.objects.order_by("pk")
    assert pertama.dokumen.name != kedua.dokumen.name
    assert sorted(isi_bucket(s3, penyimpanan_s3)) == sorted([kunci(pertama), kunci(kedua)])
    for pks, isi in [(pertama, PDF), (kedua, lain)]:
        resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks.pk}))
        assert b"".join(resp.streaming_content) == isi


def test_objek_hilang_404(client, kasi, pks_di_bucket, s3, penyimpanan_s3):
    s3.delete_object(Bucket=penyimpanan_s3, Key=kunci(pks_di_bucket))
    client.force_login(kasi)
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks_di_bucket.pk}))
    assert resp.status_code == 404


def test_simpan_baca_hapus_lewat_storage(unit, s3, penyimpanan_s3):
    """The storage API as the demo and its snapshot use it: save, exists, size, open, delete."""
    pks = PerjanjianFactory(mitra=MitraFactory(unit=unit))
    pks.dokumen.save("demo.pdf", ContentFile(PDF))
    storage = pks.dokumen.storage
    assert storage.exists(pks.dokumen.name) and storage.size(pks.dokumen.name) == len(PDF)
    with storage.open(pks.dokumen.name, "rb") as f:
        assert f.read() == PDF
    storage.delete(pks.dokumen.name)
    assert not storage.exists(pks.dokumen.name)
    assert isi_bucket(s3, penyimpanan_s3) == []
    with pytest.raises(SuspiciousFileOperation):  # a name never leaves pks/
        storage.open("../rahasia.pdf")


def test_pengaturan_dari_environment(monkeypatch):
    for nama in ["S3_BUCKET", "S3_ENDPOINT_URL", "S3_LOCATION", "S3_SERVER_SIDE_ENCRYPTION"]:
        monkeypatch.delenv(nama, raising=False)
    env = environ.Env()
    assert penyimpanan_dokumen(env) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    monkeypatch.setenv("S3_BUCKET", "bapas-dokumen")
    monkeypatch.setenv("S3_LOCATION", "/produksi/")
    opsi = penyimpanan_dokumen(env)["OPTIONS"]
    assert opsi["bucket_name"] == "bapas-dokumen" and opsi["location"] == "produksi"
    assert opsi["default_acl"] is None and opsi["file_overwrite"] is False
    assert opsi["object_parameters"] == {"ServerSideEncryption": "AES256"}
    assert opsi["endpoint_url"] is None  # AWS itself
    monkeypatch.setenv("S3_SERVER_SIDE_ENCRYPTION", "")  # a server without it (MinIO, no KMS)
    assert penyimpanan_dokumen(env)["OPTIONS"]["object_parameters"] == {}


def test_bawaan_disk_lokal(client, kasi, unit, settings, tmp_path):
    """Without S3_BUCKET (the test settings): MEDIA_ROOT/pks on local disk, as before."""
    settings.MEDIA_ROOT = tmp_path / "media"
    assert dokumen_di_disk()
    pks = PerjanjianFactory(mitra=MitraFactory(unit=unit))
    pks.dokumen.save("lokal.pdf", ContentFile(PDF))
    assert (tmp_path / "media" / "pks" / pks.dokumen.name).read_bytes() == PDF
    client.force_login(kasi)
    resp = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks.pk}))
    assert b"".join(resp.streaming_content) == PDF


def test_setiap_filefield_ke_bucket(s3, penyimpanan_s3):
    """Every FileField of the project (PKS documents, the background jobs' files, any added
    later) stores through the default storage, so into the bucket: none keeps a local
    storage of its own."""
    fields = [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.FileField)
    ]
    assert len(fields) >= 2
    for f in fields:
        nama = f.storage.save(f"uji/{f.model._meta.label_lower}.{f.name}.txt", ContentFile(b"x"))
        kunci_ = [k for k in isi_bucket(s3, penyimpanan_s3) if k.endswith(nama)]
        assert len(kunci_) == 1 and kunci_[0].startswith(f"{LOKASI}/"), f
        f.storage.delete(nama)
    assert isi_bucket(s3, penyimpanan_s3) == []
