from . import Baris, hanya

BARIS = [
    Baris("pokmas:mitra-list", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")),
]
