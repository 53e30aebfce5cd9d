"""Documents in an S3-compatible bucket: a local server (moto's, in a thread of this process,
one per pytest-xdist worker) and settings built by bapas.settings.base.penyimpanan_dokumen
from the same environment variables production sets.

When the server cannot start the tests are skipped with a clear reason; under CI=true that is
a failure instead.
"""

import os
import threading
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
    # moto's ThreadedMotoServer binds inside its thread and waits for it without a timeout, so
    # a failure to bind would hang the run: bind here (an error is raised at once), then serve
    # in a thread as it does.
    try:
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from werkzeug.serving import make_server

        server = make_server(
            "127.0.0.1",
            0,
            DomainDispatcherApplication(create_backend_app),
            threaded=True,
            request_handler=MotoRequestHandler,
        )
    except Exception as e:  # any reason it cannot start is reported
        msg = f"Local S3 server (moto[server]) did not start: {e!r}; storage tests skipped."
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


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
