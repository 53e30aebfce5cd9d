from tests.klien.conftest import desa, klien, pk_ber_nip  # noqa: F401 (shared fixtures)
