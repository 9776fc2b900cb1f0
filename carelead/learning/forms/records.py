"""Forms for the records pages. They only check input; writes are the services' job."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from carelead.learning.models import Completion
from carelead.nhsuk_forms import fields


class DeclareLearningForm(forms.Form):
    title = fields.CharField(
        label="Name of the learning",
        hint="For example, Coaching for managers",
        max_length=200,
        error_messages={"required": "Enter the name of the learning"},
    )
    provider_name = fields.CharField(
        label="Who ran it",
        hint="The organisation or person who provided the learning",
        max_length=200,
        error_messages={"required": "Enter who ran the learning"},
    )
    completed_on = fields.DateField(
        label="Date completed",
        hint="For example, 27 3 2026",
        error_messages={"required": "Enter the date you completed the learning"},
    )
    hours = fields.CharField(
        label="Hours of learning (optional)",
        hint="For example, 7.5",
        required=False,
        classes="nhsuk-input--width-5",
    )
    evidence = fields.TextField(
        label="Evidence",
        hint="Describe the evidence you hold, such as a certificate and what it says",
        required=False,
    )
    evidence_url = fields.CharField(
        label="Link to evidence (optional)",
        hint="A web address where your manager can see the evidence, starting https://",
        required=False,
        max_length=200,
        input_type="url",
    )

    def clean_hours(self):
        value = self.cleaned_data["hours"].strip()
        if not value:
            return None
        try:
            hours = Decimal(value)
        except InvalidOperation:
            raise ValidationError("Hours must be a number, like 7.5") from None
        if hours <= 0 or hours >= 10000:
            raise ValidationError("Hours must be more than 0 and less than 10,000")
        return hours.quantize(Decimal("0.1"))

    def clean_evidence_url(self):
        value = self.cleaned_data["evidence_url"].strip()
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise ValidationError(
                    "Enter a web address in the right format, like https://example.org/cert"
                ) from None
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("evidence")
            and not cleaned.get("evidence_url")
            and not (self.has_error("evidence_url"))
        ):
            self.add_error("evidence", "Describe your evidence or give a link to it")
        return cleaned


class VerifyLearningForm(forms.Form):
    decision = fields.ChoiceField(
        label="Can you verify this learning?",
        label_classes="nhsuk-fieldset__legend--m",
        choices=[
            (Completion.Status.VERIFIED, "Yes, I have seen the evidence"),
            (Completion.Status.REJECTED, "No, I cannot verify it"),
        ],
        error_messages={"required": "Choose whether you can verify this learning"},
    )
    note = fields.TextField(
        label="Note",
        hint="Needed if you cannot verify it: say why, so they can put it right",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == Completion.Status.REJECTED
            and not (cleaned.get("note") or "").strip()
        ):
            self.add_error("note", "Enter why you cannot verify this learning")
        return cleaned


class RecordCompletionForm(forms.Form):
    enrolment = fields.SelectField(
        label="Person",
        error_messages={
            "required": "Choose the person who completed the programme",
            "invalid_choice": "Choose a person on this cohort who has not completed yet",
        },
    )
    completed_on = fields.DateField(
        label="Date completed",
        hint="For example, 27 3 2026",
        error_messages={"required": "Enter the date the person completed the programme"},
    )

    def __init__(self, *args, roster_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].choices = [("", "Choose a person")] + [
            (str(row.enrolment.pk), f"{row.name} ({row.person_number})")
            for row in roster_rows
            if row.can_record
        ]


class CompletionsUploadForm(forms.Form):
    completions = fields.FileField(
        label="Upload a completions file",
        label_classes="nhsuk-label--m",
        hint="A CSV file saved as UTF-8, with the columns listed above",
        error_messages={
            "required": "Select a completions file to upload",
            "empty": "The selected file is empty",
        },
    )
    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        providers = list(providers)
        if len(providers) > 1:
            self.fields["provider"] = fields.SelectField(
                label="Training provider",
                choices=[(str(p.pk), p.name) for p in providers],
                error_messages={"required": "Choose the training provider"},
            )
            self.order_fields(["provider", "completions"])
        self.providers = {str(p.pk): p for p in providers}

    def clean_completions(self):
        upload = self.cleaned_data["completions"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV")
        if upload.size > self.MAX_BYTES:
            raise ValidationError("The selected file must be smaller than 5 MB")
        return upload

    def provider(self):
        if "provider" in self.fields:
            return self.providers[self.cleaned_data["provider"]]
        return next(iter(self.providers.values()))


class RevokeCredentialForm(forms.Form):
    reason = fields.TextField(
        label="Why are you revoking this credential?",
        label_classes="nhsuk-label--m",
        hint="The reason is kept with the credential's record. The public page only shows that "
        "it was revoked, and when.",
        error_messages={"required": "Enter why the credential is revoked"},
    )
