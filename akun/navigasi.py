"""Each role's home page and navigation menu, from the entries the apps register.

akun names no other app's pages: every app registers its own entries in its `menu.py`
(imported by its AppConfig.ready()), the way it registers its demo steps. An entry says
which permission shows it and for which roles it is the home page after login.
"""

from dataclasses import dataclass

from django.urls import reverse

from .izin import Izin, boleh


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    ikon: str
    izin: Izin
    urutan: int
    beranda_untuk: tuple[str, ...] = ()  # roles that land here after login


_MENU: dict[str, Menu] = {}
# Where a role with no registered home lands (every office and aggregate role has one;
# tests/akun/test_navigasi.py keeps it so): the user's own security page.
BERANDA_CADANGAN = "akun:keamanan"


def daftar_menu(*entri: Menu) -> None:
    """Register menu entries (idempotent: an entry is keyed by its URL name)."""
    for m in entri:
        _MENU[m.url_name] = m


def semua_menu() -> list[Menu]:
    return sorted(_MENU.values(), key=lambda m: (m.urutan, m.url_name))


def beranda_nama(peran: str) -> str:
    """The URL name of a role's home page."""
    for m in semua_menu():
        if peran in m.beranda_untuk:
            return m.url_name
    return BERANDA_CADANGAN


def beranda_url(user) -> str:
    return reverse(beranda_nama(user.peran))


def menu_untuk(user) -> list[dict]:
    return [
        {"label": m.label, "url": reverse(m.url_name), "url_name": m.url_name, "ikon": m.ikon}
        for m in semua_menu()
        if boleh(user, m.izin)
    ]
