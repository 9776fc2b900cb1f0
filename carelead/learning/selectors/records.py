"""Reads of completions and credentials, each limited to what the acting user may see, and
the "training before advancing" prerequisite.

A person's learning record is theirs across every employer, so the record is read by person,
never through an employment. Anything outside a user's scope answers Http404.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from carelead.accounts import scoping
from carelead.accounts.roles import Role
from carelead.learning.models import Cohort, Completion, Credential, Enrolment
from carelead.learning.services.records import may_revoke
from carelead.people import selectors as people_selectors
from carelead.people.models import Employment, Person, current_q
from carelead.standards.models import Stage

COMPLETION_RELATED = ("programme", "module", "provider", "person")
CREDENTIAL_RELATED = ("person", "stage", "issuer", "programme", "framework_version__framework")


@dataclass
class LearningRecord:
    person: Person
    enrolments: list[Enrolment]
    completions: list[Completion]
    credentials: list[Credential]


def learning_record(person: Person) -> LearningRecord:
    """Everything the person has learned, whichever employer they were with: enrolments,
    completions (declared learning with its verification status) and credentials. Three
    queries, however long the record."""
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("programme", "cohort", "organisation")
        .order_by("-enrolled_on", "-pk")
    )
    completions = list(
        Completion.objects.filter(person=person)
        .select_related(*COMPLETION_RELATED)
        .order_by("-completed_on", "-pk")
    )
    credentials = list(
        Credential.objects.filter(person=person)
        .select_related(*CREDENTIAL_RELATED)
        .order_by("-issued_on", "-pk")
    )
    return LearningRecord(person, enrolments, completions, credentials)


# --- the prerequisite ----------------------------------------------------------------------


def prerequisite_stage(stage: Stage) -> Stage | None:
    """The stage whose credential a role at ``stage`` needs: the next lower rank in the same
    framework version; None for the lowest stage."""
    return (
        Stage.objects.filter(version_id=stage.version_id, rank__lt=stage.rank)
        .order_by("-rank")
        .first()
    )


def _held_q(on: datetime.date | None, prefix: str = "") -> Q:
    """Credentials in force: active now, or, for a day, issued by then and not yet revoked."""
    if on is None:
        return Q(**{f"{prefix}status": Credential.Status.ACTIVE})
    return Q(**{f"{prefix}issued_on__lte": on}) & (
        Q(**{f"{prefix}status": Credential.Status.ACTIVE}) | Q(**{f"{prefix}revoked_on__gt": on})
    )


def person_meets_prerequisite(person, stage: Stage, *, on: datetime.date | None = None) -> bool:
    """Whether ``person`` may advance to a role at ``stage``: they hold a credential in force
    (on ``on``, or now) for the stage below. The lowest stage has no prerequisite."""
    below = prerequisite_stage(stage)
    if below is None:
        return True
    return Credential.objects.filter(_held_q(on), person=person, stage=below).exists()


def people_meeting_prerequisite(
    person_ids, stage: Stage, *, on: datetime.date | None = None
) -> QuerySet[Person]:
    """The people among ``person_ids`` (ids, or a queryset of ids) who meet the prerequisite
    for ``stage``, as one query (for talent pools and vacancies)."""
    people = Person.objects.filter(pk__in=person_ids)
    below = prerequisite_stage(stage)
    if below is None:
        return people
    held = Credential.objects.filter(_held_q(on), person=OuterRef("pk"), stage=below)
    return people.filter(Exists(held))


# --- verification of declared learning --------------------------------------------------


def _verifiable_person_ids(user):
    """People whose declared learning the user may verify: current direct reports, and
    people currently employed where the user is a people lead. None when nobody."""
    parts = []
    if getattr(user, "person_id", None):
        parts.append(
            current_q()
            & current_q(prefix="line_manager__")
            & Q(line_manager__person_id=user.person_id)
        )
    scope = scoping.scope_q(user, Role.PEOPLE_LEAD, prefix="organisation__")
    if scope is not None:
        parts.append(current_q() & scope)
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    # Never their own learning, even as their own organisation's people lead.
    own = getattr(user, "person_id", None)
    return Employment.objects.filter(q).exclude(person_id=own).values("person_id")


def learning_awaiting_verification(user) -> QuerySet[Completion]:
    """Declared learning waiting for this user's verification, oldest first."""
    people = _verifiable_person_ids(user)
    if people is None:
        return Completion.objects.none()
    return (
        Completion.objects.filter(
            person_id__in=people,
            source=Completion.Source.SELF_DECLARED,
            status=Completion.Status.AWAITING_VERIFICATION,
        )
        .select_related("person")
        .order_by("created_at", "pk")
    )


