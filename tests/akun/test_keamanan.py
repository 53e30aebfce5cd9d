"""Lockout, session limits and response headers, with a frozen clock where time matters."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "kata-sandi-uji-panjang"


@pytest.fixture(autouse=True)
def _axes_bersih(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def _masuk(client, username, password, ip="10.0.0.5"):
    return client.post(
        reverse("akun:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_lima_kali_gagal_mengunci_lalu_terbuka_setelah_jeda(client, pk):
    awal = timezone.now()
    with time_machine.travel(awal, tick=False):
        for _ in range(5):
            _masuk(client, pk.username, "salah-salah")
        resp = _masuk(client, pk.username, PASSWORD)
        assert resp.status_code == 429
        assert "Akun terkunci sementara" in resp.content.decode()
        assert "_auth_user_id" not in client.session
    # further failures during the lockout do not extend it
    with time_machine.travel(awal + timedelta(minutes=10), tick=False):
        _masuk(client, pk.username, "salah-lagi")
    with time_machine.travel(awal + timedelta(minutes=16), tick=False):
        resp = _masuk(client, pk.username, PASSWORD)
        assert resp.status_code == 302
        assert client.session["_auth_user_id"] == str(pk.pk)


def test_penyerang_dari_alamat_lain_tidak_mengunci_pengguna(client, pk):
    for _ in range(6):
        _masuk(client, pk.username, "salah", ip="203.0.113.9")
    resp = _masuk(client, pk.username, PASSWORD, ip="10.0.0.5")
    assert resp.status_code == 302


def test_sesi_berakhir_setelah_30_menit_diam(client, pk):
    awal = timezone.now()
    with time_machine.travel(awal, tick=False):
        _masuk(client, pk.username, PASSWORD)
        assert client.get(reverse("klien:caseload")).status_code == 200
    with time_machine.travel(awal + timedelta(minutes=25), tick=False):
        assert client.get(reverse("klien:caseload")).status_code == 200  # renews the expiry
    with time_machine.travel(awal + timedelta(minutes=54), tick=False):
        assert client.get(reverse("klien:caseload")).status_code == 200
    with time_machine.travel(awal + timedelta(minutes=85), tick=False):
        resp = client.get(reverse("klien:caseload"))
        assert resp.status_code == 302
        assert resp["Location"].startswith(reverse("akun:login"))


def test_sesi_berakhir_12_jam_setelah_masuk_walau_aktif(client, pk):
    awal = timezone.now()
    with time_machine.travel(awal, tick=False):
        _masuk(client, pk.username, PASSWORD)
    t = awal
    # active every 20 minutes for just under 12 hours: still logged in
    while t < awal + timedelta(hours=11, minutes=50):
        t += timedelta(minutes=20)
        with time_machine.travel(t, tick=False):
            assert client.get(reverse("klien:caseload")).status_code == 200
    with time_machine.travel(awal + timedelta(hours=12, minutes=5), tick=False):
        resp = client.get(reverse("klien:caseload"))
        assert resp.status_code == 302
        assert "_auth_user_id" not in client.session


def test_header_keamanan_halaman_masuk_log(client, kasi):
    client.force_login(kasi)
    resp = client.get(reverse("laporan:dashboard"))
    assert resp.status_code == 200
    assert resp["Cache-Control"] == "no-store, private"
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Referrer-Policy"] == "same-origin"
    csp = resp["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_halaman_tidak_punya_script_inline(client, kasi):
    import re

    client.force_login(kasi)
    html = client.get(reverse("laporan:dashboard")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag
    assert not re.search(r"\son[a-z]+=", html)


def test_pengguna_dinonaktifkan_sesinya_langsung_tidak_berlaku(client, unit):
    user = UserFactory(username="segera-nonaktif", unit=unit, peran="KASI")
    _masuk(client, user.username, PASSWORD)
    assert client.get(reverse("laporan:dashboard")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse("laporan:dashboard")).status_code == 302
