"""On PostgreSQL the database refuses edits and deletes of the trail even when the ORM's
guards are bypassed with raw SQL (CI runs this file against PostgreSQL; tests build tables
without migrations, so the test installs the migrations' own SQL first).

The only change the database lets through is the retention redaction, and only for a role
with the table owner's privileges; in production that is the function jejak_redaksi_klien
alone (tests/jejak/test_peran_db.py tries it as the application role)."""

import importlib

import pytest
from django.db import DatabaseError, connection, transaction

from jejak.models import REDAKSI, JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from tests.klien.factories import KlienFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL trigger; SQLite uses the model guard"
)
MIGRASI = importlib.import_module("jejak.migrations.0002_jejak_hanya_tambah_postgresql")
MIGRASI_FUNGSI = importlib.import_module(
    "jejak.migrations.0003_redaksi_lewat_fungsi_tolak_truncate"
)
DIREDAKSI = [REDAKSI, REDAKSI]


def pasang_sql_jejak():
    """What migrations jejak 0002 and 0003 install, in order."""
    with connection.cursor() as c:
        c.execute(MIGRASI.PASANG)
        c.execute(MIGRASI_FUNGSI.PASANG)


@pytest.fixture
def pemicu(db):
    pasang_sql_jejak()
    yield
    with connection.cursor() as c:
        c.execute(MIGRASI_FUNGSI.LEPAS)
        c.execute(MIGRASI.LEPAS)


def ditolak(sql, params=None) -> DatabaseError:
    """Run `sql`; it must fail for lack of privilege (SQLSTATE 42501), not for a typo."""
    with pytest.raises(DatabaseError) as galat, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    assert galat.value.__cause__.pgcode == "42501", galat.value
    return galat.value


def entri_klien(pk, klien, **kwargs) -> JejakAudit:
    """An entry about `klien` as auditlog writes a change: label, snapshot, changes."""
    nilai = {
        "object_repr": klien.nama,
        "serialized_data": {"nama": klien.nama},
        "changes": {"nama": ["A", "B"], "alamat": ["Jl. X", "Jl. Y"], "status": ["x", "y"]},
    }
    return JejakAudit.objects.create(
        action=JejakAudit.Action.UPDATE,
        actor=pk,
        unit_id=pk.unit_id,
        klien_id=klien.pk,
        object_pk=str(klien.pk),
        **(nilai | kwargs),
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE jejak_jejakaudit SET object_repr = 'x' WHERE id = %s",
        "DELETE FROM jejak_jejakaudit WHERE id = %s",
    ],
)
def test_sql_mentah_ditolak(pemicu, pk, sql):
    e = catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk)
    with (
        pytest.raises(DatabaseError, match="tidak boleh diubah"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute(sql, [e.pk])
    assert JejakAudit.objects.filter(pk=e.pk, object_repr="").exists()


def test_redaksi_retensi_tetap_bisa_dan_hanya_di_transaksinya(pemicu, pk):
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    e = catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
    assert JejakAudit.objects.redaksi_klien(klien.pk, {"nama"}) >= 1
    assert JejakAudit.objects.get(pk=e.pk).object_repr == REDAKSI
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE jejak_jejakaudit SET object_repr = 'x' WHERE id = %s", [e.pk])


def test_sakelar_sesi_tidak_lagi_membuka_pemicu(pemicu, pk):
    """Migration 0002 let any UPDATE through once a session set `jejak.redaksi`; any session
    may set a custom setting, so the switch is gone."""
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    e = catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
    label = JejakAudit.objects.get(pk=e.pk).object_repr
    ditolak(
        "SELECT set_config('jejak.redaksi', 'on', true);"
        " UPDATE jejak_jejakaudit SET object_repr = 'dipalsukan' WHERE id = %s",
        [e.pk],
    )
    assert JejakAudit.objects.get(pk=e.pk).object_repr == label == str(klien)


def test_truncate_ditolak(pemicu, pk):
    """TRUNCATE fires no row trigger; a statement trigger refuses it (even a superuser's)."""
    catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk)
    jumlah = JejakAudit.objects.count()
    with connection.cursor() as c:  # the insert's deferred key checks would refuse it first
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    galat = ditolak("TRUNCATE jejak_jejakaudit CASCADE")
    assert "TRUNCATE" in str(galat)
    assert JejakAudit.objects.count() == jumlah > 0


@pytest.mark.parametrize(
    ("ubah", "lolos"),
    [
        # the redaction itself, as jejak_redaksi_klien writes it (the one that passes)
        (
            "object_repr = %(r)s, serialized_data = NULL, changes = changes"
            " || jsonb_build_object('nama', jsonb_build_array(%(r)s, %(r)s))",
            True,
        ),
        ("object_repr = %(r)s, serialized_data = NULL", True),
        # anything else is refused, even from the owner
        ("object_repr = 'dipalsukan'", False),
        ("object_repr = %(r)s", False),  # the snapshot must go too
        ("serialized_data = NULL", False),  # and the label
        ("object_repr = %(r)s, serialized_data = NULL, timestamp = now()", False),
        ("object_repr = %(r)s, serialized_data = NULL, actor_id = NULL", False),
        ("object_repr = %(r)s, serialized_data = NULL, additional_data = '{}'", False),
        (
            "object_repr = %(r)s, serialized_data = NULL,"
            " changes = jsonb_set(changes, '{nama}', '[\"C\", \"D\"]')",
            False,
        ),
        (
            "object_repr = %(r)s, serialized_data = NULL, changes = changes - 'status'",
            False,
        ),
        (
            "object_repr = %(r)s, serialized_data = NULL,"
            " changes = changes || jsonb_build_object('baru', jsonb_build_array(%(r)s, %(r)s))",
            False,
        ),
        ("object_repr = %(r)s, serialized_data = NULL, changes = NULL", False),
    ],
)
def test_pemicu_hanya_meloloskan_redaksi(pemicu, pk, ubah, lolos):
    """The trigger's one exception is a redaction of an entry about a client: label to
    REDAKSI, snapshot NULL, named values replaced, every other column as it was."""
    klien = KlienFactory(pk_pembimbing=pk, unit=pk.unit)
    e = entri_klien(pk, klien)
    sebelum = JejakAudit.objects.values().get(pk=e.pk)
    sql = f"UPDATE jejak_jejakaudit SET {ubah} WHERE id = %(id)s"  # noqa: S608 (test constants)
    if lolos:
        with connection.cursor() as c:
            c.execute(sql, {"r": REDAKSI, "id": e.pk})
        sesudah = JejakAudit.objects.values().get(pk=e.pk)
        assert sesudah["object_repr"] == REDAKSI and sesudah["serialized_data"] is None
    else:
        ditolak(sql, {"r": REDAKSI, "id": e.pk})
        assert JejakAudit.objects.values().get(pk=e.pk) == sebelum


def test_pemicu_tidak_meloloskan_redaksi_entri_tanpa_klien(pemicu, pk):
    e = catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk)
    ditolak(
        "UPDATE jejak_jejakaudit SET object_repr = %s, serialized_data = NULL WHERE id = %s",
        [REDAKSI, e.pk],
    )


