"""The replica router against a real streaming replica (issue 15, part 7).

A private primary (initdb, wal_level=replica; initdb's pg_hba trusts local replication
connections) and its hot standby (`pg_basebackup -R` from the primary, started on another
free port) are made in a temporary directory and removed afterwards. tests/replika/skenario.py
then runs in its own process with `default` on the primary and `replika` on the standby
(the suite's own database settings cannot change inside this process) and reports what the
reports read and from where.

It needs PostgreSQL's server programs and root (or the `postgres` user) to run initdb: the
PostgreSQL pass of `make test` under CI. Outside CI it is skipped when they are missing;
under CI=true that is a failure. The SQLite pass leaves it to the PostgreSQL pass.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
import pytest

from tests.replika.kluster import Kluster, bisa_menjalankan, port_bebas

AKAR = Path(__file__).resolve().parents[2]
NAMA_DB = "replika_integrasi"
# a test's clusters: nothing needs to survive a crash
CEPAT = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")

pytestmark = pytest.mark.slow


def _alasan_lewati() -> str | None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "runs in the PostgreSQL pass (DATABASE_URL=postgres://...)"
    alasan = bisa_menjalankan()
    if alasan and os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no private PostgreSQL cluster can be made: {alasan}")
    return alasan


@pytest.fixture
def primer_dan_siaga():
    alasan = _alasan_lewati()
    if alasan:
        pytest.skip(alasan)
    tmp = Path(tempfile.mkdtemp(prefix="bapas-replika-"))
    tmp.chmod(0o711)  # the `postgres` user reaches its directories inside
    primer = Kluster(tmp / "primer", port_bebas())
    siaga = Kluster(tmp / "siaga", port_bebas())
    try:
        primer.buat(tanpa_sync=True)
        primer.mulai("-c wal_level=replica", *CEPAT)
        koneksi = psycopg2.connect(
            host="127.0.0.1", port=primer.port, user="postgres", dbname="postgres"
        )
        koneksi.autocommit = True
        koneksi.cursor().execute(f"CREATE DATABASE {NAMA_DB}")
        koneksi.close()
        siaga.buat_replika_dari(primer, tanpa_sync=True)
        assert (siaga.data / "standby.signal").exists()
        siaga.mulai("-c hot_standby=on", *CEPAT)
        yield primer, siaga
    finally:
        siaga.henti_jika_jalan()
        primer.henti_jika_jalan()
        shutil.rmtree(tmp, ignore_errors=True)


def _skenario(primer_dan_siaga) -> dict:
    primer, siaga = primer_dan_siaga
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.replika.pengaturan",
        "DATABASE_URL": primer.url(NAMA_DB),
        "DATABASE_REPLIKA_URL": siaga.url(NAMA_DB),
        "CONN_MAX_AGE": "0",
        "REPLIKA_SIAGA_DATA": str(siaga.data),
        "REPLIKA_SIAGA_PORT": str(siaga.port),
    }
    # generous for a loaded CI machine: the paused standby must stay usable between the
    # pause and the reader's export (the lag limit is lowered where the test needs it)
    env.update(REPLIKA_LENGKET_DETIK="120", REPLIKA_JEDA_MAKS_DETIK="60")
    env.pop("REPLIKA_PERIKSA_DETIK", None)  # the default: every 5 s
    hasil = subprocess.run(
        [sys.executable, "-m", "tests.replika.skenario"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr[-4000:]
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def _laporan_dibaca_dari_replika(skenario):
    """In step, the dashboard and the export read the standby; the trail entry of the
    export is written on the primary; the client list (not a report) reads the primary."""
    dasbor, ekspor, daftar = skenario["dasbor"], skenario["ekspor"], skenario["daftar"]
    assert dasbor["status"] == 200
    assert dasbor["kueri_replika"] >= 5
    assert "klien_klien" in dasbor["tabel_replika"]
    # the primary: the session, the user and their office, before the report's scope
    assert "klien_klien" not in dasbor["tabel_primer"]
    assert ekspor["status"] == 200
    assert ekspor["klien_lama"] == 3
    assert "klien_klien" in ekspor["tabel_replika"]
    assert "klien_klien" not in ekspor["tabel_primer"]
    assert ekspor["tulis_jejak_primer"] == 1
    assert ekspor["tulis_replika"] == dasbor["tulis_replika"] == []
    assert daftar["status"] == 200
    assert daftar["kueri_replika"] == 0
    assert "klien_klien" in daftar["tabel_primer"]


def _tulisan_sendiri_tidak_basi(skenario):
    """Replay paused: the writer's export (pinned by its POST) shows the new client, read
    from the primary; the other Kasi's export, from the paused standby, does not yet."""
    tulis = skenario["tulis"]
    assert tulis == {"status": 302, "kuki_lengket": True, "di_primer": True, "di_siaga": 0}
    penulis, pembaca = skenario["ekspor_penulis"], skenario["ekspor_pembaca_jeda"]
    assert penulis["nama_baru"] is True
    assert penulis["kueri_replika"] == 0
    assert "klien_klien" in penulis["tabel_primer"]
    assert pembaca["nama_baru"] is False  # stale: the proof it came from the standby
    assert pembaca["klien_lama"] == 3
    assert "klien_klien" in pembaca["tabel_replika"]


def _replika_tertinggal_diganti_primary(skenario):
    tertinggal = skenario["ekspor_pembaca_tertinggal"]
    assert tertinggal["nama_baru"] is True
    assert tertinggal["kueri_replika"] == 1  # the lag query, nothing else
    assert skenario["jeda_tercatat"] > 0.5
    assert any("WARNING Replika tidak dipakai" in p and "tertinggal" in p for p in skenario["log"])


def _replika_pulih(skenario):
    pulih = skenario["ekspor_pembaca_pulih"]
    assert pulih["nama_baru"] is True
    assert "klien_klien" in pulih["tabel_replika"]
    assert "klien_klien" not in pulih["tabel_primer"]


def _replika_mati_laporan_tetap_jalan(skenario):
    """The standby stopped while the dashboard read it: the dashboard is served from the
    primary all the same, and so is the export after it."""
    assert skenario["siaga_dihentikan_di_tengah"] is True
    dasbor, ekspor = skenario["dasbor_siaga_mati"], skenario["ekspor_siaga_mati"]
    assert dasbor["status"] == ekspor["status"] == 200
    assert "klien_klien" in dasbor["tabel_primer"]
    assert ekspor["nama_baru"] is True
    assert ekspor["klien_lama"] == 3
    assert "klien_klien" in ekspor["tabel_primer"]
    assert any("WARNING" in p and "terputus" in p for p in skenario["log"])


def _cepat(skenario):
    """The whole scenario (schema, data, eleven requests) within its budget (about 5 s on
    an idle machine)."""
    assert skenario["total_detik"] < 30, skenario["total_detik"]


def test_replika_streaming(primer_dan_siaga):
    """One scenario, one test: pytest-xdist never splits it over two workers (each would
    make its own pair of clusters)."""
    skenario = _skenario(primer_dan_siaga)
    _laporan_dibaca_dari_replika(skenario)
    _tulisan_sendiri_tidak_basi(skenario)
    _replika_tertinggal_diganti_primary(skenario)
    _replika_pulih(skenario)
    _replika_mati_laporan_tetap_jalan(skenario)
    _cepat(skenario)
