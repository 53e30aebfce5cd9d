"""A private PostgreSQL cluster in a temporary directory, and a streaming replica of it.

Shared by the replica test (tests/replika) and the restart benchmark (bench/db_restart.py):
initdb, pg_ctl and pg_basebackup of the newest /usr/lib/postgresql/*/bin, run as the
`postgres` OS user when we are root (initdb refuses root). Each cluster listens on
127.0.0.1 only, on the port it is given, with its socket in its own directory.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
from pathlib import Path


class TanpaPostgres(RuntimeError):
    """PostgreSQL's server programs are not installed, or we may not run them."""


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bin_pg() -> Path:
    calon = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not calon or not Path(calon[-1], "initdb").exists():
        raise TanpaPostgres("initdb and pg_ctl not found under /usr/lib/postgresql/*/bin")
    return Path(calon[-1])


def bisa_menjalankan() -> str | None:
    """None when a private cluster can be made here; otherwise why not."""
    try:
        bin_pg()
    except TanpaPostgres as exc:
        return str(exc)
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser (needed to run initdb as `postgres`)"
    return None


class Kluster:
    """A throwaway cluster in `direktori` (its data in `direktori/data`), run as `postgres`
    when we are root."""

    def __init__(self, direktori: Path, port: int):
        self.bin = bin_pg()
        self.direktori = direktori
        self.data = direktori / "data"
        self.port = port
        self.log = direktori / "postgres.log"
        self.sebagai_root = os.geteuid() == 0

    def _jalankan(self, *perintah: str) -> None:
        argv = [str(self.bin / perintah[0]), *perintah[1:]]
        if self.sebagai_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        hasil = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # noqa: S603
        if hasil.returncode:
            raise subprocess.CalledProcessError(hasil.returncode, argv, output=hasil.stdout)

    def _siapkan_direktori(self) -> None:
        self.direktori.mkdir(parents=True, exist_ok=True)
        if self.sebagai_root:
            shutil.chown(self.direktori, "postgres", "postgres")

    def buat(self, *, tanpa_sync: bool = False) -> None:
        """initdb, trusting local connections (replication ones included: initdb's pg_hba);
        `tanpa_sync`: not flushed to disk (a test's cluster)."""
        self._siapkan_direktori()
        self._jalankan(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
            *(["--no-sync"] if tanpa_sync else []),
        )  # fmt: skip

    def buat_replika_dari(self, primer: "Kluster", *, tanpa_sync: bool = False) -> None:
        """A hot standby of `primer`: its base backup (`pg_basebackup -R` writes
        standby.signal and the primary's address), streaming from then on."""
        self._siapkan_direktori()
        self._jalankan(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primer.port), "-U", "postgres",
            "-D", str(self.data), "-R", "-X", "stream", "-c", "fast",
            *(["--no-sync"] if tanpa_sync else []),
        )  # fmt: skip

    def mulai(self, *opsi: str) -> None:
        """pg_ctl start -w (returns once it accepts connections); `opsi`: more -c settings."""
        semua = " ".join(
            (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.direktori}", *opsi)
        )
        self._jalankan(
            "pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.log), "-o", semua
        )

    def henti(self) -> None:
        self._jalankan("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))

    def henti_jika_jalan(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.henti()

    def menerima(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True

    def url(self, nama_db: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{nama_db}"