def test_fungsi_meredaksi_persis_seperti_redaksi_python(db, pk):
    """The database function and the Python path (SQLite, a database without migrations)
    leave the same values, and touch only the named client's entries."""

    def entri_tiga_macam(klien):
        return [
            entri_klien(pk, klien),
            entri_klien(pk, klien, changes={"status": ["x", "y"]}),  # nothing named
            entri_klien(pk, klien, changes=None),  # a page view
            entri_klien(pk, klien, changes={"nama": {"type": "m2m", "objects": ["A"]}}),
        ]

    def nilai(entri):
        kolom = ("object_repr", "serialized_data", "changes", "timestamp", "actor_id")
        return [JejakAudit.objects.values(*kolom).get(pk=e.pk) for e in entri]

    def tanpa_waktu(baris):
        return [{k: v for k, v in b.items() if k != "timestamp"} for b in baris]

    klien_py, klien_db, lain = (KlienFactory(pk_pembimbing=pk, unit=pk.unit) for _ in range(3))
    entri_py, entri_db, entri_lain = map(entri_tiga_macam, (klien_py, klien_db, lain))
    sebelum_db, sebelum_lain = nilai(entri_db), nilai(entri_lain)
    field = {"nama", "alamat"}

    jumlah_py = JejakAudit.objects.redaksi_klien(klien_py.pk, field)  # no function yet
    pasang_sql_jejak()
    jumlah_db = JejakAudit.objects.redaksi_klien(klien_db.pk, field)

    assert jumlah_py == jumlah_db == JejakAudit.objects.filter(klien_id=klien_db.pk).count()
    assert tanpa_waktu(nilai(entri_db)) == tanpa_waktu(nilai(entri_py))
    hasil = nilai(entri_db)
    assert hasil[0]["changes"] == {"nama": DIREDAKSI, "alamat": DIREDAKSI, "status": ["x", "y"]}
    assert hasil[1]["changes"] == {"status": ["x", "y"]}
    assert hasil[2]["changes"] is None
    assert hasil[3]["changes"] == {"nama": DIREDAKSI}
    assert all(b["object_repr"] == REDAKSI and b["serialized_data"] is None for b in hasil)
    assert [(b["timestamp"], b["actor_id"]) for b in hasil] == [
        (b["timestamp"], b["actor_id"]) for b in sebelum_db
    ]
    assert nilai(entri_lain) == sebelum_lain


def test_fungsi_redaksi_terkunci(pemicu):
    """SECURITY DEFINER with search_path pinned (the trail's schema, pg_temp last), and
    nobody may call it until siapkan_peran_db grants it to the application role."""
    with connection.cursor() as c:
        c.execute(
            "SELECT p.prosecdef, p.proconfig, has_function_privilege('public', p.oid, 'EXECUTE')"
            " FROM pg_proc p WHERE p.oid = 'jejak_redaksi_klien(bigint, text[])'::regprocedure"
        )
        definer, konfigurasi, publik = c.fetchone()
    assert definer is True
    assert konfigurasi == ["search_path=pg_catalog, public, pg_temp"]
    assert publik is False
