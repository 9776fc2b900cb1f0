"""Demo data for the senior vacancy register: about fifteen senior vacancies across the North
East and Yorkshire trusts, the challenged ones at the two trusts the demo puts in NOF segments
4 and 5 (RCB, RFF), two published incentive packages for the region, and two filled
challenged vacancies with their placements: one started about 13 months ago and still in post
(12 months: yes), one about 25 months ago whose post-holder left after 18 months (24 months:
no).

Deterministic (fixed titles and offsets; dates relative to ``today``), set-based, with one
summary audit event. It writes only when the register has none of its references yet, so
running it again adds nothing. The placed people are senior managers from other trusts:
their job there ends the day before the placement starts and their team moves to their own
manager; the one who left after 18 months went back to their old trust. The people seed puts
their planned jobs back on the next run.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from carelead.accounts.models import User
from carelead.core.periods import add_months
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.organisations.selectors import current_segment
from carelead.people.models import Employment, current_q
from carelead.standards.selectors import published_version, stages_of
from carelead.talent.models import IncentivePackage, Vacancy, VacancyPlacement
from carelead.talent.selectors.vacancies import CHALLENGED_SEGMENTS, FRAMEWORK_SLUG

#: Assignment numbers of the placed people's new jobs: <person number>-VAC<n>.
ASSIGNMENT_SUFFIX = "VAC"

WITHDRAWN_REASON = "The post was merged into the director of operations role."

#: (ODS code, title, management level, opened days ago, status, placed months ago or None)
VACANCIES = [
    ("RR8", "Chief operating officer", 5, 20, "open", None),
    ("RR8", "Director of workforce", 4, 45, "open", None),
    ("RR8", "Associate director of nursing", 3, 70, "open", None),
    ("RXF", "Director of finance", 4, 30, "open", None),
    ("RXF", "Deputy chief operating officer", 3, 90, "withdrawn", None),
    ("RAE", "Medical director", 5, 15, "open", None),
    ("RHQ", "Director of strategy", 4, 60, "open", None),
    ("RTD", "Chief nurse", 5, 25, "open", None),
    ("RWA", "Director of estates and facilities", 4, 40, "open", None),
    ("RCB", "Chief executive", 5, 35, "open", None),
    ("RCB", "Director of operations, Scarborough", 4, 50, "open", None),
    ("RCB", "Director of nursing", 4, 470, "filled", 13),
    ("RFF", "Chief operating officer", 5, 10, "open", None),
    ("RFF", "Director of finance", 4, 55, "open", None),
    ("RFF", "Medical director", 5, 800, "filled", 25),
]
#: The placed people: (the trust they came from, months in post or None while still there).
#: Neither trust runs an appraisal cycle in the demo, so no appraisal is left behind.
PLACED = {
    "RCB": ("RHQ", None),
    "RFF": ("RWA", 18),
}
PACKAGES = [
    {
        "title": "North East and Yorkshire challenged trust leadership package",
        "pay_premium_percent": Decimal("15"),
        "pay_premium_cap": 45_000,
        "pay_premium_months": 24,
        "relocation_support": "Removal costs and up to three months' temporary housing",
        "relocation_cap": 10_000,
        "development_offer": "A place on the regional executive leadership programme",
        "mentoring": True,
        "peer_support_network": True,
        "guaranteed_return": True,
        "return_route": "A role at the same level in a North East and Yorkshire trust after 24 "
        "months",
    },
    {
        "title": "North East and Yorkshire senior support offer",
        "pay_premium_percent": Decimal("10"),
        "pay_premium_cap": 25_000,
        "pay_premium_months": 12,
        "relocation_support": "",
        "relocation_cap": None,
        "development_offer": "Executive coaching for the first year",
        "mentoring": True,
        "peer_support_network": True,
        "guaranteed_return": False,
        "return_route": "",
    },
]


def _reference(opened: datetime.date, n: int) -> str:
    # The 9xxx block keeps demo references apart from those people add through the pages.
    return f"V{opened.year}-9{n:03d}"


def _stage_ids() -> dict[int, int | None]:
    """Management level -> the framework stage for the post (levels 4 and 5 to the top stage,
    3 to the one below), when a published framework is loaded."""
    version = published_version(FRAMEWORK_SLUG)
    stages = stages_of(version) if version else []
    if len(stages) < 2:
        return {}
    return {5: stages[-1].pk, 4: stages[-1].pk, 3: stages[-2].pk}


def talent_vacancies_demo_seed(*, actor=None, today: datetime.date | None = None) -> dict[str, int]:
    """Seed the vacancy register; returns counts of what it wrote (all zero when the region
    is missing or the demo vacancies are already there)."""
    today = today or timezone.localdate()
    counts = {"vacancies": 0, "challenged": 0, "packages": 0, "placements": 0}
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if region is None:
        return counts
    codes = {row[0] for row in VACANCIES} | {p[0] for p in PLACED.values()}
    orgs = {o.ods_code: o for o in Organisation.objects.filter(ods_code__in=codes, region=region)}
    rows = [row for row in VACANCIES if row[0] in orgs]
    references = [
        _reference(today - datetime.timedelta(days=row[3]), n) for n, row in enumerate(rows, 1)
    ]
    if not rows or Vacancy.objects.filter(reference__in=references).exists():
        return counts
    segments = {}
    for code in {row[0] for row in rows}:
        found = current_segment(orgs[code], on_date=today)
        segments[code] = found.segment if found else None
    stage_ids = _stage_ids()
    with transaction.atomic():
        packages = IncentivePackage.objects.bulk_create(
            [
                IncentivePackage(
                    region=region,
                    status=IncentivePackage.Status.PUBLISHED,
                    created_by=actor,
                    **values,
                )
                for values in PACKAGES
            ]
        )
        counts["packages"] = len(packages)
        vacancies = []
        for reference, (code, title, level, days_ago, status, _placed) in zip(
            references, rows, strict=True
        ):
            opened = today - datetime.timedelta(days=days_ago)
            # The synthetic segment history starts in September 2025, so a post filled
            # before then carries the organisation's segment today as its flag.
            challenged = (
                segments[code] in CHALLENGED_SEGMENTS and status != Vacancy.Status.WITHDRAWN
            )
            vacancies.append(
                Vacancy(
                    reference=reference,
                    organisation=orgs[code],
                    title=title,
                    description=f"{title} at {orgs[code].name}.",
                    management_level=level,
                    stage_id=stage_ids.get(level),
                    opened_on=opened,
                    closes_on=opened + datetime.timedelta(days=60),
                    status=status,
                    withdrawn_reason=WITHDRAWN_REASON if status == Vacancy.Status.WITHDRAWN else "",
                    is_challenged=challenged,
                    segment_when_flagged=segments[code] if challenged else None,
                    flagged_at=(
                        timezone.make_aware(datetime.datetime.combine(opened, datetime.time(10)))
                        if challenged
                        else None
                    ),
                    package=packages[0] if challenged else None,
                    created_by=actor,
                )
            )
        vacancies = Vacancy.objects.bulk_create(vacancies)
        counts["vacancies"] = len(vacancies)
        counts["challenged"] = sum(v.is_challenged for v in vacancies)
        filled = [
            (v, row[5])
            for v, row in zip(vacancies, rows, strict=True)
            if v.status == Vacancy.Status.FILLED and v.organisation.ods_code in PLACED
        ]
        placed = _placements(filled, orgs, today)
        counts["placements"] = placed
        audit_record(
            actor=actor,
            action="talent_vacancies_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    return counts


def _root(organisation) -> Employment | None:
    """The organisation's top current job (no line manager there): who a new director
    reports to."""
    return (
        Employment.objects.filter(current_q(), organisation=organisation, line_manager=None)
        .order_by("pk")
        .first()
    )


def _mover(organisation, before: datetime.date) -> Employment | None:
    """A senior manager (level 3) at ``organisation``, in post since before ``before``, who is
    not a demo login: the same one on every run. Level 3 because the succession demo names
    the level 4 and 5 post-holders."""
    return (
        Employment.objects.filter(
            current_q(),
            organisation=organisation,
            management_level=3,
            line_manager__isnull=False,
            start_date__lt=before,
            person__person_number__regex=cat.PERSON_NUMBER_REGEX,
        )
        .exclude(person_id__in=User.objects.filter(person__isnull=False).values("person_id"))
        .select_related("person")
        .order_by("person__person_number")
        .first()
    )


def _placements(filled, orgs, today: datetime.date) -> int:
    employments, placements = [], []
    for vacancy, months_ago in filled:
        previous, months_in_post = PLACED[vacancy.organisation.ods_code]
        starts = add_months(today, -months_ago)
        mover = _mover(orgs.get(previous), starts - datetime.timedelta(days=60))
        if previous not in orgs or mover is None:
            continue
        Employment.objects.filter(pk=mover.pk).update(end_date=starts - datetime.timedelta(days=1))
        # Their team now reports to their own manager, so no one is left managed by a job
        # that has ended.
        Employment.objects.filter(current_q(), line_manager=mover).update(
            line_manager=mover.line_manager_id
        )
        number = mover.person.person_number
        ends = None
        if months_in_post:
            ends = add_months(starts, months_in_post) - datetime.timedelta(days=1)
        root = _root(vacancy.organisation)
        in_post = Employment(
            person_id=mover.person_id,
            organisation=vacancy.organisation,
            assignment_number=f"{number}-{ASSIGNMENT_SUFFIX}1",
            job_title=vacancy.title,
            staff_group_id=mover.staff_group_id,
            pay_band_id=mover.pay_band_id,
            management_level=vacancy.management_level,
            line_manager=root,
            start_date=starts,
            end_date=ends,
        )
        employments.append(in_post)
        if ends is not None:
            employments.append(
                Employment(
                    person_id=mover.person_id,
                    organisation=orgs[previous],
                    assignment_number=f"{number}-{ASSIGNMENT_SUFFIX}2",
                    job_title=mover.job_title,
                    staff_group_id=mover.staff_group_id,
                    pay_band_id=mover.pay_band_id,
                    management_level=mover.management_level,
                    line_manager_id=mover.line_manager_id,
                    start_date=ends + datetime.timedelta(days=1),
                )
            )
        segment = current_segment(vacancy.organisation, on_date=starts)
        placements.append((vacancy, mover.person_id, in_post, starts, segment))
    Employment.objects.bulk_create(employments)
    VacancyPlacement.objects.bulk_create(
        [
            VacancyPlacement(
                vacancy=vacancy,
                person_id=person_id,
                employment=in_post,
                package=vacancy.package,
                starts_on=starts,
                segment_at_start=segment.segment if segment else None,
            )
            for vacancy, person_id, in_post, starts, segment in placements
        ]
    )
    return len(placements)
