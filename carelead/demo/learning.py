"""The learning demo: providers and their accreditation, the national induction, the
mid-career programme, a development bundle per stage, cohorts, enrolments, completions,
credentials and mid-career applications in every status.

Runs after the people seed (``demo.services.demo_seed``) and reads the demo organisations and
people from the database. Like that seed it writes set-based and outside the services: these
are thousands of synthetic rows, not changes anybody made, so one summary audit event is
written instead of one per row, and the rows go in with multi-row INSERTs.

Deterministic: every choice comes from a seeded random generator walking the people in
person-number order, and dates are relative to ``today`` (the demo's reference date unless
given). Idempotent: the learning rows hanging off the demo's programmes and providers are
cleared and written again, so a second run leaves the same counts.
"""

import datetime
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from carelead.accounts.models import User
from carelead.core.bulk import bulk_insert
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.learning.models import (
    Accreditation,
    Application,
    ApplicationTransition,
    Cohort,
    Completion,
    Credential,
    Enrolment,
    Module,
    Programme,
    ProgrammeOutcome,
)
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Employment
from carelead.standards.models import Descriptor, FrameworkVersion, Item, Stage

ML_SLUG = "management-leadership"
INDUCTION_FROM = datetime.date(2024, 4, 1)
INDUCTION_WEEKS = 12

MAIN_PROVIDER = cat.TRAINING_PROVIDER[0]
SUSPENDED_PROVIDER = ("TPY6302", "Pennine Management College")
ACCREDITING_BODY = "Chartered Management Institute"

INDUCTION_CODE = "national-induction"
MID_CAREER_CODE = "national-mid-career"
SUSPENDED_BUNDLE_CODE = "pennine-leading-across-care"
#: (stage rank, code, title, modules as (code, title, hours, delivery mode)).
BUNDLES = [
    (
        0,
        "bundle-fundamental",
        "Fundamentals of management",
        [
            ("first-steps", "First steps in managing people", 6, "online"),
            ("values-in-practice", "Values in everyday practice", 4, "virtual"),
        ],
    ),
    (
        1,
        "bundle-stage-1",
        "Leading a team",
        [
            ("leading-a-team", "Leading a team well", 12, "blended"),
            ("difficult-conversations", "Difficult conversations", 6, "face_to_face"),
        ],
    ),
    (
        2,
        "bundle-stage-2",
        "Leading services",
        [
            ("service-improvement", "Improving a service", 14, "blended"),
            ("resources", "Managing money and resources", 8, "virtual"),
        ],
    ),
    (
        3,
        "bundle-stage-3",
        "Leading across organisations",
        [
            ("system-working", "Working across the system", 16, "blended"),
            ("inclusive-leadership", "Inclusive leadership", 8, "face_to_face"),
        ],
    ),
    (
        4,
        "bundle-stage-4",
        "Executive leadership",
        [
            ("board-effectiveness", "Board effectiveness", 18, "face_to_face"),
            ("strategy", "Strategy and accountability", 12, "blended"),
        ],
    ),
]
INDUCTION_MODULES = [
    ("welcome", "Welcome to health and social care", 2, Module.Focus.GENERAL),
    ("shared-values", "Our shared values", 2, Module.Focus.SHARED_VALUES),
    ("working-in-health", "Working in health", 1.5, Module.Focus.HEALTH),
    ("working-in-social-care", "Working in social care", 1.5, Module.Focus.SOCIAL_CARE),
    ("safeguarding", "Safeguarding and speaking up", 2, Module.Focus.GENERAL),
]
DEMO_PROGRAMME_CODES = [
    INDUCTION_CODE,
    MID_CAREER_CODE,
    SUSPENDED_BUNDLE_CODE,
    *(code for _, code, _, _ in BUNDLES),
]
#: How many managers take a development bundle (fewer in a small seed).
BUNDLE_PEOPLE = 400
#: Mid-career applications per status, for the status mix the panel sees.
APPLICATIONS_PER_STATUS = {
    Application.Status.SUBMITTED: 6,
    Application.Status.MANAGER_SUPPORTED: 8,
    Application.Status.MANAGER_DECLINED: 3,
    Application.Status.SHORTLISTED: 5,
    Application.Status.NOT_SHORTLISTED: 4,
    Application.Status.OFFERED: 3,
    Application.Status.NOT_OFFERED: 3,
    Application.Status.ACCEPTED: 3,
    Application.Status.DECLINED: 2,
    Application.Status.ALLOCATED: 6,
    Application.Status.WITHDRAWN: 3,
}
S = Application.Status
#: The path each final status took, from submission.
APPLICATION_PATHS = {
    S.SUBMITTED: [S.SUBMITTED],
    S.MANAGER_SUPPORTED: [S.SUBMITTED, S.MANAGER_SUPPORTED],
    S.MANAGER_DECLINED: [S.SUBMITTED, S.MANAGER_DECLINED],
    S.SHORTLISTED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED],
    S.NOT_SHORTLISTED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.NOT_SHORTLISTED],
    S.OFFERED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED, S.OFFERED],
    S.NOT_OFFERED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED, S.NOT_OFFERED],
    S.ACCEPTED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED, S.OFFERED, S.ACCEPTED],
    S.DECLINED: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.SHORTLISTED, S.OFFERED, S.DECLINED],
    S.ALLOCATED: [
        S.SUBMITTED,
        S.MANAGER_SUPPORTED,
        S.SHORTLISTED,
        S.OFFERED,
        S.ACCEPTED,
        S.ALLOCATED,
    ],
    S.WITHDRAWN: [S.SUBMITTED, S.MANAGER_SUPPORTED, S.WITHDRAWN],
}
#: Who takes each step: the applicant, their line manager or the regional panel.
STEP_ACTOR = {
    S.SUBMITTED: "applicant",
    S.MANAGER_SUPPORTED: "manager",
    S.MANAGER_DECLINED: "manager",
    S.SHORTLISTED: "panel",
    S.NOT_SHORTLISTED: "panel",
    S.OFFERED: "panel",
    S.NOT_OFFERED: "panel",
    S.ACCEPTED: "applicant",
    S.DECLINED: "applicant",
    S.ALLOCATED: "panel",
    S.WITHDRAWN: "applicant",
}
STEP_REASON = {
    S.MANAGER_DECLINED: "Not this year: we agreed to build more experience of budgets first.",
    S.NOT_SHORTLISTED: "The statement did not show enough experience of leading change.",
    S.NOT_OFFERED: "Places were limited; we encourage you to apply in the next round.",
    S.DECLINED: "The cohort dates clash with a service move.",
    S.WITHDRAWN: "Personal circumstances have changed.",
}
STATEMENTS = [
    "I lead a busy team and want to learn to lead change across services.",
    "I want to strengthen how I manage resources and work with partners in the system.",
    "I have managed a service for three years and want to develop as a senior leader.",
    "I want to build inclusive teams and improve how we learn from incidents.",
]
UUID_NAMESPACE = uuid.UUID("6f1b5a52-52b6-4bd4-9a1c-2b0e6f6c4d10")


