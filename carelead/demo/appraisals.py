"""The appraisals demo: organisational priorities, a closed 2025/26 staff cycle of completed
appraisals, an open 2026/27 staff cycle with appraisals in every status (and exceptions for
the people lead), 360 feedback, and a board cycle at Leeds Teaching Hospitals (RR8).

Runs after the people and learning seeds (``demo.services.demo_seed``) and reads the demo
organisations, people and programmes from the database. Like those seeds it writes
set-based and outside the services: these are thousands of synthetic rows, so one summary
audit event is written instead of one per row. Every appraisal's history is a legal walk
through ``appraisals.workflow.TRANSITIONS``, each step taken by someone the table allows.

Deterministic (a seeded random generator walking the people in person-number order; dates
relative to ``today``) and idempotent: the appraisal rows hanging off the demo organisations
and people are cleared and written again.
"""

import datetime
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from carelead.accounts.models import User
from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalEvidence,
    AppraisalTransition,
    BehaviourAssessment,
    Cycle,
    CycleException,
    DevelopmentItem,
    Evidence,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    Objective,
    OrganisationalPriority,
    Relationship,
    Reminder,
    Template,
)
from carelead.appraisals.services.feedback import token_hash
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.learning.models import Programme
from carelead.organisations.models import Organisation
from carelead.people.models import Employment
from carelead.standards.models import FrameworkVersion, Item, RatingScale, Stage, StageMapping

S = Appraisal.Status
BoardRole = Appraisal.BoardRole

#: Trusts with a 2026/27 staff cycle; the first also has last year's and the board cycle.
STAFF_TRUSTS = ("RR8", "RXF", "RAE")
BOARD_TRUST = "RR8"
#: Jobs appraised in the board cycle, not the staff one.
BOARD_TITLES = ("Chair", "Chief executive", "Non-executive director")
#: The outside rater's one-time link, printed by the seed so a demo can open it. Only its
#: hash is stored, as for any invitation.
DEMO_FEEDBACK_TOKEN = "demo-outside-rater-2026"

#: The actions that lead to each status (variants below add a loop back).
PATHS = {
    S.NOT_STARTED: [],
    S.PREPARING: ["start"],
    S.READY_TO_DISCUSS: ["start", "ready"],
    S.DISCUSSED: ["start", "ready", "record_discussion"],
    S.AWAITING_SIGN_OFF: ["start", "ready", "record_discussion", "send_for_sign_off"],
    S.COMPLETED: ["start", "ready", "record_discussion", "send_for_sign_off", "sign_off"],
    S.CANCELLED: ["start", "cancel"],
}
#: Some appraisals went round a loop on the way (the table allows these).
LOOPS = {
    S.READY_TO_DISCUSS: ["start", "ready", "back_to_preparing", "ready"],
    S.COMPLETED: [
        "start",
        "ready",
        "record_discussion",
        "send_for_sign_off",
        "return_to_appraiser",
        "send_for_sign_off",
        "sign_off",
    ],
    S.CANCELLED: ["cancel"],
}
#: Who takes each action in the demo; every one is allowed by TRANSITIONS.
ACTION_ACTOR = {
    "start": workflow.APPRAISEE,
    "ready": workflow.APPRAISEE,
    "back_to_preparing": workflow.APPRAISER,
    "record_discussion": workflow.APPRAISER,
    "send_for_sign_off": workflow.APPRAISER,
    "sign_off": workflow.APPRAISEE,
    "return_to_appraiser": workflow.APPRAISEE,
    "cancel": workflow.PEOPLE_LEAD,
}
REASONS = {
    "back_to_preparing": "Please add evidence for the behaviours before we meet.",
    "return_to_appraiser": "The summary misses the service move we agreed to mention.",
    "cancel": "On long-term leave for the rest of the cycle.",
}
#: The open cycle's mix of statuses (after the personas' own).
STATUS_WEIGHTS = {
    S.NOT_STARTED: 16,
    S.PREPARING: 20,
    S.READY_TO_DISCUSS: 12,
    S.DISCUSSED: 10,
    S.AWAITING_SIGN_OFF: 8,
    S.COMPLETED: 31,
    S.CANCELLED: 3,
}
#: The line manager persona's reports other than the staff member, in this order.
TEAM_STATUSES = [
    S.READY_TO_DISCUSS,
    S.DISCUSSED,
    S.AWAITING_SIGN_OFF,
    S.COMPLETED,
    S.NOT_STARTED,
]
PRIORITIES = [
    ("Shorter waits for planned care", "Bring waits for first appointments under 18 weeks."),
    ("A workplace where everyone belongs", "Close the gaps in the staff survey by ethnicity."),
    ("Care closer to home", "Work with social care partners to get people home sooner."),
]
REFLECTIONS = [
    "A busy year: we moved the service to a new building and kept waits down.",
    "I took on the rota and learned a lot about planning for peaks in demand.",
    "I supported two new starters through their induction and enjoyed it.",
    "I found the winter hard but the team pulled together well.",
]
OBJECTIVES = [
    (
        "Reduce missed appointments",
        "Introduce text reminders for the clinic.",
        "Missed appointments below 5% by the end of the year.",
        "Missed appointments waste clinic time that others are waiting for.",
    ),
    (
        "Improve handovers",
        "Use the structured handover tool on every shift.",
        "Audit of 20 handovers a quarter shows the tool used in 90%.",
        "Safer care when information moves between shifts.",
    ),
    (
        "Grow as a leader",
        "Lead one improvement project with the team.",
        "Project finished and shared at the service meeting.",
        "Builds the skills for the next step in my career.",
    ),
]
EDI_OBJECTIVE = (
    "Inclusive recruitment",
    "Make sure every interview panel I chair is diverse and uses the same questions.",
    "All panels I chair meet the trust's inclusive recruitment standard.",
    "Fair recruitment builds a workforce that reflects the people we serve.",
)
SUMMARIES = [
    "A strong year. We agreed to focus on leading change and on the rota next year.",
    "Good progress on the objectives; more time for development is needed next year.",
    "Consistently meets the behaviours expected; ready for more responsibility.",
]
WELLBEING_NOTES = [
    "Talked about workload on nights; agreed a later start on Mondays.",
    "Caring responsibilities at home; agreed to look at flexible working.",
]
FEEDBACK_COMMENTS = {
    FeedbackComment.Kind.STRENGTHS: [
        "Always calm and clear when the ward is under pressure.",
        "Listens well and makes sure everyone is heard in meetings.",
        "Generous with time for new starters.",
    ],
    FeedbackComment.Kind.DEVELOPMENT: [
        "Could delegate more instead of taking everything on.",
        "Share decisions with the wider team sooner.",
    ],
}


