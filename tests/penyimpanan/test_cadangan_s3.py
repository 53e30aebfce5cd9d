"""Backups with the documents in a bucket: the archive holds the database only, the command
says where the documents are (the bucket's versioning backs them up) and does not fail."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from jejak import cadangan
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

SANDI = "sandi-uji-cadangan-s3-rahasia-91c2"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_cadangan_tanpa_dokumen_di_bucket(unit, penyimpanan_s3, settings, monkeypatch, tmp_path):
    monkeypatch.delenv("CADANGAN_SANDI_FILE", raising=False)
    monkeypatch.setenv("CADANGAN_SANDI", SANDI)
    pks = PerjanjianFactory(mitra=MitraFactory(unit=unit))
    pks.dokumen.save("pks.pdf", ContentFile(PDF))
    # a stray file under MEDIA_ROOT must not be archived either: the bucket is the store
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "sisa.txt").write_text("lama")
    folder = tmp_path / "arsip"
    folder.mkdir()
    keluaran = io.StringIO()

    call_command("cadangan", folder=str(folder), stdout=keluaran)

    assert f"bucket S3 {penyimpanan_s3}" in keluaran.getvalue()
    assert "versioning" in keluaran.getvalue()
    (arsip,) = folder.iterdir()
    media = tmp_path / "pulih-media"
    media.mkdir()
    dump = cadangan.baca_arsip(arsip, sandi=SANDI, folder_dump=tmp_path, media=media)
    assert dump.stat().st_size > 0
    assert list(media.iterdir()) == []
