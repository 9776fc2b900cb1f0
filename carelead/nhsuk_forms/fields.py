"""Django form fields that render NHS.UK design system components by themselves.

A page template calls ``form.field_name.as_field_group()`` and gets the whole component:
label, hint, error message and input, with the ids the error summary links to. Each field
names its template in ``template_name``; the templates call the nhsuk-frontend-jinja macros.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError


class NHSUKFieldMixin:
    """Presentation options shared by every field.

    hint: text under the label. label_classes: e.g. "nhsuk-label--m". classes: on the input.
    page_heading: render the label or legend as the page's <h1>.
    """

    def __init__(
        self,
        *args,
        hint: str | None = None,
        label_classes: str = "",
        classes: str = "",
        page_heading: bool = False,
        autocomplete: str | None = None,
        **kwargs,
    ):
        self.hint = hint
        self.label_classes = label_classes
        self.classes = classes
        self.page_heading = page_heading
        self.autocomplete = autocomplete
        # Field.__init__ would reset template_name to None; keep the class's component template.
        kwargs.setdefault("template_name", type(self).template_name)
        super().__init__(*args, **kwargs)


class CharField(NHSUKFieldMixin, forms.CharField):
    template_name = "nhsuk_forms/input.jinja"
    input_type = "text"

    def __init__(self, *args, input_type: str | None = None, **kwargs):
        if input_type:
            self.input_type = input_type
        super().__init__(*args, **kwargs)


class EmailField(NHSUKFieldMixin, forms.EmailField):
    template_name = "nhsuk_forms/input.jinja"
    input_type = "email"


class PasswordField(CharField):
    input_type = "password"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)


class IntegerField(NHSUKFieldMixin, forms.IntegerField):
    template_name = "nhsuk_forms/input.jinja"
    input_type = "text"


class TextField(NHSUKFieldMixin, forms.CharField):
    """A textarea."""

    template_name = "nhsuk_forms/textarea.jinja"

    def __init__(self, *args, rows: int = 5, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)


class ChoiceField(NHSUKFieldMixin, forms.ChoiceField):
    """Radios (the NHS.UK default for choosing one of a few)."""

    template_name = "nhsuk_forms/radios.jinja"

    def __init__(self, *args, inline: bool = False, **kwargs):
        self.inline = inline
        super().__init__(*args, **kwargs)


class SelectField(NHSUKFieldMixin, forms.ChoiceField):
    """A select, for choosing one of many."""

    template_name = "nhsuk_forms/select.jinja"


class MultipleChoiceField(NHSUKFieldMixin, forms.MultipleChoiceField):
    """Checkboxes."""

    template_name = "nhsuk_forms/checkboxes.jinja"


class BooleanField(NHSUKFieldMixin, forms.BooleanField):
    """A single checkbox."""

    template_name = "nhsuk_forms/checkbox.jinja"


class FileField(NHSUKFieldMixin, forms.FileField):
    template_name = "nhsuk_forms/file_upload.jinja"


class DateInputWidget(forms.Widget):
    """Three inputs named <name>[day], <name>[month] and <name>[year], as the NHS.UK date
    input names them."""

    def value_from_datadict(self, data, files, name):
        return tuple(data.get(f"{name}[{part}]", "").strip() for part in ("day", "month", "year"))

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}[{part}]" in data for part in ("day", "month", "year"))


class DateField(NHSUKFieldMixin, forms.Field):
    """The NHS.UK date input, with the error messages the design system recommends."""

    template_name = "nhsuk_forms/date_input.jinja"
    widget = DateInputWidget

    def __init__(self, *args, min_year: int = 1900, max_year: int = 2100, **kwargs):
        self.min_year = min_year
        self.max_year = max_year
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not value or not any(value):
            return None
        day, month, year = value
        label = self.label or "Date"
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(
                f"{label} must include a {' and '.join(missing)}", code="incomplete"
            )
        try:
            d, m, y = int(day), int(month), int(year)
        except ValueError:
            raise ValidationError(f"{label} must be a real date", code="invalid") from None
        if len(str(year)) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        if not self.min_year <= y <= self.max_year:
            raise ValidationError(
                f"Year must be between {self.min_year} and {self.max_year}", code="year_range"
            )
        try:
            return datetime.date(y, m, d)
        except ValueError:
            raise ValidationError(f"{label} must be a real date", code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return (str(value.day), str(value.month), str(value.year))
        if isinstance(value, (tuple, list)) and len(value) == 3:
            return tuple(value)
        return ("", "", "")


class VersionField(forms.IntegerField):
    """The hidden version a form was drawn from, for optimistic locking: any problem with it
    (missing, altered) means the page was out of date, and says so in ``message``."""

    default_message = "This page was out of date. Check the details and try again."

    def __init__(self, *, message: str | None = None, required: bool = True, **kwargs):
        text = message or self.default_message
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault(
            "error_messages", dict.fromkeys(("required", "invalid", "min_value"), text)
        )
        # 0 stands for "no row yet" (e.g. preferences never saved); a wrong number reaches
        # the service, which says someone else changed the record.
        super().__init__(required=required, min_value=0, **kwargs)
