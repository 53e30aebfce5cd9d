"""Names as people read them: one spelling per name that looks the same on screen.

Two strings that look identical can differ underneath: a zero-width space or a byte-order
mark pasted into "Yayasan Dua Hati Bali", full-width letters (`Ｙａｙａｓａｎ`), a Cyrillic
`а` among Latin letters, or the text written backwards behind a right-to-left override
(U+202E), which the screen turns round again. Each would pass a uniqueness check and be
registered twice, or make an entry look like another in a list or in the audit trail.

`bersihkan_nama` is the rule for every name the application stores (clients, partners,
users...):
- Unicode NFKC, so compatibility forms (full-width letters, ligatures) become the plain
  letters they show;
- whitespace runs (including tabs, newlines, no-break spaces) become one space, trimmed;
- bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) are
  REFUSED: stripping them would keep the hidden, reversed text;
- every other invisible format character (Unicode category Cf: U+200B–U+200D, U+2060,
  U+FEFF, the soft hyphen...) is STRIPPED: it is what a copy and paste brings along; so
  are the letters that show as nothing (Hangul fillers, the blank Braille pattern);
- other control characters (NUL, bell...) are refused;
- a name that mixes Latin letters with Cyrillic, Greek or another script whose letters
  look Latin is refused (UTS #39's "mixed script" rule, for the scripts that matter here).

`NamaBersihMixin` applies it to a model's name fields in `clean_fields`, so every form,
service and import that validates the model (`full_clean`) stores the cleaned name and
checks uniqueness on it. `kunci_nama` is the comparison key (cleaned, accents and case
folded) for look-alike checks such as pokmas's duplicate-partner warning.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional formatting characters: embeddings, overrides, isolates and marks.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that show as nothing (Hangul fillers, the blank Braille pattern): stripped like Cf.
KOSONG = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Scripts whose letters can pass for Latin ones (the first word of a letter's Unicode name).
_SKRIP_MIRIP_LATIN = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})

PESAN_BIDI = _(
    "Nama berisi karakter pengatur arah teks (mis. U+202E) yang dapat membalik tampilan "
    "tulisan; ketik ulang nama tanpa karakter itu."
)
PESAN_KENDALI = _("Nama berisi karakter kendali yang tidak diizinkan.")
PESAN_CAMPUR = _(
    "Nama mencampur huruf Latin dengan huruf %(skrip)s yang tampak sama; ketik ulang nama "
    "dengan huruf Latin biasa."
)


def _skrip(huruf: str) -> str:
    return unicodedata.name(huruf, "").partition(" ")[0]


def bersihkan_nama(teks: str) -> str:
    """The stored spelling of a name (see the module's docstring); a ValidationError (code
    `bidi`, `kendali` or `campuran`) for what cannot be cleaned without changing what the
    reader sees."""
    teks = unicodedata.normalize("NFKC", str(teks))
    if any(c in BIDI for c in teks):
        raise ValidationError(PESAN_BIDI, code="bidi")
    teks = " ".join(teks.split())
    teks = "".join(c for c in teks if unicodedata.category(c) != "Cf" and c not in KOSONG)
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in teks):
        raise ValidationError(PESAN_KENDALI, code="kendali")
    skrip = {_skrip(c) for c in teks if c.isalpha()} & _SKRIP_MIRIP_LATIN
    if "LATIN" in skrip and len(skrip) > 1:
        lain = sorted(skrip - {"LATIN"})
        raise ValidationError(
            PESAN_CAMPUR, code="campuran", params={"skrip": ", ".join(s.title() for s in lain)}
        )
    # normalised again: dropping an invisible character can leave a sequence NFKC composes
    # ("Jose\u200b\u0301" → "Jose\u0301" → "José"), which must equal the name typed plainly
    return unicodedata.normalize("NFKC", " ".join(teks.split()))


def kunci_nama(teks: str) -> str:
    """A name's comparison key: NFKC, every invisible or control character dropped (never
    refused: this only compares), accents removed, case folded, whitespace collapsed."""
    teks = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", str(teks)))
    teks = "".join(
        c for c in teks if unicodedata.category(c) not in ("Cf", "Cc", "Mn") and c not in KOSONG
    )
    return " ".join(teks.casefold().split())


class NamaBersihMixin:
    """A model whose `FIELD_NAMA` hold names: `clean_fields` stores them through
    `bersihkan_nama` before the field checks (length, uniqueness) see them."""

    FIELD_NAMA: tuple[str, ...] = ()

    def clean_fields(self, exclude=None):
        galat: dict[str, list] = {}
        for field in self.FIELD_NAMA:
            nilai = getattr(self, field)
            if (exclude and field in exclude) or not nilai:
                continue
            try:
                setattr(self, field, bersihkan_nama(nilai))
            except ValidationError as exc:
                galat[field] = exc.error_list
        try:
            super().clean_fields(exclude=set(exclude or ()) | set(galat))
        except ValidationError as exc:
            galat = exc.update_error_dict(galat)
        if galat:
            raise ValidationError(galat)
