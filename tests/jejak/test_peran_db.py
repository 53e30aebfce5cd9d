"""Production's two PostgreSQL roles (README, "PostgreSQL"): `siapkan_peran_db` leaves the
application role SELECT and INSERT on the trail and the redaction function, and nothing it
could change the trail with. Each test makes its own owner and application roles (inside
the test's transaction, so they vanish with it), hands the trail to the owner as
`migrate` would, grants with the command, then acts as the application role (SET ROLE).
.ci/run does the same on a database migrated by a real owner role."""

import io
import uuid
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jejak.models import REDAKSI, JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from tests.jejak.test_pemicu_postgresql import ditolak, entri_klien, pasang_sql_jejak
from tests.klien.factories import KlienFactory

hanya_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles exist on PostgreSQL only"
)
FUNGSI = "jejak_redaksi_klien(bigint, text[])"


def sql(*perintah, params=None):
    with connection.cursor() as c:
        for p in perintah:
            c.execute(p, params)


@contextmanager
def sebagai(peran):
    sql(f'SET ROLE "{peran}"')
    try:
        yield
    finally:
        sql("RESET ROLE")


@pytest.fixture
def peran(db):
    """(owner, application role): the owner owns the trail and its functions."""
    akhiran = uuid.uuid4().hex[:10]
    pemilik, aplikasi = f"uji_pemilik_{akhiran}", f"uji_aplikasi_{akhiran}"
    pasang_sql_jejak()
    sql(
        f'CREATE ROLE "{pemilik}" NOLOGIN',
        f'CREATE ROLE "{aplikasi}" NOLOGIN',
        f'ALTER TABLE jejak_jejakaudit OWNER TO "{pemilik}"',
        f'ALTER FUNCTION {FUNGSI} OWNER TO "{pemilik}"',
        f'ALTER FUNCTION jejak_tolak_ubah() OWNER TO "{pemilik}"',
    )
    call_command("siapkan_peran_db", pemilik=pemilik, aplikasi=aplikasi, stdout=io.StringIO())
    return pemilik, aplikasi


def hak_jejak(peran_db):
    with connection.cursor() as c:
        c.execute(
            "SELECT array(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE',"
            " 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p"
            " WHERE has_table_privilege(%s, 'jejak_jejakaudit', p))",
            [peran_db],
        )
        return c.fetchone()[0]


@hanya_postgresql
def test_aplikasi_menulis_membaca_dan_meredaksi_lewat_fungsi(peran, pk):
    """What the application does with the trail still works as the application role: it
    writes entries, reads them, and the retention redaction goes through the function."""
    _pemilik, aplikasi = peran
    assert hak_jejak(aplikasi) == ["SELECT", "INSERT"]
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    with sebagai(aplikasi):
        dibuka = catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
        diubah = entri_klien(pk, klien)
        jumlah = JejakAudit.objects.redaksi_klien(klien.pk, {"nama"})
        assert jumlah == JejakAudit.objects.filter(klien_id=klien.pk).count() >= 2
    dibuka.refresh_from_db()
    diubah.refresh_from_db()
    assert dibuka.object_repr == diubah.object_repr == REDAKSI
    assert diubah.serialized_data is None
    assert diubah.changes == {"nama": [REDAKSI, REDAKSI], "alamat": ["Jl. X", "Jl. Y"]} | {
        "status": ["x", "y"]
    }


@hanya_postgresql
@pytest.mark.parametrize(
    "perintah",
    [
        "UPDATE jejak_jejakaudit SET object_repr = 'x'",
        "UPDATE jejak_jejakaudit SET object_repr = '[dihapus: retensi]', serialized_data = NULL",
        "SELECT set_config('jejak.redaksi', 'on', true);"
        " UPDATE jejak_jejakaudit SET object_repr = 'x'",
        "DELETE FROM jejak_jejakaudit",
        "TRUNCATE jejak_jejakaudit CASCADE",
        "ALTER TABLE jejak_jejakaudit DISABLE TRIGGER jejak_hanya_tambah",
        "ALTER TABLE jejak_jejakaudit DISABLE TRIGGER ALL",
        "DROP TRIGGER jejak_hanya_tambah ON jejak_jejakaudit",
        "DROP TRIGGER jejak_tanpa_truncate ON jejak_jejakaudit",
        "DROP TABLE jejak_jejakaudit",
        "ALTER TABLE jejak_jejakaudit OWNER TO CURRENT_USER",
        "SET session_replication_role = replica",
        f"ALTER FUNCTION {FUNGSI} RESET search_path",
        f"ALTER FUNCTION {FUNGSI} SET search_path = pg_temp, public",
        f"ALTER FUNCTION {FUNGSI} SECURITY INVOKER",
        f"CREATE OR REPLACE FUNCTION {FUNGSI} RETURNS integer LANGUAGE sql AS 'SELECT 0'",
        "CREATE OR REPLACE FUNCTION jejak_tolak_ubah() RETURNS trigger LANGUAGE plpgsql"
        " AS 'BEGIN RETURN NEW; END'",
        "CREATE FUNCTION public.jsonb_build_array(text, text) RETURNS jsonb LANGUAGE sql"
        " AS 'SELECT NULL::jsonb'",
        "CREATE SCHEMA penyusup",
        # (SET ROLE to the owner is checked against the session's login role, here the
        # superuser that runs the tests: .ci/run tries it logged in as the application role)
        "GRANT {pemilik} TO {aplikasi}",
    ],
)
def test_aplikasi_tidak_bisa_mengubah_jejak_atau_melebarkan_fungsi(peran, pk, perintah):
    pemilik, aplikasi = peran
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    e = entri_klien(pk, klien)
    sebelum = JejakAudit.objects.values().get(pk=e.pk)
    with sebagai(aplikasi):
        ditolak(perintah.format(pemilik=f'"{pemilik}"', aplikasi=f'"{aplikasi}"'))
    assert JejakAudit.objects.values().get(pk=e.pk) == sebelum
    assert hak_jejak(aplikasi) == ["SELECT", "INSERT"]


