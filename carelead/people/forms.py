from django import forms

from carelead.nhsuk_forms import fields
from carelead.people.models import (
    Employment,
    EqualityMonitoring,
    EqualityOption,
    PayBand,
    StaffGroup,
)

#: How each equality question is asked: (legend, hint).
EQUALITY_QUESTIONS: dict[str, tuple[str, str]] = {
    EqualityOption.Question.ETHNIC_CATEGORY: (
        "What is your ethnic group?",
        "These are the NHS Data Dictionary categories that NHS workforce reports such as the "
        "Workforce Race Equality Standard use.",
    ),
    EqualityOption.Question.ETHNICITY_2021: (
        "What is your ethnic group, using the 2021 census categories?",
        "The newer national categories. Answering both means reports can move to these "
        "without asking you again.",
    ),
    EqualityOption.Question.SEX: ("What is your sex?", ""),
    EqualityOption.Question.GENDER_IDENTITY: (
        "Is your gender identity the same as the sex you were registered at birth?",
        "",
    ),
    EqualityOption.Question.DISABILITY: (
        "Do you consider yourself to have a disability?",
        "The Equality Act 2010 describes disability as a physical or mental impairment that "
        "has a substantial and long-term effect on your ability to do normal daily activities.",
    ),
    EqualityOption.Question.SEXUAL_ORIENTATION: (
        "Which of the following best describes your sexual orientation?",
        "",
    ),
    EqualityOption.Question.RELIGION: ("What is your religion or belief?", ""),
}


OUT_OF_DATE = "This page is out of date. Open it again and choose your answers"
CHOOSE_AN_OPTION = "Choose one of the options, or prefer not to say"


def _option_label(option: EqualityOption) -> str:
    # 2021 census labels ("Irish") only make sense with their group ("White: Irish").
    if option.group and not option.label.lower().startswith(option.group.lower()[:12]):
        return f"{option.group}: {option.label}"
    return option.label


class EqualityMonitoringForm(forms.Form):
    """One radio group per question; every question is optional and offers "prefer not to
    say". ``version`` carries the version the form was opened at, for optimistic locking."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )

    def __init__(self, *args, options_by_question: dict[str, list[EqualityOption]], **kwargs):
        super().__init__(*args, **kwargs)
        for question in EqualityMonitoring.QUESTIONS:
            legend, hint = EQUALITY_QUESTIONS[question]
            self.fields[question] = fields.ChoiceField(
                label=legend,
                hint=hint or None,
                required=False,
                label_classes="nhsuk-fieldset__legend--m",
                choices=[(o.code, _option_label(o)) for o in options_by_question.get(question, [])],
                error_messages={"invalid_choice": CHOOSE_AN_OPTION},
            )

    def question_fields(self):
        return [self[q] for q in EqualityMonitoring.QUESTIONS]

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(q) or "" for q in EqualityMonitoring.QUESTIONS}


class PeopleFilterForm(forms.Form):
    """Search and filters for the people page (a GET form: bad values are ignored, not
    shown as errors, because they come from links rather than typing)."""

    q = fields.CharField(
        label="Search",
        hint="Name, person number, email, job title or assignment number",
        required=False,
        max_length=200,
    )
    organisation = fields.SelectField(label="Organisation", required=False)
    staff_group = fields.SelectField(label="Staff group", required=False)
    band = fields.SelectField(label="Band or grade", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All organisations")] + [
            (str(o.pk), o.name) for o in organisations
        ]
        self.fields["staff_group"].choices = [("", "All staff groups")] + [
            (g.code, g.name) for g in StaffGroup.objects.all()
        ]
        family_order = {family: i for i, family in enumerate(PayBand.Family.values)}
        bands = sorted(PayBand.objects.all(), key=lambda b: (family_order[b.family], b.rank))
        self.fields["band"].choices = [("", "All bands and grades")] + [
            (b.code, b.name) for b in bands
        ]
        self.show_organisation = len(self.fields["organisation"].choices) > 2

    def filters(self) -> dict:
        """The valid filters, for selectors.people_for_people_lead."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or None,
            "organisation": int(data["organisation"]) if data.get("organisation") else None,
            "staff_group": data.get("staff_group") or None,
            "band": data.get("band") or None,
        }