@dataclass
class _Job:
    employment_id: int
    person_id: int
    organisation_id: int
    job_title: str
    level: int | None
    pay_band_id: str | None
    manager_employment_id: int | None
    start_date: datetime.date
    person_number: str
    name: str


@dataclass
class _Rows:
    appraisals: list[dict] = field(default_factory=list)
    #: Per appraisal (same index): its transition rows, without appraisal_id.
    steps: list[list[dict]] = field(default_factory=list)
    #: Per appraisal: the stage rank and the items it assesses.
    meta: list[dict] = field(default_factory=list)
    exceptions: list[dict] = field(default_factory=list)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _year_start(today: datetime.date) -> datetime.date:
    return datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def _year_label(start: datetime.date) -> str:
    return f"{start.year}/{str(start.year + 1)[2:]}"


# ---------------------------------------------------------------------------------------------
# Clearing the previous run
# ---------------------------------------------------------------------------------------------


def appraisals_demo_clear() -> None:
    """Remove the appraisal rows of the demo organisations and demo people. The people seed
    must call this before it removes demo people: appraisals, evidence and feedback
    invitations protect a person."""
    with transaction.atomic():
        _clear()


def _clear() -> None:
    demo = Q(person__person_number__regex=cat.PERSON_NUMBER_REGEX)
    cycles = Cycle.objects.filter(organisation__ods_code__in=STAFF_TRUSTS)
    appraisals = Appraisal.objects.filter(
        demo
        | Q(cycle__in=cycles)
        | Q(appraiser__person_number__regex=cat.PERSON_NUMBER_REGEX)
        | Q(feedback_request__invitations__rater__person_number__regex=cat.PERSON_NUMBER_REGEX)
    )
    ids = list(appraisals.values_list("id", flat=True).distinct())
    cycle_ids = set(cycles.values_list("id", flat=True)) | set(
        Appraisal.objects.filter(id__in=ids).values_list("cycle_id", flat=True)
    )
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        requests = FeedbackRequest.objects.filter(appraisal_id__in=batch)
        FeedbackRating.objects.filter(response__request__in=requests).delete()
        FeedbackResponse.objects.filter(request__in=requests).delete()
        FeedbackComment.objects.filter(request__in=requests).delete()
        FeedbackInvitation.objects.filter(request__in=requests).delete()
        requests.delete()
        Reminder.objects.filter(appraisal_id__in=batch).delete()
        AppraisalEvidence.objects.filter(appraisal_id__in=batch).delete()
        BehaviourAssessment.objects.filter(appraisal_id__in=batch).delete()
        # Carried-forward links point across appraisals: cut them before deleting any.
        Objective.objects.filter(carried_from__appraisal_id__in=batch).update(carried_from=None)
        DevelopmentItem.objects.filter(carried_from__appraisal_id__in=batch).update(
            carried_from=None
        )
        Objective.objects.filter(appraisal_id__in=batch).delete()
        DevelopmentItem.objects.filter(appraisal_id__in=batch).delete()
        AppraisalTransition.objects.filter(appraisal_id__in=batch).delete()
        Appraisal.objects.filter(id__in=batch).delete()
    FeedbackInvitation.objects.filter(rater__person_number__regex=cat.PERSON_NUMBER_REGEX).delete()
    CycleException.objects.filter(Q(cycle_id__in=cycle_ids) | demo).delete()
    # Cycles that still hold other appraisals (none in a demo) are left alone.
    Cycle.objects.filter(id__in=cycle_ids, appraisals__isnull=True).delete()
    OrganisationalPriority.objects.filter(
        organisation__ods_code__in=STAFF_TRUSTS, objectives__isnull=True
    ).delete()
    AppraisalEvidence.objects.filter(
        evidence__person__person_number__regex=cat.PERSON_NUMBER_REGEX
    ).delete()
    Evidence.objects.filter(demo).delete()


# ---------------------------------------------------------------------------------------------
# Reference rows: templates, versions, stages, items, scales, programmes
# ---------------------------------------------------------------------------------------------


@dataclass
class _Framework:
    version: FrameworkVersion
    #: stage id -> rank
    ranks: dict[int, int]
    items: list[int]
    #: Competencies, for development plans.
    competencies: list[int]
    #: Scale levels that are scores, lowest first.
    levels: list[tuple[int, int]]
    #: (management level) -> stage id; board stage for the board framework.
    by_level: dict[int | None, int] = field(default_factory=dict)
    board_stage: int | None = None


def _templates(actor) -> dict[str, Template]:
    try:
        from carelead.appraisals.services.cycles import appraisal_templates_load
    except ImportError:  # the cycles area is not there yet: use whatever templates exist
        appraisal_templates_load = None
    if appraisal_templates_load is not None:
        appraisal_templates_load(actor=actor)
    templates = {t.kind: t for t in Template.objects.select_related("framework")}
    if Template.Kind.STAFF not in templates:
        raise RuntimeError("No staff appraisal template: run load_appraisal_templates first.")
    return templates


