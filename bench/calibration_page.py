"""Benchmark the calibration session page for a large session.

    uv run python bench/calibration_page.py                 # 5,000 people, SQLite
    uv run python bench/calibration_page.py --rows 20000
    DATABASE_URL=postgres://user:pass@host/db uv run python bench/calibration_page.py

It builds, with set-based inserts, one trust with ``--rows`` people, each with a current
employment, equality monitoring answers and a proposed talent assessment, all placed in one
calibration session in progress (some moved), and a second session of 50 built the same way.
It then does the session page's work (the selectors and presenters behind the grid, the first
page of the placement table and the live fairness figures) for both sessions and checks the
query count is the same, and times it against a plain query over the same placement rows,
in the same process, printing the ratio. The database is thrown away as in
bench/import_workforce.py.
"""

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.appraisal_dashboard import insert, timed  # noqa: E402
from bench.import_workforce import STAFF_GROUPS, django_ready, peak_rss_mb  # noqa: E402

REPEATS = 5
#: Codes cycled through, so every group is large enough to be shown in a big session.
ETHNIC = ["A", "A", "A", "C", "H", "N", "M", "Z"]
DISABILITY = ["N", "N", "N", "Y", "PNS"]
SEX = ["F", "F", "M", ""]


def build_session(code: str, rows: int, first_person: int, grid, facilitator, move_every: int):
    from carelead.organisations.models import Organisation, OrganisationKind
    from carelead.people.models import Employment, EqualityMonitoring, Person
    from carelead.talent.models import CalibrationPlacement, CalibrationSession, TalentAssessment

    organisation = Organisation.objects.create(
        ods_code=code, name=f"Bench NHS Trust {code}", kind=OrganisationKind.NHS_TRUST
    )
    session = CalibrationSession.objects.create(
        title=f"Bench session {code}",
        level="organisation",
        organisation=organisation,
        facilitator=facilitator,
        grid=grid,
        scheduled_on=datetime.date.today(),
        status="in_progress",
    )
    people = insert(
        Person,
        [
            {
                "person_number": str(first_person + i),
                "given_name": "Bench",
                "family_name": f"Person {i:06d}",
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
                "job_title": "Service manager",
                "staff_group_id": STAFF_GROUPS[i % len(STAFF_GROUPS)][0],
                "management_level": 1 + i % 4,
                "start_date": datetime.date(2015, 4, 1),
            }
            for i, person in enumerate(people)
        ],
        returning=True,
    )
    insert(
        EqualityMonitoring,
        [
            {
                "person_id": person,
                "ethnic_category": ETHNIC[i % len(ETHNIC)],
                "disability": DISABILITY[i % len(DISABILITY)],
                "sex": SEX[i % len(SEX)],
            }
            for i, person in enumerate(people)
        ],
    )
    assessments = insert(
        TalentAssessment,
        [
            {
                "person_id": person,
                "employment_id": employment,
                "organisation_id": organisation.pk,
                "performance": 1 + i % 3,
                "potential": 1 + (i // 3) % 3,
                "assessed_on": datetime.date.today(),
                "status": "proposed",
            }
            for i, (person, employment) in enumerate(zip(people, employments, strict=True))
        ],
        returning=True,
    )
    placements = []
    for i, assessment in enumerate(assessments):
        performance, potential = 1 + i % 3, 1 + (i // 3) % 3
        moved = i % move_every == 0
        placements.append(
            {
                "session_id": session.pk,
                "assessment_id": assessment,
                "proposed_performance": performance,
                "proposed_potential": potential,
                "performance": performance,
                "potential": 3 if moved else potential,
                "reason": "Bench move" if moved else "",
            }
        )
    insert(CalibrationPlacement, placements)
    return session.pk


def page_work(session_pk: int, user_pk: int):
    """What the session page computes, from a freshly loaded user (no caches), as the view
    does: the scoped session, the grid (counts and, for small sessions, names), the first page
    of the placement table and the fairness figures and their presentation."""
    from django.core.paginator import Paginator

    from carelead.accounts.models import User
    from carelead.talent.presenters import calibration as presenters
    from carelead.talent.selectors import calibration as selectors
    from carelead.talent.views.calibration import GRID_NAMES_LIMIT, PLACEMENTS_PAGE_SIZE

    user = User.objects.get(pk=user_pk)
    session = selectors.session_for_user(user, session_pk)
    page = Paginator(selectors.session_placements(session), PLACEMENTS_PAGE_SIZE).get_page(1)
    rows = presenters.placement_rows(session, page.object_list, can_move=True)
    grid = presenters.grid_rows(
        session,
        selectors.cell_counts(session),
        selectors.cell_names(session, limit=GRID_NAMES_LIMIT),
        None,
    )
    fairness = selectors.session_fairness(session)
    return rows, grid, presenters.fairness_tables(fairness), presenters.alert_messages(fairness)


def count_queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    # The user is loaded by the middleware on a real page, not by the page's work.
    return len(queries) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    args = parser.parse_args()

    cleanup = django_ready()
    import time

    from django.db import connection

    try:
        from carelead.accounts.models import User
        from carelead.people.models import Person
        from carelead.talent.models import CalibrationPlacement, GridPreset
        from carelead.talent.services.reference import talent_reference_load

        talent_reference_load()
        grid = GridPreset.objects.get(code="hee-hcls-nine-box")
        person = Person.objects.create(person_number="79999999", given_name="F", family_name="F")
        facilitator = User.objects.create(username="bench-facilitator", person=person)
        start = time.perf_counter()
        # Both sessions have at least the suppression minimum of moves into high potential,
        # so both pages show the comparison with the proposed placements (its own queries).
        large = build_session("BCBIG", args.rows, 80_000_000, grid, facilitator, 17)
        small = build_session("BCSML", 50, 90_000_000, grid, facilitator, 2)
        print(f"built {args.rows:,} + 50 placements in {time.perf_counter() - start:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        page_work(small, facilitator.pk)  # warm imports and per-process caches
        large_queries = count_queries(lambda: page_work(large, facilitator.pk))
        small_queries = count_queries(lambda: page_work(small, facilitator.pk))
        assert large_queries == small_queries, (large_queries, small_queries)

        def plain_query():
            return list(
                CalibrationPlacement.objects.filter(session_id=large).values_list(
                    "assessment__person_id", "performance", "potential"
                )
            )

        assert len(plain_query()) == args.rows
        plain_time = timed(plain_query, REPEATS)
        page_time = timed(lambda: page_work(large, facilitator.pk), REPEATS)
        print(f"queries: {large_queries} for {args.rows:,} people, {small_queries} for 50")
        print(f"plain placement query {plain_time * 1000:9.1f} ms (median of {REPEATS})")
        print(f"session page work     {page_time * 1000:9.1f} ms (median of {REPEATS})")
        print(
            f"ratio (page ÷ plain query) {page_time / plain_time:.1f}x  "
            f"peak RSS {peak_rss_mb():,.0f} MB"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
