"""Demo data for the senior vacancy register: about fifteen senior vacancies across the North
East and Yorkshire trusts, the challenged ones at the two trusts the demo puts in NOF segments
4 and 5 (RCB, RFF), two published incentive packages for the region, and two filled
challenged vacancies with their placements: one started about 13 months ago and still in post
(12 months: yes), one about 25 months ago whose post-holder left after 18 months (24 months:
no).

Deterministic (fixed titles and offsets; dates relative to ``today``), set-based, with one
summary audit event. It writes only when the register has none of its references yet, so
running it again adds nothing. The placed people are two new synthetic people (person numbers
9999xxxx) with their earlier job at another trust, so no existing record is changed.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.organisations.models import Organisation
from carelead.organisations.selectors import current_segment
from carelead.people.models import Employment, Person, StaffGroup
from carelead.standards.selectors import published_version, stages_of
from carelead.talent.models import IncentivePackage, Vacancy, VacancyPlacement
from carelead.talent.selectors.vacancies import CHALLENGED_SEGMENTS, FRAMEWORK_SLUG, add_months

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
#: The placed people: (person number, given name, family name, previous trust, months in post
#: or None while still there).
PLACED = {
    "RCB": ("99990001", "Adaeze", "Okonkwo-Hale", "RAE", None),
    "RFF": ("99990002", "Gareth", "Pennington", "RHQ", 18),
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
    counts = {"vacancies": 0, "challenged": 0, "packages": 0, "placements": 0, "people": 0}
    region = Organisation.objects.filter(ods_code=cat.REGION_CODE).first()
    if region is None:
        return counts
    codes = {row[0] for row in VACANCIES} | {p[3] for p in PLACED.values()}
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
        counts["people"] = placed
        audit_record(
            actor=actor,
            action="talent_vacancies_demo_seeded",
            obj=region,
            after={**counts, "today": today},
            organisation_id=region.pk,
        )
    return counts


def _placements(filled, orgs, today: datetime.date) -> int:
    staff_group = StaffGroup.objects.order_by("sort_order", "code").first()
    if staff_group is None:
        return 0
    wanted = []
    for vacancy, months_ago in filled:
        number, given, family, previous, months_in_post = PLACED[vacancy.organisation.ods_code]
        if previous not in orgs or Person.objects.filter(person_number=number).exists():
            continue
        wanted.append((vacancy, months_ago, number, given, family, previous, months_in_post))
    people = Person.objects.bulk_create(
        [
            Person(
                person_number=number,
                given_name=given,
                family_name=family,
                email=f"{given}.{family}@example.nhs.uk".lower(),
            )
            for _, _, number, given, family, _, _ in wanted
        ]
    )
    employments, placements = [], []
    for person, (vacancy, months_ago, number, _, _, previous, months_in_post) in zip(
        people, wanted, strict=True
    ):
        starts = add_months(today, -months_ago)
        ends = None
        if months_in_post:
            ends = add_months(starts, months_in_post) - datetime.timedelta(days=1)
        employments.append(
            Employment(
                person=person,
                organisation=orgs[previous],
                assignment_number=f"{number}-1",
                job_title=f"Deputy {vacancy.title[0].lower()}{vacancy.title[1:]}",
                staff_group=staff_group,
                management_level=3,
                start_date=add_months(starts, -60),
                end_date=starts - datetime.timedelta(days=1),
            )
        )
        in_post = Employment(
            person=person,
            organisation=vacancy.organisation,
            assignment_number=f"{number}-2",
            job_title=vacancy.title,
            staff_group=staff_group,
            management_level=vacancy.management_level,
            start_date=starts,
            end_date=ends,
        )
        employments.append(in_post)
        segment = current_segment(vacancy.organisation, on_date=starts)
        placements.append((vacancy, person, in_post, starts, segment))
    Employment.objects.bulk_create(employments)
    VacancyPlacement.objects.bulk_create(
        [
            VacancyPlacement(
                vacancy=vacancy,
                person=person,
                employment=in_post,
                package=vacancy.package,
                starts_on=starts,
                segment_at_start=segment.segment if segment else None,
            )
            for vacancy, person, in_post, starts, segment in placements
        ]
    )
    return len(placements)
