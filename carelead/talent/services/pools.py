"""Writes for talent pools: creating and editing pools, nominations, decisions with reasons,
moving on and withdrawing, and development offers.

Every function checks that its actor may act and raises ``PermissionDenied`` otherwise; the
views have already answered 404 outside the user's scope, so this is a second line. Bad input
raises ``ValidationError`` keyed by form field name where there is one. Each change of a
membership's status writes a ``MembershipTransition`` and an audit event in one transaction.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from carelead.core.services.audit import audit_record, snapshot
from carelead.organisations.models import Organisation
from carelead.people.models import Person
from carelead.talent.models import (
    DevelopmentOffer,
    MembershipTransition,
    PoolMembership,
    ScopeLevel,
    TalentPool,
)
from carelead.talent.selectors import pools as selectors
from carelead.talent.selectors.access import current_employment

M = PoolMembership.Status

POOL_FIELDS = (
    "name",
    "description",
    "level",
    "owner",
    "min_management_level",
    "max_management_level",
    "target_stage",
    "requires_prerequisite",
    "minimum_readiness",
    "status",
    "nominations_close_on",
)
OFFER_FIELDS = ("title", "description", "programme", "places", "is_active")

#: (from, to) -> the action's name. Anything else is refused.
TRANSITIONS = {
    (M.NOMINATED, M.MEMBER): "accept",
    (M.NOMINATED, M.NOT_ACCEPTED): "not_accept",
    (M.NOMINATED, M.WITHDRAWN): "withdraw",
    (M.MEMBER, M.MOVED_ON): "move_on",
    (M.MEMBER, M.WITHDRAWN): "withdraw",
}

OUT_OF_DATE = (
    "Someone else changed this {what} while you were looking at it. Check it as it is now "
    "and try again."
)


def _label(actor) -> str:
    return actor.get_username() if actor is not None else "system"


def _audit_organisation(pool: TalentPool) -> int | None:
    return pool.owner_id


def _require_manager(actor, pool: TalentPool) -> None:
    if actor is not None and not selectors.may_manage(actor, pool):
        raise PermissionDenied("Only the pool's talent leads can do this.")


def _require_owner_choice(actor, level: str, owner: Organisation | None) -> None:
    if actor is None:
        return
    allowed = selectors.owner_choices(actor)
    if level == ScopeLevel.NATIONAL:
        if None not in allowed:
            raise PermissionDenied("Only the implementation office can run national pools.")
    elif owner is None or owner.pk not in {o.pk for o in allowed if o is not None}:
        raise PermissionDenied("You can only run pools for your own region and its ICBs.")


def _level_for(owner: Organisation | None) -> str:
    if owner is None:
        return ScopeLevel.NATIONAL
    if owner.kind == "region":
        return ScopeLevel.REGION
    if owner.kind == "icb":
        return ScopeLevel.ICB
    raise ValidationError({"owner": "A pool belongs to a region, an ICB or the whole country"})


def _clean_pool(values: dict) -> dict:
    errors = {}
    values["name"] = (values.get("name") or "").strip()
    values["description"] = (values.get("description") or "").strip()
    if not values["name"]:
        errors["name"] = "Enter the pool's name, like Aspiring directors"
    elif len(values["name"]) > 200:
        errors["name"] = "Pool name must be 200 characters or fewer"
    low, high = values.get("min_management_level"), values.get("max_management_level")
    if low and high and low > high:
        errors["max_management_level"] = (
            "The highest management level must be the same as or above the lowest"
        )
    stage = values.get("target_stage")
    if values.get("requires_prerequisite") and stage is None:
        errors["target_stage"] = (
            "Choose the target stage: the prerequisite credential is the stage below it"
        )
    if values.get("status") not in TalentPool.Status.values:
        errors["status"] = "Choose whether the pool is a draft, open or closed"
    if errors:
        raise ValidationError(errors)
    return values


def pool_create(
    *,
    actor,
    name: str,
    owner: Organisation | None,
    description: str = "",
    min_management_level: int | None = None,
    max_management_level: int | None = None,
    target_stage=None,
    requires_prerequisite: bool = False,
    minimum_readiness: str = "",
    status: str = TalentPool.Status.DRAFT,
    nominations_close_on: datetime.date | None = None,
) -> TalentPool:
    """A pool owned by a region or an ICB (a talent lead of the region), or national (owner
    None: the implementation office). Its level follows from the owner."""
    level = _level_for(owner)
    _require_owner_choice(actor, level, owner)
    values = _clean_pool(
        {
            "name": name,
            "description": description,
            "min_management_level": min_management_level,
            "max_management_level": max_management_level,
            "target_stage": target_stage,
            "requires_prerequisite": requires_prerequisite,
            "minimum_readiness": minimum_readiness or "",
            "status": status,
            "nominations_close_on": nominations_close_on,
        }
    )
    with transaction.atomic():
        pool = TalentPool.objects.create(level=level, owner=owner, created_by=actor, **values)
        audit_record(
            actor=actor,
            action="talent_pool_created",
            obj=pool,
            after=snapshot(pool, POOL_FIELDS),
            organisation_id=_audit_organisation(pool),
        )
    return pool


def pool_update(*, actor, pool: TalentPool, expected_version: int | None = None, **changes):
    """Change a pool's criteria, status or dates (its owner stays). ``expected_version`` is
    the version the editor saw: a different one means someone else saved first."""
    unknown = set(changes) - set(POOL_FIELDS) - {"owner", "level"}
    if unknown:
        raise TypeError(f"pool_update got unexpected fields {sorted(unknown)}")
    changes.pop("owner", None)
    changes.pop("level", None)
    with transaction.atomic():
        pool = TalentPool.objects.select_for_update().get(pk=pool.pk)
        _require_manager(actor, pool)
        if expected_version is not None and expected_version != pool.version:
            raise ValidationError(OUT_OF_DATE.format(what="pool"))
        before = snapshot(pool, POOL_FIELDS)
        values = {name: getattr(pool, name) for name in POOL_FIELDS if name not in ("level",)}
        values.update(changes)
        values.pop("owner", None)
        values = _clean_pool(values)
        for name, value in values.items():
            setattr(pool, name, value)
        after = snapshot(pool, POOL_FIELDS)
        if before != after:
            pool.version += 1
            pool.save()
            audit_record(
                actor=actor,
                action="talent_pool_updated",
                obj=pool,
                before=before,
                after=after,
                organisation_id=_audit_organisation(pool),
            )
    return pool


# --- nominations and decisions -----------------------------------------------------------------


def membership_nominate(
    *, actor, pool: TalentPool, person: Person, statement: str, readiness: str
) -> PoolMembership:
    """Nominate ``person``: themself, a current report, someone at an organisation the actor
    is people lead for, or anyone by the pool's talent lead. The pool must be accepting
    nominations and the person must meet its criteria (checked here, with what is missing
    said plainly). One membership per person per pool."""
    statement = (statement or "").strip()
    route = selectors.nominee_by_route(actor, person) if actor is not None else None
    if route is None and actor is not None and selectors.may_manage(actor, pool):
        route = PoolMembership.Route.TALENT_LEAD
    if route is None:
        raise PermissionDenied("You cannot nominate this person.")
    errors: dict[str, list[str]] = {}
    if not statement:
        errors["statement"] = ["Enter the statement supporting the nomination"]
    if readiness not in selectors.READINESS_ORDER:
        errors["readiness"] = ["Choose how soon they could step up"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pool = (
            # Only the pool row: its owner and stage are nullable (outer joins), which
            # PostgreSQL cannot lock.
            TalentPool.objects.select_for_update(of=("self",))
            .select_related(*selectors.POOL_RELATED)
            .get(pk=pool.pk)
        )
        today = timezone.localdate()
        if pool.status != TalentPool.Status.OPEN:
            raise ValidationError(f"{pool.name} is not open for nominations.")
        if pool.nominations_close_on and pool.nominations_close_on < today:
            raise ValidationError(
                f"Nominations to {pool.name} closed on {pool.nominations_close_on:%-d %B %Y}."
            )
        existing = PoolMembership.objects.filter(pool=pool, person=person).first()
        if existing is not None:
            who = "You have" if route == PoolMembership.Route.SELF else f"{person} has"
            raise ValidationError(
                f"{who} already been nominated to {pool.name} "
                f"(status: {existing.get_status_display().lower()})."
            )
        problems = selectors.criteria_problems(
            pool,
            person,
            readiness=readiness,
            self_nomination=route == PoolMembership.Route.SELF,
        )
        if problems:
            raise ValidationError(problems)
        employment = current_employment(person)
        try:
            with transaction.atomic():
                membership = PoolMembership.objects.create(
                    pool=pool,
                    person=person,
                    employment=employment,
                    organisation_id=employment.organisation_id,
                    route=route,
                    nominated_by=actor,
                    statement=statement,
                    readiness=readiness,
                )
        except IntegrityError as error:
            raise ValidationError(f"{person} has already been nominated to {pool.name}.") from error
        MembershipTransition.objects.create(
            membership=membership,
            from_status="",
            to_status=M.NOMINATED,
            actor=actor,
            actor_label=_label(actor),
            reason=f"Nominated: {PoolMembership.Route(route).label}",
        )
        audit_record(
            actor=actor,
            action="pool_membership_nominated",
            obj=membership,
            after={
                "pool": pool.pk,
                "person": person.pk,
                "route": route,
                "readiness": readiness,
                "status": membership.status,
            },
            organisation_id=employment.organisation_id,
        )
    return membership


def _transition(
    *,
    actor,
    membership: PoolMembership,
    to_status: str,
    reason: str,
    expected_version: int | None,
    may_act,
    extra: dict | None = None,
) -> PoolMembership:
    with transaction.atomic():
        membership = (
            PoolMembership.objects.select_for_update(of=("self",))
            .select_related("pool", "person")
            .get(pk=membership.pk)
        )
        may_act(membership)
        if expected_version is not None and expected_version != membership.version:
            raise ValidationError(OUT_OF_DATE.format(what="nomination"))
        from_status = membership.status
        if (from_status, to_status) not in TRANSITIONS:
            raise ValidationError(
                f"{membership.person} is {membership.get_status_display().lower()} in "
                f"{membership.pool.name}, so this cannot be done now."
            )
        membership.status = to_status
        for name, value in (extra or {}).items():
            setattr(membership, name, value)
        membership.version += 1
        membership.save()
        MembershipTransition.objects.create(
            membership=membership,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_label=_label(actor),
            reason=reason,
        )
        audit_record(
            actor=actor,
            action=f"pool_membership_{TRANSITIONS[(from_status, to_status)]}",
            obj=membership,
            before={"status": from_status},
            after={"status": to_status, "reason": reason, **(extra or {})},
            organisation_id=membership.organisation_id,
        )
    return membership


def _manager_check(actor):
    def check(membership):
        _require_manager(actor, membership.pool)

    return check


def _reason(reason: str, message: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: message})
    return reason


def membership_decide(
    *,
    actor,
    membership: PoolMembership,
    accept: bool,
    reason: str,
    expected_version: int | None = None,
) -> PoolMembership:
    """Accept a nomination (member) or not (not accepted), always with a reason, which the
    nominee sees."""
    reason = _reason(reason, "Enter the reason for the decision: the nominee will see it")
    return _transition(
        actor=actor,
        membership=membership,
        to_status=M.MEMBER if accept else M.NOT_ACCEPTED,
        reason=reason,
        expected_version=expected_version,
        may_act=_manager_check(actor),
        extra={
            "decision_reason": reason,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )


def membership_move_on(
    *,
    actor,
    membership: PoolMembership,
    moved_on_to: str,
    expected_version: int | None = None,
) -> PoolMembership:
    """A member has moved on (usually into a role), with where they went."""
    moved_on_to = _reason(
        moved_on_to,
        "Enter where they went, like Appointed director of operations, RCB",
        field="moved_on_to",
    )
    if len(moved_on_to) > 300:
        raise ValidationError({"moved_on_to": "Where they went must be 300 characters or fewer"})
    return _transition(
        actor=actor,
        membership=membership,
        to_status=M.MOVED_ON,
        reason=moved_on_to,
        expected_version=expected_version,
        may_act=_manager_check(actor),
        extra={"moved_on_to": moved_on_to},
    )


def membership_withdraw(
    *,
    actor,
    membership: PoolMembership,
    reason: str = "",
    expected_version: int | None = None,
) -> PoolMembership:
    """Withdraw a nomination or membership: by the person themself (no reason needed) or by
    the pool's talent lead (with a reason)."""

    def check(found):
        own = actor is not None and getattr(actor, "person_id", None) == found.person_id
        if not own:
            _require_manager(actor, found.pool)

    own = actor is not None and getattr(actor, "person_id", None) == membership.person_id
    reason = (reason or "").strip()
    if not own:
        reason = _reason(reason, "Enter the reason for withdrawing them: they will see it")
    return _transition(
        actor=actor,
        membership=membership,
        to_status=M.WITHDRAWN,
        reason=reason or "Withdrawn by the person",
        expected_version=expected_version,
        may_act=check,
        extra={"decision_reason": reason or "Withdrawn by the person"},
    )


