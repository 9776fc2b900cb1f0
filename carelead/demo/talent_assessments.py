"""The talent assessment demo: proposed (and a few draft) assessments, with evidence against
every potential criterion, for about 300 managers (management level 1 and above): all those
at six named trusts of the North East and Yorkshire region (RR8, RXF, RAE, RWY and the
challenged RCB and RFF), then others at the region's trusts, so calibration sessions have
people to place.
The line manager persona's team gets three of its reports assessed (not the staff persona,
who is left for a live demo).

Performance is read from the appraisals demo wherever a completed appraisal exists (its
closed 2025/26 cycle at RR8), with the rule the service uses; about one in ten assessors moves
it by one with a note. Elsewhere performance is the assessor's own, with a note saying so.
Overall potential always agrees with the criteria ratings, as the service requires.

Runs after the pathways and conversations seeds and needs nothing from them. Deterministic (a
seeded random generator walking managers in person-number order; dates relative to
``today``). Writes set-based, outside the services, with one summary audit event. People who
already have an open assessment are left alone, so a second run without clearing writes
nothing new for them.
"""

import datetime
import random

from django.db import transaction

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Employment, current_q
from carelead.talent.models import (
    PotentialCriterion,
    PotentialEvidence,
    Readiness,
    TalentAssessment,
)
from carelead.talent.selectors.assessments import OPEN, performance_from_appraisals

#: Every manager at these trusts is assessed first; other trusts in the region fill up to
#: ``TARGET`` (the demo has few managers per trust at small sizes).
TRUSTS = ("RR8", "RXF", "RAE", "RWY", "RCB", "RFF")
TRUST_KINDS = (OrganisationKind.NHS_TRUST, OrganisationKind.FOUNDATION_TRUST)
TARGET = 300
SEED = 5703
S = TalentAssessment.Status

#: Evidence by criterion and rating (1 not yet shown, 2 shown, 3 strongly shown).
EVIDENCE = {
    "aspiration": [
        "Has said they are happy in their current role and want to consolidate this year.",
        "Told me at appraisal they want a service manager role and has started shadowing one.",
        "Applied for the acting deputy director post and has a written two-year career plan.",
    ],
    "engagement": [
        "Focused on their own team's rota and results; has not joined wider work yet.",
        "Joined the trust's flow improvement group and presented at two of its meetings.",
        "Leads the ICB's discharge workstream across three organisations since last spring.",
    ],
    "ability": [
        "Manages the familiar well; needed support with the new electronic record rollout.",
        "Took on the merged outpatient service and stabilised waits within four months.",
        "Led the winter escalation plan through two critical incidents and coached peers.",
    ],
    "leadership-values": [
        "Staff survey feedback on their team is mixed; working on inclusive team meetings.",
        "Team survey scores on compassion and inclusion rose; acts on concerns raised.",
        "Sponsors the trust's race equality network and its reverse mentoring scheme.",
    ],
}
GENERIC = [
    "Little evidence of this yet in the last year, from one-to-ones and feedback.",
    "Shows this regularly in their work, from one-to-ones and their appraisal.",
    "Shows this strongly and consistently, with examples from several colleagues.",
]
SUMMARIES = {
    1: "Best suited to the current role for now; development focuses on depth.",
    2: "Growing: could take on a broader role with the right development.",
    3: "Ready to step up with support; consider for the regional talent pool.",
}
NOTE_ADJUSTED = "Moved by one from the appraisal reading: objectives set late in the year."
NOTE_NO_APPRAISAL = "No completed appraisal here yet: rated from the service quality review."


def _managers(organisation_ids: list[int], today: datetime.date) -> list[dict]:
    rows = (
        Employment.objects.filter(
            current_q(today),
            organisation_id__in=organisation_ids,
            management_level__gte=1,
            person__person_number__regex=cat.PERSON_NUMBER_REGEX,
        )
        .order_by("person__person_number", "-start_date", "pk")
        .values("pk", "person_id", "organisation_id", "line_manager__person_id")
    )
    seen, out = set(), []
    for row in rows:
        if row["person_id"] not in seen:
            seen.add(row["person_id"])
            out.append(row)
    return out


def _team_of(person_id: int | None, today: datetime.date, skip: int | None) -> list[dict]:
    if person_id is None:
        return []
    return list(
        Employment.objects.filter(current_q(today), line_manager__person_id=person_id)
        .exclude(person_id=skip)
        .order_by("person__person_number", "pk")
        .values("pk", "person_id", "organisation_id", "line_manager__person_id")[:3]
    )


def _ratings(rng: random.Random, criteria: list[str], bias: int) -> dict[str, int]:
    weights = {1: (45, 45, 10), 2: (20, 55, 25), 3: (5, 40, 55)}[bias]
    return {code: rng.choices((1, 2, 3), weights=weights)[0] for code in criteria}


