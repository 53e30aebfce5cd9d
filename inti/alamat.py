"""The client's network address, for the login lockout and the audit trail alike.

django-axes calls this (``AXES_CLIENT_IP_CALLABLE``) and so does the trail
(``jejak.services.alamat_klien`` through axes), so both always agree.

``AXES_IPWARE_PROXY_COUNT`` is the number of trusted reverse proxies in front of gunicorn,
as django-axes documents it ("the number of proxies in front of Django"):

- 0 (the default): the connection's own address, ``REMOTE_ADDR``. X-Forwarded-For is
  whatever the client wrote and is never read.
- N ≥ 1: each proxy appends the address it was connected from to X-Forwarded-For, and the
  last one is ``REMOTE_ADDR``. The client is therefore the N-th entry from the *end* of the
  header: everything before it is the client's own writing and is not believed. django-ipware
  parses the header (IPv6, ports, RFC 7239 tokens); its own ``proxy_count`` counts only the
  proxies listed *inside* the header, hence N - 1 below. (Passed through unchanged, as
  axes does by default, N = 1 read the client's own first entry, or nothing.)

A request without a usable header (one that did not come through the proxy, e.g. a health
check on the host itself) is given its connection's address: that is never forged. The
operator must make sure gunicorn is reachable only through the proxy (README, "Production").
"""

from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip


def alamat_klien(request) -> str | None:
    langsung = request.META.get("REMOTE_ADDR") or None
    proksi = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proksi <= 0:
        return langsung
    # Only the last N entries were written by the trusted proxies. What the client wrote
    # before them is dropped before parsing: a malformed entry of its own (`"`) would make
    # ipware give up on the whole header and the address fall back to the proxy's.
    bagian = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(bagian) < proksi:
        return langsung
    dipercaya = ",".join(b.strip() for b in bagian[-proksi:])
    alamat, _ = get_client_ip(
        SimpleNamespace(META={**request.META, "HTTP_X_FORWARDED_FOR": dipercaya}),
        proxy_order="left-most",
        proxy_count=proksi - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,  # the client may have written anything before the proxy's entry
    )
    return alamat or langsung
