"""The talent pools demo: in North East and Yorkshire (Y63), the regional pool "Aspiring
directors", an ICB pool for West Yorkshire (the ICB of Leeds Teaching Hospitals, RR8) for
aspiring managers, and the national pool "Aspiring chief executives"; about sixty nominations
and memberships in every status, each with its history; development offers linked to the
learning demo's programmes. The line manager persona has nominated one of their reports and
the staff persona has nominated themself, both to the ICB pool.

Runs after the people, learning and earlier talent seeds and reads what they wrote; with no
region, people or programmes it writes what it can and never fails. Like the other demo seeds
it writes set-based and outside the services, with one summary audit event. People are chosen
by a seeded random generator in person-number order (members of pools needing a credential
are drawn from people who hold it), and dates are relative to today, so it is deterministic.
It does not clear anything: the demo's clearing code does, before seeding again.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.learning.models import Credential, Programme
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q
from carelead.standards.models import FrameworkVersion, Stage
from carelead.talent.models import (
    DevelopmentOffer,
    MembershipTransition,
    PoolMembership,
    Readiness,
    ScopeLevel,
    TalentPool,
)

M = PoolMembership.Status
R = PoolMembership.Route
ML_SLUG = "management-leadership"
ICB_CODE = "QWO"
SEED = 5

#: Per pool, how many memberships end in each status; filled in this order, so when few
#: people hold a pool's prerequisite credential the members are drawn first.
MIX = {
    "regional": {M.MEMBER: 12, M.MOVED_ON: 4, M.NOMINATED: 7, M.WITHDRAWN: 2, M.NOT_ACCEPTED: 3},
    "icb": {M.MEMBER: 6, M.MOVED_ON: 1, M.NOMINATED: 5, M.WITHDRAWN: 1, M.NOT_ACCEPTED: 2},
    "national": {M.MEMBER: 5, M.MOVED_ON: 2, M.NOMINATED: 3, M.WITHDRAWN: 1, M.NOT_ACCEPTED: 1},
}
STATEMENTS = [
    "Has led the division through a difficult winter and wants to take on wider responsibility.",
    "Consistently develops others; ready to stretch into a role across organisations.",
    "Led a successful service redesign and is keen to move into a director role.",
    "Strong values-led leader who has built a team others want to join.",
]
ACCEPT_REASONS = [
    "Clear evidence of leading beyond the current role, with strong referee support.",
    "Meets every criterion; the panel was impressed by the improvement work.",
]
NOT_ACCEPTED_REASONS = [
    "Not yet enough evidence of leading across teams: please apply again next year.",
    "The panel advised a year in the current role first; a development bundle is suggested.",
]
MOVED_ON = [
    "Appointed director of operations, Barnsley Hospital",
    "Appointed deputy chief nurse, Mid Yorkshire Teaching",
    "Appointed managing director, Calderdale and Huddersfield",
    "Appointed chief operating officer, Bradford Teaching Hospitals",
]
WITHDRAWN = "Withdrawn by the person"


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _stages() -> dict[int, Stage]:
    version = (
        FrameworkVersion.objects.filter(
            framework__slug=ML_SLUG, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        return {}
    return {s.rank: s for s in version.stages.all()}


def _programmes() -> dict[str, Programme]:
    return {p.code: p for p in Programme.objects.exclude(status=Programme.Status.DRAFT)}


def _candidates(orgs_q: Q, low, high, prerequisite: Stage | None) -> list[tuple[int, int, int]]:
    """(person, employment, organisation) for current employments in the organisations at
    the levels, in person-number order; people holding ``prerequisite`` first."""
    employments = Employment.objects.filter(current_q()).filter(orgs_q)
    if low:
        employments = employments.filter(management_level__gte=low)
    if high:
        below = Q(management_level__lte=high)
        if not low:
            below |= Q(management_level__isnull=True)
        employments = employments.filter(below)
    if prerequisite is not None:
        held = Credential.objects.filter(
            person=OuterRef("person_id"), stage=prerequisite, status=Credential.Status.ACTIVE
        )
        employments = employments.annotate(holds=Exists(held))
    else:
        employments = employments.annotate(holds=Value(True))
    rows = employments.order_by("-holds", "person__person_number", "pk").values_list(
        "person_id", "pk", "organisation_id", "holds"
    )
    seen, found = set(), []
    for person_id, employment_id, organisation_id, holds in rows:
        if person_id in seen:
            continue
        seen.add(person_id)
        found.append((person_id, employment_id, organisation_id, holds))
    return found


class _Writer:
    """Collects membership rows and their histories, then writes them in two inserts."""

    def __init__(self, today, lead_id, office_id, rng):
        self.today = today
        self.lead_id = lead_id
        self.office_id = office_id
        self.rng = rng
        self.memberships: list[dict] = []
        self.histories: list[list[tuple[str, str, int | None, str, datetime.datetime]]] = []
        self.labels: dict[int | None, str] = {}

    def add(self, pool, person, employment, organisation, status, *, route, nominated_by=None):
        rng = self.rng
        decider = self.office_id if pool.level == ScopeLevel.NATIONAL else self.lead_id
        nominated_on = self.today - datetime.timedelta(days=rng.randint(20, 200))
        decided_on = nominated_on + datetime.timedelta(days=rng.randint(7, 15))
        readiness = (
            Readiness.READY_NOW
            if status in (M.MEMBER, M.MOVED_ON) and rng.random() < 0.5
            else Readiness.ONE_TO_TWO_YEARS
        )
        row = {
            "pool_id": pool.pk,
            "person_id": person,
            "employment_id": employment,
            "organisation_id": organisation,
            "route": route,
            "nominated_by_id": nominated_by,
            "statement": rng.choice(STATEMENTS),
            "readiness": readiness,
            "status": status,
            "decision_reason": "",
            "decided_by_id": None,
            "decided_at": None,
            "moved_on_to": "",
            "version": 1,
            "created_at": _at(nominated_on),
            "updated_at": _at(nominated_on),
        }
        history = [
            ("", M.NOMINATED, nominated_by, f"Nominated: {R(route).label}", row["created_at"])
        ]
        if status in (M.MEMBER, M.NOT_ACCEPTED, M.MOVED_ON) or (
            status == M.WITHDRAWN and rng.random() < 0.5
        ):
            accepted = status != M.NOT_ACCEPTED
            reason = rng.choice(ACCEPT_REASONS if accepted else NOT_ACCEPTED_REASONS)
            to = M.MEMBER if accepted else M.NOT_ACCEPTED
            row.update(decision_reason=reason, decided_by_id=decider, decided_at=_at(decided_on))
            history.append((M.NOMINATED, to, decider, reason, _at(decided_on)))
        last = history[-1][1]
        later = _at(decided_on + datetime.timedelta(days=rng.randint(30, 90)))
        if status == M.MOVED_ON:
            where = rng.choice(MOVED_ON)
            row["moved_on_to"] = where
            history.append((M.MEMBER, M.MOVED_ON, decider, where, later))
        elif status == M.WITHDRAWN:
            row["decision_reason"] = WITHDRAWN
            history.append((last, M.WITHDRAWN, None, WITHDRAWN, later))
        row["version"] = len(history)
        row["updated_at"] = history[-1][4]
        self.memberships.append(row)
        self.histories.append(history)

    def write(self) -> tuple[int, int]:
        ids = bulk_insert(PoolMembership, self.memberships, returning=True)
        users = dict(User.objects.values_list("pk", "username"))
        transitions = [
            {
                "membership_id": membership_id,
                "from_status": from_status,
                "to_status": to_status,
                "actor_id": actor,
                "actor_label": users.get(actor, "system"),
                "reason": reason,
                "occurred_at": when,
            }
            for membership_id, history in zip(ids, self.histories, strict=True)
            for from_status, to_status, actor, reason, when in history
        ]
        bulk_insert(MembershipTransition, transitions)
        return len(ids), len(transitions)


def _fill(writer, pool, candidates, mix, rng, taken: set[int], *, needs_credential: bool):
    """Give ``pool`` memberships in each status of ``mix``: members, nominations and those
    who moved on from people who meet the prerequisite; not accepted from the rest when
    there are any."""
    holders = [c for c in candidates if c[0] not in taken and c[3]]
    others = [c for c in candidates if c[0] not in taken and not c[3]]
    rng.shuffle(holders)
    rng.shuffle(others)
    for status, count in mix.items():
        source = others if status == M.NOT_ACCEPTED and needs_credential and others else holders
        for _ in range(count):
            if not source:
                break
            person, employment, organisation, _ = source.pop()
            taken.add(person)
            route = rng.choice([R.SELF, R.LINE_MANAGER, R.PEOPLE_LEAD, R.TALENT_LEAD])
            writer.add(pool, person, employment, organisation, status, route=route)


def talent_pools_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict[str, int]:
    """Write the demo pools, memberships with history and offers. Returns the counts."""
    counts = {"pools": 0, "memberships": 0, "transitions": 0, "offers": 0}
    today = today or timezone.localdate()
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if region is None:
        return counts
    icb = Organisation.objects.filter(ods_code=ICB_CODE).first()
    stages = _stages()
    programmes = _programmes()
    users = dict(User.objects.values_list("username", "pk"))
    persons = dict(User.objects.filter(person__isnull=False).values_list("username", "person_id"))
    lead_id, office_id = users.get("regional_talent_lead"), users.get("implementation_office")
    rng = random.Random(SEED)
    close_on = today + datetime.timedelta(days=60)
    top = stages.get(4)
    specs = [
        (
            "regional",
            {
                "name": "Aspiring directors",
                "description": "Senior managers in North East and Yorkshire preparing for "
                "executive director roles, with a place on the executive leadership bundle.",
                "level": ScopeLevel.REGION,
                "owner": region,
                "min_management_level": 3,
                "max_management_level": 4,
                "target_stage": top,
                "requires_prerequisite": top is not None,
                "minimum_readiness": Readiness.ONE_TO_TWO_YEARS,
                "status": TalentPool.Status.OPEN,
                "nominations_close_on": close_on,
                "created_by_id": lead_id,
            },
            Q(organisation__region=region) | Q(organisation=region),
            [
                ("Executive coaching", "Six sessions with an accredited executive coach.", None),
                ("Executive leadership", "A funded place on the bundle.", "bundle-stage-4"),
            ],
        ),
        (
            "icb",
            {
                "name": "West Yorkshire aspiring managers",
                "description": "People in West Yorkshire who want to take their first step "
                "into managing a team.",
                "level": ScopeLevel.ICB,
                "owner": icb,
                "min_management_level": None,
                "max_management_level": 1,
                "target_stage": stages.get(1),
                "requires_prerequisite": False,
                "minimum_readiness": "",
                "status": TalentPool.Status.OPEN,
                "nominations_close_on": close_on,
                "created_by_id": lead_id,
            },
            Q(organisation__icb=icb) | Q(organisation=icb),
            [("Leading a team", "A funded place on the bundle.", "bundle-stage-1")],
        ),
        (
            "national",
            {
                "name": "Aspiring chief executives",
                "description": "Executive directors across England preparing for a chief "
                "executive role, including in organisations in NOF segments 4 and 5.",
                "level": ScopeLevel.NATIONAL,
                "owner": None,
                "min_management_level": 4,
                "max_management_level": 5,
                "target_stage": top,
                "requires_prerequisite": top is not None,
                "minimum_readiness": Readiness.ONE_TO_TWO_YEARS,
                "status": TalentPool.Status.OPEN,
                "nominations_close_on": None,
                "created_by_id": office_id,
            },
            Q(organisation__region=region) | Q(organisation=region),
            [("Board effectiveness", "Places on the board modules.", "bundle-stage-4")],
        ),
    ]
    with transaction.atomic():
        writer = _Writer(today, lead_id, office_id, rng)
        taken: set[int] = set()
        pools = {}
        for key, values, orgs_q, offers in specs:
            if values["level"] != ScopeLevel.NATIONAL and values["owner"] is None:
                continue
            pool = TalentPool.objects.create(**values)
            pools[key] = pool
            counts["pools"] += 1
            DevelopmentOffer.objects.bulk_create(
                DevelopmentOffer(
                    pool=pool,
                    title=title,
                    description=description,
                    programme=programmes.get(code) if code else None,
                    places=12,
                )
                for title, description, code in offers
                # An offer of a programme the learning demo did not write would be empty.
                if code is None or code in programmes
            )
            target = values["target_stage"]
            prerequisite = (
                stages.get(target.rank - 1) if target and values["requires_prerequisite"] else None
            )
            candidates = _candidates(
                orgs_q, values["min_management_level"], values["max_management_level"], prerequisite
            )
            if key == "icb":
                # The personas' own nominations come first, so random draws cannot take them.
                _persona_nominations(writer, pool, persons, users, taken)
            _fill(
                writer,
                pool,
                candidates,
                MIX[key],
                rng,
                taken,
                needs_credential=prerequisite is not None,
            )
        counts["memberships"], counts["transitions"] = writer.write()
        counts["offers"] = DevelopmentOffer.objects.filter(pool__in=pools.values()).count()
        audit_record(
            actor=actor,
            action="talent_pools_demo_seeded",
            obj=region,
            after=counts,
            organisation_id=region.pk,
        )
    return counts


def _persona_nominations(writer, pool, persons, users, taken) -> None:
    """The staff persona's self-nomination and the line manager persona's nomination of
    another of their reports, both waiting for a decision."""
    staff = persons.get("staff")
    manager = persons.get("line_manager")
    rows = []
    if staff:
        rows.append((staff, R.SELF, users.get("staff")))
    if manager:
        report = (
            Employment.objects.filter(current_q(), line_manager__person_id=manager)
            .exclude(person_id=staff)
            .order_by("person__person_number")
            .values_list("person_id", flat=True)
            .first()
        )
        if report:
            rows.append((report, R.LINE_MANAGER, users.get("line_manager")))
    for person_id, route, nominated_by in rows:
        employment = (
            Employment.objects.filter(current_q(), person_id=person_id)
            .order_by("-start_date", "-pk")
            .values_list("pk", "organisation_id", "management_level")
            .first()
        )
        if employment is None or not _fits(pool, employment[2]):
            continue
        taken.add(person_id)
        writer.add(
            pool,
            person_id,
            employment[0],
            employment[1],
            M.NOMINATED,
            route=route,
            nominated_by=nominated_by,
        )


def _fits(pool: TalentPool, level: int | None) -> bool:
    from carelead.talent.selectors.pools import level_allowed

    return level_allowed(pool, level)
