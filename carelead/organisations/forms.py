"""The directory's search and filter form (a GET form: filters live in the URL)."""

from django import forms

from carelead.nhsuk_forms import fields
from carelead.organisations import selectors
from carelead.organisations.models import OrganisationKind, OversightSegment


class DirectoryForm(forms.Form):
    q = fields.CharField(
        label="Search",
        hint="Part of a name, an ODS code or another name the organisation is known by",
        required=False,
        max_length=100,
        classes="nhsuk-u-width-two-thirds",
    )
    region = fields.SelectField(label="NHS England region", required=False)
    icb = fields.SelectField(label="Integrated care board (ICB)", required=False)
    kind = fields.SelectField(
        label="Kind of organisation",
        required=False,
        choices=[("", "All kinds"), *OrganisationKind.choices],
    )
    segment = fields.SelectField(
        label="NHS Oversight Framework segment",
        required=False,
        choices=[("", "Any segment"), *OversightSegment.Segment.choices],
    )
    include_closed = fields.BooleanField(label="Include closed organisations", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [
            (r.ods_code, r.name) for r in selectors.regions()
        ]
        self.fields["icb"].choices = [("", "All ICBs")] + [
            (i.ods_code, f"{i.name} (closed)" if i.closed_on else i.name) for i in selectors.icbs()
        ]

    def filters(self) -> dict:
        """The valid filters; an invalid one is reported and left out, not guessed."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        segment = data.get("segment")
        return {
            "query": data.get("q", ""),
            "region": data.get("region") or None,
            "icb": data.get("icb") or None,
            "kind": data.get("kind") or None,
            "segment": int(segment) if segment else None,
            "include_closed": bool(data.get("include_closed")),
        }
