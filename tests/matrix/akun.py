from . import PERAN_UJI, Baris, hanya, semua

# Every logged-in role: 200, anonymous: 302 to the login page.
SETIAP_PENGGUNA = {r: 302 if r == "anon" else 200 for r in PERAN_UJI}
# POST-only: anonymous to the login page, everyone else 405 on GET.
HANYA_POST = {r: 302 if r == "anon" else 405 for r in PERAN_UJI}


def _pk1(d):
    return {"pk": d["pk"].pk}


def _permintaan(d):
    from akun.models import PermintaanPerubahanAkun

    return {"pk": PermintaanPerubahanAkun.objects.order_by("pk").first().pk}


BARIS = [
    Baris("akun:login", {r: 200 if r == "anon" else 302 for r in PERAN_UJI}),
    Baris("akun:beranda", semua(302), halaman=False),
    Baris("akun:logout", semua(405), halaman=False),  # POST only
    Baris("healthz", semua(200), halaman=False),
    Baris("set_language", semua(302), halaman=False),  # POST switches; GET only redirects back
    # Two-step verification. The demo users have no authenticator and none is required in
    # development, so the code page sends them on to their security page; the code page
    # itself (for a user with an authenticator) is validated by the crawl's extra documents.
    Baris("akun:otp-verifikasi", semua(302), halaman=False),
    Baris("akun:keamanan", SETIAP_PENGGUNA),
    Baris("akun:kata-sandi", SETIAP_PENGGUNA),
    Baris("akun:otp-daftar", SETIAP_PENGGUNA),
    Baris("akun:otp-kode-cadangan", HANYA_POST, halaman=False),
    Baris("akun:otp-nonaktif", HANYA_POST, halaman=False),
    Baris("akun:kantor-otp", hanya("kabapas")),
    # The office's accounts: its Admin only (another office's account is a 404, tested in
    # tests/akun/test_pengguna.py; no other office's Admin is among the demo roles).
    Baris("akun:pengguna-list", hanya("admin")),
    Baris("akun:pengguna-create", hanya("admin")),
    Baris("akun:pengguna-update", hanya("admin"), kwargs=_pk1),
    Baris("akun:pengguna-kata-sandi", hanya("admin"), kwargs=_pk1),
    Baris(
        "akun:pengguna-reset-otp", {**hanya("admin", ok=405)}, kwargs=_pk1, halaman=False
    ),  # POST only
]
BARIS += [
    # Changes to Admin and Kabapas accounts wait for a second person: the Kabapas (Admin
    # accounts) or the Kanwil (Kabapas accounts). The demo has one request for each.
    Baris("akun:permintaan-list", hanya("kabapas", "kanwil")),
    Baris(
        "akun:permintaan-putus",
        hanya("kabapas", "kanwil", ok=405),
        kwargs=_permintaan,
        halaman=False,
    ),  # POST only
]
