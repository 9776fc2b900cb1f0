"""The workflow pages: who sees what, the task list, actions, stale forms and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.appraisals.models import Appraisal
from carelead.appraisals.tests.factories import AppraisalFactory, CycleFactory, TemplateFactory
from carelead.appraisals.tests.factories_workflow import completed_appraisal, workflow_scene
from carelead.people.tests.factories import EmploymentFactory

S = Appraisal.Status


@pytest.fixture
def scene(world):
    return workflow_scene(world)


def _client(client, world, persona):
    client.force_login(world.user(persona))
    return client


def test_the_detail_page_is_404_for_someone_with_no_role(client, world, scene):
    for persona in ("regional_talent_lead", "board_member", "superuser"):
        response = _client(client, world, persona).get(
            reverse("appraisals:detail", args=[scene.appraisal.pk])
        )
        assert response.status_code == 404, persona


def test_the_detail_page_shows_the_task_list_and_the_actions(client, world, scene):
    response = _client(client, world, "staff").get(
        reverse("appraisals:detail", args=[scene.appraisal.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-task-list" in html
    for section in ("Reflection on the year", "Wellbeing conversation", "Summary and sign-off"):
        assert section in html
    assert reverse("appraisals:reflection", args=[scene.appraisal.pk]) in html
    assert "Start preparing" in html
    assert "This is the first appraisal recorded in carelead." in html


def test_a_people_lead_sees_no_wellbeing_link_and_gets_404_on_that_page(client, world, scene):
    client = _client(client, world, "people_lead")
    response = client.get(reverse("appraisals:detail", args=[scene.appraisal.pk]))
    assert response.status_code == 200
    assert (
        reverse("appraisals:wellbeing", args=[scene.appraisal.pk]) not in response.content.decode()
    )
    response = client.get(reverse("appraisals:wellbeing", args=[scene.appraisal.pk]))
    assert response.status_code == 404


def test_posting_an_action_moves_the_appraisal_on(client, world, scene):
    response = _client(client, world, "staff").post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {"action": "start", "start-version": scene.appraisal.version},
    )
    assert response.status_code == 302
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.status == S.PREPARING


def test_the_transition_url_refuses_get(client, world, scene):
    response = _client(client, world, "staff").get(
        reverse("appraisals:transition", args=[scene.appraisal.pk])
    )
    assert response.status_code == 405


def test_a_missing_reason_is_shown_with_the_error_summary(client, world, scene):
    response = _client(client, world, "line_manager").post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {"action": "cancel", "cancel-version": scene.appraisal.version, "cancel-reason": ""},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter the reason" in response.content.decode()


def test_an_action_for_another_role_is_forbidden(client, world, scene):
    response = _client(client, world, "line_manager").post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {"action": "sign_off", "sign_off-version": scene.appraisal.version},
    )
    # Not possible from "not started" at all: the page says nothing was saved.
    assert response.status_code == 302
    scene.act("start", "staff")
    response = client.post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {"action": "ready", "ready-version": scene.appraisal.version},
    )
    assert response.status_code == 403


def test_a_stale_reflection_keeps_the_input_and_says_why(client, world, scene):
    scene.act("start", "staff")
    stale = scene.appraisal.version
    scene.act("ready", "staff")
    response = _client(client, world, "staff").post(
        reverse("appraisals:reflection", args=[scene.appraisal.pk]),
        {"version": stale, "reflection": "My long reflection"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this appraisal" in html
    assert "My long reflection" in html
    assert f'value="{scene.appraisal.version}"' in html
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.reflection == ""


def test_the_reflection_page_saves(client, world, scene):
    scene.act("start", "staff")
    response = _client(client, world, "staff").post(
        reverse("appraisals:reflection", args=[scene.appraisal.pk]),
        {"version": scene.appraisal.version, "reflection": "Proud of the ward."},
    )
    assert response.status_code == 302
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.reflection == "Proud of the ward."


def test_the_appraiser_records_wellbeing_dates(client, world, scene):
    response = _client(client, world, "line_manager").post(
        reverse("appraisals:wellbeing", args=[scene.appraisal.pk]),
        {
            "version": scene.appraisal.version,
            "offered_on[day]": "1",
            "offered_on[month]": "5",
            "offered_on[year]": "2026",
            "held_on[day]": "",
            "held_on[month]": "",
            "held_on[year]": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.wellbeing_offered_on == datetime.date(2026, 5, 1)


def test_the_aspiration_page_saves_not_said(client, world, scene):
    scene.act("start", "staff")
    response = _client(client, world, "staff").post(
        reverse("appraisals:aspiration", args=[scene.appraisal.pk]),
        {"version": scene.appraisal.version, "aspiration": "not_said", "note": ""},
    )
    assert response.status_code == 302


def test_the_summary_page_lists_what_stops_sign_off(client, world, scene):
    scene.advance_to(S.DISCUSSED)
    client = _client(client, world, "line_manager")
    url = reverse("appraisals:summary", args=[scene.appraisal.pk])
    html = client.get(url).content.decode()
    assert "Before you can sign" in html
    assert "Write a summary of the discussion." in html
    response = client.post(
        url,
        {"section": "summary", "summary-version": scene.appraisal.version, "summary-summary": "Ok"},
    )
    assert response.status_code == 302
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.summary == "Ok"


def test_a_failed_guard_returns_to_the_summary_page_with_the_reasons(client, world, scene):
    scene.advance_to(S.DISCUSSED)
    response = _client(client, world, "line_manager").post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {
            "action": "send_for_sign_off",
            "return_to": "summary",
            "send_for_sign_off-version": scene.appraisal.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Summary and sign-off</h1>" in html
    assert "There is a problem" in html


def test_the_appraisee_signs_off_from_the_summary_page(client, world, scene):
    scene.advance_to(S.AWAITING_SIGN_OFF)
    client = _client(client, world, "staff")
    html = client.get(reverse("appraisals:summary", args=[scene.appraisal.pk])).content.decode()
    assert "Sign off" in html
    response = client.post(
        reverse("appraisals:transition", args=[scene.appraisal.pk]),
        {"action": "sign_off", "return_to": "summary", "sign_off-version": scene.appraisal.version},
    )
    assert response.status_code == 302
    scene.appraisal.refresh_from_db()
    assert scene.appraisal.status == S.COMPLETED


# --- lists ------------------------------------------------------------------------------------


def test_my_appraisals_lists_current_first_then_history(client, world, scene):
    completed_appraisal(world)
    html = _client(client, world, "staff").get(reverse("appraisals:my_appraisals")).content.decode()
    assert html.index("Appraisals in progress") < html.index("Completed and cancelled")


def _more_appraisals(world, n):
    manager = world.employments["line_manager"]
    for _ in range(n):
        employment = EmploymentFactory(organisation=world.trust, line_manager=manager)
        AppraisalFactory(
            cycle=CycleFactory(organisation=world.trust, template=TemplateFactory(), status="open"),
            employment=employment,
            stage=world.stage,
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_appraisers_list_has_constant_queries(client, world, scene):
    world.stage = scene.stage
    client = _client(client, world, "line_manager")
    url = reverse("appraisals:appraising")
    few = _count(client, url)
    _more_appraisals(world, 5)
    many = _count(client, url)
    assert few == many
    assert "Sam Staff" in client.get(url).content.decode()


def test_my_appraisals_has_constant_queries(client, world, scene):
    client = _client(client, world, "staff")
    url = reverse("appraisals:my_appraisals")
    few = _count(client, url)
    for _ in range(4):
        AppraisalFactory(
            cycle=CycleFactory(organisation=world.trust, template=TemplateFactory()),
            employment=world.employments["staff"],
            stage=scene.stage,
        )
    assert _count(client, url) == few


# --- a new line manager's view ----------------------------------------------------------------


def test_a_new_manager_sees_a_shared_appraisal_but_never_the_wellbeing_note(client, world):
    completed_appraisal(world, organisation=world.other_trust, share=True)
    url = reverse("appraisals:previous", args=[world.employments["staff"].pk])
    html = _client(client, world, "line_manager").get(url).content.decode()
    assert "Last year&#39;s summary." in html or "Last year's summary." in html
    assert "Unfinished" in html and "Coaching course" in html
    assert "Private last year." not in html


def test_an_unshared_appraisal_is_not_shown(client, world):
    completed_appraisal(world, share=False)
    url = reverse("appraisals:previous", args=[world.employments["staff"].pk])
    html = _client(client, world, "line_manager").get(url).content.decode()
    assert "has not shared a completed appraisal with you" in html
    assert "Last year" not in html


def test_the_previous_page_is_404_for_someone_not_managing_the_employment(client, world):
    url = reverse("appraisals:previous", args=[world.employments["staff"].pk])
    for persona in ("staff", "people_lead", "superuser"):
        assert _client(client, world, persona).get(url).status_code == 404, persona
