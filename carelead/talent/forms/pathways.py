"""The implementation office's form for publishing, retiring or drafting a pathway. The form
checks what was chosen; the service checks the rules (who may, and that nobody else changed
the pathway meanwhile)."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.talent.models import Pathway

OUT_OF_DATE = "This page was out of date. Check the pathway's status and try again."


class PathwayStatusForm(forms.Form):
    status = fields.ChoiceField(
        label="Status",
        label_classes="nhsuk-fieldset__legend--m",
        hint="Published: anyone can see it, signed in or not, and it is in the API. Draft or "
        "retired: only the implementation office can see it.",
        choices=Pathway.Status.choices,
        error_messages={
            "required": "Choose whether the pathway is published, draft or retired",
            "invalid_choice": "Choose whether the pathway is published, draft or retired",
        },
    )
    version = forms.CharField(
        widget=forms.HiddenInput,
        max_length=40,
        error_messages=dict.fromkeys(("required", "max_length"), OUT_OF_DATE),
    )

    def service_kwargs(self) -> dict:
        return {
            "status": self.cleaned_data["status"],
            "expected_version": self.cleaned_data["version"],
        }
