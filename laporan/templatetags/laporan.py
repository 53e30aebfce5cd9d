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


@register.filter
def dengan(nilai, label):
    """Each of a row's values with its column's label, for the cell's data-label (a table
    shown as cards on a phone): `{% for a, judul in b.angka|dengan:ukuran %}`."""
    return zip(nilai, label, strict=True)
