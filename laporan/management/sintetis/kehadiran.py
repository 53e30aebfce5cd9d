"""Step 4, inside PostgreSQL: the attendance rows, the clients' reporting standing, and
recidivism after guidance.

Each row's outcome is drawn from a hash of its session, client and the seed (`acak`): the
same seed gives the same rows whatever plan the database chooses. A client attends with
their propensity (klien.py; a little more by video, at a post, or to report); an absence
is excused (izin, with a reason weighted as DOMAIN.md names them, ceremonies more in Bali)
about half the time, unexcused otherwise (sometimes with a reason given and not accepted);
an absence of the last week still awaits evidence, and a few older ones were never judged
(past their deadline, so they count as misses). `dapat_diterima` and `batas_keterangan`
follow from the outcome as the model's constraints require."""

from django.db import connection

from klien.models import Klien, PeristiwaResidivisme
from pembimbingan.models import Kehadiran, PendaftaranPos, Peserta, Sesi
from wilayah.models import Desa, Kabupaten, Kecamatan

from . import Konteks
from .kosakata import ALASAN_BALI, ALASAN_UMUM
from .salin import salin

HADIR = "('hadir', 'hadir_tidak_mengikuti_arahan')"


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def acak(seed: int, garam: int, *kunci: str) -> str:
    """SQL for a number in [0, 1) drawn from a hash of the columns `kunci`, the seed and
    `garam` (a different garam for each independent draw of the same row)."""
    campur = " + ".join(f"({k})::bigint * {p}" for k, p in zip(kunci, (1_000_003, 7), strict=False))
    geser = (seed * 7919 + garam * 104_729) % 2_000_000_000
    return f"((hashint8({campur} + {geser}) & 2147483647)::float8 / 2147483648.0)"


def _alasan_sql(u: str, bobot: tuple) -> str:
    total = sum(b for _a, b in bobot)
    bagian, kumulatif = [], 0
    for alasan, b in bobot[:-1]:
        kumulatif += b
        bagian.append(f"WHEN {u} < {kumulatif / total:.4f} THEN '{alasan}'")
    return f"CASE {' '.join(bagian)} ELSE '{bobot[-1][0]}' END"


def _siapkan_sementara(ctx: Konteks) -> None:
    with connection.cursor() as c:
        c.execute(
            "CREATE TEMPORARY TABLE sintetis_klien (id bigint PRIMARY KEY, p float8) ON COMMIT DROP"
        )
        c.execute(
            "CREATE TEMPORARY TABLE sintetis_unit (id bigint PRIMARY KEY, nama text, zona text, "
            "bali bool, kasi_id bigint) ON COMMIT DROP"
        )
    salin("sintetis_klien", ["id", "p"], ((k.id, round(k.p, 4)) for k in ctx.klien))
    salin(
        "sintetis_unit",
        ["id", "nama", "zona", "bali", "kasi_id"],
        ((k.id, k.nama, k.zona, k.bali, k.kasi_id) for k in ctx.kantor),
    )
    with connection.cursor() as c:
        c.execute("ANALYZE sintetis_klien")
        c.execute("ANALYZE sintetis_unit")


def _sumber(jenis: str) -> str:
    """The (unit, session, client, day, start, recorder, propensity, Bali) of the rows of one
    kind of session: a group session's participants on its day (peserta_pada), an outreach
    day's registered clients, an individual session's client."""
    sesi = f"""
        FROM {_t(Sesi)} s
        JOIN sintetis_unit u ON u.id = s.unit_id
        CROSS JOIN LATERAL (SELECT (s.mulai AT TIME ZONE u.zona)::date AS tgl) d
    """
    kolom = (
        "s.unit_id, s.id AS sesi_id, {klien} AS klien_id, d.tgl, s.mulai, s.pk_pencatat_id, "
        "s.moda, s.jenis, u.bali"
    )
    if jenis == "kelompok":
        return f"""
            SELECT {kolom.format(klien="ps.klien_id")} {sesi}
            JOIN {_t(Peserta)} ps ON ps.program_id = s.program_id
             AND ps.tanggal_masuk <= d.tgl
             AND (ps.tanggal_keluar IS NULL OR ps.tanggal_keluar >= d.tgl)
            WHERE s.jenis = 'kelompok' AND s.mulai <= %(sekarang)s
        """
    if jenis == "layanan_pos":
        return f"""
            SELECT {kolom.format(klien="pd.klien_id")} {sesi}
            JOIN {_t(PendaftaranPos)} pd ON pd.sesi_id = s.id
            WHERE s.jenis = 'layanan_pos' AND s.mulai <= %(sekarang)s
        """
    return f"""
        SELECT {kolom.format(klien="s.klien_id")} {sesi}
        WHERE s.jenis IN ('wajib_lapor', 'kunjungan_rumah') AND s.mulai <= %(sekarang)s
    """


