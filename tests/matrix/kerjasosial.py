"""Pidana kerja sosial (issue 14): the clients' pace list is the PK's (own clients) and the
office's managers'; the Admin keeps the sites, never the orders."""

from . import Baris, hanya

BARIS = [
    Baris("kerjasosial:klien-list", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas")),
]
