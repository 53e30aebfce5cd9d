from . import Baris, hanya

BARIS = [
    Baris("jejak:cari", hanya("kabapas", "admin")),
    Baris("jejak:cari", hanya("kabapas", "admin"), query="?jenis=lihat&dari=2026-01-01T00:00"),
    Baris("jejak:ekspor", hanya("kabapas", "admin"), halaman=False),
]
