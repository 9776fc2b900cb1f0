"""A service's ValidationError lands beside the field it names, or at the top."""

from django import forms
from django.core.exceptions import ValidationError

from carelead.nhsuk_forms.forms import add_service_errors


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def _form():
    form = ReasonForm({"reason": ""})
    assert form.is_valid()
    return form


def test_an_error_keyed_by_a_field_of_the_form_goes_beside_it():
    form = _form()

    add_service_errors(form, ValidationError({"reason": "Enter a reason"}))

    assert form.errors["reason"] == ["Enter a reason"]
    assert form.non_field_errors() == []


def test_an_error_keyed_by_something_else_goes_at_the_top():
    form = _form()

    add_service_errors(form, ValidationError({"status": "The pathway is already published"}))

    assert form.non_field_errors() == ["The pathway is already published"]


def test_a_plain_error_goes_at_the_top_with_every_message():
    form = _form()

    add_service_errors(form, ValidationError(["Someone else changed this", "Try again"]))

    assert form.non_field_errors() == ["Someone else changed this", "Try again"]


def test_a_missing_or_altered_version_says_the_page_was_out_of_date():
    from carelead.nhsuk_forms.fields import VersionField

    class Edit(forms.Form):
        version = VersionField(message="This pool changed. Try again.")

    assert Edit({"version": "3"}).is_valid()
    assert Edit({"version": ""}).errors["version"] == ["This pool changed. Try again."]
    assert Edit({"version": "x"}).errors["version"] == ["This pool changed. Try again."]
    assert Edit({"version": "-1"}).errors["version"] == ["This pool changed. Try again."]
