"""The mid-career programme pages: apply, my applications, an application and its actions,
the line manager's list and the regional panel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.learning.models import Application, ApplicationTransition
from carelead.learning.selectors.applications import panel_equality_counts
from carelead.learning.services.applications import application_transition
from carelead.learning.tests.factories import ApplicationFactory
from carelead.learning.tests.factories_applications import build_scene, panel_user
from carelead.organisations.tests.factories import RegionFactory
from carelead.people.models import EqualityMonitoring
from carelead.people.tests.factories import EmploymentFactory

S = Application.Status
pytestmark = pytest.mark.django_db

APPLY = reverse("learning:mid_career_apply")
PANEL = reverse("learning:panel_applications")


@pytest.fixture
def scene(db):
    return build_scene()


def detail_url(application) -> str:
    return reverse("learning:application_detail", kwargs={"pk": application.pk})


def test_the_apply_page_shows_each_rule_and_whether_it_is_met(client, scene):
    scene.programme.min_management_level = 3
    scene.programme.save()
    client.force_login(scene.applicant)
    page = client.get(APPLY).content.decode()
    assert "At least 24 months in management roles" in page
    assert "Your job is at management level 3 (senior manager) or above" in page
    assert "is at management level 2 (middle manager); the programme needs level 3" in page
    assert "Not met" in page


def test_applying_sends_the_application_to_the_line_manager(client, scene):
    client.force_login(scene.applicant)
    response = client.post(
        APPLY,
        {"employment": str(scene.applicant_employment.pk), "statement": "I want to grow."},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(application)
    assert application.status == S.SUBMITTED
    waiting = client.get(reverse("learning:my_applications")).content.decode()
    assert "Waiting for line manager" in waiting


def test_a_failed_rule_is_shown_as_an_error_on_the_form(client, scene):
    scene.applicant_employment.management_level = 1
    scene.applicant_employment.save()
    client.force_login(scene.applicant)
    response = client.post(
        APPLY,
        {"employment": str(scene.applicant_employment.pk), "statement": "I want to grow."},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "the programme needs level 2 (middle manager) or above" in page
    assert not Application.objects.exists()


def test_a_long_statement_is_refused_with_its_length(client, scene):
    client.force_login(scene.applicant)
    response = client.post(
        APPLY, {"employment": str(scene.applicant_employment.pk), "statement": "word " * 520}
    )
    assert "Your statement is 520 words" in response.content.decode()


def test_the_line_manager_sees_and_supports_a_waiting_application(client, scene):
    application = scene.apply()
    client.force_login(scene.manager)
    team = client.get(reverse("learning:team_applications")).content.decode()
    assert escape(application.person.full_name) in team
    response = client.post(
        detail_url(application), {"action": "support", "support-version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.MANAGER_SUPPORTED


def test_declining_without_a_reason_shows_an_error(client, scene):
    application = scene.apply()
    client.force_login(scene.manager)
    response = client.post(
        detail_url(application),
        {"action": "manager_decline", "manager_decline-version": application.version},
    )
    assert "Enter the reason, for the applicant to read" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_stale_page_keeps_what_was_typed_and_saves_nothing(client, scene):
    application = scene.apply()
    opened_at = application.version
    application_transition(actor=scene.manager, application=application, action="support")
    client.force_login(scene.applicant)
    response = client.post(
        detail_url(application),
        {
            "action": "withdraw",
            "withdraw-version": opened_at,
            "withdraw-reason": "I have a new job in another region.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed since you opened this page" in page
    assert "I have a new job in another region." in page
    application.refresh_from_db()
    assert application.status == S.MANAGER_SUPPORTED


def test_only_the_actions_for_the_viewer_are_offered(client, scene):
    application = scene.apply()
    client.force_login(scene.manager)
    page = client.get(detail_url(application)).content.decode()
    assert "Support application" in page
    assert "Withdraw my application" not in page
    client.force_login(scene.applicant)
    page = client.get(detail_url(application)).content.decode()
    assert "Withdraw my application" in page
    assert "Support application" not in page


def test_a_manager_of_another_team_gets_404(client, scene):
    application = scene.apply()
    other_manager = EmploymentFactory(organisation=scene.trust, management_level=3)
    EmploymentFactory(organisation=scene.trust, line_manager=other_manager)
    from carelead.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(person=other_manager.person))
    assert client.get(detail_url(application)).status_code == 404
    response = client.post(
        detail_url(application), {"action": "support", "support-version": application.version}
    )
    assert response.status_code == 404


def test_a_panel_of_another_region_gets_404_and_does_not_list_it(client, scene):
    application = scene.apply()
    outsider = panel_user(RegionFactory())
    client.force_login(outsider)
    assert client.get(detail_url(application)).status_code == 404
    assert escape(application.person.full_name) not in client.get(PANEL).content.decode()


def test_the_panel_shortlists_offers_and_allocates(client, scene):
    application = scene.apply()
    application_transition(actor=scene.manager, application=application, action="support")
    client.force_login(scene.panel)
    for action in ("shortlist", "offer"):
        application.refresh_from_db()
        client.post(
            detail_url(application), {"action": action, f"{action}-version": application.version}
        )
    application.refresh_from_db()
    assert application.status == S.OFFERED
    application_transition(actor=scene.applicant, application=application, action="accept")
    application.refresh_from_db()
    client.post(
        detail_url(application),
        {
            "action": "allocate",
            "allocate-version": application.version,
            "allocate-cohort": str(scene.cohort.pk),
        },
    )
    application.refresh_from_db()
    assert application.status == S.ALLOCATED
    page = client.get(PANEL).content.decode()
    assert scene.cohort.code in page


def _applicants(scene, count: int, *, status=S.SUBMITTED, ethnic_category="A"):
    for _ in range(count):
        employment = EmploymentFactory(organisation=scene.trust, management_level=2)
        EqualityMonitoring.objects.create(person=employment.person, ethnic_category=ethnic_category)
        application = ApplicationFactory(
            programme=scene.programme, employment=employment, status=status
        )
        ApplicationTransition.objects.create(
            application=application, from_status="", to_status=S.SUBMITTED, actor_label="t"
        )


def test_the_panel_list_takes_the_same_queries_for_few_and_many(client, scene):
    client.force_login(scene.panel)
    _applicants(scene, 2)
    client.get(PANEL)  # warm the session and role caches
    with CaptureQueriesContext(connection) as few:
        client.get(PANEL)
    _applicants(scene, 12, ethnic_category="H")
    with CaptureQueriesContext(connection) as many:
        response = client.get(PANEL)
    assert response.status_code == 200
    assert len(few) == len(many)


def test_the_panel_list_filters_by_status(client, scene):
    _applicants(scene, 1, status=S.SHORTLISTED)
    _applicants(scene, 1)
    client.force_login(scene.panel)
    page = client.get(PANEL, {"status": S.SHORTLISTED}).content.decode()
    assert "1 application matching the filters" in page


@pytest.fixture
def reference_data(db):
    from carelead.people.services import reference_data_load

    return reference_data_load()


def test_equality_counts_never_show_a_small_cell_or_a_lone_hidden_one(scene, reference_data):
    _applicants(scene, 12, ethnic_category="A")
    _applicants(scene, 3, ethnic_category="H")
    stages = panel_equality_counts(scene.panel)
    for stage in stages:
        for question in stage["questions"]:
            counts = question["counts"].values()
            assert all(n is None or n >= 10 for n in counts)
            assert len(counts) == 3
            assert sum(n is None for n in counts) != 1
    applied = stages[0]["questions"][0]["counts"]
    assert applied == {
        "White": 12,
        "Black and minority ethnic": None,
        "Not stated or unknown": None,
    }


def test_the_panel_page_shows_counts_not_people(client, scene, reference_data):
    _applicants(scene, 12, ethnic_category="A")
    _applicants(scene, 3, ethnic_category="H")
    client.force_login(scene.panel)
    page = client.get(PANEL).content.decode()
    assert "Equality at each stage" in page
    assert "Hidden" in page
    assert "Asian or Asian British" not in page
