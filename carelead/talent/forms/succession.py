"""Forms for critical roles and succession plans. Forms check what a person typed (and find
the people and jobs it names); the services check the rules (who may act, no duplicates)."""

from django import forms
from django.core.exceptions import ValidationError

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.talent.models import CriticalRole, Readiness
from carelead.talent.selectors import succession as selectors

OUT_OF_DATE = "This page was out of date. Check the succession plan as it is now and try again."
NO_ONE = ""


def _date(label: str, hint: str) -> fields.DateField:
    return fields.DateField(
        label=label, hint=hint, required=False, label_classes="nhsuk-fieldset__legend--s"
    )


class OrganisationChoiceForm(forms.Form):
    """Which organisation a new role is for (a GET form: the selector checks the choice and
    answers 404 outside the user's scope)."""

    organisation = fields.SelectField(label="Organisation")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]


class CriticalRoleForm(forms.Form):
    title = fields.CharField(
        label="Title of the post",
        hint="For example, Chief executive or Director of finance",
        max_length=200,
        error_messages={
            "required": "Enter the title of the critical role",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    kind = fields.ChoiceField(
        label="Kind of post",
        label_classes="nhsuk-fieldset__legend--s",
        choices=CriticalRole.Kind.choices,
        error_messages={"required": "Choose what kind of post this is"},
    )
    incumbent = fields.SelectField(
        label="Current post holder",
        hint="Directors and board-level jobs at the organisation today",
        required=False,
    )
    assignment_number = fields.CharField(
        label="Or the post holder's assignment number",
        hint="If they are not in the list: their assignment number at the organisation",
        required=False,
        max_length=30,
        classes="nhsuk-input--width-10",
    )
    stage = fields.SelectField(
        label="Framework stage of the post (optional)",
        hint="Successors need the credential for the stage below it",
        required=False,
    )
    expected_vacancy_on = _date(
        "Expected vacancy date (optional)", "When the post holder is expected to leave"
    )
    reviewed_on = _date("Date last reviewed (optional)", "For example, 15 10 2026")
    notes = fields.TextField(label="Notes (optional)", required=False, rows=3)

    def __init__(self, *args, organisation, incumbents, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.incumbents = {str(e.pk): e for e in incumbents}
        self.stages = {str(s.pk): s for s in stages}
        self.fields["incumbent"].choices = [(NO_ONE, "No one, or not in this list")] + [
            (str(e.pk), f"{e.person.full_name}, {e.job_title} ({e.assignment_number})")
            for e in incumbents
        ]
        self.fields["stage"].choices = [(NO_ONE, "Not set")] + [(str(s.pk), s.name) for s in stages]
        if not stages:
            del self.fields["stage"]

    def clean(self):
        data = super().clean()
        number = (data.get("assignment_number") or "").strip()
        chosen = data.get("incumbent") or NO_ONE
        employment = self.incumbents.get(chosen)
        if number:
            if employment is not None:
                self.add_error(
                    "assignment_number",
                    "Choose the post holder from the list or enter an assignment number, not both",
                )
            else:
                employment = selectors.employment_by_assignment(self.organisation.pk, number)
                if employment is None:
                    self.add_error(
                        "assignment_number",
                        f"No one with assignment number {number} works at "
                        f"{self.organisation.name} today",
                    )
        data["incumbent_employment"] = employment
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "incumbent": data.get("incumbent_employment"),
            "stage": self.stages.get(data.get("stage") or NO_ONE),
            "expected_vacancy_on": data.get("expected_vacancy_on"),
            "reviewed_on": data.get("reviewed_on"),
            "notes": data.get("notes", ""),
        }

    @classmethod
    def initial_for(cls, role: CriticalRole) -> dict:
        return {
            "title": role.title,
            "kind": role.kind,
            "incumbent": str(role.incumbent_id) if role.incumbent_id else NO_ONE,
            "stage": str(role.stage_id) if role.stage_id else NO_ONE,
            "expected_vacancy_on": role.expected_vacancy_on,
            "reviewed_on": role.reviewed_on,
            "notes": role.notes,
            "version": role.version,
        }


class CriticalRoleEditForm(CriticalRoleForm):
    version = VersionField(message=OUT_OF_DATE)

    def __init__(self, *args, role: CriticalRole, incumbents, **kwargs):
        # A post holder who has dropped below director level stays choosable.
        if role.incumbent_id and role.incumbent_id not in {e.pk for e in incumbents}:
            incumbents = [role.incumbent, *incumbents]
        super().__init__(*args, incumbents=incumbents, **kwargs)

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "expected_version": self.cleaned_data["version"]}


class SuggestForm(forms.Form):
    posts = fields.MultipleChoiceField(
        label="Which posts are critical roles?",
        label_classes="nhsuk-fieldset__legend--m",
        hint="Executive jobs at the organisation today that are not yet critical roles",
        error_messages={"required": "Choose at least one post to record"},
    )

    def __init__(self, *args, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.employments = {str(e.pk): e for e in posts}
        self.fields["posts"].choices = [
            (str(e.pk), f"{e.job_title}: {e.person.full_name}") for e in posts
        ]

    def chosen(self) -> list:
        return [self.employments[pk] for pk in self.cleaned_data["posts"]]


class RetireForm(forms.Form):
    reason = fields.TextField(
        label="Why is this role no longer critical?",
        max_length=500,
        rows=3,
        error_messages={
            "required": "Enter the reason the role is no longer critical",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )
    version = VersionField(message=OUT_OF_DATE)


def _readiness_field() -> fields.ChoiceField:
    return fields.ChoiceField(
        label="How soon could they step in?",
        label_classes="nhsuk-fieldset__legend--s",
        choices=Readiness.choices,
        error_messages={"required": "Choose how soon the candidate could step in"},
    )


def _cover_field() -> fields.BooleanField:
    return fields.BooleanField(
        label="Emergency cover: could act up at short notice if the post fell vacant",
        required=False,
    )


def _note_field() -> fields.TextField:
    return fields.TextField(
        label="Note (optional)",
        hint="For example, the development agreed to close a gap. Candidates do not see this.",
        required=False,
        rows=3,
    )


class CandidateAddForm(forms.Form):
    person = fields.CharField(
        label="Candidate's person number or email address",
        hint="They may work for any employer",
        max_length=254,
        error_messages={"required": "Enter the candidate's person number or email address"},
    )
    readiness = _readiness_field()
    is_emergency_cover = _cover_field()
    note = _note_field()

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        found = selectors.find_people(text)
        if not found:
            raise ValidationError(f"No one has the person number or email address {text}")
        if len(found) > 1:
            raise ValidationError(
                f"More than one person has the email address {text}: enter their person number"
            )
        self.candidate_person = found[0]
        return text

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "person": self.candidate_person,
            "readiness": data["readiness"],
            "is_emergency_cover": data["is_emergency_cover"],
            "note": data.get("note", ""),
        }


class CandidateEditForm(forms.Form):
    readiness = _readiness_field()
    is_emergency_cover = _cover_field()
    note = _note_field()
    version = VersionField(message=OUT_OF_DATE)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "readiness": data["readiness"],
            "is_emergency_cover": data["is_emergency_cover"],
            "note": data.get("note", ""),
            "expected_version": data["version"],
        }


class CandidateRemoveForm(forms.Form):
    reason = fields.TextField(
        label="Why are you removing them from the plan?",
        max_length=500,
        rows=3,
        error_messages={
            "required": "Enter the reason for removing the candidate",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )
    version = VersionField(message=OUT_OF_DATE)


class RegionChoiceForm(forms.Form):
    """Which region the overview shows (a GET form; all regions when none is chosen)."""

    region = fields.SelectField(label="Region", required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(NO_ONE, "All regions")] + [
            (r.ods_code, r.name) for r in regions
        ]
