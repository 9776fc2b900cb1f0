"""The career pathways demo: the shipped pathways, and enough employment history behind them
that each pathway page shows where people went next.

The demo plan gives most people only their current job, so for people whose current job
matches a step after the first, earlier jobs are written: usually the step before (now and
then two before: someone who skipped one), often the steps before that too, one after
another, the latest ending the day before their earliest job starts, at the same employer.
Some managers on no step of the general management route once led a team (another role),
and some GPs and consultants held the second step of their route for a term and went back.
People with a demo login are left alone, so the personas' stories stay as the plan wrote
them.

Runs first of the talent seeds, after the people and learning seeds (the programmes the
steps link to come from the learning demo). Deterministic: a seeded random generator
walking people in person-number order, dates relative to the plan's own start dates.
Written set-based with one summary audit event; rows already there (same person and
assignment number) are not written again, and nothing is deleted here.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Min

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, current_q
from carelead.talent.models import Pathway
from carelead.talent.selectors.pathways import step_matcher
from carelead.talent.services.pathways import PathwayDataError, pathways_load

#: Of the people whose current job is a later step, how many get the step before as an
#: earlier job, and how many of the rest two steps before.
PREVIOUS_STEP_SHARE = 0.8
SKIPPED_STEP_SHARE = 0.3
#: Of those, how many held each step before that one too.
EARLIER_STEP_SHARE = 0.7
#: Pathways whose first step some people now in other management roles once held (so the
#: evidence has people who went another way), and how many of them.
OTHER_ROLE_STORIES = {"general-management"}
OTHER_ROLE_SHARE = 0.2
#: Pathways whose second step is often held for a term (a PCN clinical director, a clinical
#: lead), after which some go back to the first, and how many of those now at the first.
RETURN_STORIES = {"gp-leadership", "clinical-director-to-medical-director"}
RETURN_SHARE = 0.15
#: At most this many people per step of a pathway are given an earlier job there.
MAX_PER_STEP = 80
ASSIGNMENT_SUFFIX = "-PW"
UPPER_WORDS = {"gp": "GP", "pcn": "PCN", "icb": "ICB"}


def _job_title(fragment: str) -> str:
    words = [UPPER_WORDS.get(w, w) for w in fragment.split()]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def talent_pathways_demo_seed(*, actor=None) -> dict[str, int]:
    """Load the pathways and write the earlier jobs that give them evidence. Returns counts
    of what it wrote. Writes nothing beyond the pathways when there are no demo people, and
    nothing at all when the framework is not loaded."""
    counts = {"pathways": 0, "pathway_steps": 0, "employments": 0}
    try:
        loaded = pathways_load(actor=actor)
    except PathwayDataError:
        return counts
    codes = [c for outcome in ("created", "updated", "unchanged") for c in loaded[outcome]]
    pathways = list(
        Pathway.objects.filter(code__in=codes).prefetch_related("steps").order_by("sort_order")
    )
    counts["pathways"] = len(pathways)
    counts["pathway_steps"] = sum(len(p.steps.all()) for p in pathways)
    with transaction.atomic():
        rows = _history(pathways)
        bulk_insert(Employment, rows)
        counts["employments"] = len(rows)
        region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
        if rows and region is not None:
            audit_record(
                actor=actor,
                action="talent_pathways_demo_seeded",
                obj=region,
                after=counts,
                organisation_id=region.pk,
            )
    return counts


def _history(pathways: list[Pathway]) -> list[dict]:
    demo_people = Employment.objects.filter(
        person__person_number__regex=cat.PERSON_NUMBER_REGEX
    ).exclude(person_id__in=User.objects.filter(person__isnull=False).values("person_id"))
    current = list(
        demo_people.filter(current_q())
        .order_by("person__person_number", "-start_date", "pk")
        .values(
            "person_id",
            "person__person_number",
            "organisation_id",
            "job_title",
            "management_level",
            "staff_group_id",
            "pay_band_id",
            "organisation__kind",
            "start_date",
        )
    )
    # The earlier jobs were with another employer of the same kind: the story is of someone
    # who moved to take the role they hold now.
    by_kind: dict[str, list[int]] = {}
    for org_id, kind in (
        Organisation.objects.filter(closed_on__isnull=True).order_by("pk").values_list("pk", "kind")
    ):
        by_kind.setdefault(kind, []).append(org_id)
    earliest = dict(
        demo_people.values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    # Each story's jobs are numbered <prefix>-1, -2...: a story is there if its prefix is.
    existing = {
        (person_id, number.rsplit("-", 1)[0])
        for person_id, number in demo_people.filter(
            assignment_number__contains=ASSIGNMENT_SUFFIX
        ).values_list("person_id", "assignment_number")
    }
    used: set[int] = set()
    rows = []
    for pathway in pathways:
        steps = list(pathway.steps.all())
        match = step_matcher(steps)
        rng = random.Random(f"talent-pathways-{pathway.code}")
        written = dict.fromkeys(range(len(steps)), 0)
        other_role = pathway.code in OTHER_ROLE_STORIES
        for job in current:
            person_id = job["person_id"]
            if person_id in used:
                continue
            index = match(job["job_title"])
            if index is None:
                # Someone who once held the first step and went another way.
                if not other_role or (job["management_level"] or 0) < 2:
                    continue
                chain = [0] if rng.random() < OTHER_ROLE_SHARE else []
            elif index == 0:
                # Someone who held the second step for a term and went back to the first.
                if pathway.code not in RETURN_STORIES:
                    continue
                chain = [1, 0] if rng.random() < RETURN_SHARE else []
            else:
                chain = _chain(index, rng)
            if not chain or written[chain[0]] >= MAX_PER_STEP:
                continue
            employer = _another(by_kind.get(job["organisation__kind"], []), job["organisation_id"])
            if employer == job["organisation_id"]:
                # No other employer of the kind to have come from: no story for them.
                continue
            used.add(person_id)
            # Drawn before the check below, so a second run draws the same numbers.
            lengths = [rng.randint(700, 2200) for _ in chain]
            for earlier in chain:
                written[earlier] += 1
            number = f"{job['person__person_number']}{ASSIGNMENT_SUFFIX}{pathway.sort_order}"
            if (person_id, number) in existing:
                continue
            end = earliest[person_id] - datetime.timedelta(days=1)
            for position, (earlier, days) in enumerate(zip(chain, lengths, strict=True)):
                step = steps[earlier]
                start = end - datetime.timedelta(days=days)
                rows.append(
                    {
                        "person_id": person_id,
                        "organisation_id": employer,
                        "assignment_number": f"{number}-{position + 1}",
                        "job_title": _job_title(step.job_titles[0]),
                        "staff_group_id": job["staff_group_id"],
                        "pay_band_id": job["pay_band_id"],
                        "management_level": step.management_level,
                        "line_manager_id": None,
                        "start_date": start,
                        "end_date": end,
                        "fte": Decimal("1.00"),
                    }
                )
                end = start - datetime.timedelta(days=1)
    return rows


def _another(organisation_ids: list[int], current: int) -> int:
    """The next organisation of the same kind after ``current`` (``current`` itself when it
    is the only one), so the choice is the same on every run."""
    others = [pk for pk in organisation_ids if pk != current]
    if not others:
        return current
    later = [pk for pk in others if pk > current]
    return (later or others)[0]


def _chain(index: int, rng: random.Random) -> list[int]:
    """The earlier steps someone now at step ``index`` held, latest first: usually the step
    before (sometimes two before, having skipped one), and often the ones before that too."""
    if rng.random() < PREVIOUS_STEP_SHARE:
        earlier = index - 1
    elif index >= 2 and rng.random() < SKIPPED_STEP_SHARE:
        earlier = index - 2
    else:
        return []
    chain = [earlier]
    while earlier > 0 and rng.random() < EARLIER_STEP_SHARE:
        earlier -= 1
        chain.append(earlier)
    return chain
