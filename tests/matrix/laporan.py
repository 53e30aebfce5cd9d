from . import Baris, hanya

BARIS = [
    Baris("laporan:dashboard", hanya("kasi", "kasi_lain", "kabapas")),
    Baris("laporan:ringkasan-wilayah", hanya("kanwil", "pusat")),
]
