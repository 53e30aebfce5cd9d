"""Template helpers of the report pages."""

from django import template

register = template.Library()


@register.simple_tag
def kueri(saringan, saring=(), **ubah) -> str:
    """The query string of the dashboard's filters with a figure's cell (`saring`, pairs
    of key and value) and `ubah` set: the link from a number to the rows behind it."""
    return saringan.query_string(**dict(saring), **ubah)


@register.simple_tag
def kueri_klien(saringan, **lain) -> str:
    """The client list's query string for the dashboard's client filters and `lain`."""
    return saringan.kueri_klien(**lain)
