"""Search terms kept out of URLs (browser history, proxy and server logs).

A typed search term (a name, a NIK) is personal data. A search form posts it; the view
keeps it in the user's session under an opaque token and redirects to a GET whose query
string holds the token and the other filters (status, programme, ...), never the term.
The page, its page links and its export links all carry the token, so a filtered list can
still be reloaded, paged and exported; the token means nothing outside the session that
made it, and ends with it.
"""

import re
import secrets

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

PARAM = "cari"  # the query-string parameter that carries the token
KUNCI_SESI = "kata_cari"  # {token: term} in the session
BATAS = 20  # terms kept per session; the oldest goes first
PANJANG_MAKS = 200  # a longer term is cut (the search fields are short)
# Shown on the free-text field when a token is not in this session (a filter says it).
KEDALUWARSA = _(
    "Pencarian ini sudah tidak tersedia (sesi berakhir atau tautan dari orang lain). "
    "Ketik ulang kata yang dicari."
)

PANJANG_NIK = 16
TANDA = "•"
# Five digits or more, grouped by any number of spaces, dots or hyphens: the client search
# drops every such separator before it matches a NIK (klien.filters), so "5105  0101 0101
# 0003" finds a client as "5105010101010003" does, and the trail must mask it alike (a
# whole NIK, or the beginning of one typed by a role that may search by it). A register
# number's digit groups are masked too ("KRA-2026-0001" → "KRA-2026••••"): the price of
# never letting a spaced-out NIK through.
_ANGKA = re.compile(r"(?<!\d)\d(?:[ .\-]*\d){4,}(?!\d)")


def _samarkan(m: re.Match) -> str:
    angka = re.sub(r"\D", "", m[0])
    if len(angka) == PANJANG_NIK:
        return angka[:4] + TANDA * 8 + angka[-4:]  # as a masked NIK reads on screen
    return angka[:4] + TANDA * (len(angka) - 4)


def samarkan_kata(kata: str) -> str:
    """A search term as the audit trail keeps it (read by roles that see NIKs masked): a
    run of digits long enough to be (part of) a NIK keeps its first four digits, and a
    whole NIK its last four as well; the rest is masked. Names stay as typed."""
    return _ANGKA.sub(_samarkan, kata)


def simpan_kata(session, kata: str) -> str:
    """Keep `kata` in the session and return its token (the same token for the same term)."""
    simpanan: dict[str, str] = dict(session.get(KUNCI_SESI) or {})
    for token, lama in simpanan.items():
        if lama == kata:
            return token
    token = secrets.token_urlsafe(12)
    simpanan[token] = kata
    session[KUNCI_SESI] = dict(list(simpanan.items())[-BATAS:])
    return token


def alamat_tersaring(request, *, alamat: str, teks: str, saringan) -> str:
    """The GET address that shows what a search form posted: the filters named in
    `saringan` as they are, the free-text field `teks` as a token (empty fields left out)."""
    query = QueryDict(mutable=True)
    for nama in saringan:
        if nama == teks:
            continue
        for nilai in request.POST.getlist(nama):
            if nilai.strip():
                query.appendlist(nama, nilai)
    kata = request.POST.get(teks, "").strip()[:PANJANG_MAKS]
    if kata:
        query[PARAM] = simpan_kata(request.session, kata)
    return f"{alamat}?{query.urlencode()}" if query else alamat


def data_saringan(request, *, teks: str) -> tuple[QueryDict | None, bool]:
    """The filter data of a GET: its query string with the token replaced by the term it
    stands for in `teks`. Returns (the data, None when there is none; whether a token was
    given that this session does not know: expired, or from someone else's link, in which
    case the data is never None, so that a filter is bound and can say so)."""
    data = request.GET.copy()
    token = data.pop(PARAM, [""])[-1]
    if not token:
        return data or None, False
    kata = (request.session.get(KUNCI_SESI) or {}).get(token)
    if kata is None:
        data.pop(teks, None)
        return data, True
    data[teks] = kata
    return data, False


def query_tautan(request, *, teks: str) -> str:
    """The query string of a filtered page's own links (other pages, export): its GET
    without the page number, and with a term that an old link gave in `teks` replaced by
    its token, so that the page never copies a term into a link it writes."""
    query = request.GET.copy()
    query.pop("halaman", None)
    kata = query.pop(teks, [""])[-1].strip()[:PANJANG_MAKS]
    if kata and PARAM not in query:
        query[PARAM] = simpan_kata(request.session, kata)
    return query.urlencode()
