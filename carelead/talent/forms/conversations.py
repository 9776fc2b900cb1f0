"""Forms for career conversations. They only check input; the services decide who may change
what, and when."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.talent.models import AspirationalPlanItem, CareerConversation, GrowthCategory
from carelead.talent.presenters.grid import level_label
from carelead.talent.presenters.pathways import step_name


def _required(message: str) -> dict:
    return {"required": message}


class StartForm(forms.Form):
    held_with_role = fields.ChoiceField(
        label="Who is the conversation with?",
        label_classes="nhsuk-fieldset__legend--m",
        choices=CareerConversation.HeldWithRole.choices,
        initial=CareerConversation.HeldWithRole.LINE_MANAGER,
        error_messages=_required("Select who the conversation is with"),
    )
    held_with_email = fields.EmailField(
        label="Their email address",
        hint="Only if it is not your line manager: a coach, a talent lead or someone else "
        "who is in carelead",
        required=False,
        autocomplete="off",
        error_messages={"invalid": "Enter an email address like name@nhs.net"},
    )
    planned_on = fields.DateField(
        label="When do you plan to have it?",
        hint="For example, 15 3 2027",
        required=False,
        min_year=2000,
    )


class ReflectionForm(forms.Form):
    individual_reflection = fields.TextField(
        label="Your reflection",
        hint="What you enjoy and do well, the impact you have, and where you would like to "
        "grow: deeper in your role, broader into other areas, or stretching into a bigger role",
        required=False,
        rows=8,
    )
    planned_on = fields.DateField(
        label="When do you plan to have it?", required=False, min_year=2000
    )


class PreparationForm(forms.Form):
    preparation_notes = fields.TextField(
        label="Your preparation notes",
        hint="What you have seen of their impact and growth. They see these notes once the "
        "conversation is held.",
        required=False,
        rows=8,
    )


def _impact_choices(preset) -> list[tuple[str, str]]:
    return [(str(n), level_label(preset, "x", n)) for n in (1, 2, 3)]


class HeldForm(forms.Form):
    held_on = fields.DateField(
        label="Date it was held",
        hint="For example, 15 3 2026",
        min_year=2000,
        error_messages=_required("Enter the date the conversation was held"),
    )
    impact = fields.ChoiceField(
        label="Impact you agreed",
        choices=[],
        error_messages=_required("Select the impact you agreed"),
    )
    growth_now = fields.ChoiceField(
        label="Where their growth is now",
        choices=GrowthCategory.choices,
        error_messages=_required("Select where their growth is now"),
    )
    growth_wanted = fields.ChoiceField(
        label="Where they want to grow",
        choices=GrowthCategory.choices,
        error_messages=_required("Select where they want to grow"),
    )
    where_next = fields.TextField(
        label="Where they want to move",
        rows=3,
        error_messages=_required("Enter where they want to move"),
    )
    how = fields.TextField(label="How they will get there", required=False, rows=4)

    def __init__(self, *args, preset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["impact"].choices = _impact_choices(preset)

    def clean_impact(self) -> int:
        return int(self.cleaned_data["impact"])


class OutcomeForm(forms.Form):
    outcome = fields.TextField(
        label="Outcome",
        hint="What was agreed and what happens next. Scope for Growth records the outcome of "
        "every conversation.",
        rows=6,
        error_messages=_required("Enter the outcome of the conversation"),
    )


class PlanItemForm(forms.Form):
    description = fields.TextField(
        label="What the development is",
        rows=3,
        error_messages=_required("Enter what the development is"),
    )
    category = fields.ChoiceField(
        label="What it grows",
        choices=GrowthCategory.choices,
        error_messages=_required("Select whether it grows depth, breadth or stretch"),
    )
    programme = fields.SelectField(label="Programme (optional)", required=False, choices=[])
    pathway_step = fields.SelectField(
        label="Pathway step it works towards (optional)",
        hint="A step on one of carelead's career pathways, such as PCN clinical director",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select a pathway step from the list"},
    )
    due_on = fields.DateField(label="By when (optional)", required=False, min_year=2000)

    def __init__(self, *args, programmes, pathway_steps=(), with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["programme"].choices = [("", "No programme")] + [
            (key, p.title) for key, p in self.programmes.items()
        ]
        self.pathway_steps = {str(step.pk): step for step in pathway_steps}
        self.fields["pathway_step"].choices = [("", "No pathway step")] + [
            (key, step_name(step)) for key, step in self.pathway_steps.items()
        ]
        if with_status:
            self.fields["status"] = _status_field()

    def clean_programme(self):
        return self.programmes.get(self.cleaned_data.get("programme") or "")

    def clean_pathway_step(self):
        return self.pathway_steps.get(self.cleaned_data.get("pathway_step") or "")


def _status_field() -> fields.ChoiceField:
    return fields.ChoiceField(
        label="Status",
        choices=AspirationalPlanItem.Status.choices,
        error_messages=_required("Select the status of this step"),
    )


class StatusForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"] = _status_field()
