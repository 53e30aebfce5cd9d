"""The demo-data runner: steps that each app registers in its own `demo.py`.

`manage.py muat_demo` discovers every app's `demo` module and runs the registered steps in
order, so no app needs to know the apps above it: each adds its own data. Every step must
be idempotent (running the command twice changes nothing).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass
class DemoKonteks:
    """What the steps hand on to each other: offices and users by key, lines to print."""

    jumlah_klien: int
    rng: random.Random
    unit: dict[str, Any] = field(default_factory=dict)
    pengguna: dict[str, Any] = field(default_factory=dict)
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
    autodiscover_modules("demo")
    ctx = DemoKonteks(jumlah_klien=jumlah_klien, rng=random.Random(seed))  # noqa: S311 (synthetic data)
    for langkah in daftar_langkah():
        langkah.fungsi(ctx)
    return ctx
