"""The induction pages: my induction, my team's, my organisation's."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory
from carelead.learning.models import Accreditation, Completion, Enrolment, Module, Programme
from carelead.learning.selectors.induction import induction_counts
from carelead.learning.tests.factories import CompletionFactory, EnrolmentFactory
from carelead.learning.tests.factories_induction import open_induction
from carelead.people.tests.factories import EmploymentFactory, PersonFactory

MY = reverse("learning:my_induction")
TEAM = reverse("learning:team_induction")
ORGANISATION = reverse("learning:organisation_induction")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(world):
    return open_induction()


def enrol(programme, employment, due_on, **kwargs):
    return EnrolmentFactory(
        person=employment.person,
        programme=programme,
        employment=employment,
        organisation=employment.organisation,
        source=Enrolment.Source.AUTOMATIC,
        enrolled_on=due_on - datetime.timedelta(weeks=12),
        due_on=due_on,
        **kwargs,
    )


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


# --- My induction ---------------------------------------------------------------------------


def test_health_staff_see_the_social_care_module_highlighted_and_which_are_done(
    client, world, programme, today
):
    staff = world.employments["staff"]
    enrolment = enrol(programme, staff, today + datetime.timedelta(days=30))
    modules = {m.code: m for m in programme.modules.all()}
    CompletionFactory(person=staff.person, programme=None, provider=None, module=modules["welcome"])
    CompletionFactory(
        person=staff.person,
        programme=None,
        provider=None,
        module=modules["values"],
        status=Completion.Status.AWAITING_VERIFICATION,
    )

    response = get(client, world.user("staff"), MY)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Working with social care" in html
    assert "You work in health, so this module introduces adult social care" in html
    # The module on their own sector is not theirs to take.
    assert "Working with the NHS" not in html
    assert "1 of 3" in html
    assert len(re.findall(r">\s*Done\s*<", html)) == 1
    assert len(re.findall(r">\s*Not done\s*<", html)) == 2
    assert "overdue" not in html.lower()
    assert enrolment.due_on.strftime("%-d %B %Y") in html


def test_social_care_staff_take_the_health_module_instead(client, world, programme, today):
    from carelead.organisations.models import OrganisationKind
    from carelead.organisations.tests.factories import OrganisationFactory

    staff = world.employments["staff"]
    care_home = OrganisationFactory(kind=OrganisationKind.SOCIAL_CARE_PROVIDER)
    enrol(
        programme,
        EmploymentFactory(person=staff.person, organisation=care_home, assignment_number="c-1"),
        today,
    )

    html = get(client, world.user("staff"), MY).content.decode()

    assert "Working with the NHS" in html
    assert "Working with social care" not in html
    assert "You work in social care" in html


def test_an_overdue_induction_shows_a_warning(client, world, programme, today):
    enrol(programme, world.employments["staff"], today - datetime.timedelta(days=3))

    html = get(client, world.user("staff"), MY).content.decode()

    assert "Your induction is overdue" in html
    assert "3 days ago" in html


def test_someone_not_enrolled_is_told_why_plainly(client, world, programme):
    html = get(client, world.user("staff"), MY).content.decode()

    assert "You are not enrolled on the national induction" in html


def test_a_login_without_a_person_gets_404(client, world):
    assert get(client, world.user("superuser"), MY).status_code == 404


# --- My team's induction --------------------------------------------------------------------


def test_the_line_manager_sees_their_reports_with_overdue_first(client, world, programme, today):
    manager = world.employments["line_manager"]
    staff = world.employments["staff"]
    late = EmploymentFactory(organisation=world.trust, line_manager=manager)
    EmploymentFactory(organisation=world.trust, line_manager=manager)  # not enrolled
    enrol(programme, staff, today + datetime.timedelta(days=10))
    enrol(programme, late, today - datetime.timedelta(days=10))

    html = get(client, world.user("line_manager"), TEAM).content.decode()

    assert (
        "1 person&#39;s induction is overdue" in html or "1 person's induction is overdue" in html
    )
    assert html.index(escape(late.person.full_name)) < html.index(escape(staff.person.full_name))
    assert "Not enrolled" in html and "Not yet due" in html and "Overdue" in html


def test_the_team_page_takes_the_same_queries_for_small_and_large_teams(
    client, world, programme, today
):
    manager = world.employments["line_manager"]
    client.force_login(world.user("line_manager"))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(TEAM).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(8):
        enrol(
            programme,
            EmploymentFactory(organisation=world.trust, line_manager=manager),
            today,
        )
    assert queries() == few


# --- My organisation's induction ------------------------------------------------------------


def test_figures_count_each_state_for_the_organisation_only(world, programme, today):
    past = today - datetime.timedelta(days=20)

    def emp(org=None):
        return EmploymentFactory(organisation=org or world.trust)

    enrol(programme, emp(), today + datetime.timedelta(days=5))  # not yet due
    enrol(programme, emp(), today)  # due today, not done: not yet overdue
    enrol(programme, emp(), past)  # overdue
    enrol(programme, emp(), past, status="completed", completed_on=past)  # on time
    enrol(
        programme,
        emp(),
        past,
        status="completed",
        completed_on=past + datetime.timedelta(days=1),
    )  # late
    enrol(programme, emp(), past, status="withdrawn")  # does not count
    enrol(programme, emp(world.other_trust), past)  # another organisation

    assert induction_counts(world.trust, today=today) == {
        "enrolled": 5,
        "not_yet_due": 2,
        "overdue": 1,
        "completed_on_time": 1,
        "completed_late": 1,
        "due": 4,
        "on_time_of_due": 1,
        "percent_on_time": 25,
    }


def test_people_lead_sees_figures_and_the_overdue_list(client, world, programme, today):
    late = EmploymentFactory(organisation=world.trust, job_title="Porter")
    enrol(programme, late, today - datetime.timedelta(days=9))
    outsider = world.outsider_employment
    enrol(programme, outsider, today - datetime.timedelta(days=9))

    response = get(client, world.user("people_lead"), ORGANISATION)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Induction at Leeds Teaching Hospitals" in html
    assert escape(late.person.full_name) in html and late.person.person_number in html
    assert "Porter" in html and ">9<" in html
    assert escape(outsider.person.full_name) not in html
    assert "Automatic enrolment is paused" not in html


def test_another_organisation_answers_404(client, world, programme):
    lead = world.user("people_lead")

    assert (
        get(client, lead, ORGANISATION, organisation=world.other_trust.ods_code).status_code == 404
    )
    assert get(client, lead, ORGANISATION, organisation="NOPE").status_code == 404
    assert get(client, lead, ORGANISATION, organisation=world.trust.ods_code).status_code == 200


def test_a_lead_of_two_organisations_picks_one(client, world, programme, today):
    lead = world.user("people_lead")
    RoleAssignmentFactory(
        user=lead,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=world.sibling_trust,
    )
    # A fixed name: a random one could match someone else's on the first page.
    sibling = EmploymentFactory(
        organisation=world.sibling_trust,
        person=PersonFactory(given_name="Sibyl", family_name="Sibling"),
    )
    enrol(programme, sibling, today - datetime.timedelta(days=2))

    first = get(client, lead, ORGANISATION).content.decode()
    picked = get(client, lead, ORGANISATION, organisation=world.sibling_trust.ods_code)

    assert 'name="organisation"' in first
    assert escape(sibling.person.full_name) not in first
    assert escape(sibling.person.full_name) in picked.content.decode()


def test_paused_enrolment_is_explained(client, world, programme):
    Accreditation.objects.filter(provider=programme.provider).update(
        status=Accreditation.Status.SUSPENDED
    )

    html = get(client, world.user("people_lead"), ORGANISATION).content.decode()

    assert "Automatic enrolment is paused" in html
    assert "is suspended" in html


def test_no_open_induction_is_explained(client, world):
    open_induction(status=Programme.Status.CLOSED, modules=False)

    html = get(client, world.user("people_lead"), ORGANISATION).content.decode()

    assert "No national induction is open" in html


def test_the_overdue_list_takes_the_same_queries_for_few_and_many(client, world, programme, today):
    client.force_login(world.user("people_lead"))

    def add(n):
        for _ in range(n):
            enrol(
                programme,
                EmploymentFactory(organisation=world.trust),
                today - datetime.timedelta(days=4),
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ORGANISATION).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(60)  # past one page, too
    assert queries() == few


def test_modules_of_other_focus_are_unaffected_by_sector(world, programme):
    # Guards the fixture the page tests rely on: one module of each focus.
    assert sorted(programme.modules.values_list("focus", flat=True)) == sorted(Module.Focus.values)
