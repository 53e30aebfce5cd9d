"""Step 5, inside PostgreSQL: the audit trail, in the shape the application writes it.

Only INSERTs: the trail's trigger (jejak migrations 0002/0003) refuses any change or
deletion, and none is made. The entries: client records opened (auditlog's "accessed"),
attendance rows, sessions and status changes created (with their diff, as
jejak.massal.entri_perubahan writes them), clients' data changed, logins and logouts, failed
logins, exports and refused requests, in the proportions below, during office hours of
the days they concern."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from akun.models import User
from jejak.models import JejakAudit, Peristiwa
from klien.models import Klien, RiwayatStatus
from pembimbingan.models import Kehadiran, Sesi

from . import Konteks
from .kehadiran import _t, acak

A = JejakAudit.Action
BAGIAN = {
    "lihat_klien": 0.38,
    "buat_kehadiran": 0.25,
    "ubah_klien": 0.10,
    "buat_sesi": 0.06,
    "buat_riwayat": 0.05,
    "masuk": 0.10,
    "keluar": 0.03,
    "ekspor": 0.01,
    "ditolak": 0.01,
    "gagal_masuk": 0.01,
}
KOLOM = (
    "action, jenis, content_type_id, object_pk, object_id, object_repr, changes, "
    "changes_text, additional_data, actor_id, actor_email, peran, remote_addr, cid, "
    "timestamp, unit_id, klien_id"
)
LABEL_SESI = {
    "kelompok": "Sesi kelompok",
    "wajib_lapor": "Wajib lapor",
    "kunjungan_rumah": "Kunjungan rumah",
    "layanan_pos": "Hari layanan pos",
}


def _alamat(u: str) -> str:
    return f"('10.' || floor({u} * 250)::int || '.' || floor({u} * 62500)::int %% 250 || '.' || 1 + floor({u} * 15625000)::int %% 250)::inet"  # noqa: E501


def _cid(kolom: str) -> str:
    return f"md5({kolom}::text || 'cid')"


def tulis_jejak(ctx: Konteks) -> int:
    n = {jenis: round(ctx.rencana.jejak * b) for jenis, b in BAGIAN.items()}
    ct = {
        m: ContentType.objects.get_for_model(m).pk
        for m in (Klien, Kehadiran, Sesi, RiwayatStatus, User)
    }
    with connection.cursor() as c:
        c.execute(f"SELECT min(id), max(id) FROM {_t(Klien)}")  # noqa: S608
        klien_min, klien_maks = c.fetchone()
        c.execute(f"SELECT count(*) FROM {_t(Kehadiran)}")  # noqa: S608
        jumlah_kehadiran = c.fetchone()[0] or 1
        c.execute(f"SELECT count(*) FROM {_t(Sesi)} WHERE versi > 0")  # noqa: S608
        jumlah_sesi = c.fetchone()[0] or 1
        c.execute(f"SELECT count(*) FROM {_t(RiwayatStatus)}")  # noqa: S608
        jumlah_riwayat = c.fetchone()[0] or 1
        peran = "('PK', 'KASI', 'KANWIL', 'PUSAT')"
        c.execute(f"SELECT min(id), max(id) FROM {_t(User)} WHERE peran IN {peran}")  # noqa: S608
        user_min, user_maks = c.fetchone()
    # generated entries fall on days up to yesterday (none later than now)
    param = {"kemarin": ctx.hari_ini - datetime.timedelta(days=1), "awal": ctx.awal_riwayat}

    def seri(jenis: str) -> str:
        """The numbers an entry of `jenis` is drawn from: each kind its own range, so that
        no two kinds draw the same values."""
        awal = list(BAGIAN).index(jenis) * 1_000_000_000
        return f"generate_series({awal + 1}, {awal + n[jenis]}) g(i)"

    u = {i: acak(ctx.seed, 20 + i, "g.i") for i in range(1, 6)}
    pilih_klien = f"{klien_min} + floor({u[1]} * {klien_maks - klien_min + 1})::bigint"
    # a day of the client's guidance within the history, during office hours (WITA)
    hari_klien = f"""
        CROSS JOIN LATERAL (SELECT GREATEST(k.tanggal_mulai, %(awal)s::date) AS dari,
                                   LEAST(k.tanggal_berakhir, %(kemarin)s::date) AS sampai) r
        CROSS JOIN LATERAL (SELECT (r.dari + floor({u[2]} * (r.sampai - r.dari + 1))::int)
                                   + make_interval(hours => 8 + floor({u[3]} * 9)::int,
                                                   mins => floor({u[4]} * 60)::int)
                                   AS pada) w
    """
    pelaku = f"CASE WHEN {u[5]} < 0.8 THEN k.pk_pembimbing_id ELSE su.kasi_id END"
    label = (
        "CASE s.jenis " + " ".join(f"WHEN '{j}' THEN '{t}'" for j, t in LABEL_SESI.items()) + " END"
    )
    perintah = {
        "lihat_klien": f"""
            SELECT {A.ACCESS}, '{Peristiwa.LIHAT}', {ct[Klien]}, k.id::text, k.id,
                   k.nama || ' (' || k.no_register || ')', NULL, '', NULL,
                   p.id, p.email, p.peran, {_alamat(u[3])}, {_cid("g.i")},
                   (w.pada AT TIME ZONE 'Asia/Makassar'), k.unit_id, k.id
              FROM {seri("lihat_klien")}
              JOIN {_t(Klien)} k ON k.id = {pilih_klien}
              JOIN sintetis_unit su ON su.id = k.unit_id
              {hari_klien}
              JOIN {_t(User)} p ON p.id = {pelaku}
             WHERE r.dari <= r.sampai
        """,  # noqa: S608
        "ubah_klien": f"""
            SELECT {A.UPDATE}, '{Peristiwa.UBAH}', {ct[Klien]}, k.id::text, k.id,
                   k.nama || ' (' || k.no_register || ')',
                   CASE WHEN {u[4]} < 0.5 THEN jsonb_build_object('telepon',
                            jsonb_build_array('08' || lpad(floor({u[3]} * 1e10)::bigint::text,
                                                           10, '0'), k.telepon))
                        WHEN {u[4]} < 0.8 THEN jsonb_build_object('alamat',
                            jsonb_build_array('-', k.alamat))
                        ELSE jsonb_build_object('mangkir_berturut', jsonb_build_array('0', '1'))
                   END, '', NULL,
                   p.id, p.email, p.peran, {_alamat(u[3])}, {_cid("g.i")},
                   (w.pada AT TIME ZONE 'Asia/Makassar'), k.unit_id, k.id
              FROM {seri("ubah_klien")}
              JOIN {_t(Klien)} k ON k.id = {pilih_klien}
              JOIN sintetis_unit su ON su.id = k.unit_id
              {hari_klien}
              JOIN {_t(User)} p ON p.id = {pelaku}
             WHERE r.dari <= r.sampai
        """,  # noqa: S608
        "buat_kehadiran": f"""
            SELECT {A.CREATE}, '{Peristiwa.BUAT}', {ct[Kehadiran]}, kh.id::text, kh.id,
                   kh.klien_id || ' @ ' || kh.sesi_id || ': ' || kh.hasil,
                   jsonb_build_object(
                       'id', jsonb_build_array('None', kh.id::text),
                       'unit', jsonb_build_array('None', su.nama),
                       'sesi', jsonb_build_array('None', {label} || ' '
                           || to_char(s.mulai AT TIME ZONE su.zona, 'YYYY-MM-DD HH24:MI')),
                       'klien', jsonb_build_array('None', k.nama || ' (' || k.no_register || ')'),
                       'hasil', jsonb_build_array('None', kh.hasil),
                       'alasan', jsonb_build_array('None', kh.alasan),
                       'dapat_diterima', jsonb_build_array('None', CASE kh.dapat_diterima
                           WHEN true THEN 'True' WHEN false THEN 'False' ELSE 'None' END),
                       'keterangan', jsonb_build_array('None', kh.keterangan),
                       'oleh', jsonb_build_array('None', p.first_name || ' ' || p.last_name),
                       'dicatat_pada', jsonb_build_array('None',
                           to_char(kh.dicatat_pada AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))),
                   '', NULL,
                   p.id, p.email, p.peran, {_alamat(acak(ctx.seed, 31, "kh.id"))},
                   md5(kh.sesi_id::text || 'cid'), kh.dicatat_pada, kh.unit_id, kh.klien_id
              FROM {_t(Kehadiran)} kh
              JOIN {_t(Sesi)} s ON s.id = kh.sesi_id
              JOIN {_t(Klien)} k ON k.id = kh.klien_id
              JOIN sintetis_unit su ON su.id = kh.unit_id
              JOIN {_t(User)} p ON p.id = kh.oleh_id
             WHERE {acak(ctx.seed, 30, "kh.id")} < {n["buat_kehadiran"] / jumlah_kehadiran:.8f}
        """,  # noqa: S608
        "buat_sesi": f"""
            SELECT {A.CREATE}, '{Peristiwa.BUAT}', {ct[Sesi]}, s.id::text, s.id,
                   {label} || ' ' || to_char(s.mulai AT TIME ZONE su.zona, 'YYYY-MM-DD HH24:MI'),
                   jsonb_build_object(
                       'id', jsonb_build_array('None', s.id::text),
                       'jenis', jsonb_build_array('None', s.jenis),
                       'moda', jsonb_build_array('None', s.moda),
                       'unit', jsonb_build_array('None', su.nama),
                       'pk_pencatat', jsonb_build_array('None', p.first_name || ' ' || p.last_name),
                       'mulai', jsonb_build_array('None',
                           to_char(s.mulai AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')),
                       'tempat', jsonb_build_array('None', s.tempat)),
                   '', NULL,
                   p.id, p.email, p.peran, {_alamat(acak(ctx.seed, 33, "s.id"))},
                   md5(s.id::text || 'cid'), s.dibuat_pada, s.unit_id, s.klien_id
              FROM {_t(Sesi)} s
              JOIN sintetis_unit su ON su.id = s.unit_id
              JOIN {_t(User)} p ON p.id = s.pk_pencatat_id
             WHERE s.versi > 0 AND {acak(ctx.seed, 32, "s.id")} < {n["buat_sesi"] / jumlah_sesi:.8f}
        """,  # noqa: S608
        "buat_riwayat": f"""
            SELECT {A.CREATE}, '{Peristiwa.BUAT}', {ct[RiwayatStatus]}, rs.id::text, rs.id,
                   rs.klien_id || ': ' || rs.status_lama || ' → ' || rs.status_baru,
                   jsonb_build_object(
                       'status_lama', jsonb_build_array('None', rs.status_lama),
                       'status_baru', jsonb_build_array('None', rs.status_baru),
                       'tanggal', jsonb_build_array('None', rs.tanggal::text),
                       'alasan', jsonb_build_array('None', rs.alasan)),
                   '', NULL,
                   p.id, p.email, p.peran, {_alamat(acak(ctx.seed, 35, "rs.id"))},
                   md5(rs.id::text || 'cid'), rs.dicatat_pada, k.unit_id, rs.klien_id
              FROM {_t(RiwayatStatus)} rs
              JOIN {_t(Klien)} k ON k.id = rs.klien_id
              JOIN {_t(User)} p ON p.id = rs.oleh_id
             WHERE rs.tanggal >= %(awal)s::date
               AND {acak(ctx.seed, 34, "rs.id")} < {n["buat_riwayat"] / jumlah_riwayat * 1.5:.8f}
        """,  # noqa: S608
    }
    pengguna = f"""
        FROM {{seri}}
        JOIN {_t(User)} p ON p.id = {user_min} + floor({u[1]} * {user_maks - user_min + 1})::bigint
        CROSS JOIN LATERAL (SELECT %(awal)s::date
                                   + floor({u[2]} * (%(kemarin)s::date - %(awal)s::date + 1))::int
                                   + make_interval(hours => 7 + floor({u[3]} * 10)::int,
                                                   mins => floor({u[4]} * 60)::int) AS pada) w
    """
    for jenis, peristiwa in (("masuk", Peristiwa.MASUK), ("keluar", Peristiwa.KELUAR)):
        perintah[jenis] = f"""
            SELECT {A.ACCESS}, '{peristiwa}', {ct[User]}, p.id::text, p.id,
                   p.first_name || ' ' || p.last_name, NULL, '', NULL,
                   p.id, p.email, p.peran, {_alamat(u[5])}, {_cid("g.i")},
                   (w.pada AT TIME ZONE 'Asia/Makassar'), p.unit_id, NULL
            {pengguna.format(seri=seri(jenis))}
        """
    perintah["gagal_masuk"] = f"""
        SELECT {A.ACCESS}, '{Peristiwa.GAGAL_MASUK}', {ct[User]}, p.id::text, p.id,
               p.first_name || ' ' || p.last_name, NULL, '',
               jsonb_build_object('nama_pengguna', p.username, 'akun_ada', true),
               NULL, NULL, '', {_alamat(u[5])}, {_cid("g.i")},
               (w.pada AT TIME ZONE 'Asia/Makassar'), p.unit_id, NULL
        {pengguna.format(seri=seri("gagal_masuk"))}
    """
    perintah["ekspor"] = f"""
        SELECT {A.ACCESS}, '{Peristiwa.EKSPOR}', NULL, '', NULL, '', NULL, '',
               jsonb_build_object('berkas', 'klien-' || to_char(w.pada, 'YYYY-MM-DD') || '.csv',
                                  'format', 'csv', 'baris', 20 + floor({u[5]} * 900)::int,
                                  'saringan', ''),
               p.id, p.email, p.peran, {_alamat(u[5])}, {_cid("g.i")},
               (w.pada AT TIME ZONE 'Asia/Makassar'), p.unit_id, NULL
        {pengguna.format(seri=seri("ekspor"))}
         WHERE p.unit_id IS NOT NULL
    """
    perintah["ditolak"] = f"""
        SELECT {A.ACCESS}, '{Peristiwa.DITOLAK}', NULL, '', NULL, '', NULL, '',
               jsonb_build_object('path', '/klien/' || ({pilih_klien}) || '/',
                                  'metode', 'GET', 'status', 404),
               p.id, p.email, p.peran, {_alamat(u[5])}, {_cid("g.i")},
               (w.pada AT TIME ZONE 'Asia/Makassar'), p.unit_id, NULL
        {pengguna.format(seri=seri("ditolak"))}
         WHERE p.unit_id IS NOT NULL
    """
    jumlah = 0
    with connection.cursor() as c:
        for sql in perintah.values():
            c.execute(
                f"INSERT INTO {_t(JejakAudit)} ({KOLOM}) {sql}",
                param,
            )
            jumlah += c.rowcount
    return jumlah