@hanya_postgresql
def test_tabel_sementara_tidak_membelokkan_fungsi(peran, pk):
    """A temporary table named like the trail shadows it in the session's own queries; the
    function's pinned search_path (pg_temp last) still redacts the real one."""
    _pemilik, aplikasi = peran
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    e = entri_klien(pk, klien)
    with sebagai(aplikasi):
        sql(
            "CREATE TEMP TABLE jejak_jejakaudit (id bigint, klien_id bigint, object_repr text,"
            " serialized_data jsonb, changes jsonb)"
        )
        with connection.cursor() as c:
            c.execute(f"SELECT {FUNGSI.split('(')[0]}(%s, ARRAY['nama'])", [klien.pk])
            assert c.fetchone()[0] >= 1
        sql("DROP TABLE pg_temp.jejak_jejakaudit")
    e.refresh_from_db()
    assert e.object_repr == REDAKSI


@hanya_postgresql
def test_peran_lain_tidak_boleh_memanggil_fungsi(peran):
    lain = f"uji_lain_{uuid.uuid4().hex[:10]}"
    sql(f'CREATE ROLE "{lain}" NOLOGIN')
    with sebagai(lain):
        ditolak("SELECT jejak_redaksi_klien(1, ARRAY['nama'])")


@hanya_postgresql
def test_perintah_bisa_diulang_dan_mencabut_hak_berlebih(peran):
    """A second run gives the same grants, and takes back what the owner gave too much."""
    pemilik, aplikasi = peran

    def hak_semua():
        with connection.cursor() as c:
            c.execute(
                "SELECT c.relname, a.privilege_type FROM pg_class c"
                " CROSS JOIN LATERAL aclexplode(c.relacl) a"
                " JOIN pg_roles r ON r.oid = a.grantee WHERE r.rolname = %s"
                " ORDER BY 1, 2",
                [aplikasi],
            )
            return c.fetchall()

    sekali = hak_semua()
    assert ("akun_user", "UPDATE") in sekali and ("jejak_jejakaudit", "INSERT") in sekali
    with sebagai(pemilik):
        sql(f'GRANT UPDATE, DELETE, TRUNCATE ON jejak_jejakaudit TO "{aplikasi}"')
    assert "TRUNCATE" in hak_jejak(aplikasi)
    call_command("siapkan_peran_db", pemilik=pemilik, aplikasi=aplikasi, stdout=io.StringIO())
    assert hak_semua() == sekali


@hanya_postgresql
@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ("ALTER ROLE {aplikasi} SUPERUSER", "superuser"),
        ("ALTER ROLE {aplikasi} CREATEROLE", "CREATEROLE"),
        ("GRANT {pemilik} TO {aplikasi}", "anggota peran pemilik"),
        ("ALTER TABLE jejak_jejakaudit OWNER TO CURRENT_USER", "bukan"),
    ],
)
def test_perintah_menolak_peran_aplikasi_yang_bisa_mengubah_jejak(peran, ubah, pesan):
    pemilik, aplikasi = peran
    sql(ubah.format(pemilik=f'"{pemilik}"', aplikasi=f'"{aplikasi}"'))
    with pytest.raises(CommandError, match=pesan):
        call_command("siapkan_peran_db", pemilik=pemilik, aplikasi=aplikasi, stdout=io.StringIO())


@hanya_postgresql
def test_perintah_menolak_peran_yang_tidak_ada(peran):
    pemilik, _aplikasi = peran
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("siapkan_peran_db", pemilik=pemilik, aplikasi="tidak_ada_peran_ini")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("siapkan_peran_db", pemilik='ada"; DROP TABLE x; --', aplikasi=pemilik)


@hanya_postgresql
def test_perintah_menolak_hak_yang_tidak_bisa_dicabutnya(peran):
    """A grant the owner cannot take back (made by another role) stops the command."""
    pemilik, aplikasi = peran
    lain = f"uji_lain_{uuid.uuid4().hex[:10]}"
    sql(
        f'CREATE ROLE "{lain}" NOLOGIN',
        f'GRANT UPDATE ON jejak_jejakaudit TO "{lain}" WITH GRANT OPTION',
    )
    with sebagai(lain):
        sql(f'GRANT UPDATE ON jejak_jejakaudit TO "{aplikasi}"')
    with pytest.raises(CommandError, match="UPDATE"):
        call_command("siapkan_peran_db", pemilik=pemilik, aplikasi=aplikasi, stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite refusal")
def test_perintah_di_sqlite_tidak_mengubah_apa_pun(db):
    with pytest.raises(CommandError, match="hanya ada di PostgreSQL"):
        call_command("siapkan_peran_db", pemilik="a", aplikasi="b")


@hanya_postgresql
def test_perintah_menolak_peran_yang_sama(db):
    with pytest.raises(CommandError, match="harus berbeda"):
        call_command("siapkan_peran_db", pemilik="bapas", aplikasi="bapas")
