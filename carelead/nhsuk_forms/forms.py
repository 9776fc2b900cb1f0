"""Form helpers: the error summary list and a base class whose field errors link to inputs."""

from django import forms


def first_input_id(bound_field) -> str:
    field = bound_field.field
    from carelead.nhsuk_forms.fields import DateField

    # Radios and checkboxes give their first item the bare id, so only dates differ.
    if isinstance(field, DateField):
        return f"{bound_field.id_for_label}-day"
    return bound_field.id_for_label


def error_list(form: forms.Form) -> list[dict]:
    """Errors for the NHS.UK error summary, each linking to the input it is about."""
    items = []
    for error in form.non_field_errors():
        items.append({"text": error, "href": "#main-content-errors"})
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        bound = form[name]
        for error in errors:
            items.append({"text": error, "href": f"#{first_input_id(bound)}"})
    return items
