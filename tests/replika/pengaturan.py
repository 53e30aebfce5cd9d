"""Settings of the replica scenario (tests/replika/skenario.py): the test settings, but the
databases as production builds them (bapas.settings.base: `default` from DATABASE_URL,
`replika` from DATABASE_REPLIKA_URL), and the tables made straight from the models, as the
suite's --no-migrations makes them."""

from bapas.settings import base
from bapas.settings.test import *  # noqa: F403

DATABASES = base.DATABASES
assert "replika" in DATABASES, "DATABASE_REPLIKA_URL is not set"


class _TanpaMigrasi:
    def __contains__(self, item: str) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


MIGRATION_MODULES = _TanpaMigrasi()
