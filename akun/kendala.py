"""Database constraints are the validation; this module reports them where the user looks.

Django validates a model's constraints before saving (`full_clean`, ModelForm), but puts
most violations above the form instead of on the field they concern, and a ModelForm
skips every constraint that involves a field it does not show, such as the `unit` that
always comes from the logged-in user. The two mixins below close both gaps, so forms and
imports need no hand-written copy of a constraint.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router
from django.utils.translation import gettext_lazy as _

# When two people save at the same moment, the form's check can pass and the database's
# constraint still refuse (IntegrityError): the form says so instead of a 500.
PESAN_BENTROK = _(
    "Data bentrok dengan data yang baru saja disimpan orang lain; periksa lalu simpan lagi."
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