def completion_for_verifier(user, pk) -> Completion:
    """One declared completion waiting for this user's verification, or Http404."""
    completion = learning_awaiting_verification(user).filter(pk=pk).first()
    if completion is None:
        raise Http404("No such learning to verify")
    return completion


# --- a line manager's team -----------------------------------------------------------------


@dataclass
class TeamMemberLearning:
    person: Person
    completions: list[Completion]
    credentials: list[Credential]


def team_learning(user) -> list[TeamMemberLearning]:
    """Each direct report's completions and credentials, in three queries."""
    employments = list(people_selectors.team_for_manager(user))
    people: dict[int, Person] = {}
    for employment in employments:
        people.setdefault(employment.person_id, employment.person)
    if not people:
        return []
    completions: dict[int, list] = {pk: [] for pk in people}
    for c in (
        Completion.objects.filter(person_id__in=people)
        .select_related("programme", "module", "provider")
        .order_by("-completed_on", "-pk")
    ):
        completions[c.person_id].append(c)
    credentials: dict[int, list] = {pk: [] for pk in people}
    for c in (
        Credential.objects.filter(person_id__in=people)
        .select_related("stage", "issuer", "framework_version__framework")
        .order_by("-issued_on", "-pk")
    ):
        credentials[c.person_id].append(c)
    return [TeamMemberLearning(p, completions[pk], credentials[pk]) for pk, p in people.items()]


# --- providers -----------------------------------------------------------------------------


def provider_organisations(user):
    """The training providers the user works for (their training provider assignments)."""
    ids = [a.organisation_id for a in scoping.assignments(user, Role.TRAINING_PROVIDER)]
    return scoping.organisations_in_scope(user, Role.TRAINING_PROVIDER).filter(pk__in=ids)


def cohort_for_provider(user, pk) -> Cohort:
    """A cohort the user's provider runs (or whose programme it owns), or Http404."""
    ids = [a.organisation_id for a in scoping.assignments(user, Role.TRAINING_PROVIDER)]
    cohort = (
        Cohort.objects.filter(Q(provider_id__in=ids) | Q(programme__provider_id__in=ids), pk=pk)
        .select_related("programme", "provider")
        .first()
    )
    if cohort is None:
        raise Http404("No such cohort")
    return cohort


def cohort_roster(cohort: Cohort) -> list[Enrolment]:
    """The cohort's enrolments (withdrawn ones too, marked), each with ``programme_completion``
    (its recorded programme completion or None), in two queries."""
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("person", "organisation")
        .prefetch_related(
            Prefetch(
                "completions",
                queryset=Completion.objects.filter(module__isnull=True),
                to_attr="programme_completions",
            )
        )
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for enrolment in enrolments:
        found = enrolment.programme_completions
        enrolment.programme_completion = found[0] if found else None
    return enrolments


def credentials_issued_by(user) -> QuerySet[Credential]:
    """Credentials the user's provider issued, newest first."""
    ids = [a.organisation_id for a in scoping.assignments(user, Role.TRAINING_PROVIDER)]
    return (
        Credential.objects.filter(issuer_id__in=ids)
        .select_related(*CREDENTIAL_RELATED)
        .order_by("-issued_on", "-pk")
    )


def completions_for_provider(provider) -> QuerySet[Completion]:
    return (
        Completion.objects.filter(provider=provider)
        .select_related("person", "programme", "module", "credential")
        .order_by("-created_at", "-pk")
    )


def completion_by_key(provider, key: str) -> Completion | None:
    if not key:
        return None
    return (
        Completion.objects.filter(provider=provider, idempotency_key=key)
        .select_related("person", "programme", "module", "credential")
        .first()
    )


# --- credentials ---------------------------------------------------------------------------


def _public_uuid(public_id) -> uuid.UUID:
    try:
        return public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError:
        raise Http404("No such credential") from None


def credential_public(public_id) -> Credential:
    """A credential by its public id, for its public page and badge (anyone), or Http404."""
    credential = (
        Credential.objects.filter(public_id=_public_uuid(public_id))
        .select_related(*CREDENTIAL_RELATED)
        .first()
    )
    if credential is None:
        raise Http404("No such credential")
    return credential


def credential_for_revoker(user, public_id) -> Credential:
    """A credential the user may revoke (see services.records.may_revoke), or Http404."""
    credential = credential_public(public_id)
    if not may_revoke(user, credential):
        raise Http404("No such credential")
    return credential


def alignment_items(credential: Credential):
    """The standards items the credential's programme develops at its stage (for the badge's
    alignment)."""
    from carelead.learning.models import ProgrammeOutcome

    return [
        outcome.item
        for outcome in ProgrammeOutcome.objects.filter(
            programme_id=credential.programme_id, stage_id=credential.stage_id
        )
        .select_related("item")
        .order_by("item__sort_order", "item__code")
    ]
