"""Usernames: ASCII letters, digits and @ . + - _ only (checked on every new or edited
account; an existing account keeps its username and its login), and unique whatever their
case, by an index on LOWER(username) (issue 10, finding 8)."""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

import akun.models


def tolak_nama_pengguna_ganda(apps, schema_editor):
    """Name the usernames that differ only in case, instead of a bare IntegrityError."""
    User = apps.get_model("akun", "User")
    ganda = (
        User.objects.using(schema_editor.connection.alias)
        .annotate(kecil=Lower("username"))
        .values("kecil")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("kecil")
    )
    if ganda:
        nama = ", ".join(f"{g['kecil']} ({g['n']} accounts)" for g in ganda)
        raise RuntimeError(
            f"These usernames are taken by more than one account, in different case: {nama}. "
            "Rename all but one of each, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0006_pindahkan_perangkat_otp_terenkripsi"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="username",
            field=models.CharField(
                error_messages={"unique": "A user with that username already exists."},
                help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                max_length=150,
                unique=True,
                validators=[akun.models.ValidatorNamaPengguna()],
                verbose_name="username",
            ),
        ),
        migrations.RunPython(tolak_nama_pengguna_ganda, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="user_username_unik_tanpa_huruf_besar",
                violation_error_message=(
                    "Nama pengguna ini sudah dipakai akun lain (huruf besar dan kecil "
                    "dianggap sama)."
                ),
            ),
        ),
    ]
