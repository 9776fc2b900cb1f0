"""Forms for talent assessments. Forms check what was typed; the service checks the rules
(evidence for every criterion, the overall potential in line with them, a note when
performance differs from the appraisal), so its errors come back onto these fields."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.talent.models import GridPreset, PotentialCriterion, Readiness, TalentAssessment
from carelead.talent.presenters.grid import LEVELS
from carelead.talent.services.assessments import OUT_OF_DATE, evidence_field, rating_field

#: What each potential rating means, lowest first (PotentialEvidence's docstring).
RATING_NAMES = ("Not yet shown", "Shown", "Strongly shown")
DRAFT, PROPOSE = "draft", "propose"


def _levels(names, fallback=LEVELS) -> list[tuple[str, str]]:
    names = list(names or [])
    return [
        (str(value), names[value - 1] if len(names) >= value else fallback[value])
        for value in (1, 2, 3)
    ]


class AssessmentForm(forms.Form):
    """Performance, then potential criterion by criterion, then the overall judgement."""

    performance = fields.ChoiceField(
        label="Performance",
        label_classes="nhsuk-fieldset__legend--m",
        error_messages={"required": "Choose low, moderate or high performance"},
    )
    performance_note = fields.TextField(
        label="Performance note",
        hint="Needed if you change the rating read from the appraisal, or there is none.",
        required=False,
        rows=3,
    )
    potential = fields.ChoiceField(
        label="Overall potential",
        label_classes="nhsuk-fieldset__legend--m",
        hint=(
            "Judge potential on the evidence against the criteria above. High potential needs "
            "at least 2 criteria strongly shown."
        ),
        error_messages={"required": "Choose low, moderate or high potential"},
    )
    potential_summary = fields.TextField(
        label="Summary of potential (optional)", required=False, rows=3
    )
    readiness = fields.SelectField(
        label="Readiness for a bigger role (optional)",
        required=False,
        choices=[("", "Not stated"), *Readiness.choices],
    )
    version = VersionField(message=OUT_OF_DATE, required=False)

    def __init__(
        self,
        *args,
        criteria: list[PotentialCriterion],
        grid: GridPreset | None,
        reading=None,
        editing: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        # Someone else may have started an assessment since this form was opened: a form
        # without a version cannot then overwrite theirs.
        self.fields["version"].required = editing
        self.fields["performance"].choices = _levels(grid.x_levels if grid else None)
        self.fields["potential"].choices = _levels(grid.y_levels if grid else None)
        if reading is not None and reading.level is not None:
            self.fields["performance"].hint = (
                f"Read from the appraisal completed on {reading.completed_on:%-d %B %Y}: "
                f"{reading.explanation}. Change it only with a note."
            )
        else:
            self.fields["performance"].hint = (
                "There is no completed appraisal to read performance from, so add a note "
                "saying what your rating is based on."
            )
        for criterion in criteria:
            guidance = list(criterion.guidance) + [""] * 3
            self.fields[rating_field(criterion)] = fields.ChoiceField(
                label=criterion.title,
                label_classes="nhsuk-fieldset__legend--s",
                hint=criterion.question,
                required=False,
                choices=[
                    (str(value), f"{RATING_NAMES[value - 1]}: {guidance[value - 1]}".rstrip(": "))
                    for value in (1, 2, 3)
                ],
            )
            self.fields[evidence_field(criterion)] = fields.TextField(
                label=f"Evidence for {criterion.title}",
                hint="What they did and when: examples, not impressions.",
                required=False,
                rows=4,
            )

    def criterion_fields(self):
        """(criterion, rating field, evidence field) for the template, in order."""
        return [(c, self[rating_field(c)], self[evidence_field(c)]) for c in self.criteria]

    @staticmethod
    def initial_for(assessment: TalentAssessment | None, reading=None) -> dict:
        if assessment is None:
            level = reading.level if reading is not None else None
            return {"performance": str(level) if level else None}
        initial = {
            "performance": str(assessment.performance),
            "performance_note": assessment.performance_note,
            "potential": str(assessment.potential),
            "potential_summary": assessment.potential_summary,
            "readiness": assessment.readiness,
            "version": assessment.version,
        }
        for item in assessment.evidence.all():
            initial[rating_field(item.criterion)] = str(item.rating)
            initial[evidence_field(item.criterion)] = item.evidence
        return initial

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        evidence = {}
        for criterion in self.criteria:
            rating = data.get(rating_field(criterion))
            evidence[criterion.code] = (
                int(rating) if rating else None,
                data.get(evidence_field(criterion), ""),
            )
        return {
            "performance": int(data["performance"]),
            "performance_note": data.get("performance_note", ""),
            "potential": int(data["potential"]),
            "potential_summary": data.get("potential_summary", ""),
            "readiness": data.get("readiness", ""),
            "evidence": evidence,
            "expected_version": data.get("version"),
        }


class WithdrawForm(forms.Form):
    reason = fields.TextField(
        label="Why are you withdrawing this assessment?",
        label_classes="nhsuk-label--s",
        hint="For example, they have moved to another team. The reason is kept in the audit trail.",
        max_length=500,
        rows=3,
        error_messages={
            "required": "Enter the reason for withdrawing the assessment",
            "max_length": "Reason must be 500 characters or fewer",
        },
    )
    version = VersionField(message=OUT_OF_DATE)


class OrganisationFilterForm(forms.Form):
    """Which organisation and status (a GET form: the selector checks the organisation and
    answers 404 outside the user's reach)."""

    organisation = fields.SelectField(label="Organisation", required=False)
    status = fields.SelectField(
        label="Status",
        required=False,
        choices=[("", "All but withdrawn"), *TalentAssessment.Status.choices],
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]
