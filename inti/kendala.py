"""Database constraints are the validation; this module reports them where the user looks.

Django validates a model's constraints before saving (`full_clean`, ModelForm), but puts
most violations above the form instead of on the field they concern, and a ModelForm
skips every constraint that involves a field it does not show, such as the `unit` that
always comes from the logged-in user. The two mixins below close both gaps, so forms and
imports need no hand-written copy of a constraint.

Django checks a CheckConstraint by sending its condition to the database (a query plus a
savepoint per constraint, about 40 queries for one client); an import of thousands of rows
then outlasts any request timeout. Conditions built from plain field lookups (exact, in,
comparisons, isnull, regex, F() of another field, and/or/not) are therefore evaluated in
Python with SQL's three-valued logic; anything else still goes to the database.
tests/akun/test_kendala.py checks, for every check constraint of the project, that both give
the same verdict on generated values.
"""

import operator
import re

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, router
from django.db.models import CheckConstraint, F, Q
from django.utils.translation import gettext_lazy as _

# When two people save at the same moment, the form's check can pass and the database's
# constraint still refuse (IntegrityError): the form says so instead of a 500.
PESAN_BENTROK = _(
    "Data bentrok dengan data yang baru saja disimpan orang lain; periksa lalu simpan lagi."
)
PENOLAKAN = (ValidationError, IntegrityError)  # what a service's refusal can raise


def galat_ke_form(form, exc: Exception) -> None:
    """A service's refusal onto the form: a ValidationError on the fields it names (or above
    the form for the others), a constraint race (IntegrityError) as PESAN_BENTROK."""
    if isinstance(exc, IntegrityError):
        form.add_error(None, PESAN_BENTROK)
    elif hasattr(exc, "error_dict"):
        for field, pesan in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, exc)


def pesan_penolakan(exc: Exception) -> str:
    """A service's refusal as one message (for messages.error, where no form shows it): a
    ValidationError's messages, a constraint race (IntegrityError) as PESAN_BENTROK, never
    the database's own text."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(PESAN_BENTROK)


class TakTerbaca(Exception):
    """A condition that cannot be evaluated here: the database decides."""


_LOOKUP = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "in": lambda kiri, kanan: kiri in kanan,
    "regex": lambda kiri, kanan: re.search(kanan, kiri) is not None,
}


def _nilai(instance, nama: str):
    if nama == "pk":
        return instance.pk
    try:
        field = instance._meta.get_field(nama)
    except FieldDoesNotExist as exc:
        raise TakTerbaca from exc
    if not field.concrete or field.many_to_many:
        raise TakTerbaca
    return getattr(instance, field.attname)


def _bandingkan(instance, kunci: str, kanan) -> bool | None:
    nama, _, lookup = kunci.partition("__")
    lookup = lookup or "exact"
    kiri = _nilai(instance, nama)
    if lookup == "isnull":
        return (kiri is None) == bool(kanan)
    if lookup not in _LOOKUP:
        raise TakTerbaca
    if isinstance(kanan, F):
        kanan = _nilai(instance, kanan.name)
    elif hasattr(kanan, "resolve_expression"):
        raise TakTerbaca
    elif kanan is None and lookup == "exact":  # Django turns `field=None` into IS NULL
        return kiri is None
    if kiri is None or kanan is None:
        return None  # a comparison with NULL is unknown in SQL
    try:
        return bool(_LOOKUP[lookup](kiri, kanan))
    except (TypeError, re.error) as exc:
        raise TakTerbaca from exc


def nilai_kondisi(q: Q, instance) -> bool | None:
    """`q` evaluated on `instance` with SQL's three-valued logic (None: unknown)."""
    hasil = [
        nilai_kondisi(anak, instance) if isinstance(anak, Q) else _bandingkan(instance, *anak)
        for anak in q.children
    ]
    if q.connector == Q.AND:
        nilai = False if False in hasil else None if None in hasil else True
    elif q.connector == Q.OR:
        nilai = True if True in hasil else None if None in hasil else False
    else:
        raise TakTerbaca
    return nilai if nilai is None or not q.negated else not nilai


def _field_disebut(q: Q) -> set[str]:
    nama = set()
    for anak in q.children:
        if isinstance(anak, Q):
            nama |= _field_disebut(anak)
        else:
            nama.add(anak[0].partition("__")[0])
            if isinstance(anak[1], F):
                nama.add(anak[1].name)
    return nama


def periksa_di_python(constraint: CheckConstraint, instance, exclude=None) -> None:
    """Raise the constraint's ValidationError when its condition is false for `instance`
    (unknown passes, as in the database); TakTerbaca when it must go to the database.
    Skipped, as Django skips it, when a field it names is excluded from validation."""
    kondisi = constraint.condition
    if not isinstance(kondisi, Q):
        raise TakTerbaca
    if exclude and _field_disebut(kondisi) & set(exclude):
        return
    if nilai_kondisi(kondisi, instance) is False:
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )


class KendalaPerFieldMixin:
    """Model mixin: the violation of a constraint named in `FIELD_KENDALA` is reported on
    that field (`{"constraint name": "field"}`), unless the field is excluded from the
    validation, in which case it stays a general error."""

    FIELD_KENDALA: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    try:
                        if not isinstance(constraint, CheckConstraint):
                            raise TakTerbaca
                        periksa_di_python(constraint, self, exclude)
                    except TakTerbaca:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    field = self.FIELD_KENDALA.get(constraint.name)
                    if field is None and e.code == "unique" and len(constraint.fields) == 1:
                        field = constraint.fields[0]
                    if field is None or (exclude and field in exclude):
                        field = NON_FIELD_ERRORS
                    errors.setdefault(field, []).append(e)
        if errors:
            raise ValidationError(errors)


class FormKantorMixin:
    """ModelForm mixin for an office-owned record: the unit comes from the user (a keyword
    argument), never from the browser, and takes part in the validation, so constraints
    per office (unique per unit) are checked before the database would refuse them."""

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if self.instance.unit_id is None:
            self.instance.unit = unit

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("unit")
        return exclusions
