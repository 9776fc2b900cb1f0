"""Benchmark the people lead's appraisal dashboard on a large organisation.

    uv run python bench/appraisal_dashboard.py                  # 20,000 appraisals, SQLite
    uv run python bench/appraisal_dashboard.py --rows 100000
    DATABASE_URL=postgres://user:pass@host/db uv run python bench/appraisal_dashboard.py

It builds, with set-based inserts, one NHS trust with ``--rows`` employments and as many
appraisals in one open cycle, in every status, with objectives, behaviour assessments and
development plan items, and a second trust with 100 appraisals built the same way. It then
runs the dashboard selector (scope, cycles and the grouped figures: every query the page's
figures need) for both trusts and checks the query count is the same, and times it against
a plain ``SELECT COUNT(*)`` over the same appraisal rows, in the same process, printing the
ratio. The database is thrown away as in bench/import_workforce.py.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_workforce import STAFF_GROUPS, django_ready, peak_rss_mb  # noqa: E402

STATUSES = [
    "not_started",
    "preparing",
    "ready_to_discuss",
    "discussed",
    "awaiting_sign_off",
    "completed",
    "completed",
    "completed",
    "completed",
    "cancelled",
]
ITEMS = 9
REPEATS = 5


def with_defaults(model, row: dict) -> dict:
    """``row`` plus every other concrete field's Python default, as bulk_insert needs all
    columns (Django's defaults are not database defaults)."""
    full = dict(row)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in full or field.attname in full:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        full[field.attname] = field.get_default()
    return full


def insert(model, rows: list[dict], *, returning=False):
    from carelead.core.bulk import bulk_insert

    return bulk_insert(model, [with_defaults(model, r) for r in rows], returning=returning)


def build_framework():
    from carelead.appraisals.models import Template
    from carelead.standards.models import (
        Framework,
        FrameworkVersion,
        Item,
        RatingLevel,
        RatingScale,
        Stage,
    )

    framework = Framework.objects.create(
        slug="bench-ml", title="Bench framework", kind="management_leadership"
    )
    version = FrameworkVersion.objects.create(
        framework=framework, version="1", title="Bench framework 1", status="published"
    )
    stages = [
        Stage.objects.create(version=version, code=f"s{rank}", name=f"Stage {rank}", rank=rank)
        for rank in range(5)
    ]
    items = [
        Item.objects.create(
            version=version, kind="competency", code=f"C{i}", title=f"Competency {i}", sort_order=i
        )
        for i in range(ITEMS)
    ]
    scale = RatingScale.objects.create(version=version, code="bench", name="Bench", is_default=True)
    levels = [
        RatingLevel.objects.create(scale=scale, value=v, label=f"Level {v}", sort_order=v)
        for v in (1, 2, 3, 4)
    ]
    template = Template.objects.create(
        code="staff",
        title="Bench template",
        kind="staff",
        framework=framework,
        edi_objective_from_management_level=1,
    )
    return version, stages, items, levels, template


def build_organisation(code: str, rows: int, first_person: int, fw) -> object:
    """A trust with ``rows`` employments and one appraisal each in an open cycle."""
    from carelead.appraisals.models import (
        Appraisal,
        BehaviourAssessment,
        Cycle,
        DevelopmentItem,
        Objective,
    )
    from carelead.organisations.models import Organisation, OrganisationKind
    from carelead.people.models import Employment, Person

    version, stages, items, levels, template = fw
    organisation = Organisation.objects.create(
        ods_code=code, name=f"Bench NHS Trust {code}", kind=OrganisationKind.NHS_TRUST
    )
    today = datetime.date.today()
    cycle = Cycle.objects.create(
        organisation=organisation,
        template=template,
        framework_version=version,
        title=f"Bench cycle {code}",
        status="open",
        opens_on=today - datetime.timedelta(days=150),
        closes_on=today + datetime.timedelta(days=200),
        preparation_due_on=today - datetime.timedelta(days=60),
        discussion_due_on=today - datetime.timedelta(days=5),
        sign_off_due_on=today + datetime.timedelta(days=30),
    )
    people = insert(
        Person,
        [
            {
                "person_number": str(first_person + i),
                "given_name": "Bench",
                "family_name": f"Person {i}",
                "email": f"bench.{first_person + i}@nhs.net",
            }
            for i in range(rows)
        ],
        returning=True,
    )
    employments = insert(
        Employment,
        [
            {
                "person_id": person,
                "organisation_id": organisation.pk,
                "assignment_number": f"{first_person + i}-1",
                "job_title": f"Job {i % 300}",
                "staff_group_id": STAFF_GROUPS[i % len(STAFF_GROUPS)][0],
                "management_level": (i % 6) or None,
                "start_date": datetime.date(2015, 4, 1),
            }
            for i, person in enumerate(people)
        ],
        returning=True,
    )
    now = datetime.datetime.now(datetime.UTC)
    appraisal_rows = []
    for i, (person, employment) in enumerate(zip(people, employments, strict=True)):
        status = STATUSES[i % len(STATUSES)]
        signed = status == "completed" and i % 7
        appraisal_rows.append(
            {
                "cycle_id": cycle.pk,
                "person_id": person,
                "employment_id": employment,
                "organisation_id": organisation.pk,
                "stage_id": stages[i % len(stages)].pk,
                "status": status,
                "appraiser_signed_at": now if signed else None,
                "appraisee_signed_at": now if signed else None,
                "completed_on": today if status == "completed" else None,
            }
        )
    appraisals = insert(Appraisal, appraisal_rows, returning=True)
    objectives, assessments, development = [], [], []
    for i, appraisal in enumerate(appraisals):
        status = STATUSES[i % len(STATUSES)]
        for n in range(i % 4):
            objectives.append(
                {
                    "appraisal_id": appraisal,
                    "title": f"Objective {n}",
                    "description": "Bench objective",
                    "measure": "Bench measure",
                    "due_on": today,
                    "is_edi": n == 0 and i % 3 == 0,
                }
            )
        if status in ("discussed", "awaiting_sign_off", "completed"):
            for k, item in enumerate(items):
                agreed = None if (i + k) % 23 == 0 else levels[(i + k) % len(levels)].pk
                assessments.append(
                    {"appraisal_id": appraisal, "item_id": item.pk, "agreed_rating_id": agreed}
                )
        if i % 2:
            development.append(
                {
                    "appraisal_id": appraisal,
                    "description": "Bench development",
                    "item_id": items[i % ITEMS].pk,
                }
            )
    insert(Objective, objectives)
    insert(BehaviourAssessment, assessments)
    insert(DevelopmentItem, development)
    return organisation


def people_lead_for(organisation):
    from carelead.accounts.models import RoleAssignment, User

    user = User.objects.create(username=f"lead-{organisation.ods_code}")
    RoleAssignment.objects.create(
        user=user, role="people_lead", scope_level="organisation", organisation=organisation
    )
    return user.pk


def run_dashboard(user_pk):
    """Every query of the dashboard's figures, from a freshly loaded user (no caches)."""
    from django.utils import timezone

    from carelead.accounts.models import User
    from carelead.appraisals.selectors.insight import appraisal_dashboard, dashboard_scope

    user = User.objects.get(pk=user_pk)
    return appraisal_dashboard(dashboard_scope(user), today=timezone.localdate())


def timed(function, repeats=REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def count_queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    # The user is loaded by the middleware on a real page, not by the dashboard.
    return len(queries) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    cleanup = django_ready()
    from django.db import connection

    try:
        fw = build_framework()
        start = time.perf_counter()
        large = build_organisation("BNBIG", args.rows, 80_000_000, fw)
        small = build_organisation("BNSML", 100, 90_000_000, fw)
        print(f"built {args.rows:,} + 100 appraisals in {time.perf_counter() - start:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        large_user, small_user = people_lead_for(large), people_lead_for(small)

        large_queries = count_queries(lambda: run_dashboard(large_user))
        small_queries = count_queries(lambda: run_dashboard(small_user))
        assert large_queries == small_queries, (large_queries, small_queries)
        dashboard = run_dashboard(large_user)
        assert dashboard.total.total == args.rows, dashboard.total.total

        def plain_count():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM appraisals_appraisal WHERE organisation_id = %s",
                    [large.pk],
                )
                return cursor.fetchone()[0]

        assert plain_count() == args.rows
        count_time = timed(plain_count)
        dashboard_time = timed(lambda: run_dashboard(large_user))
        print(f"queries: {large_queries} for {args.rows:,} appraisals, {small_queries} for 100")
        print(f"plain COUNT(*)    {count_time * 1000:9.1f} ms (median of {REPEATS})")
        print(f"dashboard figures {dashboard_time * 1000:9.1f} ms (median of {REPEATS})")
        print(
            f"ratio (dashboard ÷ COUNT) {dashboard_time / count_time:.1f}x  "
            f"peak RSS {peak_rss_mb():,.0f} MB"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
