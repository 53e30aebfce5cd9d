"""Issue 15, part 2: the indexes where the measurements point (bench/README.md).

The client list reads an office's clients in order from (unit, nama, id); the trail keeps
no single-column index that a composite one already leads with; on PostgreSQL the trail's
text search is served by trigram GIN indexes over the expressions it compares (created by
migration jejak 0005, here by the same function, since the suite builds tables from the
models); on SQLite a text search without dates reads the last 90 days and says so."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jejak import indeks
from jejak.filters import JENDELA_BAWAAN_HARI
from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from klien.models import Klien
from tests.klien.factories import KlienFactory

URL = reverse("jejak:cari")
MIGRASI = importlib.import_module("jejak.migrations.0005_indeks_cari_tanpa_duplikat")
hanya_pg = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
hanya_sqlite = pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's window")


def _indeks(tabel: str) -> dict[str, list[str]]:
    with connection.cursor() as c:
        kendala = connection.introspection.get_constraints(c, tabel)
    return {n: k["columns"] for n, k in kendala.items() if k["index"] and not k["primary_key"]}


@pytest.mark.django_db
def test_daftar_klien_berindeks_unit_nama_id():
    (indeks_model,) = [i for i in Klien._meta.indexes if i.name == "klien_unit_nama"]
    assert indeks_model.fields == ["unit", "nama", "id"]
    assert Klien._meta.ordering == ["nama", "pk"]  # the order the index serves
    assert _indeks("klien_klien")["klien_unit_nama"] == ["unit_id", "nama", "id"]


@pytest.mark.django_db
def test_jejak_tanpa_indeks_kembar():
    """No index on a column list that is the front of another index."""
    ada = _indeks("jejak_jejakaudit")
    assert ada["jejak_unit_waktu"] == ["unit_id", "timestamp"]
    assert ada["jejak_pelaku_waktu"] == ["actor_id", "timestamp"]
    kolom = [tuple(k) for k in ada.values() if None not in k]
    kembar = [k for k in kolom if any(len(m) > len(k) and m[: len(k)] == k for m in kolom)]
    assert kembar == []
    assert not JejakAudit._meta.get_field("unit").db_index
    assert not JejakAudit._meta.get_field("actor").db_index


def _tanpa_pemicu_tertunda():
    """The test's transaction holds deferred foreign-key checks; PostgreSQL builds or drops
    no index on a table with pending trigger events (a migration has none)."""
    with connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.fixture
def trigram(db):
    _tanpa_pemicu_tertunda()
    with connection.schema_editor() as se:
        MIGRASI.buat_indeks_trigram(_apps(), se)
    yield
    _tanpa_pemicu_tertunda()
    with connection.schema_editor() as se:
        MIGRASI.hapus_indeks_trigram(_apps(), se)


def _apps():
    from django.apps import apps

    return apps


@hanya_sqlite
@pytest.mark.django_db
def test_migrasi_trigram_tidak_berbuat_apa_apa_di_sqlite():
    """SQLite migrates: the migration's trigram step sends it nothing."""
    perintah = []
    editor = SimpleNamespace(
        connection=connection, execute=perintah.append, add_index=lambda *a: perintah.append(a)
    )
    MIGRASI.buat_indeks_trigram(_apps(), editor)
    MIGRASI.hapus_indeks_trigram(_apps(), editor)
    assert perintah == []


@hanya_pg
def test_indeks_trigram_ada_dan_dipakai_pencarian(trigram, unit, pk, kabapas, desa, client):
    """The GIN indexes exist (created twice: idempotent), the page's search still finds the
    record's label and the kept search term, and its query is planned on those indexes."""
    _tanpa_pemicu_tertunda()
    with connection.schema_editor() as se:
        MIGRASI.buat_indeks_trigram(_apps(), se)
    ada = _indeks("jejak_jejakaudit")
    assert set(indeks.INDEKS_TRIGRAM) <= set(ada)
    sasaran = KlienFactory(unit=unit, pk_pembimbing=pk, desa=desa, nama="Ni Luh Trigramwati")
    catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=sasaran)
    catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk, data={"cari": "pencarian trigramwati"})
    client.force_login(kabapas)
    hasil = client.get(URL, {"data": "TRIGRAMwati"}).context["halaman"]
    assert {e.jenis for e in hasil} >= {Peristiwa.LIHAT, Peristiwa.EKSPOR}
    from jejak.filters import JejakFilter

    qs = JejakFilter({"data": "trigramwati"}, queryset=JejakAudit.objects.all(), user=kabapas).qs
    with connection.cursor() as c:
        # a handful of rows: without these the planner rightly reads the table
        c.execute("SET LOCAL enable_seqscan = off")
        c.execute("SET LOCAL enable_indexscan = off")
        sql, param = qs.query.sql_with_params()
        c.execute("EXPLAIN " + sql, param)
        rencana = "\n".join(r[0] for r in c.fetchall())
    assert "jejak_data_trgm" in rencana and "jejak_cari_trgm" in rencana, rencana


def _lama_dan_baru(unit, pk, desa):
    sasaran = KlienFactory(unit=unit, pk_pembimbing=pk, desa=desa, nama="Made Jendelawan")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=JENDELA_BAWAAN_HARI + 5)):
        lama = catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=sasaran)
    baru = catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=sasaran)
    return lama, baru


@hanya_sqlite
@pytest.mark.django_db
def test_sqlite_pencarian_teks_tanpa_tanggal_90_hari_terakhir(client, unit, pk, kabapas, desa):
    lama, baru = _lama_dan_baru(unit, pk, desa)
    client.force_login(kabapas)
    resp = client.get(URL, {"data": "jendelawan"})
    pks = {e.pk for e in resp.context["halaman"]}
    assert baru.pk in pks and lama.pk not in pks
    isi = resp.content.decode()
    assert 'id="jendela-bawaan"' in isi
    assert "90 hari terakhir" in isi
    # dates given: the user's window, the older entry found, no note
    dari = (timezone.localtime() - datetime.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M")
    resp = client.get(URL, {"data": "jendelawan", "dari": dari})
    assert {lama.pk, baru.pk} <= {e.pk for e in resp.context["halaman"]}
    assert 'id="jendela-bawaan"' not in resp.content.decode()
    # no free text: the whole trail, as before
    resp = client.get(URL, {"jenis": "lihat"})
    assert lama.pk in {e.pk for e in resp.context["halaman"]}
    assert 'id="jendela-bawaan"' not in resp.content.decode()


@hanya_pg
@pytest.mark.django_db
def test_postgresql_tanpa_jendela_bawaan(client, unit, pk, kabapas, desa):
    lama, baru = _lama_dan_baru(unit, pk, desa)
    client.force_login(kabapas)
    resp = client.get(URL, {"data": "jendelawan"})
    assert {lama.pk, baru.pk} <= {e.pk for e in resp.context["halaman"]}
    assert 'id="jendela-bawaan"' not in resp.content.decode()
