from django import forms
from django.conf import settings

from carelead.nhsuk_forms import fields


class WorkforceImportForm(forms.Form):
    extract = fields.FileField(
        label="Upload a workforce extract",
        label_classes="nhsuk-label--m",
        hint="A CSV file saved as UTF-8, with the columns listed above.",
        error_messages={
            "required": "Select a workforce extract to upload",
            "empty": "The selected file is empty",
        },
    )
    end_missing = fields.BooleanField(
        label="This is a full extract: end employments that are missing from it",
        hint="Only tick this if the file lists everyone employed by the organisations in it. "
        "Employments of those organisations that are not in the file will end today.",
        required=False,
    )

    def clean_extract(self):
        extract = self.cleaned_data["extract"]
        if not extract.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        limit = settings.WORKFORCE_IMPORT_MAX_BYTES
        if extract.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)} MB"
            )
        return extract
