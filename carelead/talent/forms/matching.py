"""Forms for matching pages. Forms check what a person typed; the services check the rules
(who may act, who may be approached, what state a record is in)."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.nhsuk_forms.fields import VersionField
from carelead.people.models import Employment, Person
from carelead.talent.models import Approach, ApproachPreference

OUT_OF_DATE = "This page was out of date. Check the details and try again."


YES_NO = [("yes", "Yes"), ("no", "No")]


class PreferenceForm(forms.Form):
    audience = fields.ChoiceField(
        label="Who may approach you about roles?",
        label_classes="nhsuk-fieldset__legend--m",
        hint="Talent teams only see you in matches if you choose a region here.",
        choices=ApproachPreference.Audience.choices,
        error_messages={"required": "Choose who may approach you about roles"},
    )
    challenged_organisations = fields.ChoiceField(
        label="Are you open to roles in challenged organisations?",
        label_classes="nhsuk-fieldset__legend--s",
        hint=(
            "Organisations in NHS Oversight Framework segment 4 or 5. They may offer a package "
            "of support, such as a pay premium and a guaranteed return route."
        ),
        choices=YES_NO,
        inline=True,
        error_messages={
            "required": "Choose whether you are open to roles in challenged organisations"
        },
    )
    willing_to_relocate = fields.ChoiceField(
        label="Would you move home for the right role?",
        label_classes="nhsuk-fieldset__legend--s",
        choices=YES_NO,
        inline=True,
        error_messages={"required": "Choose whether you would move home for the right role"},
    )
    interests = fields.TextField(
        label="What kind of roles interest you? (optional)",
        hint="For example, director of operations in acute care in the North East",
        required=False,
        max_length=1000,
        rows=4,
        error_messages={"max_length": "Interests must be 1,000 characters or fewer"},
    )
    version = VersionField(message=OUT_OF_DATE)

    @classmethod
    def initial_for(cls, preference: ApproachPreference) -> dict:
        yes_no = {True: "yes", False: "no"}
        return {
            "audience": preference.audience,
            "challenged_organisations": yes_no[preference.challenged_organisations],
            "willing_to_relocate": yes_no[preference.willing_to_relocate],
            "interests": preference.interests,
            "version": preference.version,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "audience": data["audience"],
            "challenged_organisations": data["challenged_organisations"] == "yes",
            "willing_to_relocate": data["willing_to_relocate"] == "yes",
            "interests": data["interests"],
            "expected_version": data["version"],
        }


class ApproachForm(forms.Form):
    message = fields.TextField(
        label="Message",
        label_classes="nhsuk-label--m",
        hint=(
            "Say why you think they would be good for the role and how to talk it over. They "
            "see the vacancy, the organisation and the package with it."
        ),
        max_length=3000,
        rows=6,
        error_messages={
            "required": "Enter a message to the person",
            "max_length": "Message must be 3,000 characters or fewer",
        },
    )


class RespondForm(forms.Form):
    response = fields.ChoiceField(
        label="Would you like to talk about this role?",
        label_classes="nhsuk-fieldset__legend--m",
        choices=[
            (Approach.Status.INTERESTED, "Yes, I am interested"),
            (Approach.Status.DECLINED, "No, thank you"),
        ],
        error_messages={"required": "Choose whether you are interested in the role"},
    )
    note = fields.TextField(
        label="Note to the talent team (optional)",
        hint="For example, when you are free to talk, or why the timing is not right",
        required=False,
        max_length=1000,
        rows=3,
        error_messages={"max_length": "Note must be 1,000 characters or fewer"},
    )
    version = VersionField(message=OUT_OF_DATE)


class WithdrawForm(forms.Form):
    version = VersionField(message=OUT_OF_DATE)


class PlacementForm(forms.Form):
    """Who filled the vacancy: one of the interested approaches, or anyone by person number."""

    OTHER = "other"

    approach = fields.ChoiceField(
        label="Who is taking the role?",
        label_classes="nhsuk-fieldset__legend--m",
        error_messages={"required": "Choose who is taking the role"},
    )
    person_number = fields.CharField(
        label="Person number",
        hint="The ESR person number of someone who was not approached. Needed if you chose "
        "someone else.",
        required=False,
        max_length=20,
        classes="nhsuk-input--width-10",
    )
    starts_on = fields.DateField(
        label="Start date",
        hint="For example, 1 3 2027",
        label_classes="nhsuk-fieldset__legend--s",
        error_messages={"required": "Enter the start date"},
    )
    assignment_number = fields.CharField(
        label="Assignment number in the post (optional)",
        hint="Link the workforce record once it exists, so outcomes can be read from it",
        required=False,
        max_length=30,
        classes="nhsuk-input--width-10",
    )
    version = VersionField(message=OUT_OF_DATE)

    def __init__(self, *args, vacancy, approaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy
        self.approaches = {str(a.pk): a for a in approaches}
        self.fields["approach"].choices = [
            *((str(a.pk), f"{a.person.full_name} (interested)") for a in approaches),
            (self.OTHER, "Someone else"),
        ]

    def clean(self):
        data = super().clean()
        choice = data.get("approach")
        data["chosen_approach"] = self.approaches.get(choice or "")
        person = data["chosen_approach"].person if data["chosen_approach"] else None
        if choice == self.OTHER:
            number = (data.get("person_number") or "").strip()
            if not number:
                self.add_error("person_number", "Enter the person number of who is taking the role")
            else:
                person = Person.objects.filter(person_number=number).first()
                if person is None:
                    self.add_error("person_number", f"No one has person number {number}")
        data["person"] = person
        number = (data.get("assignment_number") or "").strip()
        data["employment"] = None
        if number and person is not None:
            employment = Employment.objects.filter(
                person=person,
                organisation_id=self.vacancy.organisation_id,
                assignment_number=number,
            ).first()
            if employment is None:
                self.add_error(
                    "assignment_number",
                    f"{person} has no assignment {number} at {self.vacancy.organisation.name}",
                )
            data["employment"] = employment
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "person": data["person"],
            "approach": data["chosen_approach"],
            "starts_on": data["starts_on"],
            "employment": data["employment"],
            "expected_version": data["version"],
        }
