"""Forms for the people lead's cycle pages and for delegating an appraiser. Forms check what
a person typed; the services check the rules (dates in order, who may act)."""

from django import forms
from django.core.exceptions import ValidationError

from carelead.appraisals.selectors.cycles import colleague_by_assignment
from carelead.appraisals.services.cycles import cycle_date_errors
from carelead.nhsuk_forms import fields

OUT_OF_DATE = "This page was out of date. Check the current appraiser and try again."

ASSIGNMENT_HINT = (
    "The appraiser's assignment number at the organisation, from ESR or the staff list"
)


class OrganisationChoiceForm(forms.Form):
    """Which organisation, for people leads of more than one (a GET form: the selector
    checks the choice and answers 404 outside their scope)."""

    organisation = fields.SelectField(label="Organisation", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]


def _date(label: str, hint: str | None = None) -> fields.DateField:
    return fields.DateField(
        label=label,
        hint=hint or "For example, 30 6 2026",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class CycleForm(forms.Form):
    organisation = fields.SelectField(
        label="Organisation",
        error_messages={"required": "Choose the organisation the cycle is for"},
    )
    template = fields.ChoiceField(
        label="Template",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={"required": "Choose the staff or board member template"},
    )
    title = fields.CharField(
        label="Title",
        hint="For example, Appraisals 2026 to 2027",
        max_length=200,
        error_messages={
            "required": "Enter a title for the cycle",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    opens_on = _date("Opening date", "Appraisals are made for the people working here on this day")
    preparation_due_on = _date("Preparation deadline")
    discussion_due_on = _date("Discussion deadline")
    sign_off_due_on = _date("Sign-off deadline")
    closes_on = _date("Closing date")

    def __init__(self, *args, organisations, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.ods_code: o for o in organisations}
        self.templates = {t.code: t for t in templates}
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].ods_code
        self.fields["template"].choices = [
            (t.code, f"{t.title} ({t.framework.title})") for t in templates
        ]

    def clean(self):
        data = super().clean()
        for name, message in cycle_date_errors(**data).items():
            self.add_error(name, message)
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["organisation"] = self.organisations[data["organisation"]]
        data["template"] = self.templates[data["template"]]
        return data


class ExceptionResolveForm(forms.Form):
    ASSIGN, EXCLUDE = "assign", "exclude"

    decision = fields.ChoiceField(
        label="What do you want to do?",
        label_classes="nhsuk-fieldset__legend--m",
        choices=[
            (ASSIGN, "Assign an appraiser"),
            (EXCLUDE, "This person is not appraised this cycle"),
        ],
        error_messages={"required": "Choose whether to assign an appraiser or exclude the person"},
    )
    assignment_number = fields.CharField(
        label="Appraiser's assignment number",
        hint=ASSIGNMENT_HINT + ". Needed if you assign an appraiser.",
        required=False,
        max_length=30,
        classes="nhsuk-input--width-10",
    )
    exclude_reason = fields.TextField(
        label="Reason the person is not appraised this cycle",
        hint="For example, on long-term leave or leaving soon. Needed if you exclude them.",
        required=False,
        rows=3,
    )

    def __init__(self, *args, exception, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.exception = exception
        self.stages = {str(s.pk): s for s in stages}
        if stages:
            self.fields["stage"] = fields.SelectField(
                label="Framework stage",
                hint="The role maps to no stage, so choose the one to appraise against.",
                required=False,
                choices=[("", "Choose a stage"), *((str(s.pk), s.name) for s in stages)],
            )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.ASSIGN:
            number = data.get("assignment_number", "")
            if not number:
                self.add_error("assignment_number", "Enter the appraiser's assignment number")
            else:
                employment = colleague_by_assignment(self.exception.cycle.organisation_id, number)
                if employment is None:
                    self.add_error(
                        "assignment_number",
                        f"No one with assignment number {number} works at "
                        f"{self.exception.cycle.organisation.name} today",
                    )
                data["appraiser_employment"] = employment
            if "stage" in self.fields and not data.get("stage"):
                self.add_error("stage", "Choose the framework stage to appraise against")
        elif decision == self.EXCLUDE and not data.get("exclude_reason", "").strip():
            self.add_error("exclude_reason", "Enter the reason the person is not appraised")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        if data["decision"] == self.EXCLUDE:
            return {"exclude_reason": data["exclude_reason"]}
        return {
            "appraiser_employment": data["appraiser_employment"],
            "stage": self.stages.get(data.get("stage") or ""),
        }


class DelegateForm(forms.Form):
    assignment_number = fields.CharField(
        label="New appraiser's assignment number",
        hint=ASSIGNMENT_HINT,
        max_length=30,
        classes="nhsuk-input--width-10",
        error_messages={"required": "Enter the new appraiser's assignment number"},
    )
    reason = fields.TextField(
        label="Reason for the change",
        hint="The appraisee and the new appraiser will see this.",
        max_length=300,
        rows=3,
        error_messages={
            "required": "Enter the reason for the change of appraiser",
            "max_length": "Reason must be 300 characters or fewer",
        },
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )

    def __init__(self, *args, appraisal, **kwargs):
        super().__init__(*args, **kwargs)
        self.appraisal = appraisal

    def clean_assignment_number(self):
        number = self.cleaned_data["assignment_number"]
        employment = colleague_by_assignment(self.appraisal.organisation_id, number)
        if employment is None:
            raise ValidationError(
                f"No one with assignment number {number} works at "
                f"{self.appraisal.organisation.name} today"
            )
        self.appraiser_employment = employment
        return number

    def service_kwargs(self) -> dict:
        return {
            "appraiser_person": self.appraiser_employment.person,
            "reason": self.cleaned_data["reason"],
            "expected_version": self.cleaned_data["version"],
        }


class PriorityForm(forms.Form):
    title = fields.CharField(
        label="Priority",
        hint="A short name people will pick when they link an objective to it",
        max_length=200,
        error_messages={
            "required": "Enter the priority",
            "max_length": "Priority must be 200 characters or fewer",
        },
    )
    description = fields.TextField(label="Description (optional)", required=False, rows=3)
