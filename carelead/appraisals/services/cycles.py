"""Writes for appraisal cycles: the national templates, organisational priorities, creating
and opening cycles (appraisals made in bulk for the eligible employments, with exceptions for
the people lead), resolving exceptions, delegating an appraiser, closing a cycle, and the
deadline reminders.

Every function checks that its actor may act (the people lead of the organisation, or for a
delegation the current appraiser too) and raises ``PermissionDenied`` otherwise; the views
have already answered 404 for anything outside the user's scope, so this is a second line.
Bad input raises ``ValidationError``, keyed by form field name where there is one.
"""

import datetime
import json
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.appraisals import workflow
from carelead.appraisals.conf import setting
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    Cycle,
    CycleException,
    OrganisationalPriority,
    Reminder,
    Template,
)
from carelead.core.bulk import bulk_insert
from carelead.core.reminders import Outcome, send_once
from carelead.core.services.audit import AuditEntry, audit_record, audit_record_many, snapshot
from carelead.people.models import Employment, Person, current_q
from carelead.standards import selectors as standards
from carelead.standards.models import Framework, Stage, StageMapping

TEMPLATES_FILE = Path(__file__).resolve().parent.parent / "data" / "templates.json"
TEMPLATE_FIELDS = (
    "title",
    "kind",
    "guidance",
    "framework",
    "edi_objective_from_management_level",
    "feedback_min_group_size",
)
CYCLE_FIELDS = (
    "organisation",
    "template",
    "framework_version",
    "title",
    "status",
    "opens_on",
    "closes_on",
    "preparation_due_on",
    "discussion_due_on",
    "sign_off_due_on",
)
PRIORITY_FIELDS = ("title", "description", "is_active", "sort_order")


class FrameworkMissing(LookupError):
    """A template names a framework that has not been loaded yet."""


def _label(actor) -> str:
    return actor.get_username() if actor is not None else "system"


def _require_people_lead(actor, organisation_id: int) -> None:
    if actor is None:
        return
    if (
        not scoping.organisations_in_scope(actor, Role.PEOPLE_LEAD)
        .filter(pk=organisation_id)
        .exists()
    ):
        raise PermissionDenied("Only a people lead of the organisation can do this.")


# --- Templates -------------------------------------------------------------------------------


def appraisal_templates_load(*, actor=None) -> dict[str, list[str]]:
    """Load the national templates from ``appraisals/data/templates.json``: new ones are
    created, changed ones updated, the rest left alone, so it is safe to run again. Returns
    the codes ``created``, ``updated`` and ``unchanged``. Raises FrameworkMissing when a
    template's framework is not there (run ``load_frameworks`` first)."""
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    slugs = {t["framework_slug"] for t in data["templates"]}
    frameworks = {f.slug: f for f in Framework.objects.filter(slug__in=slugs)}
    missing = sorted(slugs - set(frameworks))
    if missing:
        raise FrameworkMissing(
            f"The framework {', '.join(missing)} is not loaded: run "
            "`manage.py load_frameworks` first, then load the appraisal templates again."
        )
    result = {"created": [], "updated": [], "unchanged": []}
    with transaction.atomic():
        existing = {
            t.code: t
            for t in Template.objects.filter(code__in=[t["code"] for t in data["templates"]])
        }
        for row in data["templates"]:
            values = {
                "title": row["title"],
                "kind": row["kind"],
                "guidance": row["guidance"],
                "framework": frameworks[row["framework_slug"]],
                "edi_objective_from_management_level": row["edi_objective_from_management_level"],
                "feedback_min_group_size": row["feedback_min_group_size"],
            }
            template = existing.get(row["code"])
            if template is None:
                template = Template.objects.create(code=row["code"], **values)
                audit_record(
                    actor=actor,
                    action="appraisal_template_created",
                    obj=template,
                    after=snapshot(template, TEMPLATE_FIELDS),
                )
                result["created"].append(template.code)
                continue
            before = snapshot(template, TEMPLATE_FIELDS)
            for name, value in values.items():
                setattr(template, name, value)
            after = snapshot(template, TEMPLATE_FIELDS)
            if before == after:
                result["unchanged"].append(template.code)
                continue
            template.save()
            audit_record(
                actor=actor,
                action="appraisal_template_updated",
                obj=template,
                before=before,
                after=after,
            )
            result["updated"].append(template.code)
    return result


