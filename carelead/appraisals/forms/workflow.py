"""Forms for the workflow pages. They check shape only; the rules (who, when, guards) live in
``appraisals.services.workflow``, whose errors the views put back on the form. Every form
carries the version of the appraisal the page was opened at, for optimistic locking."""

from django import forms

from carelead.appraisals.models import Appraisal
from carelead.nhsuk_forms import fields

#: Radios cannot offer an empty value, so "not said" has a name of its own here.
NOT_SAID = "not_said"

OUT_OF_DATE = "This page is out of date. Open the appraisal again."


class VersionedForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )


class ActionForm(VersionedForm):
    """One workflow action (a button); with a reason field where the table needs one. The
    action is the prefix, so several on one page never share field ids."""

    def __init__(self, *args, action: str, transition, **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        self.transition = transition
        if transition.needs_reason:
            self.fields["reason"] = fields.TextField(
                label=f"Reason: {transition.label.lower()}",
                hint="Kept in the appraisal's history, which both of you can read.",
                rows=3,
                error_messages={"required": "Enter the reason"},
            )


class ReflectionForm(VersionedForm):
    reflection = fields.TextField(
        label="Your reflection on the year",
        label_classes="nhsuk-label--m",
        hint=(
            "What went well, what was hard, what you learned and what you are proud of. "
            "Your appraiser reads this before you meet."
        ),
        rows=12,
        required=False,
    )


class WellbeingForm(VersionedForm):
    """The appraiser's version has the dates; the appraisee's only the note."""

    offered_on = fields.DateField(
        label="When was the wellbeing conversation offered?",
        label_classes="nhsuk-fieldset__legend--s",
        hint="For example, 15 3 2026",
        required=False,
    )
    held_on = fields.DateField(
        label="When was it held?",
        label_classes="nhsuk-fieldset__legend--s",
        hint="Leave blank if it has not happened, or was declined.",
        required=False,
    )
    note = fields.TextField(
        label="Private note (optional)",
        hint=(
            "Only the two of you can read this. It is never exported, shared with a new "
            "manager or included in any report."
        ),
        rows=6,
        required=False,
    )

    def __init__(self, *args, with_dates: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_dates = with_dates
        if not with_dates:
            del self.fields["offered_on"]
            del self.fields["held_on"]


class AspirationForm(VersionedForm):
    aspiration = fields.ChoiceField(
        label="What would you like to do next in your career?",
        label_classes="nhsuk-fieldset__legend--m",
        choices=[
            *[(value, label) for value, label in Appraisal.Aspiration.choices if value],
            (NOT_SAID, "I would rather not say"),
        ],
        error_messages={"required": "Choose what you would like to do next, or not to say"},
    )
    note = fields.TextField(
        label="Anything else about your aspiration (optional)",
        hint="Talent reviews in your organisation read this.",
        rows=5,
        required=False,
    )

    def clean_aspiration(self) -> str:
        value = self.cleaned_data["aspiration"]
        return "" if value == NOT_SAID else value


class SummaryForm(VersionedForm):
    summary = fields.TextField(
        label="Summary of the discussion",
        label_classes="nhsuk-label--m",
        hint="What you discussed and agreed. The appraisee reads it before signing off.",
        rows=10,
        required=False,
    )


class CommentForm(VersionedForm):
    comment = fields.TextField(
        label="Your comment on the summary (optional)",
        label_classes="nhsuk-label--m",
        rows=5,
        required=False,
    )


class ConsentForm(VersionedForm):
    share = fields.BooleanField(
        label="Let a future line manager see this appraisal's summary, objectives and "
        "development plan",
        hint="Never the wellbeing conversation. You can change this at any time.",
        required=False,
    )
