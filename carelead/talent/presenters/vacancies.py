"""Display values for the vacancy register, a vacancy, and incentive packages in plain words.

The pay premium cap is read as a yearly amount: "15% pay premium for 24 months, up to £45,000
a year". The 10 Year Health Plan says "a 15% temporary pay premium (up to £45,000)", and a
premium is paid as part of salary, so the cap limits the premium in any one year.
"""

from decimal import Decimal

from django.urls import reverse

from carelead.core.csv import spreadsheet_safe
from carelead.core.periods import add_months
from carelead.people.models import Employment
from carelead.talent.models import IncentivePackage, Vacancy

STATUS_COLOURS = {
    Vacancy.Status.OPEN: "blue",
    Vacancy.Status.FILLED: "green",
    Vacancy.Status.WITHDRAWN: "grey",
}
PACKAGE_COLOURS = {
    IncentivePackage.Status.DRAFT: "grey",
    IncentivePackage.Status.PUBLISHED: "green",
    IncentivePackage.Status.WITHDRAWN: "red",
}
LEVELS = dict(Employment.ManagementLevel.choices)


def money(amount: int | None) -> str:
    return f"£{amount:,}" if amount is not None else ""


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}%" if isinstance(value, Decimal) else f"{value}%"


def months(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


def level_label(level: int | None) -> str:
    return LEVELS.get(level, "Not stated") if level else "Not stated"


def segment_label(segment: int | None) -> str:
    return f"Segment {segment}" if segment else "Not known"


def package_lines(package: IncentivePackage) -> list[str]:
    """Each part of the package as a sentence-like line."""
    lines = []
    if package.pay_premium_percent is not None:
        line = f"{percent(package.pay_premium_percent)} pay premium"
        if package.pay_premium_months:
            line += f" for {months(package.pay_premium_months)}"
        if package.pay_premium_cap is not None:
            line += f", up to {money(package.pay_premium_cap)} a year"
        lines.append(line)
    if package.relocation_support or package.relocation_cap is not None:
        line = "Relocation support"
        if package.relocation_cap is not None:
            line += f" up to {money(package.relocation_cap)}"
        if package.relocation_support:
            line += f": {package.relocation_support}"
        lines.append(line)
    if package.development_offer or package.programme_id:
        line = "Development"
        if package.development_offer:
            line += f": {package.development_offer}"
        if package.programme_id:
            line += f" (programme: {package.programme.title})"
        lines.append(line)
    if package.mentoring:
        lines.append("Mentoring")
    if package.peer_support_network:
        lines.append("A peer support network")
    if package.guaranteed_return:
        line = "A guaranteed return route"
        if package.return_route:
            line += f": {package.return_route}"
        lines.append(line)
    return lines


def package_summary(package: IncentivePackage | None) -> str:
    if package is None:
        return ""
    lines = package_lines(package)
    return "; ".join(lines) if lines else "No incentives set yet"


def vacancy_href(vacancy: Vacancy) -> str:
    return reverse("talent:vacancy", kwargs={"pk": vacancy.pk})


def vacancy_rows(vacancies) -> list[dict]:
    rows = []
    for v in vacancies:
        rows.append(
            {
                "reference": v.reference,
                "title": v.title,
                "href": vacancy_href(v),
                "organisation": v.organisation.name,
                "level": level_label(v.management_level),
                "stage": v.stage.name if v.stage_id else "Not stated",
                "opened_on": f"{v.opened_on:%-d %b %Y}",
                "closes_on": f"{v.closes_on:%-d %b %Y}" if v.closes_on else "Not set",
                "status": {"text": v.get_status_display(), "classes": _tag(STATUS_COLOURS, v)},
                "challenged": (
                    f"Yes (segment {v.segment_when_flagged})" if v.is_challenged else "No"
                ),
                "package": v.package.title if v.package_id else "",
            }
        )
    return rows


CSV_HEADER = [
    "Reference",
    "Title",
    "Organisation",
    "ODS code",
    "Management level",
    "Credential stage needed",
    "Opened",
    "Closes",
    "Challenged",
    "Segment when flagged",
    "Segment today",
    "Incentive package",
    "Status",
]


def register_csv_rows(vacancies):
    """The register as a download: the same rows and filters as the page, every page of them,
    with dates as YYYY-MM-DD and every cell safe to open in a spreadsheet."""
    yield CSV_HEADER
    for v in vacancies:
        yield [
            spreadsheet_safe(str(value))
            for value in (
                v.reference,
                v.title,
                v.organisation.name,
                v.organisation.ods_code,
                level_label(v.management_level),
                v.stage.name if v.stage_id else "Not stated",
                v.opened_on.isoformat(),
                v.closes_on.isoformat() if v.closes_on else "",
                "Yes" if v.is_challenged else "No",
                v.segment_when_flagged or "",
                v.segment_now or "",
                v.package.title if v.package_id else "",
                v.get_status_display(),
            )
        ]


def _tag(colours, obj) -> str:
    return f"nhsuk-tag--{colours.get(obj.status, 'grey')}"


def vacancy_summary(vacancy: Vacancy) -> list[dict]:
    def row(key, value):
        return {"key": {"text": key}, "value": {"text": value}}

    rows = [
        row("Reference", vacancy.reference),
        row("Organisation", vacancy.organisation.name),
        row("Region", vacancy.organisation.region.name if vacancy.organisation.region else ""),
        row("Status", vacancy.get_status_display()),
    ]
    if vacancy.status == Vacancy.Status.WITHDRAWN and vacancy.withdrawn_reason:
        rows.append(row("Why it was withdrawn", vacancy.withdrawn_reason))
    rows += [
        row("Management level", level_label(vacancy.management_level)),
        row(
            "Framework stage",
            f"{vacancy.stage.name} (candidates need the credential of the stage below)"
            if vacancy.stage_id
            else "Not stated",
        ),
        row("Critical role", vacancy.critical_role.title if vacancy.critical_role_id else "None"),
        row("Opened on", f"{vacancy.opened_on:%-d %B %Y}"),
        row("Closes on", f"{vacancy.closes_on:%-d %B %Y}" if vacancy.closes_on else "Not set"),
        row("Organisation's NOF segment today", segment_label(vacancy.segment_now)),
    ]
    if vacancy.is_challenged:
        flagged = f" on {vacancy.flagged_at:%-d %B %Y}" if vacancy.flagged_at else ""
        rows.append(
            row(
                "Challenged",
                f"Yes: flagged{flagged} while in segment {vacancy.segment_when_flagged}",
            )
        )
    else:
        rows.append(row("Challenged", "No"))
    return rows


def yes_no_pending(value: bool | None, day) -> str:
    if value is None:
        return f"Not yet known (on {day:%-d %B %Y})"
    return "Yes" if value else "No"


def placement_rows(placement, outcome: dict, segment_start, segment_now) -> list:
    def row(key, value):
        return {"key": {"text": key}, "value": {"text": value}}

    return [
        row("Person", placement.person.full_name),
        row("Started on", f"{placement.starts_on:%-d %B %Y}"),
        row("Package at start", placement.package.title if placement.package_id else "None"),
        row(
            "Still in post at 12 months",
            yes_no_pending(outcome["at_12"], add_months(placement.starts_on, 12)),
        ),
        row(
            "Still in post at 24 months",
            yes_no_pending(outcome["at_24"], add_months(placement.starts_on, 24)),
        ),
        row("Organisation's segment at start", segment_label(segment_start)),
        row("Organisation's segment now", segment_label(segment_now)),
    ]


def package_rows(packages) -> list[dict]:
    return [
        {
            "title": p.title,
            "href": reverse("talent:package", kwargs={"pk": p.pk}),
            "region": p.region.name,
            "summary": package_summary(p),
            "status": {"text": p.get_status_display(), "classes": _tag(PACKAGE_COLOURS, p)},
        }
        for p in packages
    ]