def tulis_kehadiran(ctx: Konteks) -> int:
    _siapkan_sementara(ctx)
    u = {i: acak(ctx.seed, i, "x.sesi_id", "x.klien_id") for i in range(1, 5)}
    # 3 working days for evidence (HARI_KERJA_KETERANGAN), national holidays not counted
    batas = (
        "x.tgl + CASE WHEN extract(isodow FROM x.tgl) <= 2 THEN 3 "
        "WHEN extract(isodow FROM x.tgl) <= 5 THEN 5 WHEN extract(isodow FROM x.tgl) = 6 "
        "THEN 4 ELSE 3 END"
    )
    jumlah = 0
    for jenis in ("kelompok", "layanan_pos", "individu"):
        sql = f"""
            INSERT INTO {_t(Kehadiran)} (unit_id, sesi_id, klien_id, hasil, alasan,
                dapat_diterima, keterangan, batas_keterangan, oleh_id, dicatat_pada)
            SELECT x.unit_id, x.sesi_id, x.klien_id, h.hasil,
                   CASE WHEN h.hasil = 'izin' OR (h.hasil = 'tidak_hadir' AND {u[4]} < 0.3)
                        THEN CASE WHEN x.bali THEN {_alasan_sql(u[3], ALASAN_BALI)}
                                  ELSE {_alasan_sql(u[3], ALASAN_UMUM)} END
                        ELSE '' END,
                   CASE h.hasil WHEN 'izin' THEN true WHEN 'tidak_hadir' THEN false END,
                   CASE WHEN h.hasil = 'izin' AND {u[4]} < 0.25
                        THEN 'Bukti diserahkan kepada PK.' ELSE '' END,
                   CASE WHEN h.hasil = 'menunggu_keterangan' THEN {batas} END,
                   x.pk_pencatat_id,
                   LEAST(x.mulai + interval '2 hours', %(sekarang)s)
              FROM ({_sumber(jenis)}) x
              JOIN sintetis_klien k ON k.id = x.klien_id
             CROSS JOIN LATERAL (SELECT CASE
                   WHEN {u[1]} < LEAST(0.99, k.p + CASE WHEN x.moda = 'video' THEN 0.04
                        WHEN x.moda = 'pos_layanan' THEN 0.03
                        WHEN x.jenis = 'wajib_lapor' THEN 0.03 ELSE 0 END)
                        THEN CASE WHEN {u[2]} < 0.04 THEN 'hadir_tidak_mengikuti_arahan'
                                  ELSE 'hadir' END
                   WHEN x.tgl > %(hari_ini)s::date - 7 OR {u[2]} < 0.03 THEN 'menunggu_keterangan'
                   WHEN {u[2]} < 0.5 THEN 'izin'
                   ELSE 'tidak_hadir' END AS hasil) h
        """  # noqa: S608 (the models' own table names; the values are parameters)
        with connection.cursor() as c:
            c.execute(sql, {"sekarang": ctx.sekarang, "hari_ini": ctx.hari_ini})
            jumlah += c.rowcount
    return jumlah


