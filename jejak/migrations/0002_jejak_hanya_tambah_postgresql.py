"""On PostgreSQL the database itself refuses to change or delete an audit entry.

The one exception is the retention redaction, which turns it on for its own transaction
with `set_config('jejak.redaksi', 'on', true)` (see JejakAuditQuerySet.redaksi_klien).
SQLite (development) relies on the model's own refusal.
"""

from django.db import migrations

PASANG = """
CREATE OR REPLACE FUNCTION jejak_tolak_ubah() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('jejak.redaksi', true) = 'on' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Jejak audit tidak boleh diubah atau dihapus (%).', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS jejak_hanya_tambah ON jejak_jejakaudit;
CREATE TRIGGER jejak_hanya_tambah BEFORE UPDATE OR DELETE ON jejak_jejakaudit
    FOR EACH ROW EXECUTE FUNCTION jejak_tolak_ubah();
"""
LEPAS = """
DROP TRIGGER IF EXISTS jejak_hanya_tambah ON jejak_jejakaudit;
DROP FUNCTION IF EXISTS jejak_tolak_ubah();
"""


def _sql(teks):
    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(teks, params=None)  # no %-interpolation of the SQL

    return jalankan


class Migration(migrations.Migration):
    dependencies = [("jejak", "0001_jejak_audit")]

    operations = [migrations.RunPython(_sql(PASANG), _sql(LEPAS), elidable=False)]
