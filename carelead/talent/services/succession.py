"""Writes for critical roles and their succession plans: record, change and retire a role;
add a candidate from any employer, change their readiness or emergency cover, remove them.

Every function checks that its actor may act on the role's organisation (a people lead of
it, or a regional talent lead of its region) and raises ``PermissionDenied`` otherwise; the
views have already answered 404 for anything outside the user's scope, so this is a second
line. Bad input raises ``ValidationError``, keyed by form field name where there is one.
Records someone else may be editing carry ``version``: a stale ``expected_version`` is refused
with a message that says so.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, Person, current_q
from carelead.talent.models import CriticalRole, Readiness, SuccessionCandidate
from carelead.talent.selectors.succession import suggested_kind

ROLE_FIELDS = (
    "organisation",
    "title",
    "kind",
    "incumbent",
    "stage",
    "expected_vacancy_on",
    "notes",
    "reviewed_on",
    "is_active",
)
CANDIDATE_FIELDS = ("role", "person", "readiness", "is_emergency_cover", "note")

ROLE_CHANGED = (
    "Someone else changed this critical role while you were editing it. Check the role as it "
    "is now and make your change again."
)
CANDIDATE_CHANGED = (
    "Someone else changed this candidate while you were editing. Check the succession plan as "
    "it is now and make your change again."
)
SUCCESSION_ROLES = (Role.PEOPLE_LEAD, Role.REGIONAL_TALENT_LEAD)


def may_manage(actor, organisation_id: int) -> bool:
    """Whether ``actor`` leads people for the organisation or talent for its region."""
    q = scoping.scope_q(actor, *SUCCESSION_ROLES)
    if q is None:
        return False
    return Organisation.objects.filter(q, pk=organisation_id).exists()


def _require_manager(actor, organisation_id: int) -> None:
    if actor is None:
        return
    if not may_manage(actor, organisation_id):
        raise PermissionDenied(
            "Only a people lead of the organisation or a talent lead for its region can do this."
        )


def _clean_text(value: str, field: str, label: str, *, limit: int | None = None) -> str:
    value = (value or "").strip()
    if limit and len(value) > limit:
        raise ValidationError({field: f"{label} must be {limit} characters or fewer"})
    return value


def _role_errors(
    *,
    organisation_id: int,
    title: str,
    kind: str,
    incumbent: Employment | None,
    expected_vacancy_on: datetime.date | None,
    reviewed_on: datetime.date | None,
    exclude_pk: int | None = None,
    unchanged_incumbent_id: int | None = None,
) -> dict[str, str]:
    errors = {}
    if not title:
        errors["title"] = "Enter the title of the critical role, like Chief executive"
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer"
    else:
        clash = CriticalRole.objects.filter(
            organisation_id=organisation_id, title__iexact=title, is_active=True
        )
        if exclude_pk:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["title"] = f"The organisation already has a critical role called {title}"
    if kind not in CriticalRole.Kind.values:
        errors["kind"] = "Choose what kind of post this is"
    # A post holder who has since left may stay on record until someone names the new one.
    if incumbent is not None and incumbent.pk != unchanged_incumbent_id:
        works_here = Employment.objects.filter(
            current_q(), pk=incumbent.pk, organisation_id=organisation_id
        ).exists()
        if not works_here:
            errors["incumbent"] = "The post holder must have a current job at the organisation"
    if expected_vacancy_on and reviewed_on and expected_vacancy_on < reviewed_on:
        errors["expected_vacancy_on"] = (
            "The expected vacancy date must be on or after the date the role was reviewed"
        )
    return errors


@transaction.atomic
def critical_role_create(
    *,
    actor,
    organisation,
    title: str,
    kind: str,
    incumbent: Employment | None = None,
    stage=None,
    expected_vacancy_on: datetime.date | None = None,
    notes: str = "",
    reviewed_on: datetime.date | None = None,
) -> CriticalRole:
    """Record a critical role at ``organisation``."""
    _require_manager(actor, organisation.pk)
    title = (title or "").strip()
    errors = _role_errors(
        organisation_id=organisation.pk,
        title=title,
        kind=kind,
        incumbent=incumbent,
        expected_vacancy_on=expected_vacancy_on,
        reviewed_on=reviewed_on,
    )
    if errors:
        raise ValidationError(errors)
    role = CriticalRole.objects.create(
        organisation=organisation,
        title=title,
        kind=kind,
        incumbent=incumbent,
        stage=stage,
        expected_vacancy_on=expected_vacancy_on,
        notes=_clean_text(notes, "notes", "Notes"),
        reviewed_on=reviewed_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="critical_role_created",
        obj=role,
        after=snapshot(role, ROLE_FIELDS),
        organisation_id=organisation.pk,
    )
    return role


@transaction.atomic
def critical_role_create_from_posts(
    *, actor, organisation, employments: list[Employment]
) -> list[CriticalRole]:
    """Record a critical role for each of the organisation's current jobs in
    ``employments``, titled as the job and held by it: all of them or none."""
    if not employments:
        raise ValidationError({"posts": "Choose at least one post to record"})
    return [
        critical_role_create(
            actor=actor,
            organisation=organisation,
            title=employment.job_title,
            kind=suggested_kind(employment),
            incumbent=employment,
        )
        for employment in employments
    ]


def _locked_role(role: CriticalRole, expected_version: int | None) -> CriticalRole:
    role = CriticalRole.objects.select_for_update().get(pk=role.pk)
    if expected_version is not None and expected_version != role.version:
        raise ValidationError(ROLE_CHANGED)
    return role


@transaction.atomic
def critical_role_update(
    *,
    actor,
    role: CriticalRole,
    title: str,
    kind: str,
    incumbent: Employment | None = None,
    stage=None,
    expected_vacancy_on: datetime.date | None = None,
    notes: str = "",
    reviewed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> CriticalRole:
    """Change a live critical role (all its editable fields at once, as the form sends them)."""
    _require_manager(actor, role.organisation_id)
    role = _locked_role(role, expected_version)
    if not role.is_active:
        raise ValidationError("This critical role has been retired, so it cannot be changed.")
    title = (title or "").strip()
    errors = _role_errors(
        organisation_id=role.organisation_id,
        title=title,
        kind=kind,
        incumbent=incumbent,
        expected_vacancy_on=expected_vacancy_on,
        reviewed_on=reviewed_on,
        exclude_pk=role.pk,
        unchanged_incumbent_id=role.incumbent_id,
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(role, ROLE_FIELDS)
    role.title = title
    role.kind = kind
    role.incumbent = incumbent
    role.stage = stage
    role.expected_vacancy_on = expected_vacancy_on
    role.notes = _clean_text(notes, "notes", "Notes")
    role.reviewed_on = reviewed_on
    after = snapshot(role, ROLE_FIELDS)
    if before != after:
        role.version += 1
        role.save()
        audit_record(
            actor=actor,
            action="critical_role_updated",
            obj=role,
            before=before,
            after=after,
            organisation_id=role.organisation_id,
        )
    return role


@transaction.atomic
def critical_role_retire(
    *, actor, role: CriticalRole, reason: str, expected_version: int | None = None
) -> CriticalRole:
    """Retire a role that is no longer critical. Its succession plan is kept with it (the
    record is never deleted), and the title is free for a new role."""
    _require_manager(actor, role.organisation_id)
    reason = _clean_text(reason, "reason", "Reason", limit=500)
    if not reason:
        raise ValidationError({"reason": "Enter the reason the role is no longer critical"})
    role = _locked_role(role, expected_version)
    if not role.is_active:
        raise ValidationError("This critical role has already been retired.")
    role.is_active = False
    role.version += 1
    role.save(update_fields=["is_active", "version", "updated_at"])
    audit_record(
        actor=actor,
        action="critical_role_retired",
        obj=role,
        before={"is_active": True},
        after={"is_active": False, "reason": reason},
        organisation_id=role.organisation_id,
    )
    return role


def _clean_readiness(readiness: str) -> str:
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "Choose how soon the candidate could step in"})
    return readiness


@transaction.atomic
def succession_candidate_add(
    *,
    actor,
    role: CriticalRole,
    person: Person,
    readiness: str,
    is_emergency_cover: bool = False,
    note: str = "",
) -> SuccessionCandidate:
    """Add ``person`` (from any employer) to ``role``'s succession plan. The role must be in
    the actor's scope; the candidate need not be, since slates cross organisations."""
    _require_manager(actor, role.organisation_id)
    role = CriticalRole.objects.select_for_update().get(pk=role.pk)
    if not role.is_active:
        raise ValidationError("This critical role has been retired, so candidates cannot be added.")
    readiness = _clean_readiness(readiness)
    if role.incumbent_id and role.incumbent.person_id == person.pk:
        raise ValidationError({"person": f"{person} holds this post now"})
    if SuccessionCandidate.objects.filter(role=role, person=person).exists():
        raise ValidationError({"person": f"{person} is already a candidate for {role.title}"})
    candidate = SuccessionCandidate.objects.create(
        role=role,
        person=person,
        readiness=readiness,
        is_emergency_cover=bool(is_emergency_cover),
        note=_clean_text(note, "note", "Note"),
        added_by=actor,
    )
    audit_record(
        actor=actor,
        action="succession_candidate_added",
        obj=candidate,
        after=snapshot(candidate, CANDIDATE_FIELDS),
        organisation_id=role.organisation_id,
    )
    return candidate


