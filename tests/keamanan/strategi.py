"""Hostile input for the property tests (Hypothesis strategies), and their helpers.

Each form field gets either a known nasty value (markup, SQL, formula, odd Unicode, NUL,
impossible dates) or random text, long text past any max_length included. A form is
posted with most fields valid and one to four replaced, so that some examples are accepted
(and their stored values checked) and the others refused (and nothing written).
"""

import string
from contextlib import contextmanager

from django.db import transaction
from django.utils.html import escape
from hypothesis import strategies as st

# Markup that must never come back raw: each contains < > or ", so escaping changes it.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    '<a href="javascript:alert(3)">klik</a>',
]
SQL = ["'; DROP TABLE klien_klien; --", "' OR '1'='1", '" OR 1=1 --', "%", "_%_", "\\", "';--"]
# A spreadsheet runs these as formulas when a cell starts with them (CSV injection).
RUMUS = [
    "=1+1",
    "+62 812",
    "-2+3",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://x.test","klik")',
    "=cmd|' /C calc'!A0",
]
UNICODE = [
    "\u202eevil\u202c",  # right-to-left override
    "a\u200bb\u200d",  # zero-width space and joiner
    "\ufeffBOM",
    "e\u0301\u0302\u0303\u0304",  # stacked combining marks
    "😀👨‍👩‍👧🇮🇩",
    "Z̷̧̛a̶l̴g̸o̵",
    "𝕏𝔶𝔷",
    "İı ß ǅ",
    "١٢٣",  # Arabic-Indic digits
    "\u2028\u2029",
    "\r\n\t",
    "\x1c\x1f",  # separators that str.strip() treats as whitespace
]
NUL = ["\x00", "a\x00b", "5107\x00015505900001"]
TEMPLAT = ["{{ 7|add:7 }}", "{% debug %}", "${7*7}", "%(nama)s %s %d"]
JAHAT = MARKUP + SQL + RUMUS + UNICODE + NUL + TEMPLAT

TANGGAL_JAHAT = [
    "0001-01-01",
    "9999-12-31",
    "2025-02-31",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-00-10",
    "10000-01-01",
    "1899-12-31",
    "31/02/2025",
    "-1",
    "0",
    "-2025-01-01",
    "",
    " ",
    "2025-01-01T00:00",
]
ANGKA_JAHAT = [
    "-1",
    "0",
    "32768",
    "99999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "١٢",
    "0x10",
    "1_0",
    " 7 ",
]


def _gabung(*bagian: str) -> str:
    return "".join(bagian)


teks_pendek = st.text(max_size=30)
# Past every max_length of the forms (at most 255, text areas unlimited), up to a few KB.
teks_panjang = st.builds(
    lambda s, n: (s or "x") * n, st.sampled_from([*JAHAT, "a", "é", "😀"]), st.integers(60, 1200)
)
teks_jahat = st.one_of(
    st.sampled_from(JAHAT),
    teks_pendek,
    teks_panjang,
    st.builds(_gabung, teks_pendek, st.sampled_from(JAHAT), teks_pendek),
)
tanggal_jahat = st.one_of(
    st.sampled_from(TANGGAL_JAHAT),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(-(10**6), 10**6).map(str),
    teks_jahat,
)
angka_jahat = st.one_of(
    st.sampled_from(ANGKA_JAHAT), st.integers(-(10**20), 10**20).map(str), teks_jahat
)
# A foreign key or choice sent as anything: another row's id, huge, negative, text.
kunci_jahat = st.one_of(
    st.integers(-(10**20), 10**20).map(str), st.sampled_from(["", "0", "1.5", "[1]"]), teks_jahat
)
nik_jahat = st.one_of(
    st.text(alphabet=string.digits, min_size=0, max_size=20),
    st.sampled_from(
        ["5107 0155 0590 0001", "５１０７０１５５０５９０００１", "5107015505900001\n"]
    ),
    teks_jahat,
)


def pilihan_jahat(sah: list[str]) -> st.SearchStrategy[str]:
    """A choice field: a valid value (in any case) or anything."""
    return st.one_of(st.sampled_from(sah), st.sampled_from(sah).map(str.lower), teks_jahat)


def perubahan(strategi: dict[str, st.SearchStrategy], maks: int = 4) -> st.SearchStrategy[dict]:
    """{field: hostile value} for one to `maks` fields; None means the field is not sent."""
    return st.sets(st.sampled_from(sorted(strategi)), min_size=1, max_size=maks).flatmap(
        lambda fields: st.fixed_dictionaries({f: st.one_of(st.none(), strategi[f]) for f in fields})
    )


def terapkan(data: dict, ubah: dict) -> dict:
    hasil = dict(data)
    for field, nilai in ubah.items():
        if nilai is None:
            hasil.pop(field, None)
        else:
            hasil[field] = nilai
    return hasil


def markup_mentah(isi: str, *nilai) -> list[str]:
    """The markup among the posted `nilai` that appears raw (unescaped) in `isi`."""
    teks = [v for v in nilai if isinstance(v, str)] + [
        x for v in nilai if isinstance(v, list) for x in v if isinstance(x, str)
    ]
    return [m for m in MARKUP if m != escape(m) and any(m in v for v in teks) and m in isi]


def ada_nul(*nilai) -> bool:
    return any("\x00" in v for v in nilai if isinstance(v, str)) or any(
        "\x00" in x for v in nilai if isinstance(v, list) for x in v
    )


@contextmanager
def satu_contoh():
    """One Hypothesis example inside a savepoint that is always rolled back.

    pytest-django gives a test function one transaction; Hypothesis runs the function body
    many times inside it. Rolling each example back makes every example start from the
    fixtures' rows, so row counts before and after compare one example's writes only.
    """
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