# --- Organisational priorities ---------------------------------------------------------------


def _clean_priority(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter the priority's title"})
    if len(title) > 200:
        raise ValidationError({"title": "Priority title must be 200 characters or fewer"})
    return title


def priority_create(
    *, actor, organisation, title: str, description: str = "", sort_order: int = 0
) -> OrganisationalPriority:
    """Add a priority that objectives at ``organisation`` can link to."""
    _require_people_lead(actor, organisation.pk)
    with transaction.atomic():
        priority = OrganisationalPriority.objects.create(
            organisation=organisation,
            title=_clean_priority(title),
            description=(description or "").strip(),
            sort_order=sort_order,
        )
        audit_record(
            actor=actor,
            action="priority_created",
            obj=priority,
            after=snapshot(priority, PRIORITY_FIELDS),
            organisation_id=organisation.pk,
        )
    return priority


def priority_update(
    *,
    actor,
    priority: OrganisationalPriority,
    title: str | None = None,
    description: str | None = None,
    is_active: bool | None = None,
    sort_order: int | None = None,
) -> OrganisationalPriority:
    """Change a priority; only the arguments given change. Priorities are deactivated, not
    deleted, so objectives already linked keep their link."""
    _require_people_lead(actor, priority.organisation_id)
    with transaction.atomic():
        priority = OrganisationalPriority.objects.select_for_update().get(pk=priority.pk)
        before = snapshot(priority, PRIORITY_FIELDS)
        if title is not None:
            priority.title = _clean_priority(title)
        if description is not None:
            priority.description = description.strip()
        if is_active is not None:
            priority.is_active = is_active
        if sort_order is not None:
            priority.sort_order = sort_order
        after = snapshot(priority, PRIORITY_FIELDS)
        if before != after:
            priority.save()
            audit_record(
                actor=actor,
                action="priority_updated",
                obj=priority,
                before=before,
                after=after,
                organisation_id=priority.organisation_id,
            )
    return priority


# --- Cycles ----------------------------------------------------------------------------------


def cycle_date_errors(**dates) -> dict[str, str]:
    """Field name -> message for each of a cycle's dates that comes before the one it should
    follow (opening, preparation, discussion, sign-off, closing). Missing dates are skipped,
    so a form can show these beside its own "enter a date" errors."""
    order = [
        ("opens_on", "The cycle opening date"),
        ("preparation_due_on", "The preparation deadline"),
        ("discussion_due_on", "The discussion deadline"),
        ("sign_off_due_on", "The sign-off deadline"),
        ("closes_on", "The cycle closing date"),
    ]
    errors = {}
    given = [(name, label, dates.get(name)) for name, label in order if dates.get(name)]
    for (_, earlier_label, earlier), (name, label, later) in pairwise(given):
        if later < earlier:
            errors[name] = f"{label} must be on or after {earlier_label.lower()}"
    return errors


def cycle_create(
    *,
    actor,
    organisation,
    template: Template,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    preparation_due_on: datetime.date,
    discussion_due_on: datetime.date,
    sign_off_due_on: datetime.date,
) -> Cycle:
    """A draft cycle. The framework version is the one in force on ``opens_on`` for the
    template's framework, fixed on the cycle so its appraisals keep it."""
    _require_people_lead(actor, organisation.pk)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for the cycle, like Appraisals 2026 to 2027"
    errors.update(
        cycle_date_errors(
            opens_on=opens_on,
            preparation_due_on=preparation_due_on,
            discussion_due_on=discussion_due_on,
            sign_off_due_on=sign_off_due_on,
            closes_on=closes_on,
        )
    )
    version = standards.published_version(template.framework.slug, on=opens_on)
    if version is None and "opens_on" not in errors:
        errors["opens_on"] = (
            f"No version of the {template.framework.title} is in force on "
            f"{opens_on:%-d %B %Y}: choose a later opening date"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cycle = Cycle.objects.create(
            organisation=organisation,
            template=template,
            framework_version=version,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            preparation_due_on=preparation_due_on,
            discussion_due_on=discussion_due_on,
            sign_off_due_on=sign_off_due_on,
            feedback_min_group_size=template.feedback_min_group_size,
        )
        audit_record(
            actor=actor,
            action="cycle_created",
            obj=cycle,
            after=snapshot(cycle, CYCLE_FIELDS),
            organisation_id=organisation.pk,
        )
    return cycle


@dataclass(frozen=True)
class OpenResult:
    created: int
    exceptions: int


def _stage_picker(version):
    """``stage_for_employment`` for many employments with the mappings read once (same rules:
    a pay-band rule beats a management-level rule; board rules are not used here)."""
    mappings = [
        m
        for m in StageMapping.objects.filter(version=version).order_by("stage__rank")
        if not m.is_board
    ]

    def pick(management_level, pay_band_id):
        if pay_band_id:
            for m in mappings:
                if m.pay_band_id == pay_band_id:
                    return m.stage_id
        for m in mappings:
            if not m.pay_band_id and m.management_level == management_level:
                return m.stage_id
        return None

    return pick


def _appraisal_row(**values) -> dict:
    """A full row for bulk_insert (which does not apply model defaults)."""
    row = {
        f.attname: f.get_default()
        for f in Appraisal._meta.concrete_fields
        if not f.primary_key
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    }
    row.update(values)
    return row


def cycle_open(*, actor, cycle: Cycle) -> OpenResult:
    """Open a draft cycle. For a staff template, every employment current at the organisation
    on ``opens_on`` gets an appraisal (one per person: the employment with the higher
    management level, then the earlier start), with the line manager as appraiser when the
    manager's employment is current that day. Those without a current line manager or a
    framework stage become exceptions for the people lead. A board cycle opens with no
    appraisals (the board members are added to it). All in one transaction, set-based."""
    _require_people_lead(actor, cycle.organisation_id)
    with transaction.atomic():
        cycle = (
            Cycle.objects.select_for_update(of=("self",))
            .select_related("template", "organisation")
            .get(pk=cycle.pk)
        )
        if cycle.status != Cycle.Status.DRAFT:
            raise ValidationError(f"{cycle.title} has already been opened.")
        created = exceptions = 0
        if cycle.template.kind == Template.Kind.STAFF:
            created, exceptions = _create_appraisals(actor, cycle)
        before = snapshot(cycle, ("status",))
        cycle.status = Cycle.Status.OPEN
        cycle.opened_at = timezone.now()
        cycle.opened_by = actor
        cycle.version += 1
        cycle.save(update_fields=["status", "opened_at", "opened_by", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="cycle_opened",
            obj=cycle,
            before=before,
            after={"status": cycle.status, "appraisals": created, "exceptions": exceptions},
            organisation_id=cycle.organisation_id,
        )
    return OpenResult(created=created, exceptions=exceptions)


def _create_appraisals(actor, cycle: Cycle) -> tuple[int, int]:
    day = cycle.opens_on
    already = set(
        Appraisal.objects.filter(cycle=cycle)
        .exclude(status=Appraisal.Status.CANCELLED)
        .values_list("person_id", flat=True)
    )
    rows = (
        Employment.objects.filter(current_q(day), organisation_id=cycle.organisation_id)
        .values(
            "id",
            "person_id",
            "person__given_name",
            "person__family_name",
            "management_level",
            "pay_band_id",
            "start_date",
            "line_manager_id",
            "line_manager__person_id",
            "line_manager__start_date",
            "line_manager__end_date",
        )
        .order_by("person_id", "id")
    )
    chosen: dict[int, dict] = {}
    for row in rows:
        if row["person_id"] in already:
            continue
        held = chosen.get(row["person_id"])
        key = (-(row["management_level"] or 0), row["start_date"], row["id"])
        if held is None or key < (-(held["management_level"] or 0), held["start_date"], held["id"]):
            chosen[row["person_id"]] = row
    stage_of = _stage_picker(cycle.framework_version)
    appraisal_rows, appraisal_people, exception_rows, exception_people = [], [], [], []
    for row in sorted(chosen.values(), key=lambda r: r["id"]):
        stage_id = stage_of(row["management_level"], row["pay_band_id"])
        reason, detail = "", ""
        if row["line_manager_id"] is None:
            reason = CycleException.Reason.NO_LINE_MANAGER
        elif not (
            row["line_manager__start_date"] <= day
            and (row["line_manager__end_date"] is None or row["line_manager__end_date"] >= day)
        ):
            reason = CycleException.Reason.MANAGER_NOT_CURRENT
            detail = "The line manager's employment is not current on the opening date"
        elif stage_id is None:
            reason = CycleException.Reason.NO_STAGE
            detail = "No framework stage matches the role's management level or pay band"
        person = Person(
            pk=row["person_id"],
            given_name=row["person__given_name"],
            family_name=row["person__family_name"],
        )
        if reason:
            exception_rows.append(
                {
                    "cycle_id": cycle.pk,
                    "employment_id": row["id"],
                    "person_id": row["person_id"],
                    "reason": reason,
                    "detail": detail,
                    "resolution": "",
                    "resolution_note": "",
                    "resolved_at": None,
                    "resolved_by_id": None,
                }
            )
            exception_people.append(person)
            continue
        appraisal_rows.append(
            _appraisal_row(
                cycle_id=cycle.pk,
                person_id=row["person_id"],
                employment_id=row["id"],
                organisation_id=cycle.organisation_id,
                appraiser_id=row["line_manager__person_id"],
                stage_id=stage_id,
                status=Appraisal.Status.NOT_STARTED,
            )
        )
        appraisal_people.append(person)

    appraisal_ids = bulk_insert(Appraisal, appraisal_rows, returning=True)
    bulk_insert(
        AppraisalTransition,
        [
            {
                "appraisal_id": pk,
                "action": workflow.CREATE,
                "from_status": "",
                "to_status": Appraisal.Status.NOT_STARTED,
                "actor_id": actor.pk if actor is not None else None,
                "actor_label": _label(actor),
                "reason": "",
            }
            for pk in appraisal_ids
        ],
    )
    exception_ids = bulk_insert(CycleException, exception_rows, returning=True)
    # Unsaved instances with their person set, so each audit row's text needs no query.
    entries = []
    for pk, row, person in zip(appraisal_ids, appraisal_rows, appraisal_people, strict=True):
        appraisal = Appraisal(pk=pk, cycle=cycle, person=person)
        entries.append(
            AuditEntry(
                "appraisal_created",
                appraisal,
                after={
                    "cycle": cycle.pk,
                    "person": row["person_id"],
                    "employment": row["employment_id"],
                    "appraiser": row["appraiser_id"],
                    "stage": row["stage_id"],
                    "status": Appraisal.Status.NOT_STARTED,
                },
                organisation_id=cycle.organisation_id,
            )
        )
    for pk, row, person in zip(exception_ids, exception_rows, exception_people, strict=True):
        exception = CycleException(pk=pk, cycle=cycle, person=person, reason=row["reason"])
        entries.append(
            AuditEntry(
                "cycle_exception_raised",
                exception,
                after={"employment": row["employment_id"], "reason": row["reason"]},
                organisation_id=cycle.organisation_id,
            )
        )
    audit_record_many(actor=actor, entries=entries)
    return len(appraisal_ids), len(exception_ids)


def cycle_close(*, actor, cycle: Cycle) -> Cycle:
    """Close an open cycle: no more reminders; its appraisals stay as they are."""
    _require_people_lead(actor, cycle.organisation_id)
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.status != Cycle.Status.OPEN:
            raise ValidationError(f"{cycle.title} is not open, so it cannot be closed.")
        cycle.status = Cycle.Status.CLOSED
        cycle.version += 1
        cycle.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="cycle_closed",
            obj=cycle,
            before={"status": Cycle.Status.OPEN},
            after={"status": cycle.status},
            organisation_id=cycle.organisation_id,
        )
    return cycle


def _check_colleague(employment: Employment | None, organisation_id: int, field: str) -> None:
    """The chosen appraiser must work at the organisation today."""
    today = timezone.localdate()
    if (
        employment is None
        or employment.organisation_id != organisation_id
        or employment.start_date > today
        or (employment.end_date is not None and employment.end_date < today)
    ):
        raise ValidationError(
            {field: "The appraiser must have a current job at the same organisation"}
        )


def exception_resolve(
    *,
    actor,
    exception: CycleException,
    appraiser_employment: Employment | None = None,
    exclude_reason: str = "",
    stage: Stage | None = None,
) -> Appraisal | None:
    """Resolve an exception: either give the person an appraisal with the appraiser whose
    employment is ``appraiser_employment`` (returned), or record with ``exclude_reason`` that
    they are not appraised this cycle (None). ``stage`` is needed only when the role maps to
    no framework stage."""
    exclude_reason = (exclude_reason or "").strip()
    if (appraiser_employment is None) == (not exclude_reason):
        raise ValidationError(
            "Choose an appraiser, or give the reason the person is not appraised this cycle"
        )
    with transaction.atomic():
        exception = (
            CycleException.objects.select_for_update(of=("self",))
            .select_related("cycle", "cycle__framework_version", "employment", "person")
            .get(pk=exception.pk)
        )
        cycle = exception.cycle
        _require_people_lead(actor, cycle.organisation_id)
        if exception.resolution:
            raise ValidationError("This exception has already been resolved.")
        if cycle.status == Cycle.Status.CLOSED:
            raise ValidationError(f"{cycle.title} is closed.")
        appraisal = None
        if exclude_reason:
            exception.resolution = CycleException.Resolution.EXCLUDED
            exception.resolution_note = exclude_reason
        else:
            _check_colleague(appraiser_employment, cycle.organisation_id, "appraiser")
            if appraiser_employment.person_id == exception.person_id:
                raise ValidationError({"appraiser": "A person cannot appraise themself"})
            if (
                Appraisal.objects.filter(cycle=cycle, person_id=exception.person_id)
                .exclude(status=Appraisal.Status.CANCELLED)
                .exists()
            ):
                raise ValidationError(f"{exception.person} already has an appraisal in this cycle.")
            found = standards.stage_for_employment(exception.employment, cycle.framework_version)
            stage = found or stage
            if stage is None or stage.version_id != cycle.framework_version_id:
                raise ValidationError({"stage": "Choose the framework stage to appraise against"})
            appraisal = Appraisal.objects.create(
                cycle=cycle,
                person_id=exception.person_id,
                employment=exception.employment,
                organisation_id=cycle.organisation_id,
                appraiser_id=appraiser_employment.person_id,
                stage=stage,
            )
            AppraisalTransition.objects.create(
                appraisal=appraisal,
                action=workflow.CREATE,
                from_status="",
                to_status=Appraisal.Status.NOT_STARTED,
                actor=actor,
                actor_label=_label(actor),
            )
            audit_record(
                actor=actor,
                action="appraisal_created",
                obj=appraisal,
                after={
                    "cycle": cycle.pk,
                    "person": exception.person_id,
                    "employment": exception.employment_id,
                    "appraiser": appraiser_employment.person_id,
                    "stage": stage.pk,
                    "status": appraisal.status,
                },
                organisation_id=cycle.organisation_id,
            )
            exception.resolution = CycleException.Resolution.APPRAISER_ASSIGNED
            exception.resolution_note = f"Appraiser: {appraiser_employment.person}"
        exception.resolved_at = timezone.now()
        exception.resolved_by = actor
        exception.save(
            update_fields=[
                "resolution",
                "resolution_note",
                "resolved_at",
                "resolved_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="cycle_exception_resolved",
            obj=exception,
            after={"resolution": exception.resolution, "note": exception.resolution_note},
            organisation_id=cycle.organisation_id,
        )
    return appraisal


def appraiser_delegate(
    *,
    actor,
    appraisal: Appraisal,
    appraiser_person: Person,
    reason: str,
    expected_version: int | None = None,
) -> Appraisal:
    """Hand an appraisal to another appraiser, by its current appraiser or a people lead of
    the organisation. The new appraiser must have a current job at the same organisation."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for the change of appraiser"})
    if len(reason) > 300:
        raise ValidationError({"reason": "Reason must be 300 characters or fewer"})
    with transaction.atomic():
        appraisal = (
            Appraisal.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=appraisal.pk)
        )
        is_appraiser = (
            actor is not None
            and actor.person_id is not None
            and actor.person_id == appraisal.appraiser_id
        )
        if not is_appraiser:
            _require_people_lead(actor, appraisal.organisation_id)
        if expected_version is not None and expected_version != appraisal.version:
            raise ValidationError(
                "Someone else changed this appraisal while you were choosing. Check the "
                "current appraiser and try again."
            )
        if appraisal.status not in workflow.LIVE:
            raise ValidationError(
                f"The appraisal is {appraisal.get_status_display().lower()}, so its appraiser "
                "cannot change."
            )
        if appraiser_person.pk == appraisal.person_id:
            raise ValidationError({"appraiser": "A person cannot appraise themself"})
        if appraiser_person.pk == appraisal.appraiser_id:
            raise ValidationError({"appraiser": f"{appraiser_person} is already the appraiser"})
        works_here = Employment.objects.filter(
            current_q(), person=appraiser_person, organisation_id=appraisal.organisation_id
        ).exists()
        if not works_here:
            raise ValidationError(
                {"appraiser": "The appraiser must have a current job at the same organisation"}
            )
        before = {"appraiser": appraisal.appraiser_id, "delegated_by": appraisal.delegated_by_id}
        appraisal.appraiser = appraiser_person
        appraisal.delegated_by_id = getattr(actor, "person_id", None)
        appraisal.delegation_reason = reason
        appraisal.version += 1
        appraisal.save(
            update_fields=[
                "appraiser",
                "delegated_by",
                "delegation_reason",
                "version",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="appraiser_delegated",
            obj=appraisal,
            before=before,
            after={
                "appraiser": appraiser_person.pk,
                "delegated_by": appraisal.delegated_by_id,
                "reason": reason,
            },
            organisation_id=appraisal.organisation_id,
        )
    return appraisal


# --- Reminders -------------------------------------------------------------------------------

S = Appraisal.Status

#: (deadline field, statuses still short of it, who is reminded, kind prefix).
REMINDER_RULES = (
    ("preparation_due_on", (S.NOT_STARTED, S.PREPARING), "appraisee", "preparation"),
    (
        "discussion_due_on",
        (S.NOT_STARTED, S.PREPARING, S.READY_TO_DISCUSS),
        "appraiser",
        "discussion",
    ),
    ("sign_off_due_on", (S.AWAITING_SIGN_OFF,), "appraisee", "sign_off_appraisee"),
    ("sign_off_due_on", (S.DISCUSSED,), "appraiser", "sign_off_appraiser"),
)

DEADLINE_WORDS = {
    "preparation_due_on": "finish preparing for your appraisal",
    "discussion_due_on": "hold the appraisal discussion",
    "sign_off_due_on": "sign off the appraisal",
}


def _detail_path(pk: int) -> str:
    return reverse("appraisals:detail", kwargs={"pk": pk})


def _reminder_message(appraisal, field, recipient, when, due, link) -> tuple[str, str]:
    what = DEADLINE_WORDS[field]
    if recipient == "appraiser":
        what = what.replace("your appraisal", f"{appraisal.person}'s appraisal")
        about = f"{appraisal.person}'s appraisal"
    else:
        about = "your appraisal"
    if when == "before":
        subject = f"Reminder: {about}, due on {due:%-d %B %Y}"
        opening = f"Please {what} by {due:%-d %B %Y}."
    else:
        subject = f"Overdue: {about}, due on {due:%-d %B %Y}"
        opening = f"The date to {what} was {due:%-d %B %Y}. Please do it as soon as you can."
    body = (
        f"{opening}\n\nCycle: {appraisal.cycle.title}\n\nOpen the appraisal: {link}\n\n"
        "This is an automatic reminder from carelead."
    )
    return subject, body


def appraisal_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Email deadline reminders for live appraisals in open cycles: one before each deadline
    (due within CARELEAD_APPRAISAL_REMIND_DAYS_BEFORE days) and one after it (passed by at
    least CARELEAD_APPRAISAL_REMIND_DAYS_AFTER days), to whoever has the next step.

    Each sent reminder is a Reminder row (kind like ``preparation_before``), so none goes
    twice however often this runs. People without an email address are counted as
    ``skipped`` and looked at again next time; a failed send is counted as ``failed`` and
    retried next time. Returns ``sent``, ``skipped``, ``failed`` and a count per kind."""
    today = today or timezone.localdate()
    before_days = setting("CARELEAD_APPRAISAL_REMIND_DAYS_BEFORE")
    after_days = setting("CARELEAD_APPRAISAL_REMIND_DAYS_AFTER")
    site = setting("CARELEAD_SITE_URL").rstrip("/")
    counts: dict[str, int] = {"sent": 0, "skipped": 0, "failed": 0}
    for field, statuses, recipient, prefix in REMINDER_RULES:
        for when in ("before", "after"):
            kind = f"{prefix}_{when}"
            if when == "before":
                window = {
                    f"cycle__{field}__gte": today,
                    f"cycle__{field}__lte": today + datetime.timedelta(days=before_days),
                }
            else:
                window = {f"cycle__{field}__lte": today - datetime.timedelta(days=after_days)}
            candidates = (
                Appraisal.objects.filter(
                    cycle__status=Cycle.Status.OPEN, status__in=statuses, **window
                )
                .exclude(reminders__kind=kind)
                .select_related("cycle", "person", "appraiser")
                .order_by("pk")
            )
            if recipient == "appraiser":
                candidates = candidates.filter(appraiser__isnull=False)
            # A list, not an iterator: the loop writes Reminder rows that the query reads.
            for appraisal in list(candidates):
                to = appraisal.person if recipient == "appraisee" else appraisal.appraiser
                if not to.email:
                    counts["skipped"] += 1
                    continue
                due = getattr(appraisal.cycle, field)
                link = site + _detail_path(appraisal.pk)
                subject, body = _reminder_message(appraisal, field, recipient, when, due, link)
                outcome = send_once(
                    record=lambda a=appraisal, k=kind: Reminder.objects.create(appraisal=a, kind=k),
                    action="appraisal_reminder_sent",
                    after={"appraisal": appraisal.pk, "kind": kind, "to": recipient},
                    organisation_id=appraisal.organisation_id,
                    to=to.email,
                    subject=subject,
                    body=body,
                )
                if outcome == Outcome.FAILED:
                    counts["failed"] += 1
                    continue
                if outcome == Outcome.ALREADY_SENT:
                    continue
                counts["sent"] += 1
                counts[kind] = counts.get(kind, 0) + 1
    return counts
