from tests.klien.conftest import desa, klien  # noqa: F401 (shared fixtures)
from tests.klien.test_impor import pk_ber_nip  # noqa: F401
