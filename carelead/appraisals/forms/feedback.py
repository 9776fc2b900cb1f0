"""Forms for 360 feedback: open a request, invite a rater, and the rater's questionnaire."""

from django import forms

from carelead.appraisals.models import FeedbackComment, Relationship
from carelead.appraisals.selectors.feedback import Questionnaire
from carelead.nhsuk_forms.fields import CharField, ChoiceField, DateField, EmailField, TextField

NOT_OBSERVED = "not_observed"
NOT_OBSERVED_LABEL = "Not observed: I have not had the chance to see this"
COMMENT_MAX = 3000


class OpenRequestForm(forms.Form):
    closes_on = DateField(
        label="When should feedback close?",
        hint="Raters can answer until the end of this day. For example, 27 3 2027",
        label_classes="nhsuk-fieldset__legend--s",
    )


class InviteForm(forms.Form):
    relationship = ChoiceField(
        label="How do they work with the appraisee?",
        choices=Relationship.choices,
        error_messages={"required": "Choose how the rater works with the appraisee"},
    )
    email = EmailField(
        label="Email address",
        hint="If they are in carelead, use the email address carelead has for them",
        autocomplete="off",
        error_messages={
            "required": "Enter the rater's email address",
            "invalid": "Enter an email address like name@example.nhs.uk",
        },
    )
    name = CharField(
        label="Full name",
        required=False,
        max_length=200,
        hint="Needed for people outside carelead",
        autocomplete="off",
    )


def rating_field_name(item_id: int) -> str:
    return f"item_{item_id}"


class ResponseForm(forms.Form):
    """One radio question per behaviour (the stage descriptor as its hint), each answered
    with a point of the default rating scale or "not observed", then two free-text
    questions."""

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        choices = [(str(value), label) for value, label in questionnaire.levels]
        choices.append((NOT_OBSERVED, NOT_OBSERVED_LABEL))
        for question in questionnaire.questions:
            item = question.item
            hint = f"What good looks like: {question.descriptor}" if question.descriptor else None
            self.fields[rating_field_name(item.pk)] = ChoiceField(
                label=f"{item.code} {item.title}",
                hint=hint,
                choices=choices,
                error_messages={
                    "required": f"Choose a rating for {item.code} {item.title}, "
                    "or choose 'Not observed'"
                },
            )
        self.fields[FeedbackComment.Kind.STRENGTHS] = TextField(
            label="What do they do well?",
            required=False,
            max_length=COMMENT_MAX,
            hint="Optional. Shown to them word for word, without your name. "
            "Please do not write anything that identifies you.",
            label_classes="nhsuk-label--s",
        )
        self.fields[FeedbackComment.Kind.DEVELOPMENT] = TextField(
            label="What could they do more of, or differently?",
            required=False,
            max_length=COMMENT_MAX,
            hint="Optional. Shown to them word for word, without your name.",
            label_classes="nhsuk-label--s",
        )

    def rating_fields(self):
        return [self[rating_field_name(q.item.pk)] for q in self.questionnaire.questions]

    def ratings(self) -> dict[int, int | None]:
        data = self.cleaned_data
        result = {}
        for question in self.questionnaire.questions:
            answer = data[rating_field_name(question.item.pk)]
            result[question.item.pk] = None if answer == NOT_OBSERVED else int(answer)
        return result