def setel_kepatuhan(ctx: Konteks) -> int:
    """Klien.mangkir_berturut as pembimbingan.kepatuhan counts it: the misses (unexcused,
    or awaiting evidence past the deadline) since the client's last attendance."""
    with connection.cursor() as c:
        c.execute(
            f"""
            WITH terakhir AS (
                SELECT kh.klien_id, max(s.mulai) AS hadir
                  FROM {_t(Kehadiran)} kh JOIN {_t(Sesi)} s ON s.id = kh.sesi_id
                 WHERE kh.hasil IN {HADIR}
                 GROUP BY kh.klien_id
            ), mangkir AS (
                SELECT kh.klien_id, count(*) AS n
                  FROM {_t(Kehadiran)} kh JOIN {_t(Sesi)} s ON s.id = kh.sesi_id
                  LEFT JOIN terakhir t ON t.klien_id = kh.klien_id
                 WHERE (t.hadir IS NULL OR s.mulai > t.hadir)
                   AND (kh.hasil = 'tidak_hadir'
                        OR (kh.hasil = 'menunggu_keterangan' AND kh.batas_keterangan < %s))
                 GROUP BY kh.klien_id
            )
            UPDATE {_t(Klien)} k SET mangkir_berturut = LEAST(m.n, 32767)
              FROM mangkir m WHERE k.id = m.klien_id
            """,  # noqa: S608
            [ctx.hari_ini],
        )
        return c.rowcount


def tulis_residivisme(ctx: Konteks) -> int:
    """A new offence for some clients whose guidance ended: a revoked client's offence just
    before the revocation, otherwise within 18 months after the end; likelier without a
    programme (16 %), and most likely below 75 % attendance of group sessions (24 %) than
    at 75 % and above (8 %)."""
    u1, u2, u3 = (acak(ctx.seed, 10 + i, "k.id") for i in range(3))
    with connection.cursor() as c:
        c.execute(
            f"""
            INSERT INTO {_t(PeristiwaResidivisme)} (unit_id, klien_id, tanggal, jenis, sumber,
                catatan, oleh_id, dicatat_pada)
            SELECT k.unit_id, k.id, t.tanggal,
                   CASE WHEN {u3} < 0.5 THEN 'TERSANGKA' WHEN {u3} < 0.75 THEN 'DIDAKWA'
                        ELSE 'DIPIDANA' END,
                   CASE WHEN {u2} < 0.7 THEN 'Polres ' || kb.nama
                        WHEN {u2} < 0.85 THEN 'Kejaksaan Negeri ' || kb.nama
                        ELSE 'Laporan keluarga klien' END,
                   '', k.pk_pembimbing_id, t.tanggal + interval '5 days'
              FROM {_t(Klien)} k
              JOIN {_t(Desa)} ds ON ds.id = k.desa_id
              JOIN {_t(Kecamatan)} kc ON kc.id = ds.kecamatan_id
              JOIN {_t(Kabupaten)} kb ON kb.id = kc.kabupaten_id
              LEFT JOIN (
                  SELECT kh.klien_id, count(*) AS n,
                         count(*) FILTER (WHERE kh.hasil IN {HADIR}) AS hadir
                    FROM {_t(Kehadiran)} kh JOIN {_t(Sesi)} s ON s.id = kh.sesi_id
                   WHERE s.jenis = 'kelompok'
                   GROUP BY kh.klien_id
              ) a ON a.klien_id = k.id
             CROSS JOIN LATERAL (SELECT k.status = 'DICABUT' AND {u3} < 0.4 AS dicabut) r
             CROSS JOIN LATERAL (SELECT CASE WHEN r.dicabut
                       THEN k.tanggal_berakhir - floor({u2} * 20)::int
                       ELSE k.tanggal_berakhir + 15 + floor({u2} * 530)::int END AS tanggal) t
             WHERE k.status IN ('SELESAI', 'DICABUT')
               AND t.tanggal <= %s AND t.tanggal >= k.tanggal_mulai
               AND {u1} < CASE WHEN r.dicabut THEN 1.0
                               WHEN a.n IS NULL THEN 0.16
                               WHEN a.hadir < 0.75 * a.n THEN 0.24
                               ELSE 0.08 END
            """,  # noqa: S608
            [ctx.hari_ini],
        )
        return c.rowcount
