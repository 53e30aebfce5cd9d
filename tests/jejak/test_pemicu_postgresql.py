"""On PostgreSQL the database refuses edits and deletes of the trail even when the ORM's
guards are bypassed with raw SQL (CI runs this file against PostgreSQL; tests build tables
without migrations, so the test installs the migration's own SQL first)."""

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


@pytest.fixture
def pemicu(db):
    with connection.cursor() as c:
        c.execute(MIGRASI.PASANG)
    yield
    with connection.cursor() as c:
        c.execute(MIGRASI.LEPAS)


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
