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
