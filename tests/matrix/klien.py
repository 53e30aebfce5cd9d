from . import Baris, hanya

BARIS = [
    Baris("klien:caseload", hanya("pk", "pk_lain")),
    Baris("klien:klien-list", hanya("kasi", "kasi_lain", "kabapas", "admin")),
]
