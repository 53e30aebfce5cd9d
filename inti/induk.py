"""Rows that belong to their parent's office.

A child row carries `unit` for office-level queries (scoping, per-office constraints), but
its office is always its parent's: a client's recidivism event, a partner's agreement, a
programme run by a partner, a session of a programme. `unit_dari_induk` is the one rule:
taken from the parent when unset, another office refused. tests/rails/test_unit_anak.py
finds every such model and checks both the rule and the stored rows.
"""

from django.db.models import Q


class UnitBerbeda(ValueError):
    """A row was given another office than its parent's (a programming error: services
    take the office from the parent, never from the user or the browser)."""


def unit_dari_induk(baris, induk) -> None:
    """Set `baris.unit_id` from `induk` (a row with a `unit_id`), or refuse another."""
    unit_induk = induk.unit_id
    if baris.unit_id is None:
        baris.unit_id = unit_induk
    elif baris.unit_id != unit_induk:
        raise UnitBerbeda(
            f"{baris._meta.label}: unit {baris.unit_id} bukan unit "
            f"{induk._meta.label} ({unit_induk})."
        )


def pilihan_sah(field: str, choices, *, kosong: bool = False) -> Q:
    """A CHECK condition: `field` holds one of `choices`' values (or "" when `kosong`)."""
    q = Q(**{f"{field}__in": choices.values})
    return q | Q(**{field: ""}) if kosong else q