def _locked_candidate(candidate, expected_version) -> SuccessionCandidate:
    candidate = (
        SuccessionCandidate.objects.select_for_update(of=("self",))
        .select_related("role", "person")
        .get(pk=candidate.pk)
    )
    if expected_version is not None and expected_version != candidate.version:
        raise ValidationError(CANDIDATE_CHANGED)
    return candidate


@transaction.atomic
def succession_candidate_update(
    *,
    actor,
    candidate: SuccessionCandidate,
    readiness: str,
    is_emergency_cover: bool,
    note: str = "",
    expected_version: int | None = None,
) -> SuccessionCandidate:
    """Change a candidate's readiness, emergency cover or note."""
    _require_manager(actor, candidate.role.organisation_id)
    candidate = _locked_candidate(candidate, expected_version)
    before = snapshot(candidate, CANDIDATE_FIELDS)
    candidate.readiness = _clean_readiness(readiness)
    candidate.is_emergency_cover = bool(is_emergency_cover)
    candidate.note = _clean_text(note, "note", "Note")
    after = snapshot(candidate, CANDIDATE_FIELDS)
    if before != after:
        candidate.version += 1
        candidate.save()
        audit_record(
            actor=actor,
            action="succession_candidate_updated",
            obj=candidate,
            before=before,
            after=after,
            organisation_id=candidate.role.organisation_id,
        )
    return candidate


@transaction.atomic
def succession_candidate_remove(
    *,
    actor,
    candidate: SuccessionCandidate,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """Take a candidate off the plan, with the reason. The row stays (talent records are
    never deleted), marked removed, and no page lists it again."""
    _require_manager(actor, candidate.role.organisation_id)
    reason = _clean_text(reason, "reason", "Reason", limit=500)
    if not reason:
        raise ValidationError({"reason": "Enter the reason for removing the candidate"})
    candidate = _locked_candidate(candidate, expected_version)
    before = snapshot(candidate, CANDIDATE_FIELDS)
    audit_record(
        actor=actor,
        action="succession_candidate_removed",
        obj=candidate,
        before=before,
        after={"reason": reason},
        organisation_id=candidate.role.organisation_id,
    )
    candidate.removed_at = timezone.now()
    candidate.removal_reason = reason
    candidate.version += 1
    candidate.save(update_fields=["removed_at", "removal_reason", "version", "updated_at"])
