"""Encrypted backups of the database and the uploaded documents (README, "Backups").

One archive per run, `bapas-<UTC timestamp>.tar.gpg`: a tar holding `basisdata.dump`
(`pg_dump --format=custom`) and `media/` (MEDIA_ROOT, the PKS documents included; none when
the documents are in an S3 bucket, which the bucket's versioning backs up), streamed straight
into GnuPG's symmetric encryption (AES256), so no unencrypted tar touches the disk.
The passphrase reaches gpg through a pipe (`--passphrase-fd`), never as an argument, so it
never shows in `ps`. The database dump waits in a private temporary directory (0700) until it
is in the archive, then goes.
"""

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

DUMP = "basisdata.dump"
MEDIA = "media"
POLA_ARSIP = re.compile(r"^bapas-\d{8}T\d{6}Z\.tar\.gpg$")


class GagalCadangan(Exception):
    """A backup or restore step failed; the message says which, in Indonesian."""


def nama_arsip(waktu: datetime | None = None) -> str:
    waktu = waktu or datetime.now(UTC)
    return f"bapas-{waktu.astimezone(UTC):%Y%m%dT%H%M%SZ}.tar.gpg"


def baca_sandi(*, berkas: str | None = None) -> str:
    """The passphrase: from the file at `berkas` (or CADANGAN_SANDI_FILE), else CADANGAN_SANDI."""
    berkas = berkas or os.environ.get("CADANGAN_SANDI_FILE")
    if berkas:
        try:
            sandi = Path(berkas).read_text(encoding="utf-8").strip("\r\n")
        except OSError as e:
            raise ImproperlyConfigured(
                _("Berkas kata sandi cadangan tidak terbaca: %(galat)s") % {"galat": e}
            ) from e
    else:
        sandi = os.environ.get("CADANGAN_SANDI", "")
    if len(sandi) < 12:
        raise ImproperlyConfigured(
            _(
                "Kata sandi cadangan belum diatur atau kurang dari 12 karakter "
                "(CADANGAN_SANDI atau CADANGAN_SANDI_FILE)."
            )
        )
    return sandi


def program(nama: str) -> str:
    """The full path of `nama` (gpg, pg_dump, pg_restore), or a clear refusal."""
    jalur = shutil.which(nama)
    if not jalur:
        raise GagalCadangan(_("Program %(nama)s tidak ditemukan.") % {"nama": nama})
    return jalur


@contextmanager
def _gpg(argumen: list[str], sandi: str, **popen):
    """gpg with the passphrase on a pipe's read end, in a throwaway home directory."""
    gpg = program("gpg")
    with tempfile.TemporaryDirectory(prefix="bapas-gpg-") as rumah:
        baca, tulis = os.pipe()
        try:
            os.write(tulis, sandi.encode())
        finally:
            os.close(tulis)
        try:
            perintah = [
                gpg, "--batch", "--quiet", "--no-tty", "--homedir", rumah,
                "--pinentry-mode", "loopback", "--passphrase-fd", str(baca), *argumen,
            ]  # fmt: skip
            proses = subprocess.Popen(perintah, pass_fds=(baca,), **popen)  # noqa: S603 (no shell)
        finally:
            os.close(baca)
        yield proses


def tulis_arsip(tujuan: Path, *, berkas_dump: Path, media: Path | None, sandi: str) -> None:
    """Write the encrypted archive `tujuan` (mode 0600) from a dump file and a media folder."""
    sementara = tujuan.with_name(tujuan.name + ".sebagian")
    sementara.unlink(missing_ok=True)
    with _gpg(
        ["--symmetric", "--cipher-algo", "AES256", "--s2k-digest-algo", "SHA512",
         "--compress-algo", "none", "--output", str(sementara)],
        sandi,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proses:  # fmt: skip
        try:
            with tarfile.open(fileobj=proses.stdin, mode="w|") as tar:
                tar.add(berkas_dump, arcname=DUMP)
                if media is not None and media.is_dir():
                    tar.add(media, arcname=MEDIA)
        finally:
            proses.stdin.close()
            galat = proses.stderr.read().decode(errors="replace")
            kode = proses.wait()
    if kode != 0:
        sementara.unlink(missing_ok=True)
        raise GagalCadangan(_("gpg gagal mengenkripsi: %(galat)s") % {"galat": galat.strip()})
    os.chmod(sementara, 0o600)
    sementara.replace(tujuan)


def baca_arsip(arsip: Path, *, sandi: str, folder_dump: Path, media: Path | None) -> Path:
    """Decrypt `arsip`: the dump into `folder_dump`, the documents into `media`; the dump's path."""
    with _gpg(
        ["--decrypt", str(arsip)], sandi, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proses:
        try:
            with tarfile.open(fileobj=proses.stdout, mode="r|") as tar:
                for anggota in tar:
                    if anggota.name == DUMP:
                        tar.extract(anggota, folder_dump, filter="data")
                    elif anggota.name == MEDIA or anggota.name.startswith(MEDIA + "/"):
                        if media is not None:
                            anggota.name = anggota.name[len(MEDIA) :].lstrip("/") or "."
                            tar.extract(anggota, media, filter="data")
                    else:
                        raise GagalCadangan(
                            _("Arsip berisi berkas tak dikenal: %(nama)s") % {"nama": anggota.name}
                        )
            while proses.stdout.read(1 << 16):  # the tar's padding: gpg writes it all
                pass
        except tarfile.TarError as e:
            proses.kill()
            proses.wait()
            galat = proses.stderr.read().decode(errors="replace").strip()
            raise GagalCadangan(
                _("Arsip tidak dapat dibuka (kata sandi salah atau arsip rusak): %(galat)s")
                % {"galat": galat or e}
            ) from e
        finally:
            proses.stdout.close()
        galat = proses.stderr.read().decode(errors="replace").strip()
        kode = proses.wait()
    if kode != 0:
        raise GagalCadangan(
            _("gpg gagal membuka arsip (kata sandi salah atau arsip rusak): %(galat)s")
            % {"galat": galat}
        )
    hasil = folder_dump / DUMP
    if not hasil.is_file():
        raise GagalCadangan(_("Arsip tidak berisi dump basis data."))
    return hasil


def terapkan_retensi(folder: Path, *, simpan: int) -> list[Path]:
    """Remove all but the newest `simpan` archives in `folder` (only files named like ours)."""
    if simpan < 1:
        raise ValueError("simpan must be at least 1")
    arsip = sorted(p for p in folder.iterdir() if p.is_file() and POLA_ARSIP.match(p.name))
    dihapus = arsip[:-simpan]
    for p in dihapus:
        p.unlink()
    return dihapus


def env_pg(db: dict) -> tuple[list[str], dict]:
    """libpq connection arguments for pg_dump/pg_restore from a DATABASES entry; the password
    goes in the environment (PGPASSWORD), never in the arguments."""
    argumen = []
    if db.get("HOST"):
        argumen += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        argumen += ["--port", str(db["PORT"])]
    if db.get("USER"):
        argumen += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*argumen, "--no-password", "--dbname", str(db["NAME"])], env
