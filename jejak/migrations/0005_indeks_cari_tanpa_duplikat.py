"""Issue 15: the trail's indexes where the measurements point (bench/README.md).

- The single-column indexes on actor_id and unit_id go: jejak_pelaku_waktu (actor,
  timestamp) and jejak_unit_waktu (unit, timestamp) lead with the same columns. Dropping
  an index touches no row, so the append-only trigger (0002) is not involved.
- On PostgreSQL only: pg_trgm and trigram GIN indexes over the expressions the trail's
  text search compares (jejak.indeks). SQLite migrates with nothing to do there.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from jejak import indeks


def buat_indeks_trigram(apps, schema_editor):
    indeks.buat(schema_editor)


def hapus_indeks_trigram(apps, schema_editor):
    indeks.hapus(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0007_nama_pengguna_ascii_dan_unik_tanpa_huruf_besar"),
        ("jejak", "0004_ulangan_penolakan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="jejakaudit",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="jejakaudit",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="akun.unit",
                verbose_name="unit",
            ),
        ),
        migrations.RunPython(buat_indeks_trigram, hapus_indeks_trigram, elidable=False),
    ]
