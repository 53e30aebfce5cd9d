"""The error summary at the top of a long form ("Ada masalah", after GOV.UK's error summary):
every error of the forms on the page in one list, each a link to its field, the errors
above a form (non-field) too, so someone on a long page or a screen reader learns at once
what to fix and can jump to it. The forms keep what was typed (bound forms re-render it);
a file the browser cannot send again is named with the fields (inti.unggahan).

In a template: `{% load galat %}{% ringkasan_galat form other_form formset %}` (the library
is registered in settings.TEMPLATES; `templates/_ringkasan_galat.html` draws it).
"""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


@dataclass(frozen=True)
class Galat:
    pesan: str
    label: str = ""
    tautan: str = ""  # the id of the field's control; "" for an error of the whole form


def id_kontrol(bf) -> str:
    """The id a link to a field points at: its control, or the first of its options (a
    radio or checkbox list labels no single control)."""
    if bf.id_for_label:
        return bf.id_for_label
    return f"{bf.auto_id}_0" if bf.auto_id else ""


def galat_form(*forms) -> list[Galat]:
    """The errors of `forms` (forms, formsets, or None for a form the page does not show),
    in page order: above each form first, then field by field."""
    hasil: list[Galat] = []
    for form in forms:
        if isinstance(form, BaseFormSet):
            if form.is_bound:
                hasil += [Galat(str(p)) for p in form.non_form_errors()]
                hasil += galat_form(*form.forms)
            continue
        if not isinstance(form, BaseForm) or not form.is_bound:
            continue
        hasil += [Galat(str(p)) for p in form.non_field_errors()]
        for bf in form:
            label = str(bf.label or bf.name)
            tautan = "" if bf.is_hidden else id_kontrol(bf)
            hasil += [Galat(str(p), label, tautan) for p in bf.errors]
    return hasil


def berkas_terlepas(*forms) -> list[Galat]:
    """A line for every file chosen on a form shown again: it was not kept
    (inti.unggahan.BerkasTerlepasMixin)."""
    hasil = []
    for form in forms:
        for bf, pesan in getattr(form, "berkas_terlepas", list)():
            hasil.append(Galat(pesan, str(bf.label), id_kontrol(bf)))
    return hasil


@register.inclusion_tag("_ringkasan_galat.html")
def ringkasan_galat(*forms):
    galat = galat_form(*forms)
    return {"galat": galat + berkas_terlepas(*forms) if galat else []}
