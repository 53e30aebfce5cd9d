from . import Baris, hanya

BARIS = [
    Baris("laporan:dashboard", hanya("kasi", "kasi_lain", "kabapas")),
    Baris("laporan:bulanan", hanya("kasi", "kasi_lain", "kabapas")),
    # a month refused: the message beside the field, last month's report
    Baris("laporan:bulanan", hanya("kasi", "kasi_lain", "kabapas"), query="?bulan=2025-13"),
    # the downloads start a background job on a POST; a GET goes to the report's page
    Baris("laporan:bulanan-pdf", hanya("kasi", "kasi_lain", "kabapas", ok=302), halaman=False),
    Baris("laporan:bulanan-xlsx", hanya("kasi", "kasi_lain", "kabapas", ok=302), halaman=False),
    Baris(
        "laporan:dashboard",
        hanya("kasi", "kasi_lain", "kabapas"),
        query="?dari=2026-01&sampai=2026-12&jenis_program=kemandirian",
    ),
    Baris(
        "laporan:dashboard-ekspor",
        hanya("kasi", "kasi_lain", "kabapas"),
        kwargs=lambda d: {"tabel": "kehadiran-bulan", "format": "csv"},
        halaman=False,
    ),
    Baris(
        "laporan:dashboard-ekspor",
        hanya("kasi", "kasi_lain", "kabapas"),
        kwargs=lambda d: {"tabel": "absen-alasan", "format": "xlsx"},
        halaman=False,
        query="?dari=2026-01&sampai=2026-06",
    ),
    Baris("laporan:kehadiran-list", hanya("kasi", "kasi_lain", "kabapas")),
    Baris(
        "laporan:kehadiran-list",
        hanya("kasi", "kasi_lain", "kabapas"),
        query="?hasil=absen_semua&alasan=upacara_agama_adat",
    ),
    Baris("laporan:ringkasan-wilayah", hanya("kanwil", "pusat")),
    Baris("laporan:wilayah", hanya("kanwil", "pusat")),
    Baris("laporan:wilayah", hanya("kanwil", "pusat"), query="?dari=2026-01&sampai=2026-06"),
    # a month refused: the message beside the field, the default period
    Baris("laporan:wilayah", hanya("kanwil", "pusat"), query="?dari=2026-13"),
    Baris(
        "laporan:wilayah-ekspor",
        hanya("kanwil", "pusat", ok=302),  # POST starts a job; a GET goes to the view
        kwargs=lambda d: {"tabel": "kantor", "format": "csv"},
        halaman=False,
    ),
    Baris(
        "laporan:wilayah-ekspor",
        hanya("kanwil", "pusat", ok=302),  # POST starts a job; a GET goes to the view
        kwargs=lambda d: {"tabel": "bulan", "format": "xlsx"},
        halaman=False,
        query="?dari=2026-01&sampai=2026-06",
    ),
]
