from unittest import mock

from django.urls import reverse


def test_healthz_sehat(client, db):
    resp = client.get(reverse("healthz"))
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in resp["Cache-Control"] or "max-age=0" in resp["Cache-Control"]


def test_healthz_503_bila_database_gagal(client, db):
    from django.db import OperationalError

    with mock.patch("akun.views.connection.cursor", side_effect=OperationalError("mati")):
        resp = client.get(reverse("healthz"))
    assert resp.status_code == 503
    assert resp.json()["status"] == "error"


def test_halaman_galat_berbahasa_indonesia(client, kasi):
    client.force_login(kasi)
    resp = client.get("/tidak-ada/")
    assert resp.status_code == 404
    assert "Halaman tidak ditemukan" in resp.content.decode()
    resp = client.get(reverse("laporan:ringkasan-wilayah"))
    assert resp.status_code == 403
    assert "Akses ditolak" in resp.content.decode()


def test_halaman_500_berbahasa_indonesia(rf):
    from bapas.errors import server_error

    resp = server_error(rf.get("/"))
    assert resp.status_code == 500
    html = resp.content.decode()
    assert "Terjadi kesalahan pada server" in html
    assert "Data Anda tidak berubah" in html
    # valid HTML: checked by the page crawl with every other page (tests/rails/test_crawl.py)
