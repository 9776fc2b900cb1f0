"""Forms for the vacancy register and incentive packages. Forms check what a person typed;
the services check the rules (the segment, the premium limits, who may act)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.people.models import Employment
from carelead.talent.models import IncentivePackage, Vacancy
from carelead.talent.services.vacancies import package_errors


def _date(label: str, *, required: bool = True, hint: str = "For example, 1 12 2026"):
    return fields.DateField(
        label=label,
        hint=hint,
        required=required,
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class VersionedForm(forms.Form):
    version = VersionField(required=False)


class VacancyForm(VersionedForm):
    organisation = fields.SelectField(
        label="Organisation",
        error_messages={"required": "Choose the organisation the vacancy is at"},
    )
    title = fields.CharField(
        label="Job title",
        hint="For example, Chief operating officer",
        max_length=200,
        error_messages={
            "required": "Enter the job title of the vacancy",
            "max_length": "Job title must be 200 characters or fewer",
        },
    )
    description = fields.TextField(label="Description", required=False)
    critical_role = fields.SelectField(
        label="Critical role (optional)",
        hint="If the vacancy is one of the organisation's critical roles",
        required=False,
    )
    management_level = fields.SelectField(label="Management level", required=False)
    stage = fields.SelectField(
        label="Framework stage (optional)",
        hint="Candidates need the credential of the stage below this one",
        required=False,
    )
    opened_on = _date("Opening date")
    closes_on = _date("Closing date", required=False, hint="Optional. For example, 31 1 2027")

    def __init__(self, *args, organisations, roles, stages, vacancy: Vacancy | None = None, **kw):
        super().__init__(*args, **kw)
        self.organisations = {o.ods_code: o for o in organisations}
        self.roles = {str(r.pk): r for r in roles}
        self.stages = {str(s.pk): s for s in stages}
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]
        if vacancy is not None:
            # The organisation of an existing vacancy does not change.
            del self.fields["organisation"]
        elif len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].ods_code
        self.fields["critical_role"].choices = [("", "None")] + [
            (str(r.pk), f"{r.title} ({r.organisation.name})") for r in roles
        ]
        self.fields["management_level"].choices = [("", "Not stated")] + [
            (str(v), label) for v, label in Employment.ManagementLevel.choices
        ]
        self.fields["stage"].choices = [("", "Not stated")] + [(str(s.pk), s.name) for s in stages]

    def clean(self):
        data = super().clean()
        opened, closes = data.get("opened_on"), data.get("closes_on")
        if opened and closes and closes < opened:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "title": data["title"],
            "description": data["description"],
            "critical_role": self.roles.get(data["critical_role"] or ""),
            "management_level": int(data["management_level"]) if data["management_level"] else None,
            "stage": self.stages.get(data["stage"] or ""),
            "opened_on": data["opened_on"],
            "closes_on": data["closes_on"],
        }
        if "organisation" in self.fields:
            kwargs["organisation"] = self.organisations[data["organisation"]]
        return kwargs


class ReasonForm(VersionedForm):
    reason = fields.TextField(
        label="Reason",
        rows=3,
        max_length=500,
        error_messages={
            "required": "Enter the reason",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )

    def __init__(self, *args, label: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].label_classes = "nhsuk-label--s"
        self.fields["reason"].error_messages["required"] = required_message


class VacancyPackageForm(VersionedForm):
    package = fields.ChoiceField(
        label="Incentive package",
        label_classes="nhsuk-fieldset__legend--m",
        required=False,
    )

    def __init__(self, *args, packages, **kwargs):
        super().__init__(*args, **kwargs)
        self.packages = {str(p.pk): p for p in packages}
        self.fields["package"].choices = [(str(p.pk), p.title) for p in packages] + [
            ("", "No package")
        ]


class RegisterFilterForm(forms.Form):
    """The register's filters (a GET form; the selector keeps every choice inside scope)."""

    search = fields.CharField(
        label="Reference or title",
        hint="For example, V2026-0012 or director of operations",
        required=False,
        max_length=100,
        error_messages={"max_length": "Enter 100 characters or fewer to search for"},
    )
    organisation = fields.SelectField(label="Organisation", required=False)
    status = fields.SelectField(label="Status", required=False)
    challenged = fields.BooleanField(label="Challenged vacancies only", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All organisations")] + [
            (o.ods_code, o.name) for o in organisations
        ]
        self.fields["status"].choices = [("", "Any status"), *Vacancy.Status.choices]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["search"].strip() or None,
            "organisation": data["organisation"] or None,
            "status": data["status"] or None,
            "challenged": data["challenged"] or None,
        }


class PackageForm(VersionedForm):
    title = fields.CharField(
        label="Title",
        hint="For example, Challenged trust leadership package 2026",
        max_length=200,
        error_messages={"required": "Enter a title for the package"},
    )
    region = fields.SelectField(label="Region", required=True)
    pay_premium_percent = fields.CharField(
        label="Pay premium, % of salary (optional)",
        hint="More than 0 and at most 15, like 15 or 12.5",
        required=False,
        classes="nhsuk-input--width-4",
    )
    pay_premium_cap = fields.IntegerField(
        label="Pay premium cap a year, in pounds (optional)",
        hint="Up to 45000. Needed if there is a pay premium.",
        required=False,
        classes="nhsuk-input--width-10",
        error_messages={"invalid": "Pay premium cap must be a whole number of pounds, like 45000"},
    )
    pay_premium_months = fields.IntegerField(
        label="Months the pay premium lasts (optional)",
        required=False,
        classes="nhsuk-input--width-4",
        error_messages={"invalid": "Months must be a whole number, like 24"},
    )
    relocation_support = fields.CharField(
        label="Relocation support (optional)", required=False, max_length=300
    )
    relocation_cap = fields.IntegerField(
        label="Relocation cap, in pounds (optional)",
        required=False,
        classes="nhsuk-input--width-10",
        error_messages={"invalid": "Relocation cap must be a whole number of pounds, like 8000"},
    )
    development_offer = fields.CharField(
        label="Development offer (optional)", required=False, max_length=300
    )
    mentoring = fields.BooleanField(label="Mentoring", required=False)
    peer_support_network = fields.BooleanField(label="A peer support network", required=False)
    guaranteed_return = fields.BooleanField(label="A guaranteed return route", required=False)
    return_route = fields.CharField(
        label="The return route (needed if there is a guaranteed return)",
        required=False,
        max_length=300,
    )
    status = fields.ChoiceField(
        label="Status",
        label_classes="nhsuk-fieldset__legend--s",
        choices=IncentivePackage.Status.choices,
        error_messages={"required": "Choose draft, published or withdrawn"},
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {o.ods_code: o for o in regions}
        self.fields["region"].choices = [(o.ods_code, o.name) for o in regions]
        if len(regions) == 1:
            self.fields["region"].initial = regions[0].ods_code
        self.fields["status"].initial = IncentivePackage.Status.DRAFT

    def clean_pay_premium_percent(self):
        raw = (self.cleaned_data.get("pay_premium_percent") or "").strip().rstrip("%")
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValidationError("Pay premium must be a number, like 15") from None
        if not value.is_finite():
            raise ValidationError("Pay premium must be a number, like 15")
        if value != value.quantize(Decimal("0.1")):
            raise ValidationError("Pay premium can have one decimal place, like 12.5")
        return value

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for name, message in package_errors(data).items():
            self.add_error(name if name in self.fields else None, message)
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["region"] = self.regions[data["region"]]
        return data
