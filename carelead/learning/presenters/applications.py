"""Display values for the mid-career programme pages. Equality counts arrive here already
suppressed; nothing here reads anyone's equality answers."""

from django.urls import reverse
from django.utils import timezone

from carelead.learning.models import Application
from carelead.learning.selectors.applications import Check

S = Application.Status

#: NHS.UK tag colours: waiting is neutral, progress blue, success green, unsuccessful grey.
STATUS_COLOURS = {
    S.SUBMITTED: "nhsuk-tag--yellow",
    S.MANAGER_SUPPORTED: "nhsuk-tag--blue",
    S.SHORTLISTED: "nhsuk-tag--blue",
    S.OFFERED: "nhsuk-tag--purple",
    S.ACCEPTED: "nhsuk-tag--aqua-green",
    S.ALLOCATED: "nhsuk-tag--green",
    S.MANAGER_DECLINED: "nhsuk-tag--grey",
    S.NOT_SHORTLISTED: "nhsuk-tag--grey",
    S.NOT_OFFERED: "nhsuk-tag--grey",
    S.DECLINED: "nhsuk-tag--grey",
    S.WITHDRAWN: "nhsuk-tag--grey",
}
SUPPRESSED = "Fewer than 10, or hidden so a small number cannot be worked out"


def format_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def format_datetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%-d %B %Y} at {local:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def status_tag(application: Application) -> dict:
    return {"text": application.get_status_display(), "classes": STATUS_COLOURS[application.status]}


def check_rows(checks: list[Check]) -> list[dict]:
    """Each rule, whether it is met, and why."""
    return [
        {
            "rule": check.rule,
            "met": check.met,
            "answer": "Yes" if check.met else "No",
            "detail": check.detail,
        }
        for check in checks
    ]


class ApplicationPresenter:
    def __init__(self, application: Application):
        self.application = application

    @property
    def href(self) -> str:
        return reverse("learning:application_detail", kwargs={"pk": self.application.pk})

    @property
    def applicant(self) -> str:
        return self.application.person.full_name

    @property
    def programme(self) -> str:
        return self.application.programme.title

    @property
    def job(self) -> str:
        employment = self.application.employment
        return f"{employment.job_title}, {employment.organisation.name}"

    @property
    def organisation(self) -> str:
        return self.application.organisation.name

    @property
    def region(self) -> str:
        return self.application.region.name

    @property
    def line_manager(self) -> str:
        manager = self.application.line_manager
        return manager.person.full_name if manager else "None recorded"

    @property
    def submitted(self) -> str:
        return format_date(timezone.localtime(self.application.submitted_at))

    @property
    def status(self) -> dict:
        return status_tag(self.application)

    @property
    def cohort(self) -> str:
        cohort = self.application.cohort
        return f"{cohort.code}, starting {format_date(cohort.starts_on)}" if cohort else ""

    def summary_rows(self) -> list[dict]:
        rows = [
            ("Applicant", self.applicant),
            ("Programme", self.programme),
            ("Applying from", self.job),
            ("Region", self.region),
            ("Line manager", self.line_manager),
            ("Submitted", self.submitted),
        ]
        if self.cohort:
            rows.append(("Cohort", self.cohort))
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]

    def history(self) -> list[dict]:
        """What happened, oldest first, from the (prefetched) transitions."""
        labels = dict(S.choices)
        return [
            {
                "when": format_datetime(t.occurred_at),
                "status": labels.get(t.to_status, t.to_status),
                "who": t.actor_label,
                "reason": t.reason,
            }
            for t in self.application.transitions.all()
        ]


def cohort_rows(cohorts) -> list[dict]:
    return [
        {
            "region": c.region.name if c.region else "",
            "code": c.code,
            "programme": c.programme.title,
            "starts": format_date(c.starts_on),
            "places": c.places,
            "allocated": c.allocated,
            "left": max(c.places - c.allocated, 0),
        }
        for c in cohorts
    ]


def equality_tables(stages: list[dict]) -> list[dict]:
    """One table per question: a row per stage, a column per group; hidden counts read
    as "Hidden"."""
    tables: dict[str, dict] = {}
    for stage in stages:
        for question in stage["questions"]:
            table = tables.setdefault(
                question["question"],
                {"caption": question["question"], "groups": list(question["counts"]), "rows": []},
            )
            table["rows"].append(
                {
                    "stage": stage["stage"],
                    "cells": [
                        "Hidden" if n is None else str(n) for n in question["counts"].values()
                    ],
                }
            )
    return list(tables.values())
