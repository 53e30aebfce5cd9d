"""On PostgreSQL the trail is redacted only through a database function; TRUNCATE is refused.

Before this migration the trigger of 0002 let any UPDATE through once a session had set
`jejak.redaksi` to 'on', which every session may do. Now:

- `jejak_tolak_ubah()` has no switch. It refuses every DELETE and TRUNCATE, and every
  UPDATE except a redaction (label to REDAKSI, `serialized_data` NULL, named values in
  `changes` replaced by [REDAKSI, REDAKSI], every other column unchanged, an entry about a
  client) made by a role with the owner's privileges, who could drop the trigger anyway.
- `jejak_redaksi_klien(klien, fields)` is that redaction for one client's entries, exactly
  as `JejakAuditQuerySet.redaksi_klien` does it in Python. It runs as its owner (SECURITY
  DEFINER; the owner role that ran this migration) with `search_path` pinned to
  pg_catalog, the trail's schema and pg_temp last, and nobody may call it until
  `manage.py siapkan_peran_db` grants it to the application role. That role has no UPDATE,
  DELETE or TRUNCATE on the trail and does not own it (README, "PostgreSQL").
- A statement-level BEFORE TRUNCATE trigger, since TRUNCATE fires no row trigger.

SQLite (development) has no roles: the model's own refusal is the protection there.
"""

import importlib

from django.db import migrations

SEBELUMNYA = importlib.import_module("jejak.migrations.0002_jejak_hanya_tambah_postgresql")

PASANG = """
CREATE OR REPLACE FUNCTION jejak_tolak_ubah() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    redaksi CONSTANT text := '[dihapus: retensi]';
    boleh_beda CONSTANT text[] := ARRAY['object_repr', 'serialized_data', 'changes'];
BEGIN
    IF TG_OP = 'UPDATE' AND TG_LEVEL = 'ROW' THEN
        IF pg_has_role(current_user,
                       (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE')
           AND OLD.klien_id IS NOT NULL
           AND NEW.object_repr = redaksi
           AND NEW.serialized_data IS NULL
           AND to_jsonb(NEW) - boleh_beda = to_jsonb(OLD) - boleh_beda
           AND (NEW.changes IS NOT DISTINCT FROM OLD.changes
                OR (jsonb_typeof(OLD.changes) = 'object'
                    AND jsonb_typeof(NEW.changes) = 'object'
                    AND NOT EXISTS (
                        SELECT FROM jsonb_each(OLD.changes) AS lama
                        FULL JOIN jsonb_each(NEW.changes) AS baru USING (key)
                        WHERE lama.value IS NULL
                           OR baru.value IS NULL
                           OR (baru.value <> lama.value
                               AND baru.value <> jsonb_build_array(redaksi, redaksi)))))
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'Jejak audit tidak boleh diubah atau dihapus (%).', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION jejak_tolak_ubah() FROM PUBLIC;
DROP TRIGGER IF EXISTS jejak_tanpa_truncate ON jejak_jejakaudit;
CREATE TRIGGER jejak_tanpa_truncate BEFORE TRUNCATE ON jejak_jejakaudit
    FOR EACH STATEMENT EXECUTE FUNCTION jejak_tolak_ubah();

CREATE OR REPLACE FUNCTION jejak_redaksi_klien(p_klien bigint, p_field text[])
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
AS $$
DECLARE
    redaksi CONSTANT text := '[dihapus: retensi]';
    jumlah integer;
BEGIN
    UPDATE jejak_jejakaudit AS e
       SET object_repr = redaksi,
           serialized_data = NULL,
           changes = CASE
               WHEN jsonb_typeof(e.changes) = 'object' THEN e.changes || COALESCE(
                   (SELECT jsonb_object_agg(k, jsonb_build_array(redaksi, redaksi))
                      FROM jsonb_object_keys(e.changes) AS k
                     WHERE k = ANY (p_field)),
                   '{}'::jsonb)
               ELSE e.changes
           END
     WHERE e.klien_id = p_klien;
    GET DIAGNOSTICS jumlah = ROW_COUNT;
    RETURN jumlah;
END
$$;
REVOKE ALL ON FUNCTION jejak_redaksi_klien(bigint, text[]) FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format(
        'ALTER FUNCTION jejak_redaksi_klien(bigint, text[]) '
        'SET search_path = pg_catalog, %I, pg_temp',
        (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.oid = 'jejak_jejakaudit'::regclass));
END
$$;
"""
LEPAS = """
DROP FUNCTION IF EXISTS jejak_redaksi_klien(bigint, text[]);
DROP TRIGGER IF EXISTS jejak_tanpa_truncate ON jejak_jejakaudit;
"""


def _pasang(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PASANG, params=None)  # no %-interpolation of the SQL


def _lepas(apps, schema_editor):
    """Back to 0002: its trigger function (with the session switch) comes back."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LEPAS, params=None)
        schema_editor.execute(SEBELUMNYA.PASANG, params=None)


class Migration(migrations.Migration):
    dependencies = [("jejak", "0002_jejak_hanya_tambah_postgresql")]

    operations = [migrations.RunPython(_pasang, _lepas, elidable=False)]
