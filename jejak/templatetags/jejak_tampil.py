from django import template

register = template.Library()


@register.filter
def perubahan(entri, nik_lengkap: bool):
    """`{% with rincian=e|perubahan:nik_lengkap %}`: the entry's changes for this reader,
    the NIK masked unless their role may see it in full."""
    return entri.perubahan_tampil(nik_lengkap=bool(nik_lengkap))
