"""Demo data, assembled from steps that each app registers in its own `demo.py`.

`manage.py muat_demo` discovers every app's `demo` module and runs the registered steps in
order. This keeps the arrows one way: akun knows no other app, each app adds its own data.
Every step must be idempotent (running the command twice changes nothing).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from wilayah.loader import muat_provinsi
from wilayah.models import Kabupaten, Provinsi

from .models import Kanwil, KelasUnit, Peran, Unit, User, ZonaWaktu


@dataclass
class DemoKonteks:
    jumlah_klien: int
    rng: random.Random
    unit: dict[str, Unit] = field(default_factory=dict)
    pengguna: dict[str, User] = field(default_factory=dict)
    catatan: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Langkah:
    urutan: int
    nama: str
    fungsi: Callable[[DemoKonteks], None]


_LANGKAH: dict[str, Langkah] = {}


def langkah_demo(urutan: int):
    """Register a demo step: `@langkah_demo(30) def klien(ctx): ...`."""

    def decorator(fungsi):
        nama = f"{fungsi.__module__}.{fungsi.__name__}"
        _LANGKAH[nama] = Langkah(urutan, nama, fungsi)
        return fungsi

    return decorator


def daftar_langkah() -> list[Langkah]:
    return sorted(_LANGKAH.values(), key=lambda x: (x.urutan, x.nama))


@transaction.atomic
def jalankan_demo(*, jumlah_klien: int = 300, seed: int = 2026) -> DemoKonteks:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
    ctx = DemoKonteks(jumlah_klien=jumlah_klien, rng=random.Random(seed))  # noqa: S311 (synthetic data)
    for langkah in daftar_langkah():
        langkah.fungsi(ctx)
    return ctx


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
