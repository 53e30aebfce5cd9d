"""Masking personal data in free text (UU 27/2022): long digit runs (a NIK, a family card
number), PostgreSQL's repeated row values, and the key in a calendar feed's address. Used by
the log filter (`bapas.log`), the error reports and the audit trail (a NIK typed into a
refused address).

Imported by the settings through `bapas.log`: it must not import Django's settings or models.
"""

import re

SAMARAN = "[disamarkan]"

# 15 digits or more, possibly grouped by single spaces, dots or hyphens: a NIK (16), a
# family card number (16), or either mistyped by a digit.
_ANGKA_PANJANG = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){14,}(?!\d)")
# PostgreSQL's details repeat the row's values: "DETAIL:  Key (unit_id, nik)=(1, 5107...)
# already exists." and "Failing row contains (1, REG-1, Ni Luh ..., ...)". Everything after
# the label, to the end of the line, goes.
_RINCIAN_POSTGRES = re.compile(r"(\bDETAIL:[ \t]*|\bFailing row contains[ \t]*|\)=\().*$", re.M)


# A private calendar feed's address carries its key (pembimbingan's `ical` URL): whoever
# reads a log must not be able to subscribe with it.
_KUNCI_KALENDER = re.compile(r"(/ical/)[^/\s?#\"']+?(\.ics)")


def samarkan(teks: str) -> str:
    """`teks` with long runs of digits, PostgreSQL's row values and calendar keys masked."""
    teks = _KUNCI_KALENDER.sub(r"\1" + SAMARAN + r"\2", teks)
    teks = _RINCIAN_POSTGRES.sub(lambda m: m[1] + SAMARAN + (")" if m[1] == ")=(" else ""), teks)
    return _ANGKA_PANJANG.sub(SAMARAN, teks)
