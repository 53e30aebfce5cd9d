"""Each role's home page and navigation menu, from the entries the apps register.

akun names no other app's pages: every app registers its own entries in its `menu.py`
(imported by its AppConfig.ready()), the way it registers its demo steps. An entry says
which permission shows it and for which roles it is the home page after login.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .izin import Izin, boleh


@dataclass(frozen=True)
class Grup:
    """A dropdown in the menu bar holding entries of several apps (the bar must stay one row
    on a laptop: tests/browser/test_ponsel.py). Shown where its first visible entry stands;
    with only one visible entry the entry stands alone."""

    kunci: str
    label: str
    ikon: str


# The groups the apps file their entries under.
GRUP_KLIEN = Grup("klien", _("Klien"), "people")
GRUP_BIMBINGAN = Grup("bimbingan", _("Bimbingan"), "journal-check")


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    ikon: str
    izin: Izin
    urutan: int
    beranda_untuk: tuple[str, ...] = ()  # roles that land here after login
    grup: Grup | None = None


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


def _item(m: Menu) -> dict:
    return {"label": m.label, "url": reverse(m.url_name), "url_name": m.url_name, "ikon": m.ikon}


def menu_untuk(user) -> list[dict]:
    """The user's menu bar: an entry {label, url, url_name, ikon}, or a group {label, ikon,
    anak: [entries], url_names} where two or more visible entries share a Grup."""
    terlihat = [m for m in semua_menu() if boleh(user, m.izin)]
    per_grup: dict[str, list[Menu]] = {}
    for m in terlihat:
        if m.grup is not None:
            per_grup.setdefault(m.grup.kunci, []).append(m)
    hasil, sudah = [], set()
    for m in terlihat:
        anggota = per_grup.get(m.grup.kunci, []) if m.grup is not None else []
        if len(anggota) < 2:
            hasil.append(_item(m))
        elif m.grup.kunci not in sudah:
            sudah.add(m.grup.kunci)
            anak = [_item(a) for a in anggota]
            hasil.append(
                {
                    "label": m.grup.label,
                    "ikon": m.grup.ikon,
                    "anak": anak,
                    "url_names": [a["url_name"] for a in anak],
                    "id": f"menu-{m.grup.kunci}",
                }
            )
    return hasil