@dataclass
class _People:
    """What the seed reads about the demo people, in person-number order."""

    #: person id -> (first start date, first employment id, its organisation id)
    first_job: dict[int, tuple[datetime.date, int, int]] = field(default_factory=dict)
    #: person id -> current employment row (dict)
    current: dict[int, dict] = field(default_factory=dict)
    person_numbers: dict[int, str] = field(default_factory=dict)
    #: current employment id -> person id
    by_employment: dict[int, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _ml_version() -> FrameworkVersion:
    """The published Management and Leadership Framework, loaded from the shipped files."""
    try:
        from carelead.standards.services import frameworks_load
    except ImportError:
        frameworks_load = None
    if frameworks_load is not None:
        frameworks_load()
    version = FrameworkVersion.objects.filter(
        framework__slug=ML_SLUG, status=FrameworkVersion.Status.PUBLISHED
    ).first()
    if version is None:
        raise RuntimeError(
            "The Management and Leadership Framework is not loaded: run load_frameworks first."
        )
    return version


def _stages(version: FrameworkVersion) -> dict[int, Stage]:
    stages = {s.rank: s for s in Stage.objects.filter(version=version)}
    missing = [rank for rank, *_ in BUNDLES if rank not in stages]
    if missing:
        raise RuntimeError(f"{version} has no stage of rank {missing}: the demo needs all five.")
    return stages


def _competencies(version: FrameworkVersion, stages: dict[int, Stage]) -> dict[int, list[int]]:
    """Up to three competency ids per stage rank: those the framework describes at the
    stage, or any competencies when it has no descriptors."""
    by_stage: dict[int, list[int]] = defaultdict(list)
    rank_of = {s.pk: rank for rank, s in stages.items()}
    for stage_id, item_id in (
        Descriptor.objects.filter(stage__version=version, item__kind=Item.Kind.COMPETENCY)
        .order_by("stage__rank", "item__sort_order", "item__code")
        .values_list("stage_id", "item_id")
    ):
        items = by_stage[rank_of[stage_id]]
        if len(items) < 3:
            items.append(item_id)
    if not by_stage:
        fallback = list(
            Item.objects.filter(version=version, kind=Item.Kind.COMPETENCY)
            .order_by("sort_order", "code")
            .values_list("id", flat=True)[:3]
        )
        by_stage = dict.fromkeys(stages, fallback)
    return by_stage


# ---------------------------------------------------------------------------------------------
# Clearing the previous run
# ---------------------------------------------------------------------------------------------


def learning_demo_clear() -> None:
    """Remove the learning demo's rows. The people seed must call this before it removes demo
    people (a smaller reseed): enrolments, applications and credentials protect a person."""
    with transaction.atomic():
        _clear(
            list(Organisation.objects.filter(ods_code__in=[MAIN_PROVIDER, SUSPENDED_PROVIDER[0]]))
        )


def _clear(providers: list[Organisation]) -> None:
    # The appraisals and talent demos are built on this one (development plans, pool offers
    # and incentive packages name its programmes), so they go first; demo_seed writes them
    # again after learning.
    from carelead.demo.appraisals import appraisals_demo_clear
    from carelead.demo.talent import talent_demo_clear

    talent_demo_clear()
    appraisals_demo_clear()
    programmes = Programme.objects.filter(code__in=DEMO_PROGRAMME_CODES)
    Credential.objects.filter(programme__in=programmes).delete()
    Completion.objects.filter(programme__in=programmes).delete()
    Completion.objects.filter(module__programme__in=programmes).delete()
    Application.objects.filter(programme__in=programmes).delete()
    Enrolment.objects.filter(programme__in=programmes).delete()
    Cohort.objects.filter(programme__in=programmes).delete()
    programmes.delete()
    Accreditation.objects.filter(provider__in=providers).delete()


# ---------------------------------------------------------------------------------------------
# Providers, programmes and cohorts: few rows, written one by one
# ---------------------------------------------------------------------------------------------


def _providers(actor) -> tuple[Organisation, Organisation]:
    from carelead.organisations import services as organisation_services

    main = Organisation.objects.get(ods_code=MAIN_PROVIDER)
    code, name = SUSPENDED_PROVIDER
    other = Organisation.objects.filter(ods_code=code).first()
    if other is None:
        other = organisation_services.organisation_create(
            ods_code=code,
            name=name,
            kind=OrganisationKind.TRAINING_PROVIDER,
            region=cat.REGION_CODE,
            opened_on=datetime.date(2016, 9, 1),
            aliases=(cat.SYNTHETIC_ALIAS,),
            actor=actor,
        )
    return main, other


def _accreditations(main: Organisation, other: Organisation) -> None:
    Accreditation.objects.bulk_create(
        [
            Accreditation(
                provider=main,
                accrediting_body=ACCREDITING_BODY,
                status=Accreditation.Status.CONDITIONS,
                applied_on=datetime.date(2023, 11, 6),
                valid_from=datetime.date(2024, 3, 1),
                valid_to=datetime.date(2027, 2, 28),
                conditions=(
                    "Publish learner outcomes for each cohort within three months of it "
                    "ending, and add a face-to-face option to every development bundle."
                ),
            ),
            Accreditation(
                provider=other,
                accrediting_body=ACCREDITING_BODY,
                status=Accreditation.Status.ACCREDITED,
                applied_on=datetime.date(2023, 5, 2),
                valid_from=datetime.date(2023, 9, 1),
                valid_to=datetime.date(2026, 8, 31),
            ),
            Accreditation(
                provider=other,
                accrediting_body=ACCREDITING_BODY,
                status=Accreditation.Status.SUSPENDED,
                applied_on=datetime.date(2026, 7, 20),
                valid_from=datetime.date(2026, 9, 1),
                valid_to=datetime.date(2029, 8, 31),
                status_reason=(
                    "Suspended while assessors review complaints about how learners' work "
                    "was assessed."
                ),
            ),
        ]
    )


def _programmes(version, stages, competencies, main, other, today) -> dict[str, Programme]:
    common = {"framework_version": version, "status": Programme.Status.OPEN}
    made = {
        INDUCTION_CODE: Programme(
            code=INDUCTION_CODE,
            title="National induction to health and social care",
            kind=Programme.Kind.NATIONAL_INDUCTION,
            summary=(
                "For everyone who joins health or social care: our shared values, how health "
                "and social care work together, and safeguarding."
            ),
            provider=main,
            enrol_joiners_from=INDUCTION_FROM,
            due_weeks=INDUCTION_WEEKS,
            **common,
        ),
        MID_CAREER_CODE: Programme(
            code=MID_CAREER_CODE,
            title="National mid-career programme for managers",
            kind=Programme.Kind.MID_CAREER,
            summary=(
                "A year-long programme for middle and senior managers across health and "
                "social care. Places are allocated by region after selection."
            ),
            provider=main,
            min_management_level=2,
            min_months_in_management=24,
            # Open on the demo's day whatever it is, so the panel always has a round to run.
            applications_open_on=today - datetime.timedelta(days=75),
            applications_close_on=today + datetime.timedelta(days=90),
            **common,
        ),
        SUSPENDED_BUNDLE_CODE: Programme(
            code=SUSPENDED_BUNDLE_CODE,
            title="Leading across care settings",
            kind=Programme.Kind.DEVELOPMENT_BUNDLE,
            summary="For managers leading teams that span hospital and community care.",
            provider=other,
            stage=stages[2],
            awards_credential=True,
            **common,
        ),
    }
    for rank, code, title, _ in BUNDLES:
        made[code] = Programme(
            code=code,
            title=title,
            kind=Programme.Kind.DEVELOPMENT_BUNDLE,
            summary=f"Develops the competencies of {stages[rank].name} of the framework.",
            provider=main,
            stage=stages[rank],
            awards_credential=True,
            **common,
        )
    Programme.objects.bulk_create(made.values())
    modules = [
        Module(
            programme=made[INDUCTION_CODE],
            code=code,
            title=title,
            duration_hours=hours,
            delivery_mode=Module.DeliveryMode.ONLINE,
            focus=focus,
            sort_order=index,
        )
        for index, (code, title, hours, focus) in enumerate(INDUCTION_MODULES)
    ]
    outcomes = []
    for rank, code, _, bundle_modules in BUNDLES:
        for index, (m_code, m_title, hours, mode) in enumerate(bundle_modules):
            modules.append(
                Module(
                    programme=made[code],
                    code=m_code,
                    title=m_title,
                    duration_hours=hours,
                    delivery_mode=mode,
                    sort_order=index,
                )
            )
        outcomes += [
            ProgrammeOutcome(programme=made[code], item_id=item_id, stage=stages[rank])
            for item_id in competencies.get(rank, [])
        ]
    modules.append(
        Module(
            programme=made[SUSPENDED_BUNDLE_CODE],
            code="across-settings",
            title="Leading across hospital and community",
            duration_hours=10,
            delivery_mode=Module.DeliveryMode.BLENDED,
        )
    )
    outcomes += [
        ProgrammeOutcome(programme=made[SUSPENDED_BUNDLE_CODE], item_id=item_id, stage=stages[2])
        for item_id in competencies.get(2, [])
    ]
    Module.objects.bulk_create(modules)
    ProgrammeOutcome.objects.bulk_create(outcomes)
    return made


# ---------------------------------------------------------------------------------------------
# Reading the demo people
# ---------------------------------------------------------------------------------------------


def _people(today: datetime.date) -> _People:
    people = _People()
    rows = (
        Employment.objects.filter(person__person_number__regex=cat.PERSON_NUMBER_REGEX)
        .order_by("person__person_number", "start_date", "pk")
        .values(
            "id",
            "person_id",
            "person__person_number",
            "person__given_name",
            "person__family_name",
            "organisation_id",
            "organisation__region_id",
            "organisation__kind",
            "management_level",
            "line_manager_id",
            "start_date",
            "end_date",
        )
    )
    for row in rows:
        person = row["person_id"]
        people.person_numbers[person] = row["person__person_number"]
        people.names[person] = f"{row['person__given_name']} {row['person__family_name']}"
        people.first_job.setdefault(person, (row["start_date"], row["id"], row["organisation_id"]))
        if row["start_date"] <= today and (row["end_date"] is None or row["end_date"] >= today):
            people.current[person] = row
            people.by_employment[row["id"]] = person
    return people


def _persona_people() -> dict[str, int]:
    return dict(User.objects.filter(person__isnull=False).values_list("username", "person_id"))


# ---------------------------------------------------------------------------------------------
# Enrolments, completions and credentials: set-based
# ---------------------------------------------------------------------------------------------


@dataclass
class _Rows:
    enrolments: list[dict] = field(default_factory=list)
    #: Index into ``enrolments`` -> (provider id, stage id or None) for completed ones.
    completed: dict[int, tuple[int, int | None]] = field(default_factory=dict)

    def enrol(self, **values) -> int:
        row = {
            "person_id": None,
            "programme_id": None,
            "cohort_id": None,
            "employment_id": None,
            "organisation_id": None,
            "source": Enrolment.Source.AUTOMATIC,
            "status": Enrolment.Status.ENROLLED,
            "enrolled_on": None,
            "due_on": None,
            "completed_on": None,
            "withdrawn_reason": "",
            "version": 1,
        }
        row.update(values)
        self.enrolments.append(row)
        return len(self.enrolments) - 1


def _induction_outcome(rng: random.Random, due: datetime.date, start: datetime.date, today):
    """(status, completed_on) for one joiner's induction: most on time, some late, some
    overdue, and those not yet due mostly still in progress."""
    E = Enrolment.Status
    if due > today:
        if rng.random() < 0.3:
            return E.COMPLETED, min(today, start + datetime.timedelta(days=rng.randint(7, 70)))
        return E.ENROLLED, None
    roll = rng.random()
    if roll < 0.72:
        earliest = min(due, start + datetime.timedelta(days=7))
        return E.COMPLETED, due - datetime.timedelta(days=rng.randint(0, (due - earliest).days))
    if roll < 0.87:
        late = due + datetime.timedelta(days=rng.randint(1, 45))
        return E.COMPLETED, min(late, today)
    return E.ENROLLED, None


def _inductions(rows: _Rows, people: _People, programme: Programme, today, rng) -> set[int]:
    """Every demo person whose first job started on or after the induction's start date."""
    enrolled = set()
    weeks = datetime.timedelta(weeks=INDUCTION_WEEKS)
    for person, (start, employment, organisation) in people.first_job.items():
        if start < INDUCTION_FROM or start > today:
            continue
        due = start + weeks
        status, completed_on = _induction_outcome(rng, due, start, today)
        index = rows.enrol(
            person_id=person,
            programme_id=programme.pk,
            employment_id=employment,
            organisation_id=organisation,
            source=Enrolment.Source.AUTOMATIC,
            status=status,
            enrolled_on=start,
            due_on=due,
            completed_on=completed_on,
        )
        if status == Enrolment.Status.COMPLETED:
            rows.completed[index] = (programme.provider_id, None)
        enrolled.add(person)
    return enrolled


def _bundle_rank(level: int | None) -> int:
    return {None: 0, 1: 1, 2: 2, 3: 3}.get(level, 4)


def _cohort_plan(programmes, today) -> list[dict]:
    """Two cohorts per bundle in the demo region, one finished and one running; a finished
    cohort for the suspended provider; the mid-career cohort starting next spring."""
    days = datetime.timedelta
    past = (today - days(420), today - days(120))
    running = (today - days(60), today + days(150))
    plan = []
    for _, code, _, _ in BUNDLES:
        for suffix, (starts, ends), online in (("a", past, False), ("b", running, True)):
            plan.append(
                {
                    "programme": programmes[code],
                    "code": f"{code}-{cat.REGION_CODE.lower()}-{starts.year}{suffix}",
                    "starts_on": starts,
                    "ends_on": ends,
                    "is_online": online,
                    "location": "" if online else "Leeds",
                }
            )
    plan.append(
        {
            "programme": programmes[SUSPENDED_BUNDLE_CODE],
            "code": f"{SUSPENDED_BUNDLE_CODE}-{cat.REGION_CODE.lower()}-{past[0].year}",
            "starts_on": past[0],
            "ends_on": past[1],
            "is_online": False,
            "location": "Halifax",
        }
    )
    plan.append(
        {
            "programme": programmes[MID_CAREER_CODE],
            "code": f"mid-career-{cat.REGION_CODE.lower()}-{today.year + 1}",
            "starts_on": today + days(150),
            "ends_on": today + days(515),
            "is_online": False,
            "location": "York",
        }
    )
    return plan


def _bundle_enrolments(rows, people, programmes, cohorts, persona, today, rng) -> None:
    """A few hundred managers on the bundle for their level: those in a finished cohort
    mostly completed (and hold the credential), those in a running one are enrolled."""
    managers = [p for p, row in people.current.items() if row["management_level"]]
    others = [p for p, row in people.current.items() if not row["management_level"]]
    # Mostly managers, on their level's bundle; some aspiring managers on the fundamentals.
    wanted = min(BUNDLE_PEOPLE * 4 // 5, len(managers))
    aspiring = min(BUNDLE_PEOPLE // 5, len(others) // 10)
    chosen = sorted(
        rng.sample(managers, wanted) + rng.sample(others, aspiring), key=people.person_numbers.get
    )
    staff = persona.get("staff")
    if staff in people.current and staff not in chosen:
        chosen.append(staff)
    E = Enrolment.Status
    suspended = programmes[SUSPENDED_BUNDLE_CODE]
    for person in chosen:
        row = people.current[person]
        if person == staff:
            rank, finished = 0, True
        else:
            rank, finished = _bundle_rank(row["management_level"]), rng.random() < 0.55
        programme = programmes[BUNDLES[rank][1]]
        if rank == 2 and finished and rng.random() < 0.15:
            programme = suspended
        cohort = cohorts[(programme.code, finished)]
        roll = rng.random()
        status, completed_on, reason = E.ENROLLED, None, ""
        if finished:
            if person == staff or roll < 0.8:
                status = E.COMPLETED
                completed_on = cohort.ends_on - datetime.timedelta(days=rng.randint(0, 20))
            elif roll < 0.92:
                status, reason = E.WITHDRAWN, "Left the programme part way through."
        elif roll < 0.06:
            status, reason = E.WITHDRAWN, "Changed role and could not attend."
        index = rows.enrol(
            person_id=person,
            programme_id=programme.pk,
            cohort_id=cohort.pk,
            employment_id=row["id"],
            organisation_id=row["organisation_id"],
            source=Enrolment.Source.MANAGER if rng.random() < 0.5 else Enrolment.Source.SELF,
            status=status,
            enrolled_on=cohort.starts_on - datetime.timedelta(days=rng.randint(7, 60)),
            completed_on=completed_on,
            withdrawn_reason=reason,
        )
        if status == E.COMPLETED:
            rows.completed[index] = (programme.provider_id, programme.stage_id)


def _write_enrolments(rows: _Rows, version_id: int) -> tuple[int, int]:
    ids = bulk_insert(Enrolment, rows.enrolments, returning=True)
    completions = []
    completed = sorted(rows.completed)
    for index in completed:
        enrolment = rows.enrolments[index]
        provider_id, _ = rows.completed[index]
        completions.append(
            {
                "person_id": enrolment["person_id"],
                "programme_id": enrolment["programme_id"],
                "module_id": None,
                "enrolment_id": ids[index],
                "provider_id": provider_id,
                "title": "",
                "provider_name": "",
                "hours": None,
                "completed_on": enrolment["completed_on"],
                "source": Completion.Source.PROVIDER_FILE,
                "status": Completion.Status.VERIFIED,
                "evidence": "",
                "evidence_url": "",
                "verified_by_id": None,
                "verified_at": None,
                "verification_note": "",
                "idempotency_key": "",
            }
        )
    completion_ids = bulk_insert(Completion, completions, returning=True)
    credentials = []
    for index, completion_id in zip(completed, completion_ids, strict=True):
        provider_id, stage_id = rows.completed[index]
        if stage_id is None:
            continue
        enrolment = rows.enrolments[index]
        credentials.append(
            {
                # Stable across reseeds, so a demo credential's public link keeps working.
                "public_id": uuid.uuid5(UUID_NAMESPACE, f"{enrolment['person_id']}:{stage_id}").hex,
                "person_id": enrolment["person_id"],
                "stage_id": stage_id,
                "framework_version_id": version_id,
                "programme_id": enrolment["programme_id"],
                "completion_id": completion_id,
                "issuer_id": provider_id,
                "issued_on": enrolment["completed_on"],
                "status": Credential.Status.ACTIVE,
                "revoked_on": None,
                "revoked_reason": "",
            }
        )
    bulk_insert(Credential, credentials)
    return len(completions), len(credentials)


# ---------------------------------------------------------------------------------------------
# Mid-career applications
# ---------------------------------------------------------------------------------------------


def _applications(people, programme, cohort, region, persona, users, today, rng):
    """Applications in every status, each with the transitions that led to it. Returns the
    application rows, their transitions (by application index) and the enrolments of the
    allocated ones (by application index)."""
    manager_person = persona.get("line_manager")
    manager_job = people.current.get(manager_person, {}).get("id")
    reports = sorted(
        (p for p, row in people.current.items() if row["line_manager_id"] == manager_job),
        key=people.person_numbers.get,
    )
    applicants: list[int] = []
    # The line manager persona has a report waiting for their support.
    waiting = next((p for p in reports if p != persona.get("staff")), None)
    if waiting is not None:
        applicants.append(waiting)
    eligible = [
        p
        for p, row in people.current.items()
        if (row["management_level"] or 0) >= 2
        and row["line_manager_id"]
        and row["organisation__kind"] != OrganisationKind.REGION
        and p not in persona.values()
        and p != waiting
    ]
    rng.shuffle(eligible)
    # One of each status first, so a small seed that runs out of applicants still has
    # every status; SUBMITTED comes first, for the line manager's report.
    statuses = list(APPLICATIONS_PER_STATUS) + [
        status for status, n in APPLICATIONS_PER_STATUS.items() for _ in range(n - 1)
    ]
    applicants += eligible[: len(statuses) - len(applicants)]
    panel_user = users.get("regional_talent_lead")
    opens = programme.applications_open_on
    applications, transitions, enrolments = [], [], []
    for index, (person, status) in enumerate(zip(applicants, statuses, strict=False)):
        row = people.current[person]
        path = APPLICATION_PATHS[status]
        # Spread submissions over the window so far, leaving room for every later step.
        latest = max(opens, today - datetime.timedelta(days=6 * len(path)))
        moment = _at(opens + datetime.timedelta(days=rng.randint(0, (latest - opens).days)))
        submitted_at = moment
        manager = people.by_employment.get(row["line_manager_id"])
        steps = []
        previous = ""
        for step in path:
            who = STEP_ACTOR[step]
            if who == "applicant":
                actor_id, label = users.get(people.person_numbers[person]), people.names[person]
            elif who == "manager" and manager is not None:
                actor_id = users.get(people.person_numbers[manager])
                label = people.names[manager]
            elif who == "manager":
                actor_id, label = None, "Line manager"
            else:
                actor_id = panel_user
                label = "North East and Yorkshire talent panel"
            steps.append(
                {
                    "from_status": previous,
                    "to_status": step,
                    "actor_id": actor_id,
                    "actor_label": label,
                    "reason": STEP_REASON.get(step, ""),
                    "occurred_at": moment,
                }
            )
            previous = step
            moment += datetime.timedelta(days=rng.randint(2, 5), hours=rng.randint(0, 6))
        applications.append(
            {
                "programme_id": programme.pk,
                "person_id": person,
                "employment_id": row["id"],
                "line_manager_id": row["line_manager_id"],
                "organisation_id": row["organisation_id"],
                "region_id": region.pk,
                "status": status,
                "statement": STATEMENTS[index % len(STATEMENTS)],
                "cohort_id": cohort.pk if status == S.ALLOCATED else None,
                "enrolment_id": None,
                "submitted_at": submitted_at,
                "version": len(path),
            }
        )
        transitions.append(steps)
        if status == S.ALLOCATED:
            enrolments.append(
                (
                    index,
                    {
                        "person_id": person,
                        "programme_id": programme.pk,
                        "cohort_id": cohort.pk,
                        "employment_id": row["id"],
                        "organisation_id": row["organisation_id"],
                        "source": Enrolment.Source.APPLICATION,
                        "status": Enrolment.Status.ENROLLED,
                        "enrolled_on": steps[-1]["occurred_at"].date(),
                        "due_on": None,
                        "completed_on": None,
                        "withdrawn_reason": "",
                        "version": 1,
                    },
                )
            )
    return applications, transitions, enrolments


def _write_applications(applications, transitions, enrolments) -> int:
    enrolment_ids = bulk_insert(Enrolment, [row for _, row in enrolments], returning=True)
    for (index, _), enrolment_id in zip(enrolments, enrolment_ids, strict=True):
        applications[index]["enrolment_id"] = enrolment_id
    ids = bulk_insert(Application, applications, returning=True)
    bulk_insert(
        ApplicationTransition,
        [
            {**step, "application_id": application_id}
            for application_id, steps in zip(ids, transitions, strict=True)
            for step in steps
        ],
    )
    return len(ids)


# ---------------------------------------------------------------------------------------------
# The personas' own rows
# ---------------------------------------------------------------------------------------------


def _persona_rows(rows: _Rows, people, programmes, persona, inducted, today) -> None:
    """The staff member is on the induction (their manager enrolled them: they joined
    before it began) and one of the line manager's reports is overdue with theirs."""
    induction = programmes[INDUCTION_CODE]
    staff = persona.get("staff")
    if staff in people.current and staff not in inducted:
        job = people.current[staff]
        enrolled_on = today - datetime.timedelta(days=30)
        rows.enrol(
            person_id=staff,
            programme_id=induction.pk,
            employment_id=job["id"],
            organisation_id=job["organisation_id"],
            source=Enrolment.Source.MANAGER,
            enrolled_on=enrolled_on,
            due_on=enrolled_on + datetime.timedelta(weeks=INDUCTION_WEEKS),
        )
        inducted.add(staff)
    manager_job = people.current.get(persona.get("line_manager"), {}).get("id")
    reports = sorted(
        (
            p
            for p, row in people.current.items()
            if manager_job and row["line_manager_id"] == manager_job and p != staff
        ),
        key=people.person_numbers.get,
    )
    if not reports:
        return
    overdue_person = reports[-1]
    existing = next(
        (r for r in rows.enrolments if r["person_id"] == overdue_person and r["due_on"]), None
    )
    enrolled_on = today - datetime.timedelta(weeks=INDUCTION_WEEKS + 3)
    if existing is not None:
        # Make their automatic induction the overdue one.
        index = rows.enrolments.index(existing)
        rows.completed.pop(index, None)
        existing.update(
            status=Enrolment.Status.ENROLLED,
            completed_on=None,
            enrolled_on=min(existing["enrolled_on"], enrolled_on),
            due_on=min(existing["enrolled_on"], enrolled_on)
            + datetime.timedelta(weeks=INDUCTION_WEEKS),
        )
        return
    job = people.current[overdue_person]
    rows.enrol(
        person_id=overdue_person,
        programme_id=induction.pk,
        employment_id=job["id"],
        organisation_id=job["organisation_id"],
        source=Enrolment.Source.MANAGER,
        enrolled_on=enrolled_on,
        due_on=enrolled_on + datetime.timedelta(weeks=INDUCTION_WEEKS),
    )
    inducted.add(overdue_person)


# ---------------------------------------------------------------------------------------------
# The whole learning seed
# ---------------------------------------------------------------------------------------------


def learning_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict:
    """Seed the learning demo on top of the people demo; returns counts of what it wrote.

    Deterministic for a given ``today`` (the demo's reference date by default), idempotent
    and all or nothing. Raises RuntimeError when the framework cannot be loaded and
    Organisation.DoesNotExist when the people demo has not been seeded.
    """
    started = time.perf_counter()
    today = today or cat.REFERENCE_DATE
    rng = random.Random(f"carelead-learning-demo-{today.isoformat()}")
    version = _ml_version()
    stages = _stages(version)
    competencies = _competencies(version, stages)
    with transaction.atomic():
        main, other = _providers(actor)
        region = Organisation.objects.get(ods_code=cat.REGION_CODE)
        _clear([main, other])
        _accreditations(main, other)
        programmes = _programmes(version, stages, competencies, main, other, today)
        cohort_plan = _cohort_plan(programmes, today)
        people = _people(today)
        persona = _persona_people()
        users = {
            number: user_id
            for user_id, number in User.objects.filter(
                person__person_number__regex=cat.PERSON_NUMBER_REGEX
            ).values_list("id", "person__person_number")
        }
        panel = User.objects.filter(username="regional_talent_lead")
        users["regional_talent_lead"] = panel.values_list("id", flat=True).first()

        rows = _Rows()
        inducted = _inductions(rows, people, programmes[INDUCTION_CODE], today, rng)
        _persona_rows(rows, people, programmes, persona, inducted, today)

        # Cohorts are sized after the enrolments are drawn, so none is over its places.
        cohorts = Cohort.objects.bulk_create(
            [
                Cohort(
                    provider=plan["programme"].provider,
                    region=region,
                    places=0,
                    **plan,
                )
                for plan in cohort_plan
            ]
        )
        by_key = {}
        for cohort in cohorts:
            finished = cohort.ends_on < today
            by_key[(cohort.programme.code, finished)] = cohort
        mid_career_cohort = by_key[(MID_CAREER_CODE, False)]
        # The suspended provider only ran a finished cohort.
        by_key.setdefault((SUSPENDED_BUNDLE_CODE, False), by_key[(SUSPENDED_BUNDLE_CODE, True)])
        _bundle_enrolments(rows, people, programmes, by_key, persona, today, rng)
        applications, transitions, allocated = _applications(
            people,
            programmes[MID_CAREER_CODE],
            mid_career_cohort,
            region,
            persona,
            users,
            today,
            rng,
        )
        taken = defaultdict(int)
        for row in rows.enrolments:
            if row["cohort_id"] and row["status"] != Enrolment.Status.WITHDRAWN:
                taken[row["cohort_id"]] += 1
        taken[mid_career_cohort.pk] += len(allocated)
        for cohort in cohorts:
            used = taken[cohort.pk]
            # Finished cohorts ran nearly full; running ones still have room.
            spare = rng.randint(0, 2) if cohort.ends_on < today else rng.randint(4, 10)
            cohort.places = max(used + spare, 12 if cohort.programme.code == MID_CAREER_CODE else 1)
        Cohort.objects.bulk_update(cohorts, ["places"])

        completions, credentials = _write_enrolments(rows, version.pk)
        application_count = _write_applications(applications, transitions, allocated)
        counts = {
            "programmes": len(programmes),
            "cohorts": len(cohorts),
            "enrolments": len(rows.enrolments) + len(allocated),
            "inductions": len(inducted),
            "completions": completions,
            "credentials": credentials,
            "applications": application_count,
        }
        audit_record(
            actor=actor,
            action="learning_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts
