"""Grant the application's PostgreSQL role what it needs, and no more (run after every migrate).

Production uses two roles (README, "PostgreSQL"): the owner, which runs `migrate` and owns
every table and function, and the application role, which the web app and the scheduled
commands connect as. Run as the owner after every `migrate` (a migration may add tables):

    DATABASE_URL="$DATABASE_URL_PEMILIK" manage.py siapkan_peran_db \\
        --pemilik bapas_pemilik --aplikasi bapas_app

The application role then has, in the schema of the audit trail:
- SELECT, INSERT, UPDATE and DELETE on every table, USAGE on every sequence;
- only SELECT and INSERT on the trail (`jejak_jejakaudit`), and EXECUTE on
  `jejak_redaksi_klien`, the one way to redact it (migration jejak 0003);
- only SELECT on `django_migrations`;
- no CREATE on the schema or the database, so it cannot add a function or table that the
  redaction function would pick up instead of the real one.

The command first revokes what the role had on the schema's tables, sequences and
functions, so a second run gives the same grants; everything happens in one transaction.
It refuses an application role that is a superuser, may create roles or is a member of the
owner, and checks the result with PostgreSQL's own privilege functions: if the role can
still change the trail (a grant made by someone else, say), nothing is changed.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

JEJAK = "jejak_jejakaudit"
FUNGSI = "jejak_redaksi_klien(bigint, text[])"
HAK_TABEL = ("SELECT", "INSERT", "UPDATE", "DELETE")
HAK_JEJAK = ("SELECT", "INSERT")
# What the application role must never have on the trail.
TERLARANG_JEJAK = ("UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


def nama_sql(nama: str) -> str:
    """A quoted SQL identifier (role, schema or database name)."""
    return '"' + nama.replace('"', '""') + '"'


class Command(BaseCommand):
    help = _(
        "Memberi peran basis data aplikasi hak yang diperlukannya saja (PostgreSQL): jejak "
        "audit hanya SELECT dan INSERT, redaksi hanya lewat fungsi jejak_redaksi_klien. "
        "Dijalankan oleh peran pemilik setelah setiap migrate; aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pemilik",
            required=True,
            help=_("Peran pemilik: menjalankan migrate dan memiliki tabel serta fungsi."),
        )
        parser.add_argument(
            "--aplikasi",
            required=True,
            help=_("Peran aplikasi: dipakai aplikasi web dan perintah terjadwal."),
        )

    def handle(self, *args, pemilik, aplikasi, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                _(
                    "Peran basis data hanya ada di PostgreSQL; SQLite (pengembangan) tidak "
                    "memerlukannya. Tidak ada yang diubah."
                )
            )
        if pemilik == aplikasi:
            raise CommandError(
                _("Peran aplikasi harus berbeda dari peran pemilik. Tidak ada yang diubah.")
            )
        with transaction.atomic(), connection.cursor() as c:
            skema, basis_data = self._periksa_peran(c, pemilik, aplikasi)
            self._beri_hak(c, skema, basis_data, pemilik, aplikasi)
            self._periksa_hasil(c, skema, basis_data, aplikasi)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Hak peran '%(aplikasi)s' di skema %(skema)s siap: tabel SELECT, INSERT, "
                    "UPDATE, DELETE; jejak audit hanya SELECT dan INSERT; redaksi hanya lewat "
                    "jejak_redaksi_klien."
                )
                % {"aplikasi": aplikasi, "skema": skema}
            )
        )

    def _periksa_peran(self, c, pemilik: str, aplikasi: str) -> tuple[str, str]:
        c.execute(
            "SELECT rolname, rolsuper, rolcreaterole FROM pg_roles WHERE rolname IN (%s, %s)",
            [pemilik, aplikasi],
        )
        peran = {nama: (sup, buat_peran) for nama, sup, buat_peran in c.fetchall()}
        for nama in (pemilik, aplikasi):
            if nama not in peran:
                raise CommandError(
                    _(
                        "Peran '%(nama)s' tidak ada di PostgreSQL; buat dulu (README, bagian "
                        "PostgreSQL). Tidak ada yang diubah."
                    )
                    % {"nama": nama}
                )
        c.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [aplikasi, pemilik])
        if any(peran[aplikasi]) or c.fetchone()[0]:
            raise CommandError(
                _(
                    "Peran aplikasi '%(aplikasi)s' tidak boleh superuser, tidak boleh CREATEROLE, "
                    "dan tidak boleh anggota peran pemilik: dengan itu ia dapat mengubah jejak "
                    "audit. Tidak ada yang diubah."
                )
                % {"aplikasi": aplikasi}
            )
        c.execute("SELECT pg_has_role(current_user, %s, 'USAGE')", [pemilik])
        if not c.fetchone()[0]:
            raise CommandError(
                _(
                    "Jalankan perintah ini sebagai peran pemilik '%(pemilik)s' (DATABASE_URL "
                    "pemilik). Tidak ada yang diubah."
                )
                % {"pemilik": pemilik}
            )
        c.execute(
            "SELECT pg_get_userbyid(t.relowner), n.nspname, current_database(),"
            " (SELECT pg_get_userbyid(f.proowner) FROM pg_proc f"
            "   WHERE f.oid = to_regprocedure(%s))"
            " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE t.oid = to_regclass(%s)",
            [FUNGSI, JEJAK],
        )
        baris = c.fetchone()
        if baris is None or baris[3] is None:
            raise CommandError(
                _(
                    "Tabel jejak audit atau fungsi redaksinya belum ada: jalankan dulu "
                    "`manage.py migrate` sebagai peran pemilik. Tidak ada yang diubah."
                )
            )
        pemilik_tabel, skema, basis_data, pemilik_fungsi = baris
        if pemilik_tabel != pemilik or pemilik_fungsi != pemilik:
            raise CommandError(
                _(
                    "Jejak audit dimiliki '%(tabel)s' dan fungsi redaksinya '%(fungsi)s', bukan "
                    "'%(pemilik)s': jalankan migrate sebagai peran pemilik. Tidak ada yang "
                    "diubah."
                )
                % {"tabel": pemilik_tabel, "fungsi": pemilik_fungsi, "pemilik": pemilik}
            )
        return skema, basis_data

    def _beri_hak(self, c, skema: str, basis_data: str, pemilik: str, aplikasi: str) -> None:
        s, app = nama_sql(skema), nama_sql(aplikasi)
        jejak, fungsi = f"{s}.{JEJAK}", f"{s}.{FUNGSI}"
        perintah = [
            f"GRANT CONNECT ON DATABASE {nama_sql(basis_data)} TO {app}",
            f"GRANT USAGE ON SCHEMA {s} TO {app}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {app}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {app}",
            f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM {app}",
            f"GRANT {', '.join(HAK_TABEL)} ON ALL TABLES IN SCHEMA {s} TO {app}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {app}",
            f"REVOKE ALL ON {jejak} FROM PUBLIC, {app}",
            f"GRANT {', '.join(HAK_JEJAK)} ON {jejak} TO {app}",
            f"REVOKE ALL ON FUNCTION {fungsi} FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {fungsi} TO {app}",
        ]
        c.execute("SELECT to_regclass(%s) IS NOT NULL", [f"{s}.django_migrations"])
        if c.fetchone()[0]:
            perintah.append(f"REVOKE INSERT, UPDATE, DELETE ON {s}.django_migrations FROM {app}")
        # Only the schema's owner may take CREATE away (PUBLIC has it before PostgreSQL 15).
        c.execute(
            "SELECT has_schema_privilege(%s, n.oid, 'CREATE')"
            " AND pg_has_role(current_user, n.nspowner, 'USAGE')"
            " FROM pg_namespace n WHERE n.nspname = %s",
            [aplikasi, skema],
        )
        if c.fetchone()[0]:
            perintah.append(f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC, {app}")
        for sql in perintah:
            c.execute(sql)

    def _periksa_hasil(self, c, skema: str, basis_data: str, aplikasi: str) -> None:
        jejak = f"{nama_sql(skema)}.{JEJAK}"
        c.execute(
            "SELECT has_table_privilege(%s, %s, 'SELECT')"
            " AND has_table_privilege(%s, %s, 'INSERT'),"
            " has_function_privilege(%s, %s, 'EXECUTE'),"
            " array(SELECT p FROM unnest(%s::text[]) AS p"
            "       WHERE has_table_privilege(%s, %s, p)),"
            " has_schema_privilege(%s, %s, 'CREATE'),"
            " has_database_privilege(%s, %s, 'CREATE')",
            [
                *(aplikasi, jejak, aplikasi, jejak),
                *(aplikasi, f"{nama_sql(skema)}.{FUNGSI}"),
                list(TERLARANG_JEJAK),
                *(aplikasi, jejak),
                *(aplikasi, skema),
                *(aplikasi, basis_data),
            ],
        )
        baca_tulis, redaksi, terlarang, buat_di_skema, buat_skema = c.fetchone()
        if terlarang:
            raise CommandError(
                _(
                    "Peran '%(aplikasi)s' masih berhak %(hak)s atas jejak audit (diberikan oleh "
                    "peran lain, atau lewat peran yang ia anggotai). Cabut hak itu sebagai "
                    "superuser, lalu jalankan lagi. Tidak ada yang diubah."
                )
                % {"aplikasi": aplikasi, "hak": ", ".join(terlarang)}
            )
        if buat_di_skema or buat_skema:
            raise CommandError(
                _(
                    "Peran '%(aplikasi)s' masih boleh membuat objek di skema %(skema)s atau di "
                    "basis data %(db)s (hak CREATE). Sebagai superuser: REVOKE CREATE ON SCHEMA "
                    "%(skema)s FROM PUBLIC (atau ON DATABASE %(db)s), lalu jalankan lagi. "
                    "Tidak ada yang diubah."
                )
                % {"aplikasi": aplikasi, "skema": skema, "db": basis_data}
            )
        if not (baca_tulis and redaksi):  # the grants above give both
            raise CommandError(_("Hak peran aplikasi tidak lengkap. Tidak ada yang diubah."))
