"""The demo snapshot (tests/demo_snapshot.py): a restore gives back exactly the demo's rows,
ids and files, whatever the test before it changed, on SQLite and on PostgreSQL alike."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse

from akun.models import Peran, User
from jejak.models import JejakAudit
from klien.models import Klien
from pokmas.models import PerjanjianKerjaSama
from tests import demo_snapshot
from tests.demo_snapshot import muat_demo
from tests.factories import UserFactory


def _baris_orm() -> dict[str, list[dict]]:
    """Every model's rows as Django reads them (types converted), in id order."""
    return {
        m._meta.label: list(m._base_manager.order_by("pk").values())
        for m in apps.get_models(include_auto_created=True)
    }


def _baris_mentah() -> dict[str, list[str]]:
    """Every table's rows as stored (what the snapshot keeps), sorted."""
    return {
        t: sorted(isi.splitlines()) if isinstance(isi, str) else sorted(map(repr, isi[1]))
        for t, isi in demo_snapshot._baca_tabel().items()
    }


def test_pulihkan_mengembalikan_setiap_baris_id_dan_berkas(db, client):
    ctx = muat_demo(30)  # a first load or a restore, whichever this process needs
    orm, mentah = _baris_orm(), _baris_mentah()
    assert len(orm[Klien._meta.label]) >= 30 and orm[JejakAudit._meta.label]
    pks = PerjanjianKerjaSama.objects.exclude(dokumen="").order_by("pk").first()
    isi_pks = pks.dokumen.read()
    pks.dokumen.close()
    id_user_max = max(u["id"] for u in orm[User._meta.label])

    # what a test might do to the demo: delete a client and the trail, add and change rows,
    # change the objects it was handed, remove an uploaded document
    korban = Klien.objects.order_by("pk").first()
    with connection.cursor() as c:
        c.execute("DELETE FROM klien_klien WHERE id = %s", [korban.pk])
        c.execute("DELETE FROM jejak_jejakaudit")
    UserFactory(username="tambahan-uji", peran=Peran.PK, unit=ctx.unit["karangasem"])
    User.objects.filter(username="pk1").update(first_name="Diubah")
    ctx.pengguna["pk1"].first_name = "Diubah"
    pks.dokumen.storage.delete(pks.dokumen.name)
    # and a test with `reset_sequences` (or `django_db_reset_sequences`) sets them back
    with connection.cursor() as c:
        for sql in connection.ops.sequence_reset_by_name_sql(
            no_style(), [{"table": User._meta.db_table, "column": "id"}]
        ):
            c.execute(sql)

    ctx2 = muat_demo(30)
    assert _baris_mentah() == mentah
    assert _baris_orm() == orm
    assert ctx2 is not ctx and ctx2.pengguna["pk1"].first_name != "Diubah"
    assert ctx2.pengguna["pk1"] == User.objects.get(username="pk1")
    # the document is back where its row says, and downloads
    client.force_login(ctx2.pengguna["pk1"])
    unduh = client.get(reverse("pokmas:pks-dokumen", kwargs={"pk": pks.pk}))
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == isi_pks
    # the sequences follow the restored ids: a new row gets a fresh one, no clash
    baru = UserFactory(username="baru-uji", peran=Peran.PK, unit=ctx2.unit["karangasem"])
    assert baru.pk > id_user_max


def test_pulihkan_setelah_flush_memakai_content_type_snapshot(transactional_db):
    """After a transactional test, pytest-django flushes the database and the content types
    come back with new ids; a restore brings the snapshot's back, and the manager's cache
    must not keep handing out the new ones."""
    muat_demo(30)
    # what TransactionTestCase's teardown runs
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    sebelum = ContentType.objects.get_for_model(Klien)  # cached
    muat_demo(30)
    sesudah = ContentType.objects.get_for_model(Klien)
    assert sebelum.pk != sesudah.pk
    assert ContentType.objects.filter(pk=sesudah.pk, app_label="klien", model="klien").exists()
    assert Klien.objects.count() >= 30 and User.objects.filter(username="pk1").exists()


def test_muat_pertama_menolak_basis_data_berisi(pk, monkeypatch):
    monkeypatch.setattr(demo_snapshot, "_SNAPSHOT", {})  # as if nothing was loaded yet

    def tidak_boleh(**kwargs):
        raise AssertionError("the demo ran on a database that already had rows")

    monkeypatch.setattr(demo_snapshot, "jalankan_demo", tidak_boleh)
    with pytest.raises(AssertionError, match=r"already have rows: .*akun_user") as galat:
        muat_demo(30)
    assert "demo fixture before" in str(galat.value)
