"""The trail's text search on PostgreSQL: trigram GIN indexes over what it compares.

`JejakFilter.saring_data` filters with ``icontains``, which Django compiles on PostgreSQL
to ``UPPER(col::text) LIKE UPPER('%term%')``; a trigram index on the bare column does not
serve that, so each index is over the very expression the query compares (bench/README.md,
issue 15; tests/jejak/test_indeks.py checks the search's plan uses both). They are not in
the model's Meta: SQLite has no GIN or pg_trgm, and the test suite builds its databases
from the models. Migration jejak 0005 creates them (and the pg_trgm extension) on
PostgreSQL only. Written as SQL: django.contrib.postgres is not an installed app, and
without it Django cannot compile an operator class on an expression.
"""

INDEKS_TRIGRAM = {
    "jejak_data_trgm": "UPPER(object_repr::text)",
    "jejak_cari_trgm": "UPPER((additional_data ->> 'cari')::text)",
}


def buat(schema_editor) -> None:
    """pg_trgm and the indexes, on PostgreSQL (idempotent); nothing elsewhere."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for nama, ungkapan in INDEKS_TRIGRAM.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {nama} ON jejak_jejakaudit "
            f"USING gin (({ungkapan}) gin_trgm_ops)"
        )


def hapus(schema_editor) -> None:
    """The indexes go; the extension stays (other objects may use it)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for nama in INDEKS_TRIGRAM:
        schema_editor.execute(f"DROP INDEX IF EXISTS {nama}")
