"""The application workflow: the transition table, eligibility on submission, allocation
and optimistic locking."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carelead.core.models import AuditEvent
from carelead.learning.models import Application, Enrolment
from carelead.learning.selectors.applications import months_in_management
from carelead.learning.services.applications import (
    ACTIONS,
    REQUIRED,
    TRANSITIONS,
    ApplicationConflict,
    application_submit,
    application_transition,
)
from carelead.learning.tests.factories import CohortFactory
from carelead.learning.tests.factories_applications import build_scene, panel_user
from carelead.organisations.tests.factories import RegionFactory
from carelead.people.tests.factories import EmploymentFactory

S = Application.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    return build_scene()


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the table ------------------------------------------------------------------------------


def test_every_final_status_has_no_way_out():
    final = {S.MANAGER_DECLINED, S.NOT_SHORTLISTED, S.NOT_OFFERED, S.DECLINED, S.ALLOCATED}
    final.add(S.WITHDRAWN)
    assert not [key for key in TRANSITIONS if key[0] in final]


def test_every_status_is_reachable_from_submission():
    reached, frontier = {S.SUBMITTED}, [S.SUBMITTED]
    while frontier:
        status = frontier.pop()
        for (source, _), step in TRANSITIONS.items():
            if source == status and step.to not in reached:
                reached.add(step.to)
                frontier.append(step.to)
    assert reached == set(S.values)


def test_refusals_need_a_reason():
    for action in ("manager_decline", "not_shortlist", "not_offer"):
        assert all(t.reason == REQUIRED for (s, a), t in TRANSITIONS.items() if a == action)


def test_the_happy_path_ends_allocated_with_an_enrolment(scene):
    application = scene.apply()
    steps = [
        (scene.manager, "support"),
        (scene.panel, "shortlist"),
        (scene.panel, "offer"),
        (scene.applicant, "accept"),
    ]
    for actor, action in steps:
        application = application_transition(actor=actor, application=application, action=action)
    application = application_transition(
        actor=scene.panel, application=application, action="allocate", cohort=scene.cohort
    )
    assert application.status == S.ALLOCATED
    enrolment = application.enrolment
    assert enrolment.cohort == scene.cohort
    assert enrolment.source == Enrolment.Source.APPLICATION
    history = list(application.transitions.values_list("from_status", "to_status"))
    assert history == [
        ("", "submitted"),
        ("submitted", "manager_supported"),
        ("manager_supported", "shortlisted"),
        ("shortlisted", "offered"),
        ("offered", "accepted"),
        ("accepted", "allocated"),
    ]
    assert AuditEvent.objects.filter(action__startswith="application_").count() == 6
    assert application.version == 6


def test_each_transition_names_who_did_it(scene):
    application = scene.apply()
    application_transition(
        actor=scene.manager, application=application, action="manager_decline", reason="Not now"
    )
    last = application.transitions.last()
    assert last.actor == scene.manager
    assert "(line manager)" in last.actor_label
    assert last.reason == "Not now"


def test_an_illegal_transition_names_the_status_and_action(scene):
    application = scene.apply()
    with pytest.raises(ValidationError, match="'waiting for line manager' cannot be shortlisted"):
        application_transition(actor=scene.panel, application=application, action="shortlist")


def test_the_wrong_person_cannot_take_an_action(scene):
    application = scene.apply()
    with pytest.raises(PermissionDenied):
        application_transition(actor=scene.panel, application=application, action="support")
    with pytest.raises(PermissionDenied):
        application_transition(actor=scene.applicant, application=application, action="support")


def test_a_refusal_without_a_reason_is_refused(scene):
    application = scene.apply()
    with pytest.raises(ValidationError, match="Enter the reason"):
        application_transition(
            actor=scene.manager, application=application, action="manager_decline"
        )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_stale_form_changes_nothing(scene):
    application = scene.apply()
    opened_at = application.version
    application_transition(actor=scene.manager, application=application, action="support")
    with pytest.raises(ApplicationConflict, match="changed since you opened this page"):
        application_transition(
            actor=scene.applicant,
            application=application,
            action="withdraw",
            expected_version=opened_at,
        )
    application.refresh_from_db()
    assert application.status == S.MANAGER_SUPPORTED
    assert application.transitions.count() == 2


def _to_accepted(scene):
    application = scene.apply()
    for actor, action in [
        (scene.manager, "support"),
        (scene.panel, "shortlist"),
        (scene.panel, "offer"),
        (scene.applicant, "accept"),
    ]:
        application = application_transition(actor=actor, application=application, action=action)
    return application


def test_allocation_needs_a_cohort_of_the_programme_for_the_region(scene):
    application = _to_accepted(scene)
    elsewhere = CohortFactory(programme=scene.programme, region=RegionFactory())
    other_programme = CohortFactory(region=scene.region)
    for cohort, message in [
        (None, "Choose the cohort"),
        (elsewhere, "places are for another region"),
        (other_programme, "is not a cohort of"),
    ]:
        with pytest.raises(ValidationError, match=message):
            application_transition(
                actor=scene.panel, application=application, action="allocate", cohort=cohort
            )
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert not Enrolment.objects.exists()


def test_allocation_to_a_full_cohort_is_refused_and_nothing_changes(db):
    scene = build_scene(places=1)
    EmploymentFactory()  # someone else takes the only place
    Enrolment.objects.create(
        person=EmploymentFactory().person,
        programme=scene.programme,
        cohort=scene.cohort,
        source=Enrolment.Source.APPLICATION,
        enrolled_on=datetime.date(2026, 1, 1),
    )
    application = _to_accepted(scene)
    with pytest.raises(ValidationError, match="is full"):
        application_transition(
            actor=scene.panel, application=application, action="allocate", cohort=scene.cohort
        )
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert application.transitions.count() == 5


def test_a_panel_of_another_region_cannot_act(scene):
    application = scene.apply()
    application_transition(actor=scene.manager, application=application, action="support")
    with pytest.raises(PermissionDenied):
        application_transition(
            actor=panel_user(RegionFactory()), application=application, action="shortlist"
        )


# --- Hypothesis: nothing but the table --------------------------------------------------------

ROLES = ["applicant", "manager", "panel", "outsider"]
STEP = st.tuples(
    st.sampled_from(ROLES),
    st.sampled_from([*ACTIONS, "submit", "promote"]),
    st.sampled_from(["", "Because the panel met and decided."]),
)


@pytest.fixture
def actors(scene):
    return {
        "applicant": scene.applicant,
        "manager": scene.manager,
        "panel": scene.panel,
        "outsider": panel_user(RegionFactory()),
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, max_size=8))
def test_any_sequence_of_actions_only_follows_the_table(scene, actors, steps):
    role_of = {"applicant": "applicant", "manager": "line_manager", "panel": "panel"}
    with transaction.atomic():
        application = scene.apply()
        for role, action, reason in steps:
            status = application.status
            step = TRANSITIONS.get((status, action))
            allowed = (
                step is not None
                and step.by == role_of.get(role)
                and not (step.reason == REQUIRED and not reason)
            )
            before = application.transitions.count()
            try:
                application = application_transition(
                    actor=actors[role],
                    application=application,
                    action=action,
                    reason=reason,
                    cohort=scene.cohort,
                    expected_version=application.version,
                )
            except (ValidationError, PermissionDenied):
                assert not allowed, f"{role} {action} from {status} was refused"
                application.refresh_from_db()
                assert application.status == status
                assert application.transitions.count() == before
            else:
                assert allowed, f"{role} {action} from {status} succeeded"
                assert application.status == step.to
                last = application.transitions.last()
                assert (last.from_status, last.to_status) == (status, step.to)
        transaction.set_rollback(True)


# --- eligibility ------------------------------------------------------------------------------


def test_an_eligible_manager_can_apply(scene):
    application = scene.apply()
    assert application.status == S.SUBMITTED
    assert application.line_manager == scene.manager_employment
    assert application.region == scene.region
    assert application.organisation == scene.trust


def test_the_application_window_is_checked(scene):
    scene.programme.applications_close_on = datetime.date(2021, 3, 31)
    scene.programme.save()
    with pytest.raises(ValidationError) as error:
        scene.apply()
    assert "closed on 31 March 2021" in _messages(error.value)


def test_a_closed_programme_takes_no_applications(scene):
    scene.programme.status = "closed"
    scene.programme.save()
    with pytest.raises(ValidationError, match="is not taking applications"):
        scene.apply()


def test_the_management_level_rule_comes_from_the_programme(scene):
    scene.programme.min_management_level = 3
    scene.programme.save()
    with pytest.raises(ValidationError) as error:
        scene.apply()
    message = _messages(error.value)
    assert "is at management level 2 (middle manager)" in message
    assert "needs level 3 (senior manager) or above" in message


def test_a_job_that_is_not_a_management_role_is_named(scene):
    scene.applicant_employment.management_level = None
    scene.applicant_employment.save()
    with pytest.raises(ValidationError, match="is not recorded as a management role"):
        scene.apply()


def test_months_in_management_are_checked(scene):
    scene.programme.min_months_in_management = 1200
    scene.programme.save()
    with pytest.raises(ValidationError) as error:
        scene.apply()
    assert "the programme needs at least 1200 months" in _messages(error.value)


def test_months_in_management_count_every_employer_and_overlaps_once(db):
    first = EmploymentFactory(
        management_level=1,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    person = first.person
    # Overlaps the first job by six months, at another employer.
    EmploymentFactory(
        person=person,
        assignment_number="2",
        management_level=2,
        start_date=datetime.date(2020, 7, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    # Not a management role: does not count.
    EmploymentFactory(
        person=person,
        assignment_number="3",
        start_date=datetime.date(2021, 7, 1),
        end_date=datetime.date(2022, 6, 30),
    )
    assert months_in_management(person, on=datetime.date(2024, 1, 1)) == 18


def test_someone_without_a_line_manager_is_told_to_ask_their_people_lead(scene):
    scene.applicant_employment.line_manager = None
    scene.applicant_employment.save()
    with pytest.raises(ValidationError, match="Ask your people lead to record your line manager"):
        scene.apply()


def test_a_second_live_application_is_refused(scene):
    scene.apply()
    with pytest.raises(ValidationError, match="You already have an application"):
        scene.apply()


def test_after_withdrawing_a_person_may_apply_again(scene):
    application = scene.apply()
    application_transition(actor=scene.applicant, application=application, action="withdraw")
    assert scene.apply().status == S.SUBMITTED


def test_the_statement_is_at_most_500_words(scene):
    with pytest.raises(ValidationError, match="Your statement is 501 words"):
        scene.apply(statement="word " * 501)


def test_people_only_apply_for_themselves(scene):
    with pytest.raises(PermissionDenied):
        application_submit(
            actor=scene.manager,
            programme=scene.programme,
            employment=scene.applicant_employment,
            statement="On their behalf",
        )
