import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.appraisals.models import Appraisal
from carelead.appraisals.selectors.board import (
    Submission,
    board_cycle_for_people_lead,
    board_members,
    filter_submissions,
    submission_counts,
    submission_rows,
    submission_state,
    submissions_in_scope,
)
from carelead.appraisals.services.board import board_appraisal_add
from carelead.appraisals.tests.factories import CycleFactory
from carelead.appraisals.tests.factories_board import (
    board,
    board_cycle,
    board_employment,
    complete,
    make_people_lead,
    submitted,
)
from carelead.people.tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db
Role = Appraisal.BoardRole
# After NEDs' 30 September 2026 date, before the 2027 dates.
TODAY = datetime.date(2026, 11, 26)


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def test_submission_state_rule():
    due = datetime.date(2026, 6, 30)
    assert submission_state(None, None, TODAY) is None
    assert submission_state(due, at(due), TODAY) == Submission.ON_TIME
    assert submission_state(due, at(due + datetime.timedelta(days=1)), TODAY) == Submission.LATE
    assert submission_state(due, None, due) == Submission.NOT_YET_DUE
    assert submission_state(due, None, due + datetime.timedelta(days=1)) == Submission.OVERDUE


def test_board_cycle_answers_404_outside_the_people_leads_organisations(world):
    mine = board_cycle(world.trust)
    lead = world.user("people_lead")
    assert board_cycle_for_people_lead(lead, mine.pk) == mine
    for other in (board_cycle(world.other_trust), CycleFactory(organisation=world.trust)):
        with pytest.raises(Http404):
            board_cycle_for_people_lead(lead, other.pk)
    with pytest.raises(Http404):
        board_cycle_for_people_lead(world.user("regional_talent_lead"), mine.pk)


def test_board_members_lists_level_5_staff_and_those_added_chair_first(world):
    cycle = board_cycle(world.trust)
    lead = world.user("people_lead")
    candidate = board_employment(world.trust, "Zed", "Aardvark", "Director of nursing")
    not_board = EmploymentFactory(organisation=world.trust, management_level=4)
    # Added although not at level 5 (a NED is not always recorded as board level).
    ned_emp = EmploymentFactory(organisation=world.trust, management_level=None)
    chair, sid, _ = board(cycle, lead)
    ned = board_appraisal_add(actor=lead, cycle=cycle, employment=ned_emp, board_role=Role.NED)
    members = board_members(cycle)
    employments = [m.employment for m in members]
    assert employments[0] == chair.employment
    assert set(employments[1:3]) == {sid.employment, ned.employment}
    assert employments[3:] == [candidate]
    assert not_board not in employments
    assert members[0].appraisal == chair
    assert members[3].appraisal is None


def test_board_members_takes_two_queries_whatever_the_size(world):
    cycle = board_cycle(world.trust)
    lead = world.user("people_lead")
    board(cycle, lead)
    with CaptureQueriesContext(connection) as few:
        list(board_members(cycle))
    board(board_cycle(world.trust, opens_on=datetime.date(2025, 4, 1)), lead)
    for n in range(5):
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, f"N{n}", "Ned", "NED"),
            board_role=Role.NED,
        )
    with CaptureQueriesContext(connection) as many:
        members = board_members(cycle)
        [
            (m.employment.person.full_name, m.appraisal and str(m.appraisal.appraiser))
            for m in members
        ]
    assert len(few) == len(many) == 2


@pytest.fixture
def regions(world):
    """In the world's region: a trust whose chair submitted on time and whose NED is overdue,
    and a sibling trust whose chair submitted late and a NED still to complete. In the other
    region: a chair and a NED, neither submitted."""
    lead = world.user("people_lead")
    make_people_lead(lead, world.sibling_trust, world.other_trust)
    chair, ned, _ = board(board_cycle(world.trust), lead)
    submitted(complete(chair), at(datetime.date(2026, 6, 1)))
    s_chair, s_ned, _ = board(board_cycle(world.sibling_trust), lead)
    submitted(complete(s_chair), at(datetime.date(2026, 7, 15)))
    complete(s_ned)
    o_chair, o_ned, _ = board(board_cycle(world.other_trust), lead)
    return {"on_time": chair, "overdue": ned, "late": s_chair, "ned": s_ned, "other": o_chair}


def test_a_regional_lead_sees_only_their_regions_submissions_with_exact_counts(world, regions):
    user = world.user("regional_talent_lead")
    shown = submissions_in_scope(user, today=TODAY)
    assert set(shown) == {regions["on_time"], regions["overdue"], regions["late"], regions["ned"]}
    assert submission_counts(shown) == {
        Submission.ON_TIME: 1,
        Submission.LATE: 1,
        Submission.OVERDUE: 2,
        Submission.NOT_YET_DUE: 0,
    }
    neds = filter_submissions(shown, role=Role.NED)
    assert submission_counts(neds)[Submission.OVERDUE] == 2
    assert set(filter_submissions(shown, submission=Submission.LATE)) == {regions["late"]}
    assert set(filter_submissions(shown, status=Appraisal.Status.COMPLETED)) == {
        regions["on_time"],
        regions["late"],
        regions["ned"],
    }


def test_before_the_due_dates_unsubmitted_appraisals_are_not_yet_due(world, regions):
    shown = submissions_in_scope(world.user("ned_appointments"), today=datetime.date(2026, 5, 1))
    counts = submission_counts(shown)
    assert counts == {
        Submission.ON_TIME: 1,
        Submission.LATE: 1,
        Submission.OVERDUE: 0,
        Submission.NOT_YET_DUE: 2,
    }


def test_the_implementation_office_sees_every_region(world, regions):
    shown = submissions_in_scope(world.user("implementation_office"), today=TODAY)
    assert shown.count() == 6


def test_people_without_a_regional_role_see_nothing(world, regions):
    for persona in ("people_lead", "board_member", "superuser"):
        assert not submissions_in_scope(world.user(persona), today=TODAY).exists()


def test_executives_and_cancelled_appraisals_are_not_in_the_submissions(world, regions):
    lead = world.user("people_lead")
    cycle = regions["on_time"].cycle
    board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=board_employment(world.trust, "Cara", "Chief", "Chief executive"),
        board_role=Role.CHIEF_EXECUTIVE,
    )
    Appraisal.objects.filter(pk=regions["overdue"].pk).update(status=Appraisal.Status.CANCELLED)
    shown = submissions_in_scope(world.user("regional_talent_lead"), today=TODAY)
    assert set(shown) == {regions["on_time"], regions["late"], regions["ned"]}


def test_submission_rows_never_load_content(world, regions):
    Appraisal.objects.update(summary="Private summary", wellbeing_note="Private note")
    rows = list(submission_rows(submissions_in_scope(world.user("regional_talent_lead"))))
    for row in rows:
        assert "summary" in row.get_deferred_fields()
        assert "wellbeing_note" in row.get_deferred_fields()
        assert "reflection" in row.get_deferred_fields()


def test_submission_rows_take_one_query_whatever_the_size(world, regions):
    user = world.user("implementation_office")

    def read():
        with CaptureQueriesContext(connection) as queries:
            rows = list(submission_rows(submissions_in_scope(user, today=TODAY)))
            [(r.organisation.name, r.organisation.region.name, r.person.full_name) for r in rows]
        return len(queries)

    read()  # the first read also loads the user's role assignments, once per request
    few = read()
    board(
        board_cycle(world.sibling_trust, opens_on=datetime.date(2025, 4, 1)),
        world.user("people_lead"),
        neds=4,
    )
    assert read() == few == 1
