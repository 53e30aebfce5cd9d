"""django-otp's own devices kept the TOTP key and the recovery codes in plain text: move
every one into akun's devices (the key encrypted with OTP_KUNCI_ENKRIPSI, the codes as
keyed hashes) and delete the plain-text rows, in one transaction. Reversing puts the TOTP
devices back in plain text; recovery codes cannot be recovered from their hashes, so the
reverse drops them (users make new ones on their security page)."""

from django.db import migrations

FIELD_PERANGKAT = (
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
)
FIELD_TOTP = ("key", "step", "t0", "digits", "tolerance", "drift", "last_t")


def _salin(asal, tujuan_model, fields, **lain):
    baru = tujuan_model.objects.create(**{f: getattr(asal, f) for f in fields}, **lain)
    # created_at is auto_now_add: keep the original enrolment time
    tujuan_model.objects.filter(pk=baru.pk).update(created_at=asal.created_at)
    return baru


def enkripsi(apps, schema_editor):
    from akun.otp.rahasia import sidik

    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    PerangkatTOTP = apps.get_model("akun", "PerangkatTOTP")
    PerangkatKodeCadangan = apps.get_model("akun", "PerangkatKodeCadangan")
    for lama in TOTPDevice.objects.order_by("pk"):
        _salin(lama, PerangkatTOTP, FIELD_PERANGKAT + FIELD_TOTP)
    for lama in StaticDevice.objects.order_by("pk"):
        kode = lama.token_set.values_list("token", flat=True)
        _salin(lama, PerangkatKodeCadangan, FIELD_PERANGKAT, sidik=[sidik(k) for k in kode])
    TOTPDevice.objects.all().delete()
    StaticDevice.objects.all().delete()  # their tokens go with them


def dekripsi(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    PerangkatTOTP = apps.get_model("akun", "PerangkatTOTP")
    PerangkatKodeCadangan = apps.get_model("akun", "PerangkatKodeCadangan")
    for baru in PerangkatTOTP.objects.order_by("pk"):
        _salin(baru, TOTPDevice, FIELD_PERANGKAT + FIELD_TOTP)
    PerangkatTOTP.objects.all().delete()
    PerangkatKodeCadangan.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0005_perangkat_otp_terenkripsi_dan_persetujuan_akun"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(enkripsi, dekripsi)]
