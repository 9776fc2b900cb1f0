"""Display values for the cycle pages."""

from django.urls import reverse

from carelead.appraisals.models import Appraisal, Cycle, Template
from carelead.appraisals.workflow import LIVE

S = Appraisal.Status

#: Statuses in the order an appraisal moves through them.
STATUS_ORDER = [
    S.NOT_STARTED,
    S.PREPARING,
    S.READY_TO_DISCUSS,
    S.DISCUSSED,
    S.AWAITING_SIGN_OFF,
    S.COMPLETED,
    S.CANCELLED,
]
STATUS_COLOURS = {
    S.NOT_STARTED: "nhsuk-tag--grey",
    S.PREPARING: "nhsuk-tag--blue",
    S.READY_TO_DISCUSS: "nhsuk-tag--purple",
    S.DISCUSSED: "nhsuk-tag--aqua-green",
    S.AWAITING_SIGN_OFF: "nhsuk-tag--yellow",
    S.COMPLETED: "nhsuk-tag--green",
    S.CANCELLED: "nhsuk-tag--red",
}
CYCLE_COLOURS = {
    Cycle.Status.DRAFT: "nhsuk-tag--grey",
    Cycle.Status.OPEN: "nhsuk-tag--green",
    Cycle.Status.CLOSED: "nhsuk-tag--white",
}


def format_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def url_for(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def status_tag(status: str) -> dict:
    return {"text": S(status).label, "classes": STATUS_COLOURS[status]}


def cycle_tag(cycle: Cycle) -> dict:
    return {"text": cycle.get_status_display(), "classes": CYCLE_COLOURS[cycle.status]}


def count_rows(counts: dict[str, int]) -> list[dict]:
    """Every status with its number of appraisals (zeros too, so columns line up)."""
    return [{"status": S(s).label, "count": counts.get(s, 0)} for s in STATUS_ORDER]


def window(cycle: Cycle) -> str:
    return f"{format_date(cycle.opens_on)} to {format_date(cycle.closes_on)}"


def cycle_rows(cycles: list[Cycle]) -> list[dict]:
    rows = []
    for cycle in cycles:
        counts = cycle.status_counts
        live = sum(n for s, n in counts.items() if s != S.CANCELLED)
        rows.append(
            {
                "title": cycle.title,
                "href": reverse("appraisals:cycle_detail", kwargs={"pk": cycle.pk}),
                "organisation": cycle.organisation.name,
                "template": cycle.template.title,
                "window": window(cycle),
                "tag": cycle_tag(cycle),
                "appraisals": live,
                "completed": counts.get(S.COMPLETED, 0),
                "in_progress": live - counts.get(S.COMPLETED, 0),
            }
        )
    return rows


def cycle_summary(cycle: Cycle) -> list[dict]:
    """Rows for the NHS.UK summary list."""
    version = cycle.framework_version
    rows = [
        ("Organisation", cycle.organisation.name),
        ("Template", cycle.template.title),
        ("Framework", f"{version.title} (version {version.version})"),
        ("Status", cycle.get_status_display()),
        ("Window", window(cycle)),
        ("Preparation deadline", format_date(cycle.preparation_due_on)),
        ("Discussion deadline", format_date(cycle.discussion_due_on)),
        ("Sign-off deadline", format_date(cycle.sign_off_due_on)),
    ]
    if cycle.opened_at:
        rows.append(("Opened", format_date(cycle.opened_at.date())))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def is_board(cycle: Cycle) -> bool:
    return cycle.template.kind == Template.Kind.BOARD


def appraisal_rows(appraisals) -> list[dict]:
    rows = []
    for appraisal in appraisals:
        delegated = (
            " (delegated)" if appraisal.delegated_by_id or appraisal.delegation_reason else ""
        )
        rows.append(
            {
                "person": appraisal.person.full_name,
                "job": appraisal.employment.job_title,
                "assignment": appraisal.employment.assignment_number,
                "appraiser": (appraisal.appraiser.full_name + delegated)
                if appraisal.appraiser_id
                else "None",
                "stage": appraisal.stage.name,
                "tag": status_tag(appraisal.status),
                "href": url_for("appraisals:detail", pk=appraisal.pk),
                "delegate_href": reverse("appraisals:delegate", kwargs={"pk": appraisal.pk})
                if appraisal.status in LIVE
                else None,
            }
        )
    return rows


def exception_rows(exceptions) -> list[dict]:
    return [
        {
            "person": e.person.full_name,
            "job": e.employment.job_title,
            "assignment": e.employment.assignment_number,
            "reason": e.get_reason_display(),
            "detail": e.detail,
            "href": reverse("appraisals:exception_resolve", kwargs={"pk": e.pk}),
        }
        for e in exceptions
    ]
