"""Who plays which part on an application, who may open it, and which programme is open."""

import datetime

import pytest
from django.http import Http404

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.learning.selectors.applications import (
    APPLICANT,
    LINE_MANAGER,
    PANEL,
    application_for_viewer,
    application_roles,
    open_mid_career_programme,
)
from carelead.learning.tests.factories import MidCareerProgrammeFactory
from carelead.learning.tests.factories_applications import build_scene, panel_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    return build_scene()


def test_each_party_has_their_part(scene):
    application = scene.apply()
    assert application_roles(scene.applicant, application) == {APPLICANT}
    assert application_roles(scene.manager, application) == {LINE_MANAGER}
    assert application_roles(scene.panel, application) == {PANEL}


def test_an_applicant_is_never_their_own_panel(scene):
    RoleAssignmentFactory(
        user=scene.applicant,
        role=Role.REGIONAL_TALENT_LEAD,
        scope_level=ScopeLevel.REGION,
        organisation=scene.region,
    )
    application = scene.apply()
    assert application_roles(scene.applicant, application) == {APPLICANT}


def test_the_implementation_office_may_open_but_not_act(scene):
    application = scene.apply()
    office = UserFactory()
    RoleAssignmentFactory(
        user=office, role=Role.IMPLEMENTATION_OFFICE, scope_level=ScopeLevel.NATIONAL
    )
    assert application_for_viewer(office, application.pk) == application
    assert application_roles(office, application) == frozenset()


def test_anyone_else_gets_404_even_for_a_missing_id(scene):
    application = scene.apply()
    stranger = panel_user(scene.trust.icb)  # a role for another organisation, not the region
    for pk in (application.pk, application.pk + 1000, "nope"):
        with pytest.raises(Http404):
            application_for_viewer(stranger, pk)


def test_the_open_programme_is_the_one_taking_applications_today(db):
    today = datetime.date(2026, 6, 1)
    MidCareerProgrammeFactory(
        applications_open_on=datetime.date(2025, 1, 1),
        applications_close_on=datetime.date(2025, 12, 31),
    )
    taking = MidCareerProgrammeFactory(
        applications_open_on=datetime.date(2026, 1, 1),
        applications_close_on=datetime.date(2026, 12, 31),
    )
    assert open_mid_career_programme(on=today) == taking
    assert open_mid_career_programme(on=datetime.date(2027, 6, 1)) is None
