"""Forms for calibration sessions. Forms check what a person typed; the services check the
rules (who may hold a session where, who may move a placement)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.talent.presenters.grid import level_label

OUT_OF_DATE = "This page was out of date. Check the session and try again."
LEVEL_WORDS = {"region": "region", "icb": "ICB", "organisation": "organisation"}


class SessionForm(forms.Form):
    title = fields.CharField(
        label="Title",
        hint="For example, Senior nurse talent review, spring 2027",
        max_length=200,
        error_messages={
            "required": "Enter a title for the session",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    scope = fields.SelectField(
        label="Who the session covers",
        hint="The proposed assessments of people working here are calibrated in the session",
        error_messages={
            "required": "Choose who the session covers",
            "invalid_choice": "Choose who the session covers from the list",
        },
    )
    facilitator = fields.EmailField(
        label="Facilitator's email address",
        hint="The facilitator runs the session and can move placements. They need a carelead "
        "account linked to their staff record.",
        error_messages={
            "required": "Enter the facilitator's email address",
            "invalid": "Enter the facilitator's email address in the right format, like "
            "name@nhs.net",
        },
    )
    grid = fields.ChoiceField(
        label="Talent grid",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={
            "required": "Choose the talent grid",
            "invalid_choice": "Choose one of the talent grids listed",
        },
    )
    scheduled_on = fields.DateField(
        label="Date of the session",
        hint="For example, 3 12 2026",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={"required": "Enter the date of the session"},
    )

    def __init__(self, *args, choices, grids, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_map = {f"{level}:{o.pk}": (level, o) for level, o in choices}
        self.fields["scope"].choices = [
            ("", "Choose who the session covers"),
            *(
                (key, f"{o.name} ({LEVEL_WORDS[level]} level)")
                for key, (level, o) in self.choice_map.items()
            ),
        ]
        self.grids = {g.code: g for g in grids}
        self.fields["grid"].choices = [(g.code, g.title) for g in grids]
        default = next((g for g in grids if g.is_default), None)
        if default is not None:
            self.fields["grid"].initial = default.code
        if len(choices) == 1:
            self.fields["scope"].initial = next(iter(self.choice_map))

    def clean_facilitator(self):
        email = self.cleaned_data["facilitator"]
        # The account's own email, or the staff record's: accounts made from ESR often have
        # only the latter.
        users = list(
            get_user_model()
            .objects.filter(Q(email__iexact=email) | Q(person__email__iexact=email))
            .filter(is_active=True)
            .distinct()[:2]
        )
        if not users:
            raise ValidationError(f"No one with the email address {email} has a carelead account")
        if len(users) > 1:
            raise ValidationError(
                f"More than one account has the email address {email}; ask your administrator"
            )
        if not users[0].person_id:
            raise ValidationError(
                f"The account for {email} is not linked to a staff record, so it cannot facilitate"
            )
        return users[0]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        level, organisation = self.choice_map[data["scope"]]
        return {
            "title": data["title"],
            "level": level,
            "organisation": organisation,
            "facilitator": data["facilitator"],
            "grid": self.grids[data["grid"]],
            "scheduled_on": data["scheduled_on"],
        }


def _axis_choices(preset, axis: str) -> list[tuple[str, str]]:
    return [(str(v), level_label(preset, axis, v)) for v in (3, 2, 1)]


class MoveForm(forms.Form):
    performance = fields.ChoiceField(
        label="Performance",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={
            "required": "Choose the performance level",
            "invalid_choice": "Choose low, moderate or high",
        },
    )
    potential = fields.ChoiceField(
        label="Potential",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={
            "required": "Choose the potential level",
            "invalid_choice": "Choose low, moderate or high",
        },
    )
    reason = fields.TextField(
        label="Reason for the move",
        hint="What the panel agreed, and the evidence. The person may ask to see this.",
        max_length=1000,
        rows=4,
        error_messages={
            "required": "Enter the reason for the move",
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )
    version = VersionField(message=OUT_OF_DATE)

    def __init__(self, *args, placement, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "performance": str(placement.performance),
                "potential": str(placement.potential),
                "version": placement.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.placement = placement
        preset = placement.session.grid
        self.fields["performance"].label = preset.x_axis_label
        self.fields["performance"].choices = _axis_choices(preset, "x")
        self.fields["performance"].error_messages["required"] = (
            f"Choose the {preset.x_axis_label.lower()} level"
        )
        self.fields["potential"].label = preset.y_axis_label
        self.fields["potential"].choices = _axis_choices(preset, "y")
        self.fields["potential"].error_messages["required"] = (
            f"Choose the {preset.y_axis_label.lower()} level"
        )

    def clean(self):
        data = super().clean()
        where = (data.get("performance"), data.get("potential"))
        current = (str(self.placement.performance), str(self.placement.potential))
        if None not in where and where == current:
            self.add_error(
                "potential",
                f"{self.placement.assessment.person} is already in that place: choose another",
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "performance": int(data["performance"]),
            "potential": int(data["potential"]),
            "reason": data["reason"],
            "expected_version": data["version"],
        }


class VersionForm(forms.Form):
    """Start and close: a button, with the version the page was drawn from."""

    version = VersionField(message=OUT_OF_DATE)
