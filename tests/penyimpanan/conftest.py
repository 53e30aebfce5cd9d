"""Documents in an S3-compatible bucket: a local server (moto's, in a thread of this process,
one per pytest-xdist worker) and settings built by bapas.settings.base.penyimpanan_dokumen
from the same environment variables production sets.

When the server cannot start the tests are skipped with a clear reason; under CI=true that is
a failure instead.
"""

import os
import uuid

import boto3
import environ
import pytest

from bapas.settings.base import penyimpanan_dokumen

REGION = "us-east-1"
LOKASI = "dokumen"  # S3_LOCATION: every object under this prefix


@pytest.fixture(scope="session")
def server_s3():
    """The URL of a local S3-compatible server, on a free port of 127.0.0.1."""
    try:
        from moto.server import ThreadedMotoServer

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    except Exception as e:
        msg = f"Local S3 server (moto[server]) did not start: {e!r}; storage tests skipped."
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def kredensial(monkeypatch):
    """Credentials as production gives them (the environment boto3 reads); moto takes any."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "uji-kunci")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "uji-rahasia")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@pytest.fixture
def s3(server_s3, kredensial):
    """A boto3 client of the local server, to look into the bucket behind the app's back."""
    return boto3.client("s3", endpoint_url=server_s3, region_name=REGION)


@pytest.fixture
def bucket(s3):
    """A new, empty bucket for each test."""
    nama = f"bapas-uji-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=nama)
    return nama


@pytest.fixture
def penyimpanan_s3(settings, monkeypatch, server_s3, bucket, tmp_path):
    """STORAGES["default"] in the bucket, as base.py builds it from the environment; MEDIA_ROOT
    an empty folder, to show nothing lands on local disk. Overriding STORAGES resets Django's
    cached storages (django.test.signals.storages_changed), default_storage included."""
    monkeypatch.setenv("S3_BUCKET", bucket)
    monkeypatch.setenv("S3_ENDPOINT_URL", server_s3)
    monkeypatch.setenv("S3_REGION", REGION)
    monkeypatch.setenv("S3_LOCATION", LOKASI)
    monkeypatch.delenv("S3_SERVER_SIDE_ENCRYPTION", raising=False)
    monkeypatch.delenv("S3_ADDRESSING_STYLE", raising=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": penyimpanan_dokumen(environ.Env())}
    return bucket