def _framework(template: Template, *, board: bool) -> _Framework | None:
    version = (
        FrameworkVersion.objects.filter(
            framework=template.framework, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-published_on", "-pk")
        .first()
    )
    if version is None:
        return None
    stages = dict(Stage.objects.filter(version=version).values_list("id", "rank"))
    if not stages:
        return None
    kinds = (Item.Kind.DOMAIN,) if board else (Item.Kind.PRINCIPLE, Item.Kind.COMPETENCY)
    items = list(
        Item.objects.filter(version=version, kind__in=kinds)
        .order_by("sort_order", "code")
        .values_list("id", flat=True)
    )
    if board and not items:
        items = list(
            Item.objects.filter(
                version=version, kind__in=(Item.Kind.PRINCIPLE, Item.Kind.COMPETENCY)
            ).values_list("id", flat=True)
        )
    competencies = list(
        Item.objects.filter(version=version, kind__in=(Item.Kind.COMPETENCY, Item.Kind.DOMAIN))
        .order_by("sort_order", "code")
        .values_list("id", flat=True)
    )
    scale = RatingScale.objects.filter(version=version).order_by("-is_default", "code").first()
    levels = []
    if scale is not None:
        levels = sorted(
            (value, pk) for pk, value in scale.levels.exclude(value=None).values_list("id", "value")
        )
    found = _Framework(version, stages, items, competencies, levels)
    for mapping in StageMapping.objects.filter(version=version, pay_band__isnull=True):
        if mapping.is_board:
            found.board_stage = mapping.stage_id
        else:
            found.by_level.setdefault(mapping.management_level, mapping.stage_id)
    top = max(stages, key=stages.get)
    found.board_stage = found.board_stage or top
    return found


def _stage_for(framework: _Framework, level: int | None) -> int:
    if level in framework.by_level:
        return framework.by_level[level]
    # A level the version does not map: the nearest stage below, or the lowest.
    ranked = sorted(framework.ranks, key=framework.ranks.get)
    lower = [lvl for lvl in framework.by_level if lvl is not None and level and lvl <= level]
    return framework.by_level[max(lower)] if lower else ranked[0]


# ---------------------------------------------------------------------------------------------
# Reading the demo people
# ---------------------------------------------------------------------------------------------


def _jobs(organisation_ids: list[int], today: datetime.date) -> list[_Job]:
    rows = (
        Employment.objects.filter(organisation_id__in=organisation_ids, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(person__person_number__regex=cat.PERSON_NUMBER_REGEX)
        .order_by("person__person_number", "pk")
        .values_list(
            "id",
            "person_id",
            "organisation_id",
            "job_title",
            "management_level",
            "pay_band_id",
            "line_manager_id",
            "start_date",
            "person__person_number",
            "person__given_name",
            "person__family_name",
        )
    )
    return [_Job(*row[:9], name=f"{row[9]} {row[10]}") for row in rows]


# ---------------------------------------------------------------------------------------------
# One appraisal and its history
# ---------------------------------------------------------------------------------------------


@dataclass
class _Context:
    today: datetime.date
    rng: random.Random
    users: dict[int, int]
    names: dict[int, str]
    #: organisation id -> (people lead user id or None, label)
    people_leads: dict[int, tuple[int | None, str]]


def _path(status: str, rng: random.Random, *, loops: bool = True) -> list[str]:
    if loops and status in LOOPS and rng.random() < 0.15:
        return LOOPS[status]
    return PATHS[status]


def _steps(ctx: _Context, cycle: dict, job: _Job, appraiser_id, actions, end) -> list[dict]:
    """The transition rows for ``actions``, from the cycle's opening to ``end``, each taken
    by someone TRANSITIONS allows."""
    lead_user, lead_label = ctx.people_leads[cycle["organisation_id"]]
    opened = _at(cycle["opens_on"], 9)
    rows = [
        {
            "action": workflow.CREATE,
            "from_status": "",
            "to_status": S.NOT_STARTED,
            "actor_id": lead_user,
            "actor_label": lead_label,
            "reason": "",
            "occurred_at": opened,
        }
    ]
    span = max((end - cycle["opens_on"]).days, len(actions) + 1)
    days = sorted(ctx.rng.randint(1, span) for _ in actions)
    status = S.NOT_STARTED
    for index, (action, day) in enumerate(zip(actions, days, strict=True)):
        step = workflow.TRANSITIONS[(status, action)]
        who = ACTION_ACTOR[action]
        if who == workflow.APPRAISEE:
            person = job.person_id
        elif who == workflow.APPRAISER:
            person = appraiser_id
        else:
            person = None
        if person is None:
            actor_id, label = lead_user, lead_label
        else:
            actor_id, label = ctx.users.get(person), ctx.names.get(person, "")
        rows.append(
            {
                "action": action,
                "from_status": status,
                "to_status": step.to,
                "actor_id": actor_id,
                "actor_label": label,
                "reason": REASONS.get(action, "") if step.needs_reason else "",
                "occurred_at": _at(cycle["opens_on"] + datetime.timedelta(days=day), 9 + index),
            }
        )
        status = step.to
    return rows


def _appraisal(ctx: _Context, rows: _Rows, cycle: dict, job: _Job, **values) -> int:
    """Add an appraisal in ``values["status"]`` with its history and return its index."""
    status = values.pop("status")
    actions = values.pop("actions", None)
    if actions is None:
        actions = _path(status, ctx.rng)
    appraiser_id = values.get("appraiser_id")
    end = min(values.pop("end", None) or ctx.today, ctx.today, cycle["closes_on"])
    steps = _steps(ctx, cycle, job, appraiser_id, actions, end)
    at = {row["action"]: row["occurred_at"] for row in steps}  # the last time of each
    rng = ctx.rng
    discussed = "record_discussion" in at and status != S.CANCELLED
    row = {
        "cycle_id": cycle["id"],
        "person_id": job.person_id,
        "employment_id": job.employment_id,
        "organisation_id": cycle["organisation_id"],
        "appraiser_id": None,
        "delegated_by_id": None,
        "delegation_reason": "",
        "board_role": "",
        "stage_id": None,
        "status": status,
        "reflection": rng.choice(REFLECTIONS) if "start" in at else "",
        "wellbeing_offered_on": None,
        "wellbeing_held_on": None,
        "wellbeing_note": "",
        "career_aspiration": "",
        "career_aspiration_note": "",
        "summary": rng.choice(SUMMARIES) if discussed else "",
        "appraisee_comment": "",
        "appraiser_signed_at": None,
        "appraisee_signed_at": None,
        "completed_on": None,
        "share_with_new_manager": False,
        "submission_due_on": None,
        "submitted_to_region_at": None,
        "submitted_by_id": None,
        "version": len(steps),
    }
    if discussed:
        held = at["record_discussion"].date()
        row["wellbeing_offered_on"] = held - datetime.timedelta(days=rng.randint(7, 21))
        if rng.random() < 0.6:
            row["wellbeing_held_on"] = held
            if rng.random() < 0.3:
                row["wellbeing_note"] = rng.choice(WELLBEING_NOTES)
        row["career_aspiration"] = rng.choice(
            [Appraisal.Aspiration.DEPTH, Appraisal.Aspiration.BREADTH, Appraisal.Aspiration.STRETCH]
        )
    if status in (S.AWAITING_SIGN_OFF, S.COMPLETED):
        row["appraiser_signed_at"] = at["send_for_sign_off"]
    if status == S.COMPLETED:
        row["appraisee_signed_at"] = at["sign_off"]
        row["completed_on"] = at["sign_off"].date()
        row["appraisee_comment"] = "I agree with the summary." if rng.random() < 0.5 else ""
        row["share_with_new_manager"] = rng.random() < 0.7
    row.update(values)
    rows.appraisals.append(row)
    rows.steps.append(steps)
    rows.meta.append({"actions": set(at), "level": job.level})
    return len(rows.appraisals) - 1


def _weighted_status(rng: random.Random) -> str:
    return rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]


# ---------------------------------------------------------------------------------------------
# The parts: behaviours, objectives, development plans
# ---------------------------------------------------------------------------------------------


def _rating_pool(levels: list[tuple[int, int]]) -> list[int | None]:
    """Level ids to draw ratings from: mostly the middle and upper levels, as real ratings
    cluster (drawn tens of thousands of times, so a plain list to index)."""
    if not levels:
        return [None]
    middle = len(levels) // 2
    return [levels[min(len(levels) - 1, max(0, middle + step))][1] for step in (-1, 0, 0, 1)]


def _parts(ctx, rows: _Rows, ids: list[int], frameworks: dict, plan: dict) -> dict:
    """Behaviour assessments, objectives and development items for every appraisal that was
    started (its behaviours are filled in on start), as far as its status has got."""
    rng = ctx.rng
    behaviours, objectives, items = [], [], []
    for index, appraisal_id in enumerate(ids):
        row, meta = rows.appraisals[index], rows.meta[index]
        actions = meta["actions"]
        if "start" not in actions:
            continue
        framework = frameworks[meta["framework"]]
        self_all = "ready" in actions
        agreed = "record_discussion" in actions and row["status"] != S.CANCELLED
        pool = _rating_pool(framework.levels)
        draw = rng.random
        size = len(pool)
        for position, item_id in enumerate(framework.items):
            self_rated = self_all or position < len(framework.items) // 3
            appraiser = pool[int(draw() * size)] if agreed else None
            behaviours.append(
                {
                    "appraisal_id": appraisal_id,
                    "item_id": item_id,
                    "self_rating_id": pool[int(draw() * size)] if self_rated else None,
                    "self_evidence": (
                        "Led the team through the move; see my evidence."
                        if self_rated and position < 2
                        else ""
                    ),
                    "appraiser_rating_id": appraiser,
                    "appraiser_comment": (
                        "Seen consistently this year." if agreed and position < 2 else ""
                    ),
                    "agreed_rating_id": appraiser,
                }
            )
        closed = meta.get("closed", False)
        old = plan["carried"].get(row["person_id"])
        chosen = rng.sample(OBJECTIVES, 2)
        if old is not None:
            # Started: last year's unfinished objective was carried forward (the prefill).
            old_id, old_row = old
            chosen = [
                (
                    old_row["title"],
                    old_row["description"],
                    old_row["measure"],
                    old_row["relevance"],
                    old_id,
                )
            ] + chosen[:1]
        chosen = [c if len(c) == 5 else (*c, None) for c in chosen]
        needs_edi = meta["board"] or (meta["level"] or 0) >= 1
        if needs_edi:
            chosen.append((*EDI_OBJECTIVE, None))
        priorities = plan["priorities"].get(row["organisation_id"], [])
        due = meta["closes_on"]
        for order, (title, what, measure, why, carried_from) in enumerate(chosen):
            if closed and order == 1:
                progress = Objective.Progress.CARRIED_FORWARD
            elif closed:
                progress = rng.choice(
                    [Objective.Progress.ACHIEVED] * 3 + [Objective.Progress.NOT_ACHIEVED]
                )
            elif agreed:
                progress = rng.choice(
                    [Objective.Progress.ON_TRACK] * 3 + [Objective.Progress.AT_RISK]
                )
            else:
                progress = Objective.Progress.NOT_STARTED
            objectives.append(
                {
                    "appraisal_id": appraisal_id,
                    "title": title,
                    "description": what,
                    "measure": measure,
                    "relevance": why,
                    "due_on": due,
                    "priority_id": priorities[order % len(priorities)] if priorities else None,
                    "is_edi": (title, what, measure, why) == EDI_OBJECTIVE,
                    "progress": progress,
                    "progress_note": "",
                    "carried_from_id": carried_from,
                    "sort_order": order,
                }
            )
        rank = framework.ranks.get(row["stage_id"], 0)
        programme = plan["programmes"].get(4 if meta["board"] else rank)
        competencies = framework.competencies
        items.append(
            {
                "appraisal_id": appraisal_id,
                "description": "Take the development bundle for my stage with two colleagues.",
                "item_id": competencies[index % len(competencies)] if competencies else None,
                "programme_id": programme,
                "status": (
                    DevelopmentItem.Status.DONE
                    if closed
                    else DevelopmentItem.Status.IN_PROGRESS
                    if agreed
                    else DevelopmentItem.Status.PLANNED
                ),
                "due_on": due,
                "carried_from_id": None,
                "sort_order": 0,
            }
        )
    bulk_insert(BehaviourAssessment, behaviours)
    objective_ids = bulk_insert(Objective, objectives, returning=True)
    bulk_insert(DevelopmentItem, items)
    # Last year's second objective (not achieved first time round) is what this year's
    # first carries forward; remember it per person for the next cycle.
    carried = {}
    for objective_id, objective in zip(objective_ids, objectives, strict=True):
        if objective["progress"] == Objective.Progress.CARRIED_FORWARD:
            carried[objective["appraisal_id"]] = (objective_id, objective)
    return {
        "behaviours": len(behaviours),
        "objectives": len(objectives),
        "items": len(items),
        "carry": carried,
    }


# ---------------------------------------------------------------------------------------------
# 360 feedback
# ---------------------------------------------------------------------------------------------


def _random_key(rng: random.Random) -> str:
    """A deterministic random UUID as hex, which both SQLite (char(32)) and PostgreSQL
    (uuid) take as it is."""
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _feedback(ctx, requests: list[dict], frameworks: dict) -> dict:
    """Each request: appraisal id, framework key, status, min group size, closes on, and
    its raters as (relationship, person id or None, name, email, responded, token)."""
    rng = ctx.rng
    request_ids = bulk_insert(
        FeedbackRequest,
        [
            {
                "appraisal_id": r["appraisal_id"],
                "status": r["status"],
                "closes_on": r["closes_on"],
                "min_group_size": r["min_group_size"],
            }
            for r in requests
        ],
        returning=True,
    )
    invitations, responses, ratings, comments = [], [], [], []
    for request_id, r in zip(request_ids, requests, strict=True):
        framework = frameworks[r["framework"]]
        for number, (relationship, person, name, email, responded, token) in enumerate(r["raters"]):
            token = token or f"demo-{request_id}-{number}-{rng.getrandbits(64):x}"
            invitations.append(
                {
                    "request_id": request_id,
                    "relationship": relationship,
                    "rater_id": person,
                    "name": name,
                    "email": email,
                    "token_hash": token_hash(token),
                    "status": (
                        FeedbackInvitation.Status.RESPONDED
                        if responded
                        else FeedbackInvitation.Status.INVITED
                    ),
                    "invited_on": r["invited_on"],
                    "reminded_on": None,
                    "responded_on": (
                        r["invited_on"] + datetime.timedelta(days=rng.randint(1, 10))
                        if responded
                        else None
                    ),
                }
            )
            if not responded:
                continue
            response_id = _random_key(rng)
            responses.append(
                {"id": response_id, "request_id": request_id, "relationship": relationship}
            )
            for item_id in framework.items:
                ratings.append(
                    {
                        "id": _random_key(rng),
                        "response_id": response_id,
                        "item_id": item_id,
                        "value": (
                            None
                            if rng.random() < 0.08 or not framework.levels
                            else rng.choice(framework.levels[1:] or framework.levels)[0]
                        ),
                    }
                )
        for kind, texts in FEEDBACK_COMMENTS.items():
            comments += [
                {"id": _random_key(rng), "request_id": request_id, "kind": kind, "text": t}
                for t in texts
            ]
    bulk_insert(FeedbackInvitation, invitations)
    bulk_insert(FeedbackResponse, responses)
    bulk_insert(FeedbackRating, ratings)
    bulk_insert(FeedbackComment, comments)
    return {
        "feedback_requests": len(request_ids),
        "feedback_invitations": len(invitations),
        "feedback_responses": len(responses),
    }


def _raters(ctx, jobs_by_person, pool: list[_Job], groups: dict, seen: set) -> list[tuple]:
    """Raters drawn from ``pool`` for each relationship: (count invited, count responded)."""
    raters = []
    candidates = [j for j in pool if j.person_id not in seen]
    for relationship, (invited, responded) in groups.items():
        for number in range(invited):
            if not candidates:
                break
            job = candidates.pop(0)
            seen.add(job.person_id)
            raters.append(
                (
                    relationship,
                    job.person_id,
                    job.name,
                    f"rater.{job.person_number}@example.com",
                    number < responded,
                    None,
                )
            )
    return raters


# ---------------------------------------------------------------------------------------------
# The whole seed
# ---------------------------------------------------------------------------------------------


def appraisals_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Seed the appraisals demo on top of the people and learning demos; returns counts of
    what it wrote, and the outside rater's demo link.

    Deterministic for a given ``today`` (the demo's reference date by default), idempotent
    and all or nothing. Raises RuntimeError when the templates or frameworks are missing
    and Organisation.DoesNotExist when the people demo has not been seeded.
    """
    started = time.perf_counter()
    today = today or cat.REFERENCE_DATE
    rng = random.Random(f"carelead-appraisals-demo-{today.isoformat()}")
    templates = _templates(actor)
    staff_framework = _framework(templates[Template.Kind.STAFF], board=False)
    if staff_framework is None:
        raise RuntimeError("The staff template's framework has no published version.")
    board_framework = None
    if Template.Kind.BOARD in templates:
        board_framework = _framework(templates[Template.Kind.BOARD], board=True)
    frameworks = {"staff": staff_framework, "board": board_framework}
    this_year = _year_start(today)
    last_year = this_year.replace(year=this_year.year - 1)
    with transaction.atomic():
        _clear()
        orgs = {o.ods_code: o for o in Organisation.objects.filter(ods_code__in=STAFF_TRUSTS)}
        region = Organisation.objects.get(ods_code=cat.REGION_CODE)
        board_org = orgs[BOARD_TRUST]
        jobs = _jobs([o.pk for o in orgs.values()], today)
        by_employment = {j.employment_id: j for j in jobs}
        persona = dict(
            User.objects.filter(person__isnull=False).values_list("username", "person_id")
        )
        users = dict(User.objects.filter(person__isnull=False).values_list("person_id", "id"))
        names = {j.person_id: j.name for j in jobs}
        people_lead_user = (
            User.objects.filter(username="people_lead").values_list("id", flat=True).first()
        )
        people_leads = {o.pk: (None, f"People team, {o.name}") for o in orgs.values()}
        if people_lead_user and persona.get("people_lead") in names:
            people_leads[board_org.pk] = (people_lead_user, names[persona["people_lead"]])
        ctx = _Context(today, rng, users, names, people_leads)

        priorities = _priorities(orgs)
        programmes = dict(
            Programme.objects.filter(
                code__in=["bundle-fundamental"] + [f"bundle-stage-{n}" for n in range(1, 5)]
            ).values_list("stage__rank", "id")
        )

        board_people = _board_people(jobs, board_org.pk, persona)
        board_ids = {j.person_id for j in board_people.values() if isinstance(j, _Job)}
        board_ids |= {j.person_id for j in board_people["neds"] + board_people["executives"]}
        board_ids |= {
            j.person_id
            for j in jobs
            if j.organisation_id == board_org.pk
            and (j.job_title in BOARD_TITLES or j.manager_employment_id is None)
        }
        staff_jobs = [
            j
            for j in jobs
            if j.person_id not in board_ids
            and j.job_title not in BOARD_TITLES
            and j.manager_employment_id is not None
        ]

        # Cycles: few rows, written one by one.
        cycles = {}
        for code, organisation in orgs.items():
            cycles[(code, "open")] = _cycle(
                organisation,
                templates[Template.Kind.STAFF],
                staff_framework,
                this_year,
                today,
                Cycle.Status.OPEN,
                people_lead_user if code == BOARD_TRUST else None,
            )
        cycles[(BOARD_TRUST, "closed")] = _cycle(
            board_org,
            templates[Template.Kind.STAFF],
            staff_framework,
            last_year,
            today,
            Cycle.Status.CLOSED,
            people_lead_user,
        )

        counts = defaultdict(int)
        carried: dict[int, int] = {}
        # Last year first, so this year's objectives can carry last year's forward.
        rows = _Rows()
        closed = cycles[(BOARD_TRUST, "closed")]
        for job in staff_jobs:
            if job.organisation_id != board_org.pk or job.start_date >= last_year:
                continue
            manager = by_employment.get(job.manager_employment_id)
            status = S.COMPLETED if rng.random() < 0.94 else S.CANCELLED
            index = _appraisal(
                ctx,
                rows,
                closed,
                job,
                status=status,
                actions=PATHS[status] if status == S.COMPLETED else ["start", "cancel"],
                appraiser_id=manager.person_id if manager else None,
                stage_id=_stage_for(staff_framework, job.level),
            )
            if job.person_id == persona.get("staff"):
                rows.appraisals[index]["share_with_new_manager"] = True
            rows.meta[index].update(
                framework="staff", board=False, closed=True, closes_on=closed["closes_on"]
            )
        last = _write(rows, counts)
        parts = _parts(
            ctx,
            rows,
            last,
            frameworks,
            {"priorities": priorities, "programmes": programmes, "carried": {}},
        )
        _count_parts(counts, parts)
        person_of = {
            aid: row["person_id"]
            for aid, row in zip(last, rows.appraisals, strict=True)
            if row["status"] == S.COMPLETED
        }
        carried = {person_of[aid]: old for aid, old in parts["carry"].items() if aid in person_of}

        # This year: every status, the personas' own stories first.
        rows = _Rows()
        team = _team_statuses(staff_jobs, by_employment, persona)
        exceptions = _exception_people(staff_jobs, persona, team, board_org.pk, rng)
        forced = list(STATUS_WEIGHTS)
        appraised = set()
        for job in staff_jobs:
            cycle = cycles[(_code(orgs, job.organisation_id), "open")]
            ours = job.person_id in team or job.person_id in persona.values()
            if job.person_id in appraised or (job.start_date > this_year and not ours):
                continue  # one appraisal a person; joiners since the cycle opened wait
            appraised.add(job.person_id)
            if job.person_id in exceptions:
                rows.exceptions.append(
                    _exception(cycle, job, exceptions[job.person_id], by_employment, ctx)
                )
                continue
            if job.person_id == persona.get("staff"):
                status = S.PREPARING
            elif job.person_id in team:
                status = team[job.person_id]
            elif forced and job.organisation_id == board_org.pk:
                status = forced.pop(0)
            else:
                status = _weighted_status(rng)
            manager = by_employment.get(job.manager_employment_id)
            index = _appraisal(
                ctx,
                rows,
                cycle,
                job,
                status=status,
                actions=PATHS[status] if job.person_id in team else None,
                appraiser_id=manager.person_id if manager else None,
                stage_id=_stage_for(staff_framework, job.level),
            )
            rows.meta[index].update(framework="staff", board=False, closes_on=cycle["closes_on"])
        this = _write(rows, counts)
        bulk_insert(CycleException, rows.exceptions)
        counts["exceptions"] += len(rows.exceptions)
        parts = _parts(
            ctx,
            rows,
            this,
            frameworks,
            {"priorities": priorities, "programmes": programmes, "carried": carried},
        )
        _count_parts(counts, parts)
        appraisal_of = {
            row["person_id"]: aid for aid, row in zip(this, rows.appraisals, strict=True)
        }
        status_of = {row["person_id"]: row["status"] for row in rows.appraisals}

        # The board cycle.
        board_appraisals = {}
        if board_framework is not None and board_people["chair"] is not None:
            board_cycle = _cycle(
                board_org,
                templates[Template.Kind.BOARD],
                board_framework,
                this_year,
                today,
                Cycle.Status.OPEN,
                people_lead_user,
                board=True,
            )
            cycles[(BOARD_TRUST, "board")] = board_cycle
            board_appraisals = _board(
                ctx,
                board_cycle,
                board_people,
                board_framework,
                persona,
                people_lead_user,
                counts,
                frameworks,
                priorities,
                programmes,
            )

        # Evidence for the staff member, attached to this year's appraisal.
        _evidence(persona.get("staff"), appraisal_of.get(persona.get("staff")), today)

        # 360 feedback.
        requests = _feedback_plan(
            ctx,
            jobs,
            persona,
            appraisal_of,
            status_of,
            staff_jobs,
            board_people,
            board_appraisals,
            team,
            today,
        )
        counts.update(_feedback(ctx, requests, frameworks))

        counts["cycles"] = len(cycles)
        counts["priorities"] = sum(len(v) for v in priorities.values())
        result = dict(counts)
        audit_record(
            actor=actor,
            action="appraisals_demo_seeded",
            obj=region,
            after={**result, "today": today},
            organisation_id=region.pk,
        )
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["outside_rater_token"] = DEMO_FEEDBACK_TOKEN
    # After the clock stops: the first reverse() in a process imports every view.
    result["outside_rater_path"] = _respond_path(DEMO_FEEDBACK_TOKEN)
    return result


def _respond_path(token: str) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("appraisals:feedback_respond", kwargs={"token": token})
    except NoReverseMatch:
        return ""


def _code(orgs: dict, organisation_id: int) -> str:
    return next(code for code, o in orgs.items() if o.pk == organisation_id)


def _count_parts(counts, parts: dict) -> None:
    counts["behaviour_assessments"] += parts["behaviours"]
    counts["objectives"] += parts["objectives"]
    counts["development_items"] += parts["items"]


def _write(rows: _Rows, counts) -> list[int]:
    ids = bulk_insert(Appraisal, rows.appraisals, returning=True)
    bulk_insert(
        AppraisalTransition,
        [
            {**step, "appraisal_id": pk}
            for pk, steps in zip(ids, rows.steps, strict=True)
            for step in steps
        ],
    )
    counts["appraisals"] += len(ids)
    counts["transitions"] += sum(len(s) for s in rows.steps)
    for row in rows.appraisals:
        counts[f"status_{row['status']}"] += 1
    return ids


def _priorities(orgs: dict) -> dict[int, list[int]]:
    rows = [
        {
            "organisation_id": o.pk,
            "title": title,
            "description": description,
            "is_active": True,
            "sort_order": order,
        }
        for o in orgs.values()
        for order, (title, description) in enumerate(PRIORITIES)
    ]
    ids = bulk_insert(OrganisationalPriority, rows, returning=True)
    found = defaultdict(list)
    for pk, row in zip(ids, rows, strict=True):
        found[row["organisation_id"]].append(pk)
    return found


def _cycle(organisation, template, framework, opens, today, status, opener, *, board=False):
    closes = opens.replace(year=opens.year + 1) - datetime.timedelta(days=1)
    label = _year_label(opens)
    if board:
        preparation, discussion, sign_off = (
            opens.replace(month=5, day=15),
            opens.replace(month=6, day=15),
            opens.replace(month=6, day=25),
        )
    elif status == Cycle.Status.CLOSED:
        preparation, discussion, sign_off = (
            opens.replace(month=6, day=30),
            opens.replace(month=9, day=30),
            opens.replace(month=10, day=31),
        )
    else:
        # Deadlines around the demo's day, so some are past and some still to come.
        floor = opens + datetime.timedelta(days=30)
        preparation = max(floor, today - datetime.timedelta(days=30))
        discussion = max(preparation, min(closes, today + datetime.timedelta(days=30)))
        sign_off = max(discussion, min(closes, today + datetime.timedelta(days=60)))
    cycle = Cycle.objects.create(
        organisation=organisation,
        template=template,
        framework_version=framework.version,
        title=f"{'Board appraisals' if board else 'Appraisals'} {label}",
        status=status,
        opens_on=opens,
        closes_on=closes,
        preparation_due_on=preparation,
        discussion_due_on=discussion,
        sign_off_due_on=sign_off,
        feedback_min_group_size=template.feedback_min_group_size,
        opened_at=_at(opens, 9),
        opened_by_id=opener,
    )
    return {
        "id": cycle.pk,
        "organisation_id": organisation.pk,
        "opens_on": opens,
        "closes_on": closes,
        "min_group_size": cycle.feedback_min_group_size,
    }


def _team_statuses(staff_jobs, by_employment, persona) -> dict[int, str]:
    """The line manager persona's reports (other than the staff member): one per status,
    including one waiting for the manager to record the discussion."""
    manager = persona.get("line_manager")
    reports = [
        j
        for j in staff_jobs
        if (m := by_employment.get(j.manager_employment_id)) is not None
        and m.person_id == manager
        and j.person_id != persona.get("staff")
    ]
    return {j.person_id: status for j, status in zip(reports, TEAM_STATUSES, strict=False)}


def _exception_people(staff_jobs, persona, team, board_org_id, rng) -> dict[int, tuple]:
    reasons = [
        (CycleException.Reason.MANAGER_ON_LEAVE, "Their line manager is on maternity leave.", None),
        (CycleException.Reason.MANAGER_NOT_CURRENT, "Their line manager left in June.", None),
        (CycleException.Reason.NO_STAGE, "The role has no management level recorded.", None),
        (
            CycleException.Reason.OTHER,
            "On secondment to the ICB for the whole year.",
            CycleException.Resolution.EXCLUDED,
        ),
    ]
    chosen = [
        j
        for j in staff_jobs
        if j.organisation_id == board_org_id
        and j.person_id not in persona.values()
        and j.person_id not in team
        and not j.level
    ]
    picked = rng.sample(chosen, min(len(reasons), len(chosen)))
    return {j.person_id: reason for j, reason in zip(picked, reasons, strict=False)}


def _exception(cycle, job, reason, by_employment, ctx) -> dict:
    code, detail, resolution = reason
    lead_user, _ = ctx.people_leads[cycle["organisation_id"]]
    resolved = resolution is not None
    return {
        "cycle_id": cycle["id"],
        "employment_id": job.employment_id,
        "person_id": job.person_id,
        "reason": code,
        "detail": detail,
        "resolution": resolution or "",
        "resolution_note": "Not appraised here: the ICB appraises secondees." if resolved else "",
        "resolved_at": _at(cycle["opens_on"] + datetime.timedelta(days=20)) if resolved else None,
        "resolved_by_id": lead_user if resolved else None,
    }


def _board_people(jobs, organisation_id, persona) -> dict:
    """RR8's board in the demo: the board member persona chairs it (and appraises the chief
    executive and the NEDs), the chief executive appraises the executive directors."""
    here = [j for j in jobs if j.organisation_id == organisation_id]
    by_person = {j.person_id: j for j in here}
    chair = by_person.get(persona.get("board_member"))
    ceo = next((j for j in here if j.job_title == "Chief executive"), None)
    neds = [
        j
        for j in here
        if j.job_title == "Non-executive director"
        and chair is not None
        and j.person_id != chair.person_id
    ]
    # The persona NED last, so the others take the finished and waiting roles.
    neds.sort(key=lambda j: (j.person_id == persona.get("ned"), j.person_number))
    executives = []
    if ceo is not None:
        executives = [
            j
            for j in here
            if j.manager_employment_id == ceo.employment_id
            and j.level == 4
            and j.person_id not in persona.values()
        ][:3]
    return {"chair": chair, "ceo": ceo, "neds": neds, "executives": executives}


def _board(
    ctx, cycle, people, framework, persona, submitter, counts, frameworks, priorities, programmes
) -> dict[str, int]:
    """The board appraisals: the chair's (appraised by the senior independent director) and
    the chief executive's finished; one NED finished and submitted, one finished and waiting
    for the chair to submit (past due), the NED persona's in progress; executive directors
    in several statuses."""
    from carelead.appraisals.services.board import SUBMISSION_DUE

    rows = _Rows()
    chair, ceo, neds = people["chair"], people["ceo"], people["neds"]
    year = cycle["opens_on"].year

    def due(role):
        if role not in SUBMISSION_DUE:
            return None
        month, day = SUBMISSION_DUE[role]
        return datetime.date(year, month, day)

    def add(job, role, status, appraiser, key, **extra):
        if status == S.COMPLETED and "end" not in extra:
            extra["end"] = (due(role) or datetime.date(year, 6, 25)) - datetime.timedelta(days=5)
        index = _appraisal(
            ctx,
            rows,
            cycle,
            job,
            status=status,
            actions=PATHS[status],
            appraiser_id=appraiser.person_id if appraiser else None,
            board_role=role,
            stage_id=framework.board_stage,
            submission_due_on=due(role),
            **extra,
        )
        rows.meta[index].update(
            framework="board", board=True, closes_on=cycle["closes_on"], key=key
        )
        return index

    senior = next((n for n in neds if n.person_id != persona.get("ned")), None) or (
        neds[0] if neds else ceo
    )
    chair_index = add(
        chair,
        BoardRole.CHAIR,
        S.COMPLETED,
        senior,
        "chair",
        delegation_reason="Senior independent director, with the regional director's input.",
    )
    if ceo is not None:
        add(ceo, BoardRole.CHIEF_EXECUTIVE, S.COMPLETED, chair, "ceo")
    others = [n for n in neds if n.person_id != persona.get("ned")]
    for number, ned in enumerate(others):
        # The first is finished in good time; the others just before the deadline.
        end = datetime.date(year, 7, 31) if number == 0 else due(BoardRole.NED)
        add(ned, BoardRole.NED, S.COMPLETED, chair, f"ned-{number}", end=end)
    ned_persona = next((n for n in neds if n.person_id == persona.get("ned")), None)
    if ned_persona is not None:
        add(ned_persona, BoardRole.NED, S.PREPARING, chair, "ned")
    for executive, status in zip(
        people["executives"], [S.DISCUSSED, S.AWAITING_SIGN_OFF, S.NOT_STARTED], strict=False
    ):
        add(executive, BoardRole.EXECUTIVE_DIRECTOR, status, ceo, f"exec-{executive.person_id}")
    # The chair's went to the region in good time; the first other NED's too; the rest of
    # the finished NEDs' wait for the chair to submit them.
    for index, row in enumerate(rows.appraisals):
        key = rows.meta[index]["key"]
        if index == chair_index or key == "ned-0":
            submitted = min(
                row["completed_on"] + datetime.timedelta(days=3), row["submission_due_on"]
            )
            row["submitted_to_region_at"] = _at(max(submitted, row["completed_on"]), 15)
            row["submitted_by_id"] = submitter
    ids = _write(rows, counts)
    counts["board_appraisals"] = len(ids)
    parts = _parts(
        ctx,
        rows,
        ids,
        frameworks,
        {"priorities": priorities, "programmes": programmes, "carried": {}},
    )
    _count_parts(counts, parts)
    return {rows.meta[i]["key"]: pk for i, pk in enumerate(ids)}


def _evidence(person_id, appraisal_id, today) -> None:
    if person_id is None:
        return
    rows = [
        {
            "person_id": person_id,
            "title": "Thank-you card from a patient's family",
            "description": "For the care of their father over a long stay.",
            "url": "",
            "occurred_on": today - datetime.timedelta(days=120),
        },
        {
            "person_id": person_id,
            "title": "Falls audit I led",
            "description": "Falls on the ward fell by a third over six months.",
            "url": "https://example.com/falls-audit",
            "occurred_on": today - datetime.timedelta(days=200),
        },
    ]
    ids = bulk_insert(Evidence, rows, returning=True)
    if appraisal_id is not None:
        bulk_insert(
            AppraisalEvidence,
            [{"appraisal_id": appraisal_id, "evidence_id": ids[0], "item_id": None}],
        )


def _feedback_plan(
    ctx,
    jobs,
    persona,
    appraisal_of,
    status_of,
    staff_jobs,
    board_people,
    board_appraisals,
    team,
    today,
) -> list[dict]:
    """Three requests: the staff member's (open: the line manager and the outside rater
    still to answer, peers enough to show, one other below the threshold); one of the line
    manager's reports' (closed, direct reports below the threshold); the chief executive's
    board feedback (closed, every group shown)."""
    requests = []
    by_person = {j.person_id: j for j in jobs}
    staff = persona.get("staff")
    manager = persona.get("line_manager")
    if staff in appraisal_of and staff in by_person:
        job = by_person[staff]
        seen = {staff, manager}
        peers = [j for j in staff_jobs if j.organisation_id == job.organisation_id]
        raters = []
        if manager in by_person:
            raters.append(
                (
                    Relationship.LINE_MANAGER,
                    manager,
                    by_person[manager].name,
                    f"rater.{by_person[manager].person_number}@example.com",
                    False,
                    None,
                )
            )
        raters += _raters(
            ctx, by_person, peers, {Relationship.PEER: (4, 3), Relationship.OTHER: (1, 1)}, seen
        )
        raters.append(
            (
                Relationship.PARTNER,
                None,
                "Jo Bell",
                "jo.bell@example.org",
                False,
                DEMO_FEEDBACK_TOKEN,
            )
        )
        requests.append(
            {
                "appraisal_id": appraisal_of[staff],
                "framework": "staff",
                "status": FeedbackRequest.Status.OPEN,
                "closes_on": today + datetime.timedelta(days=21),
                "min_group_size": 3,
                "invited_on": today - datetime.timedelta(days=10),
                "raters": raters,
            }
        )
    report = next((p for p, s in team.items() if s == S.DISCUSSED and status_of.get(p) == s), None)
    if report is not None:
        job = by_person[report]
        seen = {report, manager, staff}
        pool = [j for j in staff_jobs if j.organisation_id == job.organisation_id]
        raters = [
            (
                Relationship.LINE_MANAGER,
                manager,
                by_person[manager].name,
                f"rater.{by_person[manager].person_number}@example.com",
                True,
                None,
            )
        ]
        raters += _raters(
            ctx,
            by_person,
            pool,
            {Relationship.PEER: (3, 3), Relationship.DIRECT_REPORT: (2, 2)},
            seen,
        )
        requests.append(
            {
                "appraisal_id": appraisal_of[report],
                "framework": "staff",
                "status": FeedbackRequest.Status.CLOSED,
                "closes_on": today - datetime.timedelta(days=20),
                "min_group_size": 3,
                "invited_on": today - datetime.timedelta(days=50),
                "raters": raters,
            }
        )
    ceo = board_people["ceo"]
    if "ceo" in board_appraisals and ceo is not None:
        seen = {ceo.person_id}
        neds = board_people["neds"] + ([board_people["chair"]] if board_people["chair"] else [])
        raters = _raters(ctx, by_person, neds, {Relationship.PEER: (len(neds), len(neds))}, seen)
        raters += _raters(
            ctx,
            by_person,
            board_people["executives"],
            {Relationship.DIRECT_REPORT: (3, 3)},
            seen,
        )
        raters += [
            (Relationship.PARTNER, None, f"Partner {n}", f"partner{n}@example.org", True, None)
            for n in range(1, 4)
        ]
        requests.append(
            {
                "appraisal_id": board_appraisals["ceo"],
                "framework": "board",
                "status": FeedbackRequest.Status.CLOSED,
                "closes_on": datetime.date(today.year, 5, 31)
                if today.month >= 6
                else today - datetime.timedelta(days=30),
                "min_group_size": 3,
                "invited_on": datetime.date(_year_start(today).year, 4, 20),
                "raters": raters,
            }
        )
    return requests
