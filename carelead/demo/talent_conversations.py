"""The career conversations demo: about 150 Scope for Growth conversations at Leeds Teaching
Hospitals (RR8) and Mid Yorkshire (RXF) in every status, with aspirational development plans.
The staff persona (Sam) has one being prepared with their line manager persona (Maria) and one
recorded earlier in the year whose plan is under way.

Runs after the people, learning, appraisals and pathways seeds and reads what they wrote
(employments and line managers, open programmes, appraisals with a career aspiration). Like
the other demo seeds it writes set-based, outside the services, with one summary audit event.
Deterministic: a seeded random generator walks employments in person-number order, and dates
are relative to the demo's reference date. Clearing is ``demo.talent.talent_demo_clear``.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from carelead.accounts.models import User
from carelead.appraisals.models import Appraisal
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.learning.models import Programme
from carelead.organisations.models import Organisation
from carelead.people.models import Employment
from carelead.talent.models import (
    AspirationalPlanItem,
    CareerConversation,
    GridPreset,
    Pathway,
    PathwayStep,
)

Status = CareerConversation.Status
ItemStatus = AspirationalPlanItem.Status

TRUSTS = ("RR8", "RXF")
#: Conversations besides the staff persona's two.
OTHERS = 148
#: Share of each status among the others, in walk order.
STATUS_MIX = [Status.RECORDED] * 10 + [Status.HELD] * 3 + [Status.PREPARING] * 5
STATUS_MIX += [Status.CANCELLED] * 2

REFLECTIONS = [
    "I enjoy leading the team through busy shifts and want more responsibility.",
    "I am strongest when improving how the service runs; I would like to try a project role.",
    "I want to deepen my clinical expertise before I think about a bigger role.",
    "I have been acting up and would like to know what I need for the next band.",
    "I would like experience outside my directorate to broaden what I know.",
]
PREPARATION = [
    "Consistently strong impact on the ward; ready for more stretch.",
    "Good feedback from the team; we should talk about a secondment.",
    "Growing well in role; could broaden into quality improvement.",
]
WHERE_NEXT = {
    "depth": "Become the team's specialist lead in their field",
    "breadth": "A secondment to another service or the ICB",
    "stretch": "A bigger role: the next management level within two years",
}
HOW = [
    "Act up when the opportunity comes, with monthly check-ins.",
    "Shadowing, a mentor from another directorate and a leadership programme.",
    "Take on a service improvement project this year.",
]
OUTCOMES = [
    "Agreed the plan below; we review progress at the next one-to-one.",
    "Agreed to apply for the leadership programme and to look for a secondment.",
    "Agreed to stay in role this year and build depth; revisit in six months.",
]
ITEMS = {
    "depth": "Complete the advanced practice module",
    "breadth": "Spend a month with the patient flow team",
    "stretch": "Lead the ward while the manager is on leave",
}
GROWTH = ["depth", "breadth", "stretch"]
MANAGEMENT_PATHWAY = "general-management"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _row(emp, held_with_id, role, grid_id, appraisal_id, created_on, **values) -> dict:
    row = {
        "person_id": emp.person_id,
        "employment_id": emp.pk,
        "organisation_id": emp.organisation_id,
        "held_with_id": held_with_id,
        "held_with_role": role,
        "grid_id": grid_id,
        "appraisal_id": appraisal_id,
        "status": Status.PREPARING,
        "planned_on": None,
        "held_on": None,
        "individual_reflection": "",
        "preparation_notes": "",
        "impact": None,
        "growth_now": "",
        "growth_wanted": "",
        "where_next": "",
        "how": "",
        "outcome": "",
        "recorded_at": None,
        "created_by_id": None,
        "version": 1,
        "created_at": _at(created_on),
        "updated_at": _at(created_on),
    }
    row.update(values)
    return row


def _agreed(rng, held_on: datetime.date, recorded: bool) -> dict:
    now, wanted = rng.choice(GROWTH), rng.choice(GROWTH)
    values = {
        "status": Status.RECORDED if recorded else Status.HELD,
        "planned_on": held_on,
        "held_on": held_on,
        "impact": rng.choice([1, 2, 2, 3]),
        "growth_now": now,
        "growth_wanted": wanted,
        "where_next": WHERE_NEXT[wanted],
        "how": rng.choice(HOW),
        "preparation_notes": rng.choice(PREPARATION),
    }
    if recorded:
        values["outcome"] = rng.choice(OUTCOMES)
        values["recorded_at"] = _at(held_on + datetime.timedelta(days=rng.randint(0, 7)))
    return values


def _items(rng, conversation_id, row, programmes, steps, today) -> list[dict]:
    count = {Status.RECORDED: rng.randint(1, 3), Status.HELD: rng.randint(0, 2)}.get(
        row["status"], rng.randint(0, 1) if row["status"] == Status.PREPARING else 0
    )
    items = []
    for order in range(count):
        category = GROWTH[(order + GROWTH.index(row["growth_wanted"] or "depth")) % 3]
        status = ItemStatus.PLANNED
        if row["status"] == Status.RECORDED:
            status = rng.choice([ItemStatus.PLANNED, ItemStatus.IN_PROGRESS, ItemStatus.DONE])
        items.append(
            {
                "conversation_id": conversation_id,
                "description": ITEMS[category],
                "category": category,
                "programme_id": rng.choice(programmes)
                if programmes and rng.random() < 0.4
                else None,
                # About half the stretch steps work towards a general management step.
                "pathway_step_id": rng.choice(steps)
                if steps and category == "stretch" and rng.random() < 0.5
                else None,
                "due_on": today + datetime.timedelta(days=rng.randint(30, 300)),
                "status": status,
                "sort_order": order + 1,
            }
        )
    return items


def talent_conversations_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Write the demo conversations and plan items; returns counts of what was written
    (all zero when the demo trusts, their people or the Scope for Growth grid are missing)."""
    today = today or cat.REFERENCE_DATE
    rng = random.Random(f"carelead-talent-conversations-{today.isoformat()}")
    counts = {"conversations": 0, "plan_items": 0}
    grid = GridPreset.objects.filter(
        kind=GridPreset.Kind.CAREER_CONVERSATION, is_default=True
    ).first()
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if grid is None or region is None:
        return counts
    employments = list(
        Employment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            organisation__ods_code__in=TRUSTS,
            start_date__lte=today,
            line_manager__isnull=False,
        )
        .select_related("line_manager")
        .order_by("person__person_number", "pk")
    )
    if not employments:
        return counts
    personas = dict(
        User.objects.filter(username__in=["staff", "line_manager"]).values_list(
            "username", "person_id"
        )
    )
    aspirations = {}
    for person_id, appraisal_id in (
        Appraisal.objects.filter(person_id__in={e.person_id for e in employments})
        .exclude(career_aspiration="")
        .exclude(status=Appraisal.Status.CANCELLED)
        .order_by("person_id", "-cycle__opens_on", "-pk")
        .values_list("person_id", "pk")
    ):
        aspirations.setdefault(person_id, appraisal_id)
    programmes = list(
        Programme.objects.filter(status=Programme.Status.OPEN)
        .order_by("code")
        .values_list("pk", flat=True)
    )
    managers = sorted({e.line_manager.person_id for e in employments})
    # The first two steps of the general management pathway, for stretch steps to aim at.
    steps = list(
        PathwayStep.objects.filter(
            pathway__code=MANAGEMENT_PATHWAY,
            pathway__status=Pathway.Status.PUBLISHED,
            order__lte=2,
        )
        .order_by("order")
        .values_list("pk", flat=True)
    )

    rows: list[dict] = []
    staff = next((e for e in employments if e.person_id == personas.get("staff")), None)
    if staff is not None:
        manager_id = personas.get("line_manager") or staff.line_manager.person_id
        appraisal_id = aspirations.get(staff.person_id)
        earlier = today - datetime.timedelta(days=150)
        rows.append(
            _row(
                staff,
                manager_id,
                CareerConversation.HeldWithRole.LINE_MANAGER,
                grid.pk,
                appraisal_id,
                earlier - datetime.timedelta(days=21),
                individual_reflection=REFLECTIONS[0],
                **_agreed(rng, earlier, recorded=True)
                | {"impact": 2, "growth_now": "depth", "growth_wanted": "stretch"}
                | {"where_next": WHERE_NEXT["stretch"]},
            )
        )
        rows.append(
            _row(
                staff,
                manager_id,
                CareerConversation.HeldWithRole.LINE_MANAGER,
                grid.pk,
                appraisal_id,
                today - datetime.timedelta(days=5),
                planned_on=today + datetime.timedelta(days=14),
                individual_reflection=REFLECTIONS[3],
                preparation_notes=PREPARATION[0],
            )
        )
    others = [e for e in employments if e.person_id != getattr(staff, "person_id", None)]
    chosen = sorted(rng.sample(others, min(OTHERS, len(others))), key=lambda e: e.pk)
    for index, emp in enumerate(chosen):
        status = STATUS_MIX[index % len(STATUS_MIX)]
        held_with, role = emp.line_manager.person_id, CareerConversation.HeldWithRole.LINE_MANAGER
        if held_with == emp.person_id:
            # A second job managed by one's own first: not a conversation to show.
            continue
        if rng.random() < 0.12:
            # Some choose a coach: another manager of the two trusts.
            candidates = [m for m in managers if m not in (emp.person_id, held_with)]
            if candidates:
                held_with, role = rng.choice(candidates), CareerConversation.HeldWithRole.COACH
        values: dict = {"individual_reflection": rng.choice(REFLECTIONS)}
        if status == Status.RECORDED:
            held_on = today - datetime.timedelta(days=rng.randint(20, 330))
            values |= _agreed(rng, held_on, recorded=True)
        elif status == Status.HELD:
            held_on = today - datetime.timedelta(days=rng.randint(1, 20))
            values |= _agreed(rng, held_on, recorded=False)
        elif status == Status.PREPARING:
            held_on = today - datetime.timedelta(days=rng.randint(1, 20))
            values["planned_on"] = today + datetime.timedelta(days=rng.randint(5, 60))
            if rng.random() < 0.5:
                values["preparation_notes"] = rng.choice(PREPARATION)
        else:
            held_on = today - datetime.timedelta(days=rng.randint(30, 200))
            values |= {"status": Status.CANCELLED, "planned_on": held_on}
        created_on = min(held_on, today) - datetime.timedelta(days=rng.randint(7, 30))
        rows.append(
            _row(
                emp,
                held_with,
                role,
                grid.pk,
                aspirations.get(emp.person_id),
                created_on,
                **values,
            )
        )

    with transaction.atomic():
        ids = bulk_insert(CareerConversation, rows, returning=True)
        items = []
        for conversation_id, row in zip(ids, rows, strict=True):
            items.extend(_items(rng, conversation_id, row, programmes, steps, today))
        if staff is not None:
            # Sam's recorded conversation has a plan under way: one step of each status.
            sam = ids[0]
            items = [i for i in items if i["conversation_id"] != sam]
            for order, (category, status) in enumerate(
                [
                    ("stretch", ItemStatus.IN_PROGRESS),
                    ("depth", ItemStatus.DONE),
                    ("breadth", ItemStatus.PLANNED),
                ],
                start=1,
            ):
                items.append(
                    {
                        "conversation_id": sam,
                        "description": ITEMS[category],
                        "category": category,
                        "programme_id": programmes[0] if programmes and order == 1 else None,
                        "pathway_step_id": steps[0] if steps and category == "stretch" else None,
                        "due_on": today + datetime.timedelta(days=60 * order),
                        "status": status,
                        "sort_order": order,
                    }
                )
        bulk_insert(AspirationalPlanItem, items)
        counts = {"conversations": len(ids), "plan_items": len(items)}
        audit_record(
            actor=actor,
            action="talent_conversations_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    return counts
