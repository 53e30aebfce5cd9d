from . import Baris, hanya

KANTOR = ("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")

BARIS: list[Baris] = [
    # the office calendar (issue 11, part 7): every office role; Kanwil and Pusat see figures
    Baris("pembimbingan:kalender", hanya(*KANTOR)),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=2025"),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=bukan-tahun"),
]
