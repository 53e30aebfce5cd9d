from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from akun.demo import PENGGUNA_DEMO
from akun.models import Peran, Unit, User


def test_demo_ditolak_tanpa_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("muat_demo", "--jumlah-klien", "5")
    assert not Unit.objects.exists()
    assert not User.objects.exists()


def test_demo_membuat_kantor_dan_akun_dan_idempoten(db, settings):
    settings.DEBUG = True
    call_command("muat_demo", "--jumlah-klien", "10", verbosity=0)
    hitung = {m: m.objects.count() for m in (Unit, User)}
    call_command("muat_demo", "--jumlah-klien", "10", verbosity=0)
    assert {m: m.objects.count() for m in (Unit, User)} == hitung

    karangasem = Unit.objects.get(nama="Bapas Kelas II Karangasem")
    assert set(karangasem.wilayah_kerja.values_list("nama", flat=True)) == {
        "Karangasem",
        "Bangli",
        "Klungkung",
    }
    assert Unit.objects.filter(nama="Bapas Kelas I Denpasar").exists()
    pk1 = User.objects.get(username="pk1")
    assert (pk1.peran, pk1.unit) == (Peran.PK, karangasem)
    assert pk1.check_password(settings.DEMO_PASSWORD)
    kanwil = User.objects.get(username="kanwil")
    assert kanwil.unit is None and kanwil.kanwil == karangasem.kanwil
    assert User.objects.get(username="pk-denpasar").unit.nama == "Bapas Kelas I Denpasar"


def test_demo_jumlah_klien_negatif_ditolak(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="negatif"):
        call_command("muat_demo", "--jumlah-klien", "-1")


def test_demo_mencetak_akun_dan_kata_sandi_yang_berlaku(db, settings):
    """`make run` shows the logins and the password in use (DEMO_PASSWORD, or its default)."""
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "sandi-demo-lain-2026"
    keluar = StringIO()
    call_command("muat_demo", "--jumlah-klien", "0", stdout=keluar)
    teks = keluar.getvalue()
    assert all(f"  {username} " in teks for username in PENGGUNA_DEMO)
    assert "Kata sandi semua akun demo: sandi-demo-lain-2026 " in teks
    assert User.objects.get(username="pk1").check_password("sandi-demo-lain-2026")