def _potential(ratings: dict[str, int]) -> int:
    """The overall potential from the criteria, within the service's rule: high needs two
    criteria strongly shown; low cannot sit over most strongly shown."""
    strong = sum(1 for r in ratings.values() if r == 3)
    mean = sum(ratings.values()) / len(ratings)
    potential = 1 if mean < 1.6 else 3 if mean >= 2.5 else 2
    if potential == 3 and strong < 2:
        potential = 2
    if potential == 1 and strong > len(ratings) / 2:
        potential = 2
    return potential


def talent_assessments_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Seed the assessments demo; returns counts of what it wrote (zeros when the region,
    the trusts or the potential criteria are not there)."""
    today = today or cat.REFERENCE_DATE
    rng = random.Random(f"carelead-talent-assessments-{SEED}-{today.isoformat()}")
    counts = {"talent_assessments": 0, "proposed": 0, "draft": 0, "potential_evidence": 0}
    counts["performance_from_appraisals"] = 0
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    criteria = list(PotentialCriterion.objects.order_by("sort_order", "code"))
    if region is None or not criteria:
        return counts
    named = list(Organisation.objects.filter(ods_code__in=TRUSTS).values_list("pk", flat=True))
    more = list(
        Organisation.objects.filter(region=region, kind__in=TRUST_KINDS)
        .exclude(ods_code__in=TRUSTS)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        # The named trusts' managers first, then other trusts' until the target.
        managers = _managers(named, today)
        rng.shuffle(managers)
        others = _managers(more, today)
        rng.shuffle(others)
        chosen = (managers + others)[:TARGET]
        persona = dict(
            User.objects.filter(username__in=("line_manager", "staff")).values_list(
                "username", "person_id"
            )
        )
        chosen += _team_of(persona.get("line_manager"), today, persona.get("staff"))
        already = set(
            TalentAssessment.objects.filter(
                person_id__in=[m["person_id"] for m in chosen], status__in=OPEN
            ).values_list("person_id", flat=True)
        )
        picked, seen = [], set(already)
        for row in sorted(chosen, key=lambda r: r["person_id"]):
            if row["person_id"] not in seen:
                seen.add(row["person_id"])
                picked.append(row)
        readings = performance_from_appraisals([r["person_id"] for r in picked])
        users = dict(
            User.objects.filter(
                person_id__in={r["line_manager__person_id"] for r in picked} - {None}
            ).values_list("person_id", "pk")
        )
        codes = [c.code for c in criteria]
        rows, evidence_rows = [], []
        for row in picked:
            reading = readings.get(row["person_id"])
            if reading is not None and reading.level is not None:
                performance, note = reading.level, ""
                if rng.random() < 0.1:
                    performance = max(1, min(3, performance + rng.choice((-1, 1))))
                    note = NOTE_ADJUSTED if performance != reading.level else ""
                appraisal_id = reading.appraisal_id
                counts["performance_from_appraisals"] += 1
            else:
                performance = rng.choices((1, 2, 3), weights=(15, 60, 25))[0]
                note, appraisal_id = NOTE_NO_APPRAISAL, None
            ratings = _ratings(rng, codes, performance)
            potential = _potential(ratings)
            readiness = {
                3: rng.choice((Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS)),
                2: rng.choice((Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_PLUS_YEARS, "")),
                1: "",
            }[potential]
            status = S.DRAFT if rng.random() < 0.12 else S.PROPOSED
            counts[status] += 1
            rows.append(
                {
                    "person_id": row["person_id"],
                    "employment_id": row["pk"],
                    "organisation_id": row["organisation_id"],
                    "appraisal_id": appraisal_id,
                    "performance": performance,
                    "performance_note": note,
                    "potential": potential,
                    "potential_summary": SUMMARIES[potential],
                    "readiness": readiness,
                    "assessed_by_id": users.get(row["line_manager__person_id"]),
                    "assessed_on": today - datetime.timedelta(days=rng.randint(3, 60)),
                    "status": status,
                    "calibrated_performance": None,
                    "calibrated_potential": None,
                    "version": 1,
                }
            )
            evidence_rows.append(ratings)
        ids = bulk_insert(TalentAssessment, rows, returning=True)
        by_code = {c.code: c.pk for c in criteria}
        evidence = [
            {
                "assessment_id": pk,
                "criterion_id": by_code[code],
                "rating": rating,
                "evidence": EVIDENCE.get(code, GENERIC)[rating - 1],
            }
            for pk, ratings in zip(ids, evidence_rows, strict=True)
            for code, rating in ratings.items()
        ]
        bulk_insert(PotentialEvidence, evidence)
        counts["talent_assessments"] = len(ids)
        counts["potential_evidence"] = len(evidence)
        if ids:
            audit_record(
                actor=actor,
                action="talent_assessments_demo_seeded",
                obj=region,
                after={**counts, "today": today},
                organisation_id=region.pk,
            )
    return counts
