"""Calibration pages: planning a session, the session page (grid, placements, fairness),
moving with a reason and the out-of-date message, closing; 404 outside sight; the session
page's query count does not grow with its people; no one's equality answer is ever shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.talent.models import CalibrationSession, TalentAssessment
from carelead.talent.tests.factories import CalibrationSessionFactory, nine_box
from carelead.talent.tests.factories_calibration import placed, proposed_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def equality_options(db):
    from carelead.people.services import reference_data_load

    reference_data_load()


def _session(world, status="in_progress", **kwargs):
    kwargs.setdefault("facilitator", world.user("people_lead"))
    kwargs.setdefault("created_by", world.user("people_lead"))
    kwargs.setdefault("organisation", world.trust)
    return CalibrationSessionFactory(status=status, **kwargs)


def test_people_lead_plans_a_session_with_the_default_grid_preselected(client, world):
    nine_box()
    client.force_login(world.user("people_lead"))
    url = reverse("talent:calibration_create")
    page = client.get(url).content.decode()
    assert 'value="hee-hcls-nine-box" checked' in page
    response = client.post(
        url,
        {
            "title": "Nursing talent review",
            "scope": f"organisation:{world.trust.pk}",
            "facilitator": world.user("line_manager").person.email,
            "grid": "hee-hcls-nine-box",
            "scheduled_on[day]": "3",
            "scheduled_on[month]": "12",
            "scheduled_on[year]": "2026",
        },
    )
    session = CalibrationSession.objects.get()
    assert response.url == reverse("talent:calibration", kwargs={"pk": session.pk})
    assert session.facilitator == world.user("line_manager")


def test_plan_form_says_what_is_wrong_and_where(client, world):
    nine_box()
    client.force_login(world.user("people_lead"))
    response = client.post(
        reverse("talent:calibration_create"),
        {"title": "", "scope": "region:999999", "facilitator": "nobody@example.com"},
    )
    page = response.content.decode()
    assert "Enter a title for the session" in page
    assert "No one with the email address nobody@example.com has a carelead account" in page
    assert "Enter the date of the session" in page
    assert "Choose who the session covers from the list" in page
    assert 'href="#id_title"' in page


def test_the_facilitator_sees_the_session_and_its_list(client, world):
    session = _session(world, facilitator=world.user("line_manager"))
    client.force_login(world.user("line_manager"))
    assert session.title in client.get(reverse("talent:calibrations")).content.decode()
    assert client.get(reverse("talent:calibration", kwargs={"pk": session.pk})).status_code == 200


def test_session_outside_sight_answers_404(client, world):
    session = _session(world, level="icb", organisation=world.other_icb)
    client.force_login(world.user("regional_talent_lead"))
    for name in ("talent:calibration", "talent:calibration_start", "talent:calibration_close"):
        assert client.get(reverse(name, kwargs={"pk": session.pk})).status_code == 404


def test_a_viewer_who_does_not_run_the_session_cannot_open_move(client, world, equality_options):
    session = _session(world)
    placement = placed(session, proposed_people(world.trust, [{}]))[0]
    client.force_login(world.user("regional_talent_lead"))
    url = reverse("talent:calibration_move", kwargs={"session_pk": session.pk, "pk": placement.pk})
    assert client.get(url).status_code == 404


def test_session_page_shows_grid_table_and_never_an_answer(client, world, equality_options):
    rows = [{"ethnic_category": "N", "disability": "Y", "sex": "F", "potential": 3}] * 3
    session = _session(world)
    placed(session, proposed_people(world.trust, rows))
    client.force_login(world.user("people_lead"))
    page = client.get(reverse("talent:calibration", kwargs={"pk": session.pk})).content.decode()
    assert "Strong early promise (4+ years)" in page
    assert "Health Education England" in page
    assert "Cal Person" in page
    assert "Fewer than 10" in page
    # Counts of three would give away everyone's answers: none is shown, nor any answer label.
    assert "Black or Black British" not in page
    assert "3 (100%)" not in page


def test_a_skewed_session_shows_the_alert_about_a_group(client, world, equality_options):
    rows = (
        [{"ethnic_category": "A", "potential": 3}] * 20
        + [{"ethnic_category": "A"}] * 20
        + [{"ethnic_category": "N", "potential": 3}] * 10
        + [{"ethnic_category": "N"}] * 30
        + [{"potential": 3}] * 10
    )
    session = _session(world)
    placed(session, proposed_people(world.trust, rows))
    client.force_login(world.user("people_lead"))
    page = client.get(reverse("talent:calibration", kwargs={"pk": session.pk})).content.decode()
    assert "Fairness alert" in page
    assert (
        "Ethnic group: Black and minority ethnic people are less likely to be placed high on "
        "potential than everyone else (relative likelihood 0.50, outside 0.8 to 1.25)."
    ) in page
    assert "four-fifths" in page


def test_filtering_by_cell_lists_only_that_cell(client, world, equality_options):
    session = _session(world)
    assessments = proposed_people(world.trust, [{"potential": 3}, {"potential": 1}])
    placed(session, assessments)
    client.force_login(world.user("people_lead"))
    url = reverse("talent:calibration", kwargs={"pk": session.pk})
    page = client.get(url, {"cell": "2-3"}).content.decode()
    assert escape(assessments[0].person.family_name) in page
    assert "1 person placed Moderate performance, High potential" in page


def test_move_with_reason_then_out_of_date_version_is_refused(client, world, equality_options):
    session = _session(world)
    placement = placed(session, proposed_people(world.trust, [{}]))[0]
    client.force_login(world.user("people_lead"))
    url = reverse("talent:calibration_move", kwargs={"session_pk": session.pk, "pk": placement.pk})
    missing = client.post(url, {"performance": "3", "potential": "3", "reason": "", "version": 1})
    assert "Enter the reason for the move" in missing.content.decode()
    moved = client.post(
        url, {"performance": "3", "potential": "3", "reason": "Led the ward", "version": 1}
    )
    assert moved.status_code == 302
    stale = client.post(url, {"performance": "1", "potential": "1", "reason": "B", "version": 1})
    assert "Someone else moved" in stale.content.decode()


def test_start_and_close_through_the_pages(client, world, equality_options):
    session = _session(world, status="planned")
    proposed_people(world.trust, [{}, {"potential": 3}])
    client.force_login(world.user("people_lead"))
    start = reverse("talent:calibration_start", kwargs={"pk": session.pk})
    assert "2 assessments now" in client.get(start).content.decode()
    assert client.post(start, {"version": 1}).status_code == 302
    close = reverse("talent:calibration_close", kwargs={"pk": session.pk})
    stale = client.post(close, {"version": 1})
    assert "Someone else changed this session" in stale.content.decode()
    assert client.post(close, {"version": 2}).status_code == 302
    statuses = set(TalentAssessment.objects.values_list("status", flat=True))
    assert statuses == {TalentAssessment.Status.CALIBRATED}


def _page_queries(client, session) -> int:
    url = reverse("talent:calibration", kwargs={"pk": session.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_session_page_query_count_does_not_grow_with_placements(client, world, equality_options):
    client.force_login(world.user("people_lead"))
    answers = [{"ethnic_category": "A", "sex": "F", "disability": "N", "potential": 3}, {}]
    small = _session(world)
    placed(small, proposed_people(world.trust, answers * 3), moves={0: (1, 1)})
    large = _session(world)
    placed(large, proposed_people(world.trust, answers * 25), moves={0: (1, 1), 5: (3, 3)})
    # The first page load warms per-process caches (content types, sessions); compare after.
    _page_queries(client, small)
    assert _page_queries(client, small) == _page_queries(client, large)


def test_list_query_count_does_not_grow_with_sessions(client, world):
    client.force_login(world.user("people_lead"))
    _session(world)
    url = reverse("talent:calibrations")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        _session(world, facilitator=world.user("line_manager"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)
