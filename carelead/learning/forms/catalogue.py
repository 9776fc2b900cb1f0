"""Forms for the catalogue pages. They only read and shape input; the services check the
rules and write. Field names match the services' arguments, so a service's error lands beside
its field (see ``add_service_errors``)."""

from django import forms

from carelead.learning.models import Accreditation, Programme
from carelead.nhsuk_forms import fields

OUT_OF_DATE = "This page is out of date. Open it again and make your change"


class ProgrammeFilterForm(forms.Form):
    """A GET form: a bad value is ignored, because it comes from a link, not typing."""

    kind = fields.SelectField(
        label="Kind of programme",
        required=False,
        choices=[("", "All kinds")] + list(Programme.Kind.choices),
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"kind": self.cleaned_data.get("kind") or None}


class EnrolForm(forms.Form):
    cohort = fields.ChoiceField(
        label="Choose a cohort",
        error_messages={
            "required": "Choose a cohort to join",
            "invalid_choice": "Choose a cohort that still has places",
        },
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohorts = {str(c.cohort.pk): c.cohort for c in cohorts}
        self.fields["cohort"].choices = [(str(c.cohort.pk), c.choice_label) for c in cohorts]

    def chosen_cohort(self):
        return self.cohorts[self.cleaned_data["cohort"]]


def _organisation_choices(organisations, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [("", blank)] if blank else []
    return choices + [(str(o.pk), f"{o.name} ({o.ods_code})") for o in organisations]


class _OrganisationChoiceMixin:
    """Turns select fields of organisation ids back into organisations."""

    organisation_fields: tuple[str, ...] = ()

    def set_organisations(self, name: str, organisations, blank: str | None = None) -> None:
        organisations = list(organisations)
        self._organisations = getattr(self, "_organisations", {})
        self._organisations[name] = {str(o.pk): o for o in organisations}
        self.fields[name].choices = _organisation_choices(organisations, blank)

    def organisation(self, name: str):
        value = self.cleaned_data.get(name)
        return self._organisations[name].get(value) if value else None


class AccreditationForm(_OrganisationChoiceMixin, forms.Form):
    provider = fields.SelectField(
        label="Training provider",
        error_messages={"required": "Choose the training provider"},
    )
    accrediting_body = fields.CharField(
        label="Accrediting body",
        max_length=200,
        error_messages={"required": "Enter the accrediting body"},
    )
    status = fields.ChoiceField(
        label="Status",
        choices=Accreditation.Status.choices,
        error_messages={"required": "Choose the accreditation status"},
    )
    applied_on = fields.DateField(
        label="Date the provider applied",
        hint="For example, 15 3 2026",
        error_messages={"required": "Enter the date the provider applied"},
    )
    valid_from = fields.DateField(
        label="Valid from",
        hint="Needed when the provider is accredited. For example, 1 4 2026",
        required=False,
    )
    valid_to = fields.DateField(label="Valid to", hint="Leave blank if open-ended", required=False)
    conditions = fields.TextField(
        label="Conditions",
        hint="Needed when the provider is accredited with conditions",
        required=False,
        rows=3,
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_organisations("provider", providers, blank="Choose a provider")

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["provider"] = self.organisation("provider")
        return data


class AccreditationChangeForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )
    status = fields.ChoiceField(
        label="New status",
        choices=Accreditation.Status.choices,
        error_messages={"required": "Choose the new status"},
    )
    reason = fields.TextField(
        label="Reason",
        hint="Needed to suspend or expire an accreditation. The provider's standing on the "
        "register shows this reason.",
        required=False,
        rows=3,
    )
    valid_from = fields.DateField(
        label="Valid from",
        hint="Leave blank to keep the current date. For example, 1 4 2026",
        required=False,
    )
    valid_to = fields.DateField(
        label="Valid to", hint="Leave blank to keep the current date", required=False
    )


class CohortForm(_OrganisationChoiceMixin, forms.Form):
    programme = fields.SelectField(
        label="Programme", error_messages={"required": "Choose the programme"}
    )
    provider = fields.SelectField(
        label="Run by", error_messages={"required": "Choose who runs the cohort"}
    )
    code = fields.CharField(
        label="Cohort code",
        hint="A short reference, unique across carelead, for example nla-leading-2026-09",
        max_length=60,
        error_messages={"required": "Enter a cohort code"},
    )
    starts_on = fields.DateField(
        label="Start date",
        hint="For example, 1 9 2026",
        error_messages={"required": "Enter the date the cohort starts"},
    )
    ends_on = fields.DateField(
        label="End date",
        hint="For example, 31 3 2027",
        error_messages={"required": "Enter the date the cohort ends"},
    )
    places = fields.IntegerField(
        label="Places",
        classes="nhsuk-input--width-4",
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Places must be a whole number, like 20",
        },
    )
    region = fields.SelectField(
        label="Region the places are for", required=False, hint="Leave as any region if open"
    )
    is_online = fields.BooleanField(label="The cohort meets online", required=False)
    location = fields.CharField(
        label="Location",
        hint="Where it meets in person, for example Leeds General Infirmary",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, programmes, providers, regions, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_organisations("provider", providers)
        self.set_organisations("region", regions, blank="Any region")
        programmes = list(programmes)
        self._programmes = {str(p.pk): p for p in programmes}
        self.fields["programme"].choices = [("", "Choose a programme")] + [
            (str(p.pk), f"{p.title} ({p.provider.name})") for p in programmes
        ]
        if editing:
            # A cohort's programme and code identify it; they do not change.
            del self.fields["programme"]
            del self.fields["code"]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["provider"] = self.organisation("provider")
        data["region"] = self.organisation("region")
        if "programme" in data:
            data["programme"] = self._programmes.get(data["programme"])
        data["location"] = data.get("location") or ""
        data["is_online"] = bool(data.get("is_online"))
        return data
