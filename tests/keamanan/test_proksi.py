"""The client's address behind a reverse proxy and without one (issue 10, finding 1).

The lockout (django-axes) and the audit trail read one source, `inti.alamat.alamat_klien`.
With `AXES_IPWARE_PROXY_COUNT=1` (one trusted proxy, as the README tells the operator) the
client is the address that proxy appended to X-Forwarded-For; without it X-Forwarded-For
is anyone's to write and is ignored. `.ci/run` repeats the proxy case against gunicorn.
"""

import pytest
from django.urls import reverse

from inti.alamat import alamat_klien
from jejak.models import JejakAudit, Peristiwa

PASSWORD = "kata-sandi-uji-panjang"  # tests.factories.UserFactory's
PROKSI = "10.9.8.7"  # the reverse proxy: every connection gunicorn sees comes from it
PENYERANG = "203.0.113.9"
PENGGUNA = "198.51.100.7"


@pytest.fixture
def satu_proksi(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1


def _masuk(client, username, password, *, xff=None):
    extra = {"REMOTE_ADDR": PROKSI}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client.post(reverse("akun:login"), {"username": username, "password": password}, **extra)


def _alamat(jenis):
    return list(JejakAudit.objects.filter(jenis=jenis).values_list("remote_addr", flat=True))


def test_di_balik_proksi_penyerang_tidak_mengunci_pengguna_di_alamat_lain(client, pk, satu_proksi):
    for _ in range(5):
        _masuk(client, pk.username, "salah-salah", xff=PENYERANG)
    # the attacker is locked out at their own address, even with the right password ...
    assert _masuk(client, pk.username, PASSWORD, xff=PENYERANG).status_code == 429
    # ... and cannot slip out by writing another address in front of the one the proxy adds
    assert _masuk(client, pk.username, PASSWORD, xff=f"1.2.3.4, {PENYERANG}").status_code == 429
    # the user, behind the same proxy, is not
    resp = _masuk(client, pk.username, PASSWORD, xff=PENGGUNA)
    assert resp.status_code == 302
    assert client.session["_auth_user_id"] == str(pk.pk)
    # the trail records the clients, never the proxy
    assert set(_alamat(Peristiwa.GAGAL_MASUK)) == {PENYERANG}
    assert _alamat(Peristiwa.MASUK) == [PENGGUNA]


def test_di_balik_proksi_jejak_mencatat_alamat_klien_bukan_proksi(client, pk, satu_proksi):
    client.force_login(pk)
    resp = client.get(reverse("jejak:cari"), REMOTE_ADDR=PROKSI, HTTP_X_FORWARDED_FOR=PENGGUNA)
    assert resp.status_code == 403
    assert _alamat(Peristiwa.DITOLAK) == [PENGGUNA]


def test_tanpa_proksi_x_forwarded_for_palsu_tidak_mengubah_apa_pun(client, pk):
    for i in range(5):
        _masuk(client, pk.username, "salah-salah", xff=f"198.51.100.{i}")
    # a new forged address does not open the lock: it is the connection's address that failed
    assert _masuk(client, pk.username, PASSWORD, xff=PENGGUNA).status_code == 429
    assert set(_alamat(Peristiwa.GAGAL_MASUK)) == {PROKSI}

    client.force_login(pk)
    client.get(reverse("jejak:cari"), REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=PENGGUNA)
    assert _alamat(Peristiwa.DITOLAK) == ["192.0.2.1"]


@pytest.mark.parametrize(
    ("proksi", "meta", "alamat"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.1"}, "192.0.2.1"),
        (0, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": PENGGUNA}, "192.0.2.1"),
        # one proxy: the last entry, the one it appended; what the client wrote before it is
        # not believed
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": PENGGUNA}, PENGGUNA),
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {PENGGUNA}"}, PENGGUNA),
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": f"bukan-ip, {PENGGUNA}"}, PENGGUNA),
        # a malformed entry of the client's own must not make ipware drop the header (and the
        # address fall back to the proxy's)
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": f'", {PENGGUNA}'}, PENGGUNA),
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": f'[zz, "x, {PENGGUNA}'}, PENGGUNA),
        # two proxies (say a load balancer, then nginx): the second entry from the end
        (
            2,
            {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {PENGGUNA}, 10.0.0.2"},
            PENGGUNA,
        ),
        # a request that did not come through the proxy: its own connection's address
        (1, {"REMOTE_ADDR": "192.0.2.1"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "bukan-ip"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": PROKSI, "HTTP_X_FORWARDED_FOR": "[2001:db8::1]:4711"}, "2001:db8::1"),
    ],
)
def test_alamat_klien(rf, settings, proksi, meta, alamat):
    settings.AXES_IPWARE_PROXY_COUNT = proksi
    assert alamat_klien(rf.get("/", **meta)) == alamat
