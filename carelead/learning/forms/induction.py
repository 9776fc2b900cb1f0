from django import forms

from carelead.nhsuk_forms import fields


class InductionOrganisationForm(forms.Form):
    """Which organisation's figures to show, for people leads of more than one (a GET form:
    the choice is checked by the selector, which answers 404 outside their scope)."""

    organisation = fields.SelectField(label="Organisation", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.ods_code, o.name) for o in organisations]