NOT_A_MANAGER = ""


class NewStarterForm(forms.Form):
    """Someone who has just joined, added by their people lead: the person and their first
    employment here. The service checks everything again and says what is wrong where."""

    organisation = fields.SelectField(label="Organisation they have joined")
    person_number = fields.CharField(
        label="Person number",
        hint="Their ESR person number. If they have worked in health or social care before, "
        "use the number they already have, so their learning and history follow them.",
        max_length=20,
        classes="nhsuk-input--width-10",
    )
    given_name = fields.CharField(label="Given name", max_length=100, autocomplete="off")
    family_name = fields.CharField(label="Family name", max_length=100, autocomplete="off")
    email = fields.EmailField(
        label="Work email address (optional)",
        hint="Reminders about their induction go here.",
        required=False,
        autocomplete="off",
    )
    assignment_number = fields.CharField(
        label="Assignment number", max_length=30, classes="nhsuk-input--width-10"
    )
    job_title = fields.CharField(label="Job title", max_length=200)
    staff_group = fields.SelectField(label="Staff group")
    pay_band = fields.SelectField(label="Band or grade (optional)", required=False)
    management_level = fields.ChoiceField(
        label="Do they manage people?",
        required=False,
        choices=[(NOT_A_MANAGER, "No, not a manager")]
        + [(str(v), label) for v, label in Employment.ManagementLevel.choices],
    )
    line_manager_assignment = fields.CharField(
        label="Their line manager's assignment number (optional)",
        hint="The assignment number of their line manager's job at the same organisation.",
        required=False,
        max_length=30,
        classes="nhsuk-input--width-10",
    )
    start_date = fields.DateField(label="Start date", hint="For example, 1 9 2026")
    fte = fields.CharField(
        label="Full-time equivalent (FTE)",
        hint="1 for full time; 0.6 for 3 days a week.",
        initial="1",
        max_length=6,
        classes="nhsuk-input--width-4",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [(pk, o.name) for pk, o in self.organisations.items()]
        self.show_organisation = len(self.organisations) > 1
        if not self.show_organisation:
            self.fields["organisation"].required = False
        self.fields["staff_group"].choices = [("", "Choose a staff group")] + [
            (g.code, g.name) for g in StaffGroup.objects.all()
        ]
        family_order = {family: i for i, family in enumerate(PayBand.Family.values)}
        bands = sorted(PayBand.objects.all(), key=lambda b: (family_order[b.family], b.rank))
        self.fields["pay_band"].choices = [("", "None or not known")] + [
            (b.code, b.name) for b in bands
        ]
        # The service checks what is missing together with everything else (so every
        # problem shows at once); the form only parses dates, emails and choices.
        for name, field in self.fields.items():
            if name != "organisation":
                field.required = False

    def service_arguments(self) -> dict:
        """The cleaned answers as new_starter_add's keyword arguments."""
        data = self.cleaned_data
        organisation = self.organisations.get(data.get("organisation") or "")
        if organisation is None:
            organisation = next(iter(self.organisations.values()))
        return {
            "organisation": organisation,
            "person_number": data.get("person_number") or "",
            "given_name": data.get("given_name") or "",
            "family_name": data.get("family_name") or "",
            "email": data.get("email") or "",
            "assignment_number": data.get("assignment_number") or "",
            "job_title": data.get("job_title") or "",
            "staff_group": StaffGroup.objects.filter(code=data.get("staff_group") or "").first(),
            "pay_band": PayBand.objects.filter(code=data.get("pay_band") or "").first(),
            "management_level": int(data["management_level"])
            if data.get("management_level")
            else None,
            "line_manager_assignment": data.get("line_manager_assignment") or "",
            "start_date": data.get("start_date"),
            "fte": data.get("fte") or "",
        }