# --- development offers ----------------------------------------------------------------------


def _clean_offer(values: dict) -> dict:
    values["title"] = (values.get("title") or "").strip()
    values["description"] = (values.get("description") or "").strip()
    if not values["title"]:
        raise ValidationError({"title": "Enter the offer's title, like Executive coaching"})
    if len(values["title"]) > 200:
        raise ValidationError({"title": "Offer title must be 200 characters or fewer"})
    return values


def offer_create(
    *,
    actor,
    pool: TalentPool,
    title: str,
    description: str = "",
    programme=None,
    places: int | None = None,
    is_active: bool = True,
) -> DevelopmentOffer:
    _require_manager(actor, pool)
    values = _clean_offer(
        {
            "title": title,
            "description": description,
            "programme": programme,
            "places": places,
            "is_active": is_active,
        }
    )
    with transaction.atomic():
        offer = DevelopmentOffer.objects.create(pool=pool, **values)
        audit_record(
            actor=actor,
            action="development_offer_created",
            obj=offer,
            after={"pool": pool.pk, **snapshot(offer, OFFER_FIELDS)},
            organisation_id=_audit_organisation(pool),
        )
    return offer


def offer_update(*, actor, offer: DevelopmentOffer, **changes) -> DevelopmentOffer:
    unknown = set(changes) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"offer_update got unexpected fields {sorted(unknown)}")
    with transaction.atomic():
        offer = (
            DevelopmentOffer.objects.select_for_update(of=("self",))
            .select_related("pool")
            .get(pk=offer.pk)
        )
        _require_manager(actor, offer.pool)
        before = snapshot(offer, OFFER_FIELDS)
        values = {name: getattr(offer, name) for name in OFFER_FIELDS}
        values.update(changes)
        for name, value in _clean_offer(values).items():
            setattr(offer, name, value)
        after = snapshot(offer, OFFER_FIELDS)
        if before != after:
            offer.save()
            audit_record(
                actor=actor,
                action="development_offer_updated",
                obj=offer,
                before=before,
                after=after,
                organisation_id=_audit_organisation(offer.pool),
            )
    return offer
