"""Encrypted backups (README, "Backups"): retention removes only the oldest of our archives,
the archive is really encrypted (no demo name in clear) and opens again with the passphrase
only, the passphrase never appears in a command's arguments, and `pulihkan` refuses a
database that already holds tables. .ci/run's restore drill does the whole round trip on
the demo database (row counts, the trail's triggers, a login)."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from akun.demo import PENGGUNA_DEMO
from jejak import cadangan

SANDI = "sandi-uji-cadangan-rahasia-7f3a"
NAMA_DEMO = PENGGUNA_DEMO["pk1"][2]  # I Wayan Sudarsana
hanya_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)


@pytest.fixture
def sandi(monkeypatch):
    monkeypatch.delenv("CADANGAN_SANDI_FILE", raising=False)
    monkeypatch.setenv("CADANGAN_SANDI", SANDI)
    return SANDI


@pytest.fixture
def pengintai(monkeypatch):
    """Every argument list given to a subprocess from the backup code, the calls still made."""
    argumen = []
    popen_asli, run_asli = subprocess.Popen, subprocess.run

    def popen(args, *a, **k):
        argumen.append([str(x) for x in args])
        return popen_asli(args, *a, **k)

    def run(args, *a, **k):
        argumen.append([str(x) for x in args])
        return run_asli(args, *a, **k)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(subprocess, "run", run)
    return argumen


def buat_sumber(tmp_path):
    dump = tmp_path / "sumber" / cadangan.DUMP
    dump.parent.mkdir()
    dump.write_text(f"klien: {NAMA_DEMO}\n" * 50)
    media = tmp_path / "media"
    (media / "pks" / "2026").mkdir(parents=True)
    (media / "pks" / "2026" / "pks.pdf").write_text(f"%PDF-1.4 PKS {NAMA_DEMO}")
    return dump, media


def test_arsip_terenkripsi_dan_terbuka_lagi_dengan_sandinya(tmp_path, pengintai):
    dump, media = buat_sumber(tmp_path)
    arsip = tmp_path / cadangan.nama_arsip()
    cadangan.tulis_arsip(arsip, berkas_dump=dump, media=media, sandi=SANDI)

    isi = arsip.read_bytes()
    assert isi and NAMA_DEMO.encode() not in isi and b"Sudarsana" not in isi
    assert cadangan.DUMP.encode() not in isi  # not even the tar's member names
    assert arsip.stat().st_mode & 0o777 == 0o600
    assert not arsip.with_name(arsip.name + ".sebagian").exists()

    keluar, media_baru = tmp_path / "keluar", tmp_path / "media-baru"
    keluar.mkdir()
    hasil = cadangan.baca_arsip(arsip, sandi=SANDI, folder_dump=keluar, media=media_baru)
    assert hasil.read_text() == dump.read_text()
    assert (media_baru / "pks" / "2026" / "pks.pdf").read_text() == f"%PDF-1.4 PKS {NAMA_DEMO}"

    # the passphrase went through a pipe, never as an argument
    assert pengintai and all(SANDI not in " ".join(a) for a in pengintai)
    assert all("--passphrase-fd" in a for a in pengintai)


def test_sandi_salah_ditolak(tmp_path):
    dump, media = buat_sumber(tmp_path)
    arsip = tmp_path / cadangan.nama_arsip()
    cadangan.tulis_arsip(arsip, berkas_dump=dump, media=media, sandi=SANDI)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    with pytest.raises(cadangan.GagalCadangan):
        cadangan.baca_arsip(arsip, sandi="sandi-yang-salah-sekali", folder_dump=keluar, media=None)
    assert not (keluar / cadangan.DUMP).exists()


def test_sandi_dari_berkas_dan_terlalu_pendek_ditolak(tmp_path, monkeypatch):
    berkas = tmp_path / "sandi"
    berkas.write_text(SANDI + "\n")
    monkeypatch.setenv("CADANGAN_SANDI", "lain-lain-lain-lain")
    assert cadangan.baca_sandi(berkas=str(berkas)) == SANDI
    monkeypatch.setenv("CADANGAN_SANDI", "pendek")
    with pytest.raises(Exception, match="12 karakter"):
        cadangan.baca_sandi()


def test_retensi_menghapus_yang_tertua_saja(tmp_path):
    nama = [f"bapas-2026120{h}T020000Z.tar.gpg" for h in range(1, 6)]
    for n in nama:
        (tmp_path / n).write_bytes(b"x")
    lain = ["catatan.txt", "bapas-20261201T020000Z.tar.gpg.sebagian", "bapas-lama.tar.gpg"]
    for n in lain:
        (tmp_path / n).write_bytes(b"x")

    dihapus = cadangan.terapkan_retensi(tmp_path, simpan=2)

    assert [p.name for p in dihapus] == nama[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(nama[3:] + lain)
    with pytest.raises(ValueError):
        cadangan.terapkan_retensi(tmp_path, simpan=0)


@hanya_postgresql
@pytest.mark.django_db(transaction=True)
def test_cadangan_lalu_pulihkan_ke_basis_data_berisi_ditolak(tmp_path, sandi, pengintai, settings):
    _dump, media = buat_sumber(tmp_path)
    settings.MEDIA_ROOT = media
    folder = tmp_path / "arsip"
    folder.mkdir()
    lama = folder / "bapas-20200101T000000Z.tar.gpg"
    lama.write_bytes(b"x")

    call_command("cadangan", folder=str(folder), simpan=1, stdout=io.StringIO())

    (arsip,) = folder.iterdir()  # the old one removed by retention
    assert arsip != lama and cadangan.POLA_ARSIP.match(arsip.name)
    assert b"jejak_jejakaudit" not in arsip.read_bytes()
    assert any(Path(a[0]).name == "pg_dump" for a in pengintai)
    assert all(SANDI not in " ".join(a) for a in pengintai)

    media_baru = tmp_path / "media-baru"
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("pulihkan", str(arsip), media=str(media_baru), stdout=io.StringIO())
    assert not media_baru.exists()
    assert not any(Path(a[0]).name == "pg_restore" for a in pengintai)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
def test_di_sqlite_ditolak_dengan_jelas(tmp_path, sandi):
    with pytest.raises(CommandError, match="hanya untuk PostgreSQL"):
        call_command("cadangan", folder=str(tmp_path))
