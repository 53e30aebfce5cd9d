"""Request size (issue 10, finding 8): a body past the ceiling is refused before it is
read, with a page that says why and what the limits are; the limits are chosen for the
largest legitimate upload (a 5 MB PKS document) and the 2 MB import."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klien.impor import UKURAN_MAKS as UKURAN_IMPOR
from pokmas.forms import UKURAN_MAKS_PDF

URL = reverse("klien:klien-impor")
MB = 1024 * 1024


def test_batas_dipilih_untuk_unggahan_yang_sah():
    assert settings.UKURAN_PERMINTAAN_MAKS == 6 * MB
    # a 5 MB document and its form fit under the ceiling; the ceiling is not far above it
    assert UKURAN_MAKS_PDF + MB <= settings.UKURAN_PERMINTAAN_MAKS <= UKURAN_MAKS_PDF + 2 * MB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == UKURAN_IMPOR  # an import stays in memory
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 5
    assert settings.FILE_UPLOAD_HANDLERS[0] == "inti.unggahan.BatasUnggahanHandler"


def test_berkas_di_atas_batas_ditolak_sebelum_dibaca_dengan_halaman_413(client, kasi, monkeypatch):
    """A 7 MB upload is refused from its declared length: no upload handler after the
    ceiling ever receives a byte of it (before: the whole file was stored, then refused
    by the form)."""
    dibaca = []
    from django.core.files import uploadhandler

    asli = uploadhandler.MemoryFileUploadHandler.receive_data_chunk

    def catat(self, raw_data, start):
        dibaca.append(len(raw_data))
        return asli(self, raw_data, start)

    monkeypatch.setattr(uploadhandler.MemoryFileUploadHandler, "receive_data_chunk", catat)
    client.force_login(kasi)
    resp = client.post(URL, {"berkas": SimpleUploadedFile("k.csv", b"x" * (7 * MB))})
    assert resp.status_code == 413
    teks = resp.content.decode()
    assert "Kiriman terlalu besar" in teks and "lebih besar dari 6 MB" in teks
    assert "paling besar 2 MB" in teks and "paling besar 5 MB" in teks
    assert dibaca == []


def test_isian_di_atas_1_mb_ditolak_dengan_halaman_413(client, kasi):
    client.force_login(kasi)
    resp = client.post(URL, {"catatan": "a" * (MB + 1)})
    assert resp.status_code == 413
    assert "Kiriman terlalu besar" in resp.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {f"isian{i}": "1" for i in range(1001)},
        {f"berkas{i}": SimpleUploadedFile(f"k{i}.csv", b"x") for i in range(6)},
    ],
    ids=["1001-isian", "6-berkas"],
)
def test_terlalu_banyak_isian_atau_berkas_halaman_400_yang_jelas(client, kasi, data):
    client.force_login(kasi)
    resp = client.post(URL, data)
    assert resp.status_code == 400
    assert "terlalu banyak isian atau berkas" in resp.content.decode()


def test_dokumen_pks_5_mb_masih_diterima_sampai_formnya(client, admin_unit, unit):
    """Just under the ceiling the request reaches the form, which gives its own message."""
    from pokmas.models import PerjanjianKerjaSama
    from tests.pokmas.factories import MitraFactory

    mitra = MitraFactory(unit=unit)
    client.force_login(admin_unit)
    url = reverse("pokmas:pks-create", kwargs={"mitra_pk": mitra.pk})
    pdf = SimpleUploadedFile("pks.pdf", b"%PDF-" + b"0" * (UKURAN_MAKS_PDF + 10))
    resp = client.post(url, {"nomor": "X/1", "dokumen": pdf})
    assert resp.status_code == 200
    assert "paling besar 5 MB" in str(resp.context["form"].errors)
    assert not PerjanjianKerjaSama.objects.exists()
