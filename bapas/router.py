"""The database router: report reads to the replica, everything else to the primary.

`DATABASE_ROUTERS` always lists it; without `DATABASE_REPLIKA_URL` (no `replika` alias) every
answer is `default`. Reads go to the alias `inti.replika.alias_baca()` names: the replica only
inside a report scope (`inti.replika.baca_replika`) that chose it. Tables of identity and
security (sessions, login lockouts, second factors) and the audit trail are always read on
the primary: a report view still checks who is asking and writes its trail entry there.
"""

from django.db import DEFAULT_DB_ALIAS

from inti.replika import ALIAS, alias_baca

# Apps whose rows are read back right after they are written, in any request.
SELALU_PRIMER = frozenset({"sessions", "axes", "otp_totp", "otp_static", "jejak"})
_ALIAS_KITA = frozenset({DEFAULT_DB_ALIAS, ALIAS})


class RouterReplika:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in SELALU_PRIMER:
            return DEFAULT_DB_ALIAS
        return alias_baca()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # one database seen through two connections: a row read on the replica may point at
        # one read on the primary
        if obj1._state.db in _ALIAS_KITA and obj2._state.db in _ALIAS_KITA:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # the replica replays the primary's migrations; it is never migrated itself
        return False if db == ALIAS else None
