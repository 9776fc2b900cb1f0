"""Form helpers: the error summary list, a base class whose field errors link to inputs,
and putting a service's ValidationError on a form."""

from django import forms
from django.core.exceptions import ValidationError


def first_input_id(bound_field) -> str:
    field = bound_field.field
    from carelead.nhsuk_forms.fields import DateField

    # Radios and checkboxes give their first item the bare id, so only dates differ.
    if isinstance(field, DateField):
        return f"{bound_field.id_for_label}-day"
    return bound_field.id_for_label


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: an error keyed by a field the form has
    goes beside that field, everything else at the top (the error summary links both)."""
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            field = key if key in form.fields else None
            for message in messages:
                form.add_error(field, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def error_list(form: forms.Form) -> list[dict]:
    """Errors for the NHS.UK error summary, each linking to the input it is about."""
    items = []
    # A non-field error (e.g. a wrong password) is about the form as a whole: link to its
    # first field so the summary link still moves focus somewhere useful.
    first_field = next(iter(form), None)
    first_href = f"#{first_input_id(first_field)}" if first_field is not None else "#maincontent"
    for error in form.non_field_errors():
        items.append({"text": error, "href": first_href})
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        bound = form[name]
        for error in errors:
            items.append({"text": error, "href": f"#{first_input_id(bound)}"})
    return items
