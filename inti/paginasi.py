"""One page of a list and the rest of its query string, for templates/_paginasi.html."""

from django.core.paginator import Paginator


def halaman_dari(request, qs, per_halaman: int) -> dict:
    """{"halaman": the requested Page (the last one if past the end), "query": the other GET
    parameters, urlencoded, for the page links and the export link}."""
    query = request.GET.copy()
    query.pop("halaman", None)
    return {
        "halaman": Paginator(qs, per_halaman).get_page(request.GET.get("halaman")),
        "query": query.urlencode(),
    }
