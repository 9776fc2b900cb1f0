"""Display values for the directory and the organisation page: rows for the NHS.UK table and
summary list macros, with links built here so the templates stay simple."""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from carelead.config.jinja2_env import format_date
from carelead.organisations import selectors
from carelead.organisations.models import CqcRating, Organisation, OversightSegment


def organisation_url(organisation: Organisation) -> str:
    return reverse("organisations:detail", args=[organisation.ods_code])


def segment_label(segment: int | None) -> str:
    if not segment:
        return "Not recorded"
    return OversightSegment.Segment(segment).label


def _link(organisation: Organisation | None):
    if organisation is None:
        return "Not recorded"
    return format_html(
        '<a class="nhsuk-link" href="{}">{}</a>', organisation_url(organisation), organisation.name
    )


def _period(start, end) -> str:
    if start and end:
        return f"{format_date(start)} to {format_date(end)}"
    if start:
        return f"From {format_date(start)}"
    if end:
        return f"Until {format_date(end)}"
    return "No dates recorded"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def directory_rows(organisations) -> list[list[dict]]:
    """Table rows for a page of the directory (the queryset carries ``current_segment``)."""
    rows = []
    for o in organisations:
        name = o.name if not o.closed_on else f"{o.name} (closed {format_date(o.closed_on)})"
        rows.append(
            [
                {"text": name, "href": organisation_url(o)},
                {"text": o.ods_code},
                {"text": o.get_kind_display()},
                {"text": o.icb.name if o.icb else ""},
                {"text": o.region.name if o.region else ""},
                {"text": segment_label(getattr(o, "current_segment", None))},
            ]
        )
    return rows


DIRECTORY_HEAD = [
    {"text": "Name"},
    {"text": "ODS code"},
    {"text": "Kind"},
    {"text": "ICB"},
    {"text": "Region"},
    {"text": "Current segment"},
]


@dataclass
class OrganisationPage:
    """Everything the organisation page shows, read once."""

    organisation: Organisation

    @cached_property
    def successions_out(self):
        return list(selectors.successors(self.organisation))

    @cached_property
    def successions_in(self):
        return list(selectors.predecessors(self.organisation))

    @cached_property
    def codes(self):
        return list(selectors.boundary_codes(self.organisation))

    @cached_property
    def membership_rows(self) -> list[list[dict]]:
        return [
            [
                {"text": m.get_relationship_display()},
                {"text": m.parent.name, "href": organisation_url(m.parent)},
                {"text": _period(m.valid_from, m.valid_to)},
            ]
            for m in selectors.memberships(self.organisation)
        ]

    @cached_property
    def segment_rows(self) -> list[list[dict]]:
        return [
            [
                {"text": s.get_segment_display()},
                {"text": format_date(s.effective_from)},
                {"text": format_date(s.effective_to) if s.effective_to else "Current"},
                {"text": s.source or "Not recorded"},
            ]
            for s in selectors.segment_history(self.organisation)
        ]

    @cached_property
    def cqc_rows(self) -> list[list[dict]]:
        return [
            [
                {"text": format_date(r.rated_on)},
                {"text": r.get_overall_display()},
                {
                    "text": CqcRating.Rating(r.well_led).label
                    if r.well_led
                    else "Not rated separately"
                },
            ]
            for r in selectors.cqc_ratings(self.organisation)
        ]

    @property
    def closed_notice(self):
        """For a closed organisation: when it closed and where it went, with links."""
        o = self.organisation
        if not o.closed_on:
            return None
        text = format_html("{} closed on {}.", o.name, format_date(o.closed_on))
        if self.successions_out:
            text = format_html(
                "{} Its work passed to {}.", text, self._succession_links(self.successions_out)
            )
        return format_html("<p>{}</p>", text)

    def _succession_links(self, successions, *, outgoing=True):
        return format_html_join(
            ", ",
            '<a class="nhsuk-link" href="{}">{}</a>{}',
            (
                (
                    organisation_url(other),
                    other.name,
                    f" (part, from {format_date(s.effective_on)})"
                    if s.partial
                    else f" (from {format_date(s.effective_on)})",
                )
                for s in successions
                for other in [s.successor if outgoing else s.predecessor]
            ),
        )

    def summary_rows(self) -> list[dict]:
        o = self.organisation
        rows = [
            ("ODS code", o.ods_code),
            ("Kind", o.get_kind_display()),
        ]
        if o.region_id or o.kind != "region":
            rows.append(("NHS England region", _link(o.region)))
        if o.icb_id or o.kind not in ("region", "icb", "national_body", "regulator"):
            rows.append(("Integrated care board", _link(o.icb)))
        rows.append(("Opened", format_date(o.opened_on) if o.opened_on else "Not recorded"))
        if o.closed_on:
            rows.append(("Closed", format_date(o.closed_on)))
        if self.codes:
            rows.append(
                (
                    "ONS codes",
                    format_html_join(
                        "",
                        "<div>{} ({})</div>",
                        (
                            (c.ons_code, _lower_first(_period(c.valid_from, c.valid_to)))
                            for c in self.codes
                        ),
                    ),
                )
            )
        rows.append(("Current segment", segment_label(getattr(o, "current_segment", None))))
        if self.successions_in:
            rows.append(
                ("Predecessors", self._succession_links(self.successions_in, outgoing=False))
            )
        if self.successions_out:
            rows.append(("Successors", self._succession_links(self.successions_out)))
        if o.aliases:
            rows.append(
                ("Also known as", format_html_join("", "<div>{}</div>", ((a,) for a in o.aliases)))
            )
        if o.postcode:
            rows.append(("Postcode", o.postcode))
        return [
            {
                "key": {"text": key},
                "value": {"html": value} if hasattr(value, "__html__") else {"text": value},
            }
            for key, value in rows
        ]
