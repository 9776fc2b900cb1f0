"""Display values for the catalogue pages: programmes, modules, outcomes, cohorts, rosters and
the accreditation register. Every presenter reads only what its selector already fetched."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from carelead.learning.models import Accreditation, Cohort, Enrolment, Programme

NOT_SET = "Not set"

ACCREDITATION_TAGS = {
    Accreditation.Status.APPLIED: "nhsuk-tag--blue",
    Accreditation.Status.ACCREDITED: "nhsuk-tag--green",
    Accreditation.Status.CONDITIONS: "nhsuk-tag--yellow",
    Accreditation.Status.SUSPENDED: "nhsuk-tag--red",
    Accreditation.Status.EXPIRED: "nhsuk-tag--grey",
}
ENROLMENT_TAGS = {
    Enrolment.Status.ENROLLED: "nhsuk-tag--blue",
    Enrolment.Status.COMPLETED: "nhsuk-tag--green",
    Enrolment.Status.WITHDRAWN: "nhsuk-tag--grey",
}


def format_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def format_hours(value) -> str:
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return f"{text} hour" if number == 1 else f"{text} hours"


def date_range(start, end) -> str:
    if start and end:
        return f"{format_date(start)} to {format_date(end)}"
    if start:
        return f"From {format_date(start)}"
    return ""


@dataclass(frozen=True)
class Tag:
    text: str
    classes: str


def accredited_tag(is_accredited: bool) -> Tag:
    if is_accredited:
        return Tag("Accredited", "nhsuk-tag--green")
    return Tag("Not accredited", "nhsuk-tag--grey")


# Programmes -------------------------------------------------------------------------------


class CohortPresenter:
    """A cohort annotated by selectors.cohorts_with_places."""

    def __init__(self, cohort: Cohort):
        self.cohort = cohort

    @property
    def code(self) -> str:
        return self.cohort.code

    @property
    def dates(self) -> str:
        return date_range(self.cohort.starts_on, self.cohort.ends_on)

    @property
    def where(self) -> str:
        location = self.cohort.location
        if self.cohort.is_online and location:
            return f"Online and at {location}"
        return "Online" if self.cohort.is_online else location

    @property
    def region(self) -> str:
        return self.cohort.region.name if self.cohort.region_id else "Any region"

    @property
    def provider(self) -> str:
        return self.cohort.provider.name

    @property
    def places(self) -> int:
        return self.cohort.places

    @property
    def taken(self) -> int:
        return self.cohort.taken

    @property
    def places_left(self) -> int:
        return max(self.cohort.places_left, 0)

    @property
    def places_left_text(self) -> str:
        left = self.places_left
        if left == 0:
            return "Full"
        return f"{left} of {self.cohort.places}"

    @property
    def choice_label(self) -> str:
        return f"{self.code}: {self.dates}, {self.where} ({self.places_left} places left)"

    @property
    def provider_href(self) -> str:
        return reverse("learning:provider_cohort_detail", kwargs={"pk": self.cohort.pk})

    @property
    def edit_href(self) -> str:
        return reverse("learning:cohort_edit", kwargs={"pk": self.cohort.pk})

    @property
    def programme(self) -> str:
        return self.cohort.programme.title

    def summary_rows(self) -> list[dict]:
        rows = [
            ("Programme", self.programme),
            ("Run by", self.provider),
            ("Dates", self.dates),
            ("Where", self.where),
            ("Places for", self.region),
            ("Places", str(self.places)),
            ("Places taken", str(self.taken)),
            ("Places left", str(self.places_left)),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


class ProgrammePresenter:
    """A programme from selectors.programmes_to_browse (modules and cohorts prefetched)."""

    def __init__(self, programme: Programme):
        self.programme = programme

    @property
    def title(self) -> str:
        return self.programme.title

    @property
    def href(self) -> str:
        return reverse("learning:programme_detail", kwargs={"code": self.programme.code})

    @property
    def kind(self) -> str:
        return self.programme.get_kind_display()

    @property
    def provider(self) -> str:
        return self.programme.provider.name

    @property
    def stage(self) -> str:
        return self.programme.stage.name if self.programme.stage_id else NOT_SET

    @property
    def accredited(self) -> Tag:
        return accredited_tag(self.programme.is_accredited)

    @property
    def status(self) -> Tag | None:
        """A tag for a programme that is not open; None for an open one."""
        if self.programme.status == Programme.Status.OPEN:
            return None
        return Tag(self.programme.get_status_display(), "nhsuk-tag--grey")

    @property
    def delivery_modes(self) -> str:
        seen = []
        for module in self.programme.modules.all():
            label = module.get_delivery_mode_display()
            if label not in seen:
                seen.append(label)
        return ", ".join(seen) if seen else "Not yet described"

    def module_rows(self) -> list[dict]:
        return [
            {
                "title": m.title,
                "summary": m.summary,
                "duration": format_hours(m.duration_hours),
                "delivery_mode": m.get_delivery_mode_display(),
                "focus": m.get_focus_display(),
            }
            for m in self.programme.modules.all()
        ]

    def outcome_rows(self) -> list[dict]:
        outcomes = sorted(
            self.programme.outcomes.all(),
            key=lambda o: (o.item.sort_order, o.item.code, o.stage.rank),
        )
        return [
            {"code": o.item.code, "competency": o.item.title, "stage": o.stage.name}
            for o in outcomes
        ]

    def cohorts(self) -> list[CohortPresenter]:
        return [CohortPresenter(c) for c in self.programme.cohorts.all()]

    def cohorts_with_places(self) -> list[CohortPresenter]:
        return [c for c in self.cohorts() if c.places_left > 0]

    def summary_rows(self) -> list[dict]:
        p = self.programme
        rows = [
            ("Kind", self.kind),
            ("Provider", self.provider),
            ("Provider's accreditation", self.accredited.text),
            ("Stage it develops", self.stage),
            ("Awards a credential", "Yes" if p.awards_credential else "No"),
            ("Status", p.get_status_display()),
        ]
        if p.kind == Programme.Kind.NATIONAL_INDUCTION and p.due_weeks:
            rows.append(("Complete within", f"{p.due_weeks} weeks of starting"))
        if p.kind == Programme.Kind.MID_CAREER and p.applications_open_on:
            rows.append(
                (
                    "Applications",
                    date_range(p.applications_open_on, p.applications_close_on),
                )
            )
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


# Provider pages ---------------------------------------------------------------------------


def roster_rows(enrolments) -> list[dict]:
    return [
        {
            "name": e.person.full_name,
            "person_number": e.person.person_number,
            "status": Tag(e.get_status_display(), ENROLMENT_TAGS[e.status]),
            "source": e.get_source_display(),
            "enrolled_on": format_date(e.enrolled_on),
        }
        for e in enrolments
    ]


# Accreditation ----------------------------------------------------------------------------


class AccreditationPresenter:
    def __init__(self, accreditation: Accreditation):
        self.accreditation = accreditation

    @property
    def status(self) -> Tag:
        a = self.accreditation
        return Tag(a.get_status_display(), ACCREDITATION_TAGS[a.status])

    @property
    def body(self) -> str:
        return self.accreditation.accrediting_body

    @property
    def valid(self) -> str:
        a = self.accreditation
        return date_range(a.valid_from, a.valid_to) or "No dates"

    @property
    def change_href(self) -> str:
        return reverse("learning:accreditation_change", kwargs={"pk": self.accreditation.pk})

    def summary_rows(self) -> list[dict]:
        a = self.accreditation
        rows = [
            ("Provider", f"{a.provider.name} ({a.provider.ods_code})"),
            ("Accrediting body", a.accrediting_body),
            ("Status", a.get_status_display()),
            ("Applied on", format_date(a.applied_on)),
            ("Valid", self.valid),
        ]
        if a.conditions:
            rows.append(("Conditions", a.conditions))
        if a.status_reason:
            rows.append(("Reason for status", a.status_reason))
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def register_rows(register) -> list[dict]:
    """Rows for the register from selectors.accreditation_register."""
    rows = []
    for provider, accreditation in register:
        rows.append(
            {
                "provider": provider.name,
                "ods_code": provider.ods_code,
                "accreditation": AccreditationPresenter(accreditation) if accreditation else None,
            }
        )
    return rows
