from . import PERAN_UJI, Baris, semua

BARIS = [
    Baris("akun:login", {r: 200 if r == "anon" else 302 for r in PERAN_UJI}),
    Baris("akun:beranda", semua(302), halaman=False),
    Baris("akun:logout", semua(405), halaman=False),  # POST only
    Baris("healthz", semua(200), halaman=False),
    Baris("set_language", semua(302), halaman=False),  # POST switches; GET only redirects back
]
