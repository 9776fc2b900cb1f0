"""Board member appraisals: who is on the board in a board cycle and in which role, who
appraises whom, and the submission of chairs' and NEDs' appraisals to the region.

The appraisers follow NHS England's board member appraisal guidance (1 April 2025): the chair
appraises the chief executive and the non-executive directors, the chief executive appraises
the executive directors, and the chair is appraised by someone the people lead names (the
senior independent director, say). ICB and NHS trust chairs' appraisals go to the region by
30 June and NEDs' by 30 September; every other role, foundation trusts' chairs and NEDs
included, is held locally and has no submission date.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.accounts import scoping
from carelead.appraisals import workflow
from carelead.appraisals.models import Appraisal, AppraisalTransition, Cycle, Template
from carelead.appraisals.selectors.board import holder_of, live_in_cycle, may_submit
from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import OrganisationKind
from carelead.people.models import Employment, current_q
from carelead.standards.selectors import stage_for_employment

BoardRole = Appraisal.BoardRole
Status = Appraisal.Status

#: Organisations whose chairs' and NEDs' appraisals go to NHS England's region.
SUBMITTING_KINDS = (OrganisationKind.ICB, OrganisationKind.NHS_TRUST)
#: (month, day) each submitted role is due by, in the year the cycle opens.
SUBMISSION_DUE = {BoardRole.CHAIR: (6, 30), BoardRole.NED: (9, 30)}
#: Roles a board has only one of in a cycle.
SINGLE_ROLES = (BoardRole.CHAIR, BoardRole.CHIEF_EXECUTIVE)

BOARD_FIELDS = ["person", "employment", "board_role", "appraiser", "stage", "submission_due_on"]


def submission_due_on(*, cycle: Cycle, board_role: str) -> datetime.date | None:
    """When the region expects this role's appraisal, or None when it is held locally."""
    if board_role not in SUBMISSION_DUE or cycle.organisation.kind not in SUBMITTING_KINDS:
        return None
    month, day = SUBMISSION_DUE[board_role]
    return datetime.date(cycle.opens_on.year, month, day)


def _stage(cycle: Cycle, employment):
    version = cycle.framework_version
    stage = stage_for_employment(employment, version, board=True)
    if stage is None:
        # A version without a board mapping: board members sit at its top stage.
        stage = version.stages.order_by("-rank").first()
    if stage is None:
        raise ValidationError(
            f"{version.title} has no stages, so a board member cannot be appraised against it.",
            code="no_stage",
        )
    return stage


def _appraiser(cycle: Cycle, *, person, board_role: str, appraiser_person):
    """Who appraises a board member in ``board_role``; ValidationError saying what to do
    first when that person is not on the board yet."""
    if board_role == BoardRole.CHAIR:
        if appraiser_person is None:
            raise ValidationError(
                {
                    "appraiser": "Choose who appraises the chair, such as the senior "
                    "independent director."
                }
            )
        if appraiser_person.pk == person.pk:
            raise ValidationError({"appraiser": "The chair cannot appraise themself."})
        return appraiser_person
    needed = BoardRole.CHAIR
    if board_role == BoardRole.EXECUTIVE_DIRECTOR:
        needed = BoardRole.CHIEF_EXECUTIVE
    holder = holder_of(cycle, needed)
    if holder is None:
        raise ValidationError(
            {
                "board_role": f"Add the {BoardRole(needed).label.lower()} first: they appraise "
                f"the {BoardRole(board_role).label.lower()}."
            },
            code="appraiser_missing",
        )
    if holder.person_id == person.pk:
        raise ValidationError(
            {"board_role": f"{person} is the {BoardRole(needed).label.lower()} in this cycle."}
        )
    return holder.person


def _check_role(board_role: str) -> None:
    if board_role not in BoardRole.values or board_role == BoardRole.NONE:
        raise ValidationError({"board_role": "Choose the board member's role."})


def _check_single(cycle: Cycle, board_role: str, *, person) -> None:
    if board_role not in SINGLE_ROLES:
        return
    holder = holder_of(cycle, board_role)
    if holder is not None and holder.person_id != person.pk:
        raise ValidationError(
            {
                "board_role": f"{holder.person} is already the "
                f"{BoardRole(board_role).label.lower()} in this cycle."
            },
            code="role_taken",
        )


def _check_people_lead(actor, cycle: Cycle) -> None:
    if not scoping.people_lead_organisations(actor).filter(pk=cycle.organisation_id).exists():
        raise PermissionDenied("Only a people lead of the organisation manages its board.")


