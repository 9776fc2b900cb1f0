from django import forms

from carelead.nhsuk_forms import fields

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class StageForm(forms.Form):
    """Which stage to show a version at (a GET form, so it works without JavaScript)."""

    stage = fields.SelectField(label="Show descriptors for", choices=(), required=False)

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s.code, s.name) for s in stages]


class SearchForm(forms.Form):
    q = fields.CharField(
        label="Search the frameworks",
        hint="For example, appraisal, feedback or C2.2.2",
        required=False,
        max_length=100,
    )


class CompareForm(forms.Form):
    old = fields.SelectField(label="Compare", choices=())
    new = fields.SelectField(label="With", choices=())

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.version, f"{v.version} ({v.get_status_display().lower()})") for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices


class FrameworkImportForm(forms.Form):
    file = fields.FileField(
        label="Upload a framework file",
        label_classes="nhsuk-label--m",
        hint="A CASE 1.0 JSON package (.json) or a carelead framework CSV (.csv), saved as UTF-8.",
        error_messages={
            "required": "Select a framework file to upload",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".json", ".csv")):
            raise forms.ValidationError("The selected file must be a .json or a .csv file")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB")
        return upload

    @property
    def format(self) -> str:
        return "case" if self.cleaned_data["file"].name.lower().endswith(".json") else "csv"
