"""The succession demo: critical roles at ten trusts of the North East and Yorkshire region
(the chief executive and three to five executive directors each, held by the demo's level 5
and level 4 employments), and succession plans whose candidates come from other employers,
with a spread of readiness and emergency cover. Some roles have no ready-now successor, and
the challenged trusts (RCB and RFF, NOF segments 4 and 5) have the thinnest plans, so the
risk map shows risk.

Runs after the pools seed and prefers pool members as candidates when there are any; works
the same when earlier seeds wrote nothing. Deterministic (a seeded random generator walking
people in person-number order; dates relative to ``today``). Writes set-based, outside the
services, with one summary audit event. Roles already there (by organisation and title) are
left alone, so a second run without clearing writes nothing new.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q
from carelead.standards.models import FrameworkVersion, Stage
from carelead.talent.models import CriticalRole, PoolMembership, Readiness, SuccessionCandidate

#: The trusts with critical roles, challenged ones last.
TRUSTS = ("RR8", "RXF", "RAE", "RWY", "RHQ", "RP5", "RTD", "RWA", "RCB", "RFF")
CHALLENGED = {"RCB", "RFF"}
SEED = 5705
NOTES = [
    "Post holder has signalled retirement; plan reviewed at the last board.",
    "Interim arrangements agreed with the ICB if the post falls vacant.",
    "Succession discussed at the regional talent board.",
    "",
]
CANDIDATE_NOTES = [
    "Acting up for three months last winter went well.",
    "Needs board-level experience: NED placement being arranged.",
    "Strong operational record; finishing the senior leadership programme.",
    "",
]


def _stage() -> int | None:
    """The most senior stage of the management framework in force, for directors' posts."""
    version = (
        FrameworkVersion.objects.filter(
            framework__slug="management-leadership", status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        return None
    stage = Stage.objects.filter(version=version).order_by("-rank").first()
    return stage.pk if stage else None


def _senior_jobs(org_ids: list[int], today: datetime.date) -> list[dict]:
    return list(
        Employment.objects.filter(
            current_q(today), organisation_id__in=org_ids, management_level__gte=3
        )
        .values("pk", "person_id", "organisation_id", "job_title", "management_level")
        .order_by("organisation_id", "-management_level", "person__person_number", "pk")
    )


def talent_succession_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Write the succession demo; returns the counts of what it wrote."""
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    counts = {"critical_roles": 0, "succession_candidates": 0}
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if region is None:
        return counts
    trusts = {
        o.ods_code: o
        for o in Organisation.objects.filter(region=region, ods_code__in=TRUSTS).order_by(
            "ods_code"
        )
    }
    if not trusts:
        return counts
    region_orgs = list(Organisation.objects.filter(region=region).values_list("pk", flat=True))
    jobs = _senior_jobs(region_orgs, today)
    by_org: dict[int, list[dict]] = {}
    for job in jobs:
        by_org.setdefault(job["organisation_id"], []).append(job)
    pooled = set(
        PoolMembership.objects.filter(status=PoolMembership.Status.MEMBER).values_list(
            "person_id", flat=True
        )
    )
    existing = set(
        CriticalRole.objects.filter(organisation__in=trusts.values(), is_active=True).values_list(
            "organisation_id", "title"
        )
    )
    stage_id = _stage()
    role_rows, plans = [], []
    for code in TRUSTS:
        trust = trusts.get(code)
        if trust is None:
            continue
        here = by_org.get(trust.pk, [])
        ceo = next((j for j in here if j["job_title"] == "Chief executive"), None)
        directors = []
        for job in here:
            if job["management_level"] == 4 and job["job_title"] not in {
                d["job_title"] for d in directors
            }:
                directors.append(job)
        directors = directors[: rng.randint(3, 5)]
        posts = [("Chief executive", CriticalRole.Kind.CHIEF_EXECUTIVE, ceo)] + [
            (d["job_title"], CriticalRole.Kind.EXECUTIVE_DIRECTOR, d) for d in directors
        ]
        for title, kind, holder in posts:
            soon = rng.random() < 0.3
            row = {
                "organisation_id": trust.pk,
                "title": title,
                "kind": kind,
                "incumbent_id": holder["pk"] if holder else None,
                "stage_id": stage_id,
                "expected_vacancy_on": today + datetime.timedelta(days=rng.randint(60, 330))
                if soon
                else (
                    today + datetime.timedelta(days=rng.randint(500, 1400))
                    if rng.random() < 0.4
                    else None
                ),
                "notes": rng.choice(NOTES),
                "reviewed_on": today - datetime.timedelta(days=rng.randint(10, 300)),
                "is_active": True,
                "created_by_id": actor.pk if actor is not None else None,
                "version": 1,
            }
            # Drawn before the check, so a rerun draws the same numbers for the others.
            if (trust.pk, title) in existing:
                continue
            role_rows.append(row)
            plans.append((trust, holder))
    if not role_rows:
        return counts
    with transaction.atomic():
        role_ids = bulk_insert(CriticalRole, role_rows, returning=True)
        candidate_rows = _candidates(role_ids, plans, jobs, pooled, rng, actor)
        bulk_insert(SuccessionCandidate, candidate_rows)
        counts["critical_roles"] = len(role_ids)
        counts["succession_candidates"] = len(candidate_rows)
        counts["roles_without_ready_now"] = len(role_ids) - len(
            {r["role_id"] for r in candidate_rows if r["readiness"] == Readiness.READY_NOW}
        )
        audit_record(
            actor=actor,
            action="talent_succession_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    return counts


def _candidates(role_ids, plans, jobs, pooled, rng, actor) -> list[dict]:
    """Up to four candidates per role from other organisations of the region, pool members
    first when there are any; the challenged trusts get fewer and less ready ones."""
    readiness_mix = [Readiness.READY_NOW] * 3 + [Readiness.ONE_TO_TWO_YEARS] * 4
    readiness_mix += [Readiness.THREE_PLUS_YEARS] * 3
    rows = []
    for role_id, (trust, holder) in zip(role_ids, plans, strict=True):
        outside = [
            j
            for j in jobs
            if j["organisation_id"] != trust.pk
            and (holder is None or j["person_id"] != holder["person_id"])
        ]
        if not outside:
            continue
        rng.shuffle(outside)
        # Stable: pool members first, in shuffled order, then everyone else.
        outside.sort(key=lambda j: j["person_id"] not in pooled)
        challenged = trust.ods_code in CHALLENGED
        size = rng.randint(0, 2) if challenged else rng.randint(1, 4)
        head = outside[: max(size * 3, 12)]
        chosen = rng.sample(head, min(size, len(head)))
        people = set()
        cover_given = False
        for job in chosen:
            if job["person_id"] in people:
                continue
            people.add(job["person_id"])
            readiness = rng.choice(readiness_mix)
            if challenged and readiness == Readiness.READY_NOW:
                readiness = Readiness.ONE_TO_TWO_YEARS
            cover = not cover_given and rng.random() < 0.6
            cover_given = cover_given or cover
            rows.append(
                {
                    "role_id": role_id,
                    "person_id": job["person_id"],
                    "readiness": readiness,
                    "is_emergency_cover": cover,
                    "note": rng.choice(CANDIDATE_NOTES),
                    "added_by_id": actor.pk if actor is not None else None,
                    "removal_reason": "",
                    "version": 1,
                }
            )
    return rows
