"""Forms for the mid-career programme pages. They check shape only; the rules live in
learning.services.applications, whose ValidationErrors the views put back on the form."""

from django import forms

from carelead.learning.models import Application
from carelead.learning.services.applications import OPTIONAL, REQUIRED, STATEMENT_MAX_WORDS
from carelead.nhsuk_forms import fields

OUT_OF_DATE = "This page is out of date. Open the application again."


class ApplyForm(forms.Form):
    employment = fields.ChoiceField(
        label="Which job are you applying from?",
        label_classes="nhsuk-fieldset__legend--m",
        error_messages={"required": "Choose the job you are applying from"},
    )
    statement = fields.TextField(
        label="Why do you want to join the programme?",
        label_classes="nhsuk-label--m",
        hint=(
            f"In {STATEMENT_MAX_WORDS} words or fewer: what you want to develop, and how it will "
            "help the people you manage. Your line manager and the regional panel will read it."
        ),
        rows=10,
        error_messages={"required": "Enter your statement"},
    )

    def __init__(self, *args, employments, **kwargs):
        super().__init__(*args, **kwargs)
        self.employments = {str(e.pk): e for e in employments}
        self.fields["employment"].choices = [
            (str(e.pk), f"{e.job_title}, {e.organisation.name}") for e in employments
        ]

    def clean_statement(self):
        statement = self.cleaned_data["statement"].strip()
        words = len(statement.split())
        if words > STATEMENT_MAX_WORDS:
            raise forms.ValidationError(
                f"Your statement is {words} words. Shorten it to {STATEMENT_MAX_WORDS} words "
                "or fewer"
            )
        return statement

    def chosen_employment(self):
        return self.employments[self.cleaned_data["employment"]]


class ActionForm(forms.Form):
    """One action on an application (support, shortlist, accept ...). Each action on the
    page is its own form with the action as prefix, so field ids never clash. ``version``
    is the version the page was opened at, for optimistic locking."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )

    def __init__(self, *args, action: str, transition, cohorts=(), **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        self.transition = transition
        if transition.reason in (REQUIRED, OPTIONAL):
            self.fields["reason"] = fields.TextField(
                label="Reason" if transition.reason == REQUIRED else "Reason (optional)",
                hint="The applicant will see this." if transition.by != "applicant" else None,
                required=transition.reason == REQUIRED,
                rows=3,
                error_messages={"required": "Enter the reason, for the applicant to read"},
            )
        if action == "allocate":
            self.cohorts = {str(c.pk): c for c in cohorts}
            self.fields["cohort"] = fields.ChoiceField(
                label="Cohort",
                label_classes="nhsuk-fieldset__legend--s",
                choices=[
                    (
                        str(c.pk),
                        f"{c.code}: starts {c.starts_on:%-d %B %Y}, "
                        f"{c.places - c.allocated} of {c.places} places left",
                    )
                    for c in cohorts
                ],
                error_messages={"required": "Choose the cohort to allocate the applicant to"},
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"expected_version": data["version"], "reason": data.get("reason", "")}
        if self.action == "allocate":
            kwargs["cohort"] = self.cohorts[data["cohort"]]
        return kwargs


class PanelFilterForm(forms.Form):
    """The panel list's filters (a GET form: a bad value is ignored rather than shown)."""

    status = fields.SelectField(label="Status", required=False)
    programme = fields.SelectField(label="Programme", required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "All statuses"), *Application.Status.choices]
        self.fields["programme"].choices = [("", "All programmes")] + [
            (str(p.pk), p.title) for p in programmes
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data.get("status") or None,
            "programme": int(data["programme"]) if data.get("programme") else None,
        }
