from django import forms

from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.board import Submission
from carelead.nhsuk_forms import fields

BoardRole = Appraisal.BoardRole
ROLE_CHOICES = [(value, label) for value, label in BoardRole.choices if value]


class BoardMemberForm(forms.Form):
    """Add someone to the board cycle in a role, or change the role of someone already added
    (before their appraisal starts). The service decides the appraiser and checks the rest."""

    employment = fields.SelectField(
        label="Board member",
        error_messages={
            "required": "Choose the board member",
            "invalid_choice": ("Choose a board member from the list"),
        },
    )
    board_role = fields.ChoiceField(
        label="Board role",
        choices=ROLE_CHOICES,
        error_messages={"required": "Choose the board member's role"},
    )
    appraiser = fields.SelectField(
        label="Who appraises the chair",
        hint="Only for the chair, for example the senior independent director. The chair "
        "appraises the chief executive and the non-executive directors, and the chief "
        "executive appraises the executive directors.",
        required=False,
        error_messages={"invalid_choice": "Choose who appraises the chair from the list"},
    )

    def __init__(self, *args, employment_choices, appraiser_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employment"].choices = [("", "Choose a board member")] + employment_choices
        self.fields["appraiser"].choices = appraiser_choices

    def clean(self):
        data = super().clean()
        if data.get("board_role") == BoardRole.CHAIR and not data.get("appraiser"):
            self.add_error(
                "appraiser",
                "Choose who appraises the chair, such as the senior independent director",
            )
        return data


class SubmissionFilterForm(forms.Form):
    """Filters for the regional submissions page (a GET form)."""

    role = fields.SelectField(
        label="Board role",
        required=False,
        choices=[("", "Chairs and NEDs"), (BoardRole.CHAIR, "Chairs"), (BoardRole.NED, "NEDs")],
    )
    submission = fields.SelectField(
        label="Submission",
        required=False,
        choices=[("", "Any")] + Submission.CHOICES,
    )
    status = fields.SelectField(
        label="Appraisal status",
        required=False,
        choices=[("", "Any")]
        + [(v, label) for v, label in Appraisal.Status.choices if v != Appraisal.Status.CANCELLED],
    )

    def filters(self) -> dict[str, str]:
        """The chosen filters; an unknown value (a hand-edited address) is ignored."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
