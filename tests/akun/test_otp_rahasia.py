"""The second factor's secrets at rest: a database dump does not hold a usable TOTP key or
recovery code (issue 10, finding 10)."""

import importlib
import io
import os
import subprocess
import sys
from base64 import b32encode

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from akun.otp import services
from akun.otp.models import PerangkatKodeCadangan, PerangkatTOTP
from akun.otp.rahasia import KunciTidakCocok, sidik
from jejak.models import JejakAudit
from tests.akun.test_settings import PROD_OK, _manage

KUNCI_UJI = settings.OTP_KUNCI_ENKRIPSI[0]


def _kolom(tabel: str, kolom: str, pk: int) -> str:
    """A column as the database (and so a dump) holds it, past every model field."""
    with connection.cursor() as cursor:
        q = connection.ops.quote_name
        cursor.execute(f"SELECT {q(kolom)} FROM {q(tabel)} WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def _rahasia_tampak(nilai: str, perangkat) -> bool:
    hexa = perangkat.key
    b32 = b32encode(perangkat.bin_key).decode().rstrip("=")
    return hexa in nilai or hexa.upper() in nilai or b32 in nilai


def test_kunci_totp_di_basis_data_terenkripsi_dan_verifikasi_tetap_jalan(pk):
    perangkat = services.totp_calon(user=pk)
    mentah = _kolom("akun_perangkattotp", "key", perangkat.pk)
    assert not _rahasia_tampak(mentah, perangkat)
    assert Fernet(KUNCI_UJI).decrypt(mentah.encode()).decode() == perangkat.key
    # loaded again, the model has the plain key; a code from it confirms the device
    segar = PerangkatTOTP.objects.get(pk=perangkat.pk)
    assert segar.key == perangkat.key
    hasil = services.totp_konfirmasi(user=pk, perangkat=segar, kode=f"{totp(segar.bin_key):06d}")
    assert hasil.berhasil and len(hasil.kode_cadangan) == 10
    # every save (a verification moves last_t) keeps it encrypted
    mentah = _kolom("akun_perangkattotp", "key", perangkat.pk)
    assert not _rahasia_tampak(mentah, perangkat)


def test_kode_cadangan_disimpan_sebagai_sidik_dan_berlaku_sekali(pk):
    kode = services.kode_cadangan_buat_ulang(user=pk)
    perangkat = PerangkatKodeCadangan.objects.get(user=pk)
    mentah = _kolom("akun_perangkatkodecadangan", "sidik", perangkat.pk)
    assert not any(k in mentah for k in kode)
    assert services.sisa_kode_cadangan(pk) == 10
    assert services.verifikasi_kode(user=pk, kode=kode[3]).berhasil
    assert services.sisa_kode_cadangan(pk) == 9
    perangkat.refresh_from_db()
    perangkat.throttle_reset()
    assert not services.verifikasi_kode(user=pk, kode=kode[3]).berhasil  # used up


def test_jejak_tidak_memuat_rahasia(pk):
    perangkat = services.totp_calon(user=pk)
    kode = services.kode_cadangan_buat_ulang(user=pk)
    entri = JejakAudit.objects.filter(
        content_type__app_label="akun",
        content_type__model__in=[
            "perangkattotp",
            "perangkatkodecadangan",
        ],
    )
    assert entri.count() == 2  # the two devices' creation: name and confirmed only
    teks = " ".join(str(e.changes) for e in entri)
    assert perangkat.key not in teks and not any(k in teks for k in kode)
    assert "sidik" not in teks and "key" not in teks


def test_kunci_lain_tidak_membuka_rahasia(pk):
    perangkat = services.totp_calon(user=pk)
    lain = [Fernet.generate_key().decode()]
    with override_settings(OTP_KUNCI_ENKRIPSI=lain), pytest.raises(KunciTidakCocok):
        PerangkatTOTP.objects.get(pk=perangkat.pk)


def test_rotasi_kunci_mengenkripsi_ulang(pk):
    perangkat = services.totp_calon(user=pk)
    kode = services.kode_cadangan_buat_ulang(user=pk)
    baru = Fernet.generate_key().decode()
    with override_settings(OTP_KUNCI_ENKRIPSI=[baru, KUNCI_UJI]):
        keluaran = io.StringIO()
        call_command("enkripsi_ulang_otp", stdout=keluaran)
        assert "1 rahasia" in keluaran.getvalue()
        assert pk.username in keluaran.getvalue()  # codes still made under the old key
        # the old recovery codes still work while the old key is listed
        assert services.verifikasi_kode(user=pk, kode=kode[0]).berhasil
    mentah = _kolom("akun_perangkattotp", "key", perangkat.pk)
    assert Fernet(baru).decrypt(mentah.encode()).decode() == perangkat.key
    with override_settings(OTP_KUNCI_ENKRIPSI=[baru]):  # the old key dropped
        assert PerangkatTOTP.objects.get(pk=perangkat.pk).key == perangkat.key


def test_migrasi_memindahkan_perangkat_lama_terenkripsi(pk):
    """The data migration, run on the current models (the test database is built without
    migrations; tests/akun/test_otp_rahasia.py's subprocess test runs the real one)."""
    lama = TOTPDevice.objects.create(user=pk, name="lama", confirmed=True)
    statis = StaticDevice.objects.create(user=pk, name="Kode cadangan", confirmed=True)
    StaticToken.objects.create(device=statis, token="abcd2345")
    migrasi = importlib.import_module("akun.migrations.0006_pindahkan_perangkat_otp_terenkripsi")
    migrasi.enkripsi(apps, None)

    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()
    baru = PerangkatTOTP.objects.get(user=pk)
    assert baru.key == lama.key and baru.confirmed and baru.name == "lama"
    assert baru.created_at == lama.created_at
    assert not _rahasia_tampak(_kolom("akun_perangkattotp", "key", baru.pk), lama)
    assert PerangkatKodeCadangan.objects.get(user=pk).sidik == [sidik("abcd2345")]
    pk.otp_aktif = True
    pk.save(update_fields=["otp_aktif"])
    assert services.verifikasi_kode(user=pk, kode=f"{totp(lama.bin_key):06d}").berhasil
    assert services.verifikasi_kode(user=pk, kode="abcd-2345").berhasil


def test_migrasi_sungguhan_pada_basis_data_baru(tmp_path):
    """`manage.py migrate` on a fresh SQLite file: a plain-text device made before 0006 is
    encrypted by it, and the raw column no longer holds the key."""
    db = tmp_path / "migrasi.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "bapas.settings.dev",
        "DATABASE_URL": f"sqlite:///{db}",
        "OTP_KUNCI_ENKRIPSI": KUNCI_UJI,
    }

    def jalankan(*args):
        hasil = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert hasil.returncode == 0, hasil.stderr
        return hasil.stdout

    # up to akun 0005 only (and the OTP tables): migrating every app and back again took
    # most of this test's 45 s
    jalankan("migrate", "akun", "0005", "-v", "0")
    jalankan("migrate", "otp_totp", "-v", "0")
    skrip = (  # (no trail yet: its tables come with the later migrations)
        "from auditlog.context import disable_auditlog\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from akun.models import User\n"
        "with disable_auditlog():\n"
        "    u = User.objects.create(username='u', peran='PUSAT')\n"
        "    print(TOTPDevice.objects.create(user=u, name='x').key)\n"
    )
    kunci = jalankan("shell", "-c", skrip).strip().splitlines()[-1]
    jalankan("migrate", "akun", "-v", "0")
    periksa = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "c.execute('SELECT key FROM akun_perangkattotp')\n"
        "print(c.fetchone()[0])\n"
        "c.execute('SELECT COUNT(*) FROM otp_totp_totpdevice')\n"
        "print(c.fetchone()[0])\n"
        "from akun.otp.models import PerangkatTOTP\n"
        "print(PerangkatTOTP.objects.get().key)\n"
    )
    mentah, sisa_lama, terbuka = jalankan("shell", "-c", periksa).strip().splitlines()[-3:]
    assert kunci not in mentah and kunci.upper() not in mentah
    assert sisa_lama == "0"
    assert terbuka == kunci


@pytest.mark.parametrize(
    "kunci",
    [
        "",
        "bukan-kunci",
        settings.OTP_KUNCI_TERBUKA[0],
        f" {settings.OTP_KUNCI_TERBUKA[0]}",  # a space must not slip a published key through
        f"{Fernet.generate_key().decode()},x",
    ],
    ids=[
        "kosong",
        "bukan-fernet",
        "kunci-pengembangan",
        "kunci-pengembangan-berspasi",
        "satu-salah",
    ],
)
def test_produksi_menolak_tanpa_kunci_otp_yang_sah(kunci):
    hasil = _manage("check", env_extra={**PROD_OK, "OTP_KUNCI_ENKRIPSI": kunci})
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
    assert "OTP_KUNCI_ENKRIPSI" in hasil.stderr


def test_pemeriksaan_sistem_menolak_kunci_rusak():
    from akun.otp.checks import periksa_kunci_enkripsi_otp

    with override_settings(OTP_KUNCI_ENKRIPSI=["rusak"]):
        (galat,) = periksa_kunci_enkripsi_otp(None)
    assert galat.id == "akun.E002"
    assert periksa_kunci_enkripsi_otp(None) == []
