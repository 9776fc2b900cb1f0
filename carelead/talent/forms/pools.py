"""Forms for the pool pages. Forms check what a person typed; the services check the rules
(criteria, who may act, the order of a membership's statuses)."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.talent.models import Readiness, TalentPool

NATIONAL = "national"
LEVEL_CHOICES = [("", "Any")] + [(str(n), str(n)) for n in range(1, 6)]


def _level(label: str) -> fields.SelectField:
    return fields.SelectField(label=label, choices=LEVEL_CHOICES, required=False)


class PoolForm(forms.Form):
    name = fields.CharField(
        label="Name",
        hint="For example, Aspiring directors",
        max_length=200,
        error_messages={
            "required": "Enter the pool's name",
            "max_length": "Pool name must be 200 characters or fewer",
        },
    )
    description = fields.TextField(label="Description", required=False, rows=4)
    owner = fields.SelectField(
        label="Who the pool is for",
        hint="A regional pool is open to everyone working in the region; an ICB pool to "
        "everyone working in the ICB's organisations.",
        error_messages={"required": "Choose the region, ICB or national pool"},
    )
    min_management_level = _level("Lowest management level")
    max_management_level = _level("Highest management level")
    target_stage = fields.SelectField(
        label="Target stage",
        hint="The stage of the Management and Leadership Framework the pool prepares people for",
        required=False,
    )
    requires_prerequisite = fields.BooleanField(
        label="Members need the credential of the stage below the target stage",
        required=False,
    )
    minimum_readiness = fields.ChoiceField(
        label="Least ready a member may be",
        label_classes="nhsuk-fieldset__legend--s",
        choices=[("", "Any readiness"), *Readiness.choices],
        required=False,
    )
    status = fields.ChoiceField(
        label="Status",
        label_classes="nhsuk-fieldset__legend--s",
        choices=TalentPool.Status.choices,
        error_messages={"required": "Choose whether the pool is a draft, open or closed"},
    )
    nominations_close_on = fields.DateField(
        label="Nominations close on",
        hint="Leave blank to keep nominations open. For example, 31 3 2027",
        label_classes="nhsuk-fieldset__legend--s",
        required=False,
    )
    version = VersionField(required=False)

    def __init__(self, *args, owners, stages, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {(NATIONAL if o is None else o.ods_code): o for o in owners}
        self.stages = {str(s.pk): s for s in stages}
        self.fields["owner"].choices = [
            (key, "National (all of England)" if o is None else o.name)
            for key, o in self.owners.items()
        ]
        if len(self.owners) == 1:
            self.fields["owner"].initial = next(iter(self.owners))
        self.fields["target_stage"].choices = [
            ("", "None"),
            *((key, s.name) for key, s in self.stages.items()),
        ]
        if editing:
            # The owner is fixed once a pool exists: its members were nominated under it.
            del self.fields["owner"]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if "owner" in data:
            data["owner"] = self.owners[data["owner"]]
        data["target_stage"] = self.stages.get(data.get("target_stage") or "")
        for name in ("min_management_level", "max_management_level"):
            data[name] = int(data[name]) if data.get(name) else None
        return data

    @staticmethod
    def initial_for(pool: TalentPool) -> dict:
        return {
            "name": pool.name,
            "description": pool.description,
            "min_management_level": str(pool.min_management_level or ""),
            "max_management_level": str(pool.max_management_level or ""),
            "target_stage": str(pool.target_stage_id or ""),
            "requires_prerequisite": pool.requires_prerequisite,
            "minimum_readiness": pool.minimum_readiness,
            "status": pool.status,
            "nominations_close_on": pool.nominations_close_on,
            "version": pool.version,
        }


class NominateForm(forms.Form):
    statement = fields.TextField(
        label="Why this nomination",
        hint="What they have done and what they want to do next. The pool's talent leads read "
        "this when they decide.",
        rows=6,
        error_messages={"required": "Enter the statement supporting the nomination"},
    )
    readiness = fields.ChoiceField(
        label="How soon could they step up?",
        label_classes="nhsuk-fieldset__legend--s",
        choices=Readiness.choices,
        error_messages={"required": "Choose how soon they could step up"},
    )


class NominateReportForm(NominateForm):
    """Nominating someone else: a current report from a list, or (for a people lead) anyone
    at their organisation by person or assignment number."""

    field_order = ["report", "person_number", "statement", "readiness"]

    def __init__(self, *args, reports, people_lead: bool, find_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = {str(p.pk): p for p in reports}
        self.find_person = find_person
        self.person = None
        if reports:
            self.fields["report"] = fields.SelectField(
                label="Who are you nominating?",
                choices=[("", "Choose someone in your team")]
                + [(key, p.full_name) for key, p in self.reports.items()],
                required=not people_lead,
                error_messages={"required": "Choose who you are nominating"},
            )
        if people_lead:
            self.fields["person_number"] = fields.CharField(
                label="ESR person number or assignment number",
                hint="Someone working at your organisation today"
                + (". Leave blank if you chose someone from your team." if reports else ""),
                required=False,
                max_length=30,
                classes="nhsuk-input--width-10",
            )
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        chosen = data.get("report") or ""
        number = (data.get("person_number") or "").strip()
        if chosen:
            self.person = self.reports.get(chosen)
        elif number:
            self.person = self.find_person(number)
            if self.person is None:
                self.add_error(
                    "person_number",
                    f"No one with person or assignment number {number} works at your "
                    "organisation today",
                )
        elif "report" not in self.errors:
            field = "report" if "report" in self.fields else "person_number"
            self.add_error(field, "Choose who you are nominating")
        return data


class DecisionForm(forms.Form):
    ACCEPT, NOT_ACCEPT = "accept", "not_accept"

    decision = fields.ChoiceField(
        label="Your decision",
        label_classes="nhsuk-fieldset__legend--m",
        choices=[(ACCEPT, "Accept into the pool"), (NOT_ACCEPT, "Do not accept")],
        error_messages={"required": "Choose whether to accept the nomination"},
    )
    reason = fields.TextField(
        label="Reason for the decision",
        hint="The nominee sees this on their talent pools page",
        rows=4,
        error_messages={"required": "Enter the reason for the decision"},
    )
    version = VersionField(required=False)


class MoveOnForm(forms.Form):
    moved_on_to = fields.CharField(
        label="Where did they go?",
        hint="For example, Appointed director of operations, Barnsley Hospital",
        max_length=300,
        error_messages={
            "required": "Enter where they went",
            "max_length": "Where they went must be 300 characters or fewer",
        },
    )
    version = VersionField(required=False)


class WithdrawForm(forms.Form):
    reason = fields.TextField(label="Reason", rows=3, required=False)
    version = VersionField(required=False)

    def __init__(self, *args, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if own:
            self.fields["reason"].label = "Reason (optional)"
        else:
            self.fields["reason"].required = True
            self.fields["reason"].hint = "The person sees this on their talent pools page"
            self.fields["reason"].error_messages["required"] = (
                "Enter the reason for withdrawing them"
            )


class OfferForm(forms.Form):
    title = fields.CharField(
        label="Title",
        hint="For example, Executive coaching",
        max_length=200,
        error_messages={
            "required": "Enter the offer's title",
            "max_length": "Offer title must be 200 characters or fewer",
        },
    )
    description = fields.TextField(label="Description", required=False, rows=4)
    programme = fields.SelectField(label="Programme", required=False)
    places = fields.IntegerField(
        label="Places",
        hint="Leave blank if there is no limit",
        required=False,
        min_value=1,
        classes="nhsuk-input--width-4",
        error_messages={
            "invalid": "Places must be a whole number, like 12",
            "min_value": "Places must be 1 or more",
        },
    )
    is_active = fields.BooleanField(label="Offered to members now", required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["programme"].choices = [
            ("", "None"),
            *((key, p.title) for key, p in self.programmes.items()),
        ]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["programme"] = self.programmes.get(data.get("programme") or "")
        return data
