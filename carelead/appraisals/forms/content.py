"""Forms for the content pages. They only check input; the services decide who may change
what, and when."""

from django import forms
from django.core.exceptions import ValidationError

from carelead.appraisals.models import DevelopmentItem, Objective
from carelead.nhsuk_forms import fields

EDI_HINT = (
    "An objective that improves equality, diversity and inclusion, for example in who you "
    "recruit, develop or promote. Managers and board members must have one: it is part of "
    "the organisation's EDI improvement plan."
)


def _level_choices(levels) -> list[tuple[str, str]]:
    return [(str(level.pk), level.label) for level in levels]


class BehavioursForm(forms.Form):
    """One form for all of an appraisal's behaviours, for one party. ``party`` is "self"
    (rating and evidence) or "appraiser" (rating and comment, plus the agreed rating when
    ``with_agreed``). Field names carry the assessment id, so one POST saves every row."""

    def __init__(self, *args, assessments, levels, party: str, with_agreed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessments = assessments
        self.party = party
        self.with_agreed = with_agreed
        choices = _level_choices(levels)
        self.rows = []
        for a in assessments:
            title = a.item.title
            if party == "self":
                rating_label, text_label = f"Your rating for {title}", "Your evidence"
                text_hint = "What you did this year that shows this behaviour"
                rating, text = a.self_rating_id, a.self_evidence
            else:
                rating_label, text_label = f"Your rating for {title}", "Your comment"
                text_hint = "What you saw, and what would show this behaviour more"
                rating, text = a.appraiser_rating_id, a.appraiser_comment
            names = {"rating": f"rating_{a.pk}", "text": f"text_{a.pk}"}
            self.fields[names["rating"]] = fields.ChoiceField(
                label=rating_label, choices=choices, required=False, initial=rating
            )
            self.fields[names["text"]] = fields.TextField(
                label=text_label, hint=text_hint, required=False, rows=3, initial=text
            )
            if with_agreed:
                names["agreed"] = f"agreed_{a.pk}"
                self.fields[names["agreed"]] = fields.ChoiceField(
                    label=f"Agreed rating for {title}",
                    hint="The rating you agreed in the discussion",
                    choices=choices,
                    required=False,
                    initial=a.agreed_rating_id,
                )
            self.rows.append((a, names))

    def entries(self):
        from carelead.appraisals.services.content import BehaviourEntry

        def level(name):
            value = self.cleaned_data.get(name)
            return int(value) if value else None

        result = []
        for a, names in self.rows:
            result.append(
                BehaviourEntry(
                    assessment_id=a.pk,
                    rating_id=level(names["rating"]),
                    text=self.cleaned_data.get(names["text"], ""),
                    agreed_id=level(names["agreed"]) if "agreed" in names else None,
                )
            )
        return result


class ObjectiveForm(forms.Form):
    title = fields.CharField(
        label="Objective",
        hint="A short name, for example Cut waiting times for first appointments",
        max_length=200,
        error_messages={"required": "Enter a short name for the objective"},
    )
    description = fields.TextField(
        label="What you will do",
        hint="Be specific: what will be different, and for whom",
        error_messages={"required": "Enter what you will do"},
    )
    measure = fields.TextField(
        label="How success will be measured",
        hint="For example, the median wait is under 6 weeks",
        error_messages={"required": "Enter how success will be measured"},
    )
    relevance = fields.TextField(
        label="Why it matters (optional)",
        hint="How it helps patients, people who use services, your team or the organisation",
        required=False,
    )
    due_on = fields.DateField(
        label="By when",
        hint="For example, 31 3 2027",
        error_messages={"required": "Enter the date the objective is due"},
    )
    priority = fields.SelectField(
        label="Organisational priority it supports (optional)", required=False, choices=()
    )
    is_edi = fields.BooleanField(
        label="This is an equality, diversity and inclusion (EDI) objective",
        hint=EDI_HINT,
        required=False,
    )
    progress = fields.SelectField(label="Progress", choices=Objective.Progress.choices)
    progress_note = fields.TextField(label="Progress note (optional)", required=False, rows=3)

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = {str(p.pk): p for p in priorities}
        self.fields["priority"].choices = [("", "No priority")] + [
            (key, p.title) for key, p in self.priorities.items()
        ]

    def clean_priority(self):
        value = self.cleaned_data["priority"]
        return self.priorities.get(value) if value else None


class ProgressForm(forms.Form):
    progress = fields.SelectField(label="Progress", choices=Objective.Progress.choices)
    progress_note = fields.TextField(label="Progress note (optional)", required=False, rows=3)


class DevelopmentItemForm(forms.Form):
    description = fields.TextField(
        label="What you will develop, and how",
        hint="For example, lead a service improvement project with coaching from a mentor",
        error_messages={"required": "Enter what you will develop, and how"},
    )
    item = fields.SelectField(label="Competency it develops (optional)", required=False)
    programme = fields.SelectField(label="Programme (optional)", required=False)
    due_on = fields.DateField(
        label="By when (optional)", hint="For example, 31 3 2027", required=False
    )

    def __init__(self, *args, competencies, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = {str(i.pk): i for i in competencies}
        self.programmes = {str(p.pk): p for p in programmes}
        self.fields["item"].choices = [("", "Not linked to a competency")] + [
            (key, f"{i.code} {i.title}") for key, i in self.competencies.items()
        ]
        self.fields["programme"].choices = [("", "No programme")] + [
            (key, p.title) for key, p in self.programmes.items()
        ]

    def clean_item(self):
        value = self.cleaned_data["item"]
        return self.competencies.get(value) if value else None

    def clean_programme(self):
        value = self.cleaned_data["programme"]
        return self.programmes.get(value) if value else None


class DevelopmentStatusForm(forms.Form):
    status = fields.SelectField(label="Status", choices=DevelopmentItem.Status.choices)


class EvidenceForm(forms.Form):
    title = fields.CharField(
        label="Title",
        hint="For example, Feedback from the ward's family and friends test",
        max_length=200,
        error_messages={"required": "Enter a title for the evidence"},
    )
    description = fields.TextField(label="What it shows (optional)", required=False, rows=4)
    url = fields.CharField(
        label="Link (optional)",
        hint="A web address where the evidence is kept, starting https://",
        required=False,
        max_length=200,
        input_type="url",
    )
    occurred_on = fields.DateField(
        label="Date (optional)", hint="For example, 14 9 2026", required=False
    )

    def clean_url(self):
        from django.core.validators import URLValidator

        value = self.cleaned_data["url"].strip()
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise ValidationError(
                    "Enter a web address in the correct format, like https://www.nhs.uk"
                ) from None
        return value


class AttachEvidenceForm(forms.Form):
    evidence = fields.SelectField(
        label="Evidence from your library",
        error_messages={"required": "Choose the evidence to attach"},
    )
    item = fields.SelectField(label="Behaviour it supports (optional)", required=False)

    def __init__(self, *args, library, behaviours, **kwargs):
        super().__init__(*args, **kwargs)
        self.library = {str(e.pk): e for e in library}
        self.behaviours = {str(i.pk): i for i in behaviours}
        self.fields["evidence"].choices = [("", "Choose evidence")] + [
            (key, e.title) for key, e in self.library.items()
        ]
        self.fields["item"].choices = [("", "Not about one behaviour")] + [
            (key, i.title) for key, i in self.behaviours.items()
        ]

    def clean_evidence(self):
        value = self.cleaned_data["evidence"]
        if value not in self.library:
            raise ValidationError("Choose the evidence to attach")
        return self.library[value]

    def clean_item(self):
        value = self.cleaned_data["item"]
        return self.behaviours.get(value) if value else None