def board_appraisal_add(
    *, actor, cycle: Cycle, employment, board_role: str, appraiser_person=None
) -> Appraisal:
    """Add a board member to a board cycle in ``board_role``: creates their appraisal (and its
    creation transition row) at the board stage of the cycle's framework version, with the
    appraiser the role calls for and the region's submission date, if any.

    ``appraiser_person`` is used for the chair only, and is required for them. Refuses, with a
    ValidationError that says why: a cycle that is not a board cycle or is closed, an
    employment elsewhere or ended, a person already on this cycle's board, a second chair or
    chief executive, or a role whose appraiser has not been added yet.
    """
    _check_role(board_role)
    with transaction.atomic():
        cycle = (
            Cycle.objects.select_for_update()
            .select_related("organisation", "template", "framework_version")
            .get(pk=cycle.pk)
        )
        _check_people_lead(actor, cycle)
        if cycle.template.kind != Template.Kind.BOARD:
            raise ValidationError(f"{cycle.title} is not a board member appraisal cycle.")
        if cycle.status == Cycle.Status.CLOSED:
            raise ValidationError(f"{cycle.title} is closed: nobody can be added to it.")
        today = timezone.localdate()
        works_here = Employment.objects.filter(
            current_q(today), pk=employment.pk, organisation_id=cycle.organisation_id
        )
        if not works_here.exists():
            raise ValidationError(
                {
                    "employment": f"{employment.person} does not work at "
                    f"{cycle.organisation.name} today."
                }
            )
        person = employment.person
        existing = live_in_cycle(cycle).filter(person=person).first()
        if existing is not None:
            raise ValidationError(
                {
                    "employment": f"{person} is already on the board in this cycle as "
                    f"{existing.get_board_role_display().lower()}: change their role instead."
                },
                code="already_added",
            )
        _check_single(cycle, board_role, person=person)
        appraiser = _appraiser(
            cycle, person=person, board_role=board_role, appraiser_person=appraiser_person
        )
        appraisal = Appraisal.objects.create(
            cycle=cycle,
            person=person,
            employment=employment,
            organisation_id=cycle.organisation_id,
            appraiser=appraiser,
            board_role=board_role,
            stage=_stage(cycle, employment),
            submission_due_on=submission_due_on(cycle=cycle, board_role=board_role),
        )
        AppraisalTransition.objects.create(
            appraisal=appraisal,
            action=workflow.CREATE,
            from_status="",
            to_status=appraisal.status,
            actor=actor,
            actor_label=actor.get_username() if actor else "system",
        )
        audit_record(
            actor=actor,
            action="appraisal.board_member_added",
            obj=appraisal,
            after=snapshot(appraisal, BOARD_FIELDS),
            organisation_id=appraisal.organisation_id,
        )
    return appraisal


def board_role_change(
    *,
    actor,
    appraisal: Appraisal,
    board_role: str,
    appraiser_person=None,
    expected_version: int | None = None,
) -> Appraisal:
    """Change a board member's role before their appraisal starts, recomputing the appraiser
    and the submission date (``appraiser_person`` as for ``board_appraisal_add``). Refused
    once the appraisal has started, and for a chair or chief executive who still appraises
    others in the cycle (move those first)."""
    _check_role(board_role)
    with transaction.atomic():
        appraisal = (
            Appraisal.objects.select_for_update()
            .select_related("cycle__organisation", "person")
            .get(pk=appraisal.pk)
        )
        cycle = appraisal.cycle
        _check_people_lead(actor, cycle)
        if expected_version is not None and appraisal.version != expected_version:
            raise ValidationError(
                "Someone else changed this board member while you were editing. "
                "Check their role now and try again.",
                code="stale",
            )
        if appraisal.status != Status.NOT_STARTED:
            raise ValidationError(
                {
                    "board_role": f"{appraisal.person}'s appraisal has started, so their board "
                    "role can no longer change."
                },
                code="started",
            )
        if not appraisal.board_role:
            raise ValidationError(f"{appraisal.person}'s appraisal is not a board appraisal.")
        person = appraisal.person
        if appraisal.board_role in SINGLE_ROLES and board_role != appraisal.board_role:
            appraised = (
                live_in_cycle(cycle).filter(appraiser_id=person.pk).exclude(pk=appraisal.pk).count()
            )
            if appraised:
                raise ValidationError(
                    {
                        "board_role": f"{person} appraises {appraised} other board "
                        f"{'member' if appraised == 1 else 'members'} as "
                        f"{appraisal.get_board_role_display().lower()}: "
                        "add the new one first."
                    },
                    code="still_appraising",
                )
        _check_single(cycle, board_role, person=person)
        before = snapshot(appraisal, BOARD_FIELDS)
        appraisal.board_role = board_role
        appraisal.appraiser = _appraiser(
            cycle, person=person, board_role=board_role, appraiser_person=appraiser_person
        )
        appraisal.submission_due_on = submission_due_on(cycle=cycle, board_role=board_role)
        after = snapshot(appraisal, BOARD_FIELDS)
        if after == before:
            return appraisal
        appraisal.version += 1
        appraisal.save(
            update_fields=[
                "board_role",
                "appraiser",
                "submission_due_on",
                "version",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="appraisal.board_role_changed",
            obj=appraisal,
            before=before,
            after=after,
            organisation_id=appraisal.organisation_id,
        )
    return appraisal


def board_submission_submit(*, actor, appraisal: Appraisal) -> Appraisal:
    """Send a completed chair's or NED's appraisal to the region: records when and by whom.
    Refused for roles held locally, before the appraisal is completed, by anyone but the
    submitter (``may_submit``), and a second time."""
    with transaction.atomic():
        appraisal = (
            Appraisal.objects.select_for_update()
            .select_related("cycle", "person")
            .get(pk=appraisal.pk)
        )
        if appraisal.submission_due_on is None:
            raise ValidationError(
                f"{appraisal.person}'s appraisal is held locally: it is not sent to the region.",
                code="held_locally",
            )
        if not may_submit(actor, appraisal):
            raise PermissionDenied(
                "Only the chair submits a NED's appraisal, and the people lead the chair's."
            )
        if appraisal.submitted_to_region_at is not None:
            raise ValidationError(
                f"{appraisal.person}'s appraisal was already sent to the region.",
                code="already_submitted",
            )
        if appraisal.status != Status.COMPLETED:
            raise ValidationError(
                f"{appraisal.person}'s appraisal is {appraisal.get_status_display().lower()}: "
                "it can be sent to the region once it is completed.",
                code="not_completed",
            )
        appraisal.submitted_to_region_at = timezone.now()
        appraisal.submitted_by = actor
        appraisal.version += 1
        appraisal.save(
            update_fields=["submitted_to_region_at", "submitted_by", "version", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="appraisal.submitted_to_region",
            obj=appraisal,
            after=snapshot(appraisal, ["submitted_to_region_at", "submitted_by"]),
            organisation_id=appraisal.organisation_id,
        )
    return appraisal
