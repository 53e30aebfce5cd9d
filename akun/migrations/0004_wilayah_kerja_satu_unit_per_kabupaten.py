"""A kabupaten lies in at most one Bapas work area.

`Unit.wilayah_kerja` moves from Django's automatic many-to-many table onto the explicit
through model `WilayahKerja`, keeping the same table (`akun_unit_wilayah_kerja`), columns
and related_name: the model state is told about it and the database is left as it is
(Django's documented way, "Changing a ManyToManyField to use a through model"). Then the
table's old (unit, kabupaten) uniqueness, made redundant, gives way to a unique kabupaten.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count


def tolak_kabupaten_ganda(apps, schema_editor):
    """Name the kabupaten already in two work areas, instead of a bare IntegrityError."""
    WilayahKerja = apps.get_model("akun", "WilayahKerja")
    ganda = (
        WilayahKerja.objects.using(schema_editor.connection.alias)
        .values("kabupaten__nama")
        .annotate(n=Count("unit"))
        .filter(n__gt=1)
        .order_by("kabupaten__nama")
    )
    if ganda:
        nama = ", ".join(f"{g['kabupaten__nama']} ({g['n']} units)" for g in ganda)
        raise RuntimeError(
            f"These kabupaten are in more than one Bapas work area: {nama}. "
            "Leave each in one unit's wilayah_kerja, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0003_otp_wajib_dan_status"),
        ("wilayah", "0001_wilayah"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # The automatic table as it stands: two FKs, unique together.
                migrations.CreateModel(
                    name="WilayahKerja",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="akun.unit",
                                verbose_name="unit",
                            ),
                        ),
                        (
                            "kabupaten",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wilayah.kabupaten",
                                verbose_name="kabupaten/kota",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "wilayah kerja",
                        "verbose_name_plural": "wilayah kerja",
                        "db_table": "akun_unit_wilayah_kerja",
                        "unique_together": {("unit", "kabupaten")},
                    },
                ),
                migrations.AlterField(
                    model_name="unit",
                    name="wilayah_kerja",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="unit_bapas",
                        through="akun.WilayahKerja",
                        to="wilayah.kabupaten",
                        verbose_name="wilayah kerja (kabupaten/kota)",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(tolak_kabupaten_ganda, migrations.RunPython.noop),
        # Implied by the unique kabupaten below.
        migrations.AlterUniqueTogether(name="wilayahkerja", unique_together=set()),
        migrations.AddConstraint(
            model_name="wilayahkerja",
            constraint=models.UniqueConstraint(
                fields=("kabupaten",),
                name="wilayah_kerja_kabupaten_satu_unit",
                violation_error_message=(
                    "Kabupaten/kota ini sudah menjadi wilayah kerja kantor Bapas lain."
                ),
            ),
        ),
    ]
