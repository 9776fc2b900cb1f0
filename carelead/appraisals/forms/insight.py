"""Choosers on the insight pages (GET forms, so a chosen view can be bookmarked)."""

from django import forms

from carelead.nhsuk_forms.fields import SelectField


class CycleChoiceForm(forms.Form):
    cycle = SelectField(label="Appraisal cycle", choices=())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = choices


class VersionChoiceForm(forms.Form):
    version = SelectField(label="Framework version", choices=())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = choices
