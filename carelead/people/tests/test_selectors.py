import datetime

import pytest
from django.http import Http404

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.people import selectors
from carelead.people.tests.factories import (
    EmploymentFactory,
    PayBandFactory,
    PersonFactory,
    StaffGroupFactory,
)

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


def test_a_people_lead_sees_current_staff_of_their_trust_only(world):
    lead = world.user("people_lead")
    EmploymentFactory(organisation=world.trust, end_date=YESTERDAY)  # a leaver
    EmploymentFactory(organisation=world.sibling_trust)
    employments = list(selectors.people_for_people_lead(lead))
    assert employments
    assert {e.organisation_id for e in employments} == {world.trust.pk}
    assert all(e.end_date is None for e in employments)
    assert world.outsider_employment not in employments


def test_people_lead_filters_and_search(world):
    lead = world.user("people_lead")
    match = EmploymentFactory(
        organisation=world.trust,
        job_title="Physiotherapist",
        staff_group=StaffGroupFactory(code="ahp", name="Allied Health Professionals"),
        pay_band=PayBandFactory(code="6", name="Band 6", rank=6),
        person=PersonFactory(given_name="Priya", family_name="Patel"),
    )
    assert list(selectors.people_for_people_lead(lead, query="priya patel")) == [match]
    assert list(selectors.people_for_people_lead(lead, query="physio")) == [match]
    assert list(selectors.people_for_people_lead(lead, staff_group="ahp")) == [match]
    assert list(selectors.people_for_people_lead(lead, band="6")) == [match]
    assert list(selectors.people_for_people_lead(lead, query=match.person.person_number)) == [match]


def test_naming_an_organisation_outside_scope_selects_nothing(world):
    lead = world.user("people_lead")
    assert not selectors.people_for_people_lead(lead, organisation=world.other_trust).exists()


def test_other_personas_have_no_people_list(world):
    for persona in ("staff", "line_manager", "board_member", "equality_analyst", "superuser"):
        assert not selectors.people_for_people_lead(world.user(persona)).exists()


def test_a_line_manager_sees_only_current_direct_reports(world):
    manager_emp = world.employments["line_manager"]
    staff_emp = world.employments["staff"]
    EmploymentFactory(organisation=world.trust, line_manager=manager_emp, end_date=YESTERDAY)
    # An indirect report: managed by Sam, who reports to Maria.
    EmploymentFactory(organisation=world.trust, line_manager=staff_emp)
    team = list(selectors.team_for_manager(world.user("line_manager")))
    assert team == [staff_emp]
    assert team[0].report_count == 1


def test_an_ended_management_role_has_no_team(world):
    manager_emp = world.employments["line_manager"]
    manager_emp.end_date = YESTERDAY
    manager_emp.save()
    assert not selectors.team_for_manager(world.user("line_manager")).exists()


def test_people_without_reports_have_an_empty_team(world):
    assert not selectors.team_for_manager(world.user("staff")).exists()
    assert not selectors.team_for_manager(world.user("superuser")).exists()


def test_everyone_may_see_themself(world):
    staff = world.user("staff")
    assert selectors.person_for_viewer(staff, staff.person_id) == staff.person


def test_a_people_lead_sees_their_staff_but_not_another_trusts(world):
    lead = world.user("people_lead")
    staff = world.employments["staff"].person
    assert selectors.person_for_viewer(lead, staff.pk) == staff
    with pytest.raises(Http404):
        selectors.person_for_viewer(lead, world.outsider_employment.person_id)


def test_a_people_lead_of_trust_b_cannot_see_trust_a(world):
    other_lead = UserFactory()
    RoleAssignmentFactory(
        user=other_lead,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=world.other_trust,
    )
    assert selectors.person_for_viewer(other_lead, world.outsider_employment.person_id)
    with pytest.raises(Http404):
        selectors.person_for_viewer(other_lead, world.employments["staff"].person_id)


def test_a_line_manager_sees_direct_reports_but_not_colleagues_or_their_manager(world):
    manager = world.user("line_manager")
    assert selectors.person_for_viewer(manager, world.employments["staff"].person_id)
    for persona in ("people_lead", "board_member"):
        with pytest.raises(Http404):
            selectors.person_for_viewer(manager, world.employments[persona].person_id)


def test_a_line_manager_does_not_see_indirect_reports(world):
    indirect = EmploymentFactory(organisation=world.trust, line_manager=world.employments["staff"])
    with pytest.raises(Http404):
        selectors.person_for_viewer(world.user("line_manager"), indirect.person_id)


def test_staff_cannot_see_their_manager_or_colleagues(world):
    staff = world.user("staff")
    with pytest.raises(Http404):
        selectors.person_for_viewer(staff, world.employments["line_manager"].person_id)


@pytest.mark.parametrize("person_id", [999999, "abc", None])
def test_unknown_or_garbled_ids_are_404(world, person_id):
    with pytest.raises(Http404):
        selectors.person_for_viewer(world.user("people_lead"), person_id)


def test_employments_of_shows_a_viewer_only_the_employments_in_their_scope(world):
    staff_emp = world.employments["staff"]
    elsewhere = EmploymentFactory(
        person=staff_emp.person, organisation=world.other_trust, assignment_number="X2"
    )
    assert set(selectors.employments_of(staff_emp.person)) == {staff_emp, elsewhere}
    own_view = selectors.employments_of(staff_emp.person, viewer=world.user("staff"))
    assert set(own_view) == {staff_emp, elsewhere}
    lead_view = selectors.employments_of(staff_emp.person, viewer=world.user("people_lead"))
    assert list(lead_view) == [staff_emp]
    manager_view = selectors.employments_of(staff_emp.person, viewer=world.user("line_manager"))
    assert list(manager_view) == [staff_emp]


def test_own_equality_monitoring_needs_a_person(world):
    assert selectors.own_equality_monitoring(world.user("staff")) is None
    with pytest.raises(Http404):
        selectors.own_equality_monitoring(world.user("superuser"))
