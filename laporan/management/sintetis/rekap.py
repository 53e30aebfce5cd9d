"""Step 6, inside PostgreSQL: the attendance rollup (pembimbingan.RekapKehadiran) counted
from the rows in one INSERT ... SELECT ... GROUP BY, and its office cells
(RekapKehadiranKantor) summed from it in another; then the clients' flows per office and
month (klien.RekapKlien).

The same cells as `pembimbingan.rekap.bangun_ulang()` writes (which reads each office's
recount into Python and back, minutes at this size): the grain of `rekap.DIMENSI`, the
month of the session in the office's time zone as `rekap._bulan_sesi` truncates it, no
zero cells. `manage.py rekap_kehadiran --periksa` compares the two and finds no
difference (tests/laporan/test_data_sintetis.py)."""

from django.db import connection

from akun.models import Unit
from klien.models import MASUK, Klien, RekapKlien
from klien.pilihan import STATUS_BERAKHIR
from pembimbingan.models import Kehadiran, RekapKehadiran, RekapKehadiranKantor, Sesi
from wilayah.models import Desa, Kecamatan

from .kehadiran import _t


def tulis_rekap() -> int:
    with connection.cursor() as c:
        c.execute(
            f"""
            INSERT INTO {_t(RekapKehadiran)} (unit_id, bulan, program_id, jenis_sesi, moda,
                kabupaten_id, kategori, hasil, alasan, jumlah)
            SELECT kh.unit_id,
                   date_trunc('month', s.mulai AT TIME ZONE u.zona_waktu)::date,
                   s.program_id, s.jenis, s.moda, kc.kabupaten_id, k.kategori, kh.hasil,
                   kh.alasan, count(*)
              FROM {_t(Kehadiran)} kh
              JOIN {_t(Sesi)} s ON s.id = kh.sesi_id
              JOIN {_t(Unit)} u ON u.id = kh.unit_id
              JOIN {_t(Klien)} k ON k.id = kh.klien_id
              JOIN {_t(Desa)} d ON d.id = k.desa_id
              JOIN {_t(Kecamatan)} kc ON kc.id = d.kecamatan_id
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
            """  # noqa: S608 (the models' own table names)
        )
        n = c.rowcount
        # its office cells (RekapKehadiranKantor), summed from those cells as
        # pembimbingan.rekap.ke_kantor sums them
        c.execute(
            f"""
            INSERT INTO {_t(RekapKehadiranKantor)} (unit_id, bulan, hasil, alasan, jumlah)
            SELECT unit_id, bulan, hasil, alasan, sum(jumlah)
              FROM {_t(RekapKehadiran)}
             GROUP BY 1, 2, 3, 4
            """  # noqa: S608 (the models' own table names)
        )
        # the clients' flows per office and month (klien.RekapKlien), as klien.rekap.hitung
        # counts them: each client's intake month, and its ending month by kind
        c.execute(
            f"""
            INSERT INTO {_t(RekapKlien)} (unit_id, bulan, peristiwa, jumlah)
            SELECT unit_id, bulan, peristiwa, count(*) FROM (
                SELECT unit_id, date_trunc('month', tanggal_mulai)::date AS bulan,
                       '{MASUK}' AS peristiwa
                  FROM {_t(Klien)}
                UNION ALL
                SELECT unit_id, date_trunc('month', tanggal_berakhir)::date, status
                  FROM {_t(Klien)}
                 WHERE tanggal_berakhir IS NOT NULL
                   AND status IN ({", ".join(f"'{s}'" for s in STATUS_BERAKHIR)})
            ) AS alur
             GROUP BY 1, 2, 3
            """  # noqa: S608 (the models' own table names and fixed codes)
        )
        return n
