"""The demo offices and accounts: the first step of `manage.py muat_demo` (the runner is
`inti.demo`; each app adds its own data in its own `demo.py`)."""

from django.conf import settings

from inti.demo import DemoKonteks, langkah_demo
from wilayah.loader import muat_provinsi
from wilayah.models import Kabupaten, Provinsi

from .models import Kanwil, KelasUnit, Peran, Unit, User, ZonaWaktu

# Demo users: username → (role, office key, full name, NIP)
PENGGUNA_DEMO = {
    "pk1": (Peran.PK, "karangasem", "I Wayan Sudarsana", "198503122010121001"),
    "pk2": (Peran.PK, "karangasem", "Ni Luh Putu Ariani", "198807242012122002"),
    "kasi": (Peran.KASI, "karangasem", "I Made Suardana", "197905152005011003"),
    "kabapas": (Peran.KABAPAS, "karangasem", "I Gusti Ngurah Putra", "197201011998031004"),
    "admin": (Peran.ADMIN, "karangasem", "Komang Ayu Lestari", "199203082015032005"),
    "pk-denpasar": (Peran.PK, "denpasar", "Gede Agus Wiratama", "198611192011011006"),
    "kasi-denpasar": (Peran.KASI, "denpasar", "Ni Made Sri Wahyuni", "198004302006042007"),
    "kanwil": (Peran.KANWIL, None, "Anak Agung Ketut Oka", "197708172003121008"),
    "pusat": (Peran.PUSAT, None, "Siti Rahmawati", "198102142006042009"),
}

UNIT_DEMO = {
    "karangasem": {
        "nama": "Bapas Kelas II Karangasem",
        "kelas": KelasUnit.II,
        "alamat": "Jl. Bhayangkara, Amlapura, Karangasem, Bali",
        "wilayah_kerja": ["Karangasem", "Bangli", "Klungkung"],
    },
    "denpasar": {
        "nama": "Bapas Kelas I Denpasar",
        "kelas": KelasUnit.I,
        "alamat": "Jl. Raya Puputan, Renon, Denpasar, Bali",
        "wilayah_kerja": ["Denpasar", "Badung", "Gianyar", "Tabanan"],
    },
}


@langkah_demo(10)
def kantor_dan_pengguna(ctx: DemoKonteks) -> None:
    if not Provinsi.objects.filter(nama="Bali").exists():
        muat_provinsi("bali")
    bali = Provinsi.objects.get(nama="Bali")
    kanwil, _ = Kanwil.objects.get_or_create(
        nama="Kanwil Kementerian Imigrasi dan Pemasyarakatan Bali", defaults={"provinsi": bali}
    )
    for kunci, data in UNIT_DEMO.items():
        unit, _ = Unit.objects.update_or_create(
            nama=data["nama"],
            defaults={
                "kelas": data["kelas"],
                "kanwil": kanwil,
                "alamat": data["alamat"],
                "zona_waktu": ZonaWaktu.WITA,
            },
        )
        unit.wilayah_kerja.set(
            Kabupaten.objects.filter(provinsi=bali, nama__in=data["wilayah_kerja"])
        )
        ctx.unit[kunci] = unit

    for username, (peran, kunci_unit, nama, nip) in PENGGUNA_DEMO.items():
        depan, _, belakang = nama.rpartition(" ")
        user, dibuat = User.objects.update_or_create(
            username=username,
            defaults={
                "peran": peran,
                "unit": ctx.unit[kunci_unit] if kunci_unit else None,
                "kanwil": kanwil if peran == Peran.KANWIL else None,
                "first_name": depan,
                "last_name": belakang,
                "nip": nip,
                "is_active": True,
            },
        )
        if dibuat or not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        ctx.pengguna[username] = user


@langkah_demo(40)
def permintaan_perubahan_akun(ctx: DemoKonteks) -> None:
    """Two requests of the Admin waiting for a second person: a new Admin account (for the
    Kabapas) and a reset of the Kabapas's second factor (for the Kanwil)."""
    from .persetujuan.models import JenisPerubahan, PermintaanPerubahanAkun
    from .persetujuan.services import permintaan_ajukan

    admin, kabapas = ctx.pengguna["admin"], ctx.pengguna["kabapas"]
    menunggu = PermintaanPerubahanAkun.objects.menunggu().filter(diminta_oleh=admin)
    if not menunggu.filter(jenis=JenisPerubahan.BUAT).exists():
        permintaan_ajukan(
            oleh=admin,
            jenis=JenisPerubahan.BUAT,
            data={
                "username": "admin2",
                "first_name": "Putu",
                "last_name": "Wirawan",
                "nip": "",
                "email": "",
                "peran": Peran.ADMIN,
            },
            sandi=settings.DEMO_PASSWORD,
        )
    if not menunggu.filter(jenis=JenisPerubahan.RESET_OTP, pengguna=kabapas).exists():
        permintaan_ajukan(oleh=admin, jenis=JenisPerubahan.RESET_OTP, pengguna=kabapas)
