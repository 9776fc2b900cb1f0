import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carelead.appraisals import workflow
from carelead.appraisals.models import Appraisal
from carelead.appraisals.services.board import (
    board_appraisal_add,
    board_role_change,
    board_submission_submit,
)
from carelead.appraisals.tests.factories import CycleFactory, TemplateFactory
from carelead.appraisals.tests.factories_board import (
    board,
    board_cycle,
    board_employment,
    complete,
)
from carelead.core.models import AuditEvent
from carelead.organisations.models import OrganisationKind
from carelead.people.tests.factories import EmploymentFactory
from carelead.standards.models import StageMapping
from carelead.standards.tests.factories import ml_version_with_stages

pytestmark = pytest.mark.django_db
Role = Appraisal.BoardRole


@pytest.fixture
def cycle(world):
    return board_cycle(world.trust)


@pytest.fixture
def lead(world):
    return world.user("people_lead")


def test_the_chair_is_appraised_by_the_person_named_and_due_at_the_region_on_30_june(
    world, cycle, lead
):
    chair_emp = board_employment(world.trust, "Chloe", "Chair", "Chair")
    sid_emp = board_employment(world.trust, "Sid", "Senior", "SID")
    chair = board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=chair_emp,
        board_role=Role.CHAIR,
        appraiser_person=sid_emp.person,
    )
    assert chair.appraiser == sid_emp.person
    assert chair.stage.code == "board"
    assert chair.submission_due_on == datetime.date(2026, 6, 30)
    assert chair.status == Appraisal.Status.NOT_STARTED
    assert chair.organisation == world.trust
    created = chair.transitions.get()
    assert (created.action, created.to_status, created.actor) == (
        workflow.CREATE,
        Appraisal.Status.NOT_STARTED,
        lead,
    )
    event = AuditEvent.objects.get(action="appraisal.board_member_added")
    assert event.organisation_id == world.trust.pk
    assert event.after["board_role"] == "chair"


def test_the_chair_needs_someone_named_to_appraise_them(world, cycle, lead):
    with pytest.raises(ValidationError) as caught:
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, "C", "Chair", "Chair"),
            board_role=Role.CHAIR,
        )
    assert "appraiser" in caught.value.message_dict


def test_a_ned_before_the_chair_is_refused_with_what_to_do_first(world, cycle, lead):
    with pytest.raises(ValidationError) as caught:
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, "N", "Ned", "NED"),
            board_role=Role.NED,
        )
    assert caught.value.message_dict["board_role"] == [
        "Add the chair first: they appraise the non-executive director."
    ]
    assert not Appraisal.objects.exists()


def test_the_chair_appraises_neds_and_the_chief_executive_who_appraises_executives(
    world, cycle, lead
):
    chair, sid, _ = board(cycle, lead)
    assert sid.appraiser == chair.person
    assert sid.submission_due_on == datetime.date(2026, 9, 30)
    ceo = board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=board_employment(world.trust, "Cara", "Chief", "Chief executive"),
        board_role=Role.CHIEF_EXECUTIVE,
    )
    director = board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=board_employment(world.trust, "Dan", "Director", "Finance director"),
        board_role=Role.EXECUTIVE_DIRECTOR,
    )
    assert ceo.appraiser == chair.person
    assert director.appraiser == ceo.person
    # Executives' appraisals are held locally.
    assert ceo.submission_due_on is None
    assert director.submission_due_on is None


def test_an_executive_director_before_the_chief_executive_is_refused(world, cycle, lead):
    board(cycle, lead)
    with pytest.raises(ValidationError, match="Add the chief executive first"):
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, "D", "Dir", "Director"),
            board_role=Role.EXECUTIVE_DIRECTOR,
        )


def test_foundation_trust_chairs_and_neds_are_held_locally(world, lead):
    world.trust.kind = OrganisationKind.FOUNDATION_TRUST
    world.trust.save()
    chair, sid, _ = board(board_cycle(world.trust), lead)
    assert chair.submission_due_on is None
    assert sid.submission_due_on is None


def test_due_dates_follow_the_year_the_cycle_opens(world, lead):
    chair, sid, _ = board(board_cycle(world.trust, opens_on=datetime.date(2027, 4, 1)), lead)
    assert chair.submission_due_on == datetime.date(2027, 6, 30)
    assert sid.submission_due_on == datetime.date(2027, 9, 30)


def test_one_board_role_per_person_and_one_chair_per_cycle(world, cycle, lead):
    chair, sid, _ = board(cycle, lead)
    with pytest.raises(ValidationError, match="already on the board in this cycle as chair"):
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=chair.employment,
            board_role=Role.NED,
        )
    with pytest.raises(ValidationError, match="Chloe Chair is already the chair"):
        board_appraisal_add(
            actor=lead,
            cycle=cycle,
            employment=board_employment(world.trust, "Other", "Chair", "Chair"),
            board_role=Role.CHAIR,
            appraiser_person=sid.person,
        )


def test_on_the_new_standards_board_members_sit_at_the_board_mapped_stage(world, lead):
    version = ml_version_with_stages()
    StageMapping.objects.create(version=version, stage=version.stages.get(rank=4), is_board=True)
    chair, sid, _ = board(board_cycle(world.trust, version=version), lead)
    assert chair.stage.rank == 4
    assert sid.stage.rank == 4


def test_without_a_board_mapping_board_members_sit_at_the_top_stage(world, lead):
    version = ml_version_with_stages()
    chair, _, _ = board(board_cycle(world.trust, version=version), lead)
    assert chair.stage.rank == 4


def test_only_board_cycles_of_the_people_leads_organisation_take_board_members(world, lead):
    staff_cycle = CycleFactory(organisation=world.trust, template=TemplateFactory())
    employment = board_employment(world.trust, "C", "Chair", "Chair")
    with pytest.raises(ValidationError, match="is not a board member appraisal cycle"):
        board_appraisal_add(
            actor=lead, cycle=staff_cycle, employment=employment, board_role=Role.NED
        )
    other = board_cycle(world.other_trust)
    with pytest.raises(PermissionDenied):
        board_appraisal_add(actor=lead, cycle=other, employment=employment, board_role=Role.NED)


def test_someone_who_does_not_work_at_the_organisation_cannot_be_added(world, cycle, lead):
    board(cycle, lead)
    leaver = EmploymentFactory(
        organisation=world.trust,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    for employment in (leaver, world.outsider_employment):
        with pytest.raises(ValidationError) as caught:
            board_appraisal_add(actor=lead, cycle=cycle, employment=employment, board_role=Role.NED)
        assert "does not work at Leeds Teaching Hospitals today" in str(caught.value)


def test_changing_a_role_before_the_start_recomputes_appraiser_and_due_date(world, cycle, lead):
    chair, sid, (ned,) = board(cycle, lead, neds=2)
    ceo = board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=board_employment(world.trust, "Cara", "Chief", "Chief executive"),
        board_role=Role.CHIEF_EXECUTIVE,
    )
    changed = board_role_change(
        actor=lead, appraisal=ned, board_role=Role.EXECUTIVE_DIRECTOR, expected_version=1
    )
    assert changed.appraiser == ceo.person
    assert changed.submission_due_on is None
    assert changed.version == 2
    event = AuditEvent.objects.get(action="appraisal.board_role_changed")
    assert (event.before["board_role"], event.after["board_role"]) == ("ned", "executive_director")


def test_a_stale_role_change_is_refused(world, cycle, lead):
    _, sid, _ = board(cycle, lead)
    board_role_change(actor=lead, appraisal=sid, board_role=Role.NED)  # no change, no bump
    sid.refresh_from_db()
    with pytest.raises(ValidationError, match="Someone else changed"):
        board_role_change(actor=lead, appraisal=sid, board_role=Role.NED, expected_version=0)


def test_a_role_cannot_change_once_the_appraisal_has_started(world, cycle, lead):
    _, sid, _ = board(cycle, lead)
    Appraisal.objects.filter(pk=sid.pk).update(status=Appraisal.Status.PREPARING)
    with pytest.raises(ValidationError, match="has started"):
        board_role_change(actor=lead, appraisal=sid, board_role=Role.EXECUTIVE_DIRECTOR)


def test_the_chair_cannot_change_role_while_appraising_others(world, cycle, lead):
    chair, _, _ = board(cycle, lead)
    with pytest.raises(ValidationError, match="appraises 1 other board member as chair"):
        board_role_change(actor=lead, appraisal=chair, board_role=Role.NED)


# --- submission to the region -------------------------------------------------------------


@pytest.fixture
def chaired(world, cycle, lead):
    """A board whose chair is the board_member persona."""
    return board(cycle, lead, chair_employment=world.employments["board_member"])


def test_the_chair_submits_a_completed_ned_appraisal(world, chaired):
    _, ned, _ = chaired
    complete(ned)
    chair_user = world.user("board_member")
    done = board_submission_submit(actor=chair_user, appraisal=ned)
    assert done.submitted_to_region_at is not None
    assert done.submitted_by == chair_user
    event = AuditEvent.objects.get(action="appraisal.submitted_to_region")
    assert event.organisation_id == world.trust.pk
    assert event.after["submitted_by"] == chair_user.pk


def test_a_submission_is_refused_before_completion_and_twice(world, chaired):
    _, ned, _ = chaired
    chair_user = world.user("board_member")
    with pytest.raises(ValidationError, match="once it is completed"):
        board_submission_submit(actor=chair_user, appraisal=ned)
    complete(ned)
    board_submission_submit(actor=chair_user, appraisal=ned)
    with pytest.raises(ValidationError, match="already sent to the region"):
        board_submission_submit(actor=chair_user, appraisal=ned)
    assert AuditEvent.objects.filter(action="appraisal.submitted_to_region").count() == 1


def test_the_people_lead_submits_the_chairs_appraisal_and_not_a_neds(world, chaired, lead):
    chair, ned, _ = chaired
    complete(chair)
    complete(ned)
    with pytest.raises(PermissionDenied):
        board_submission_submit(actor=lead, appraisal=ned)
    with pytest.raises(PermissionDenied):
        board_submission_submit(actor=world.user("board_member"), appraisal=chair)
    assert board_submission_submit(actor=lead, appraisal=chair).submitted_by == lead


def test_appraisals_held_locally_are_never_submitted(world, chaired, lead, cycle):
    ceo = board_appraisal_add(
        actor=lead,
        cycle=cycle,
        employment=board_employment(world.trust, "Cara", "Chief", "Chief executive"),
        board_role=Role.CHIEF_EXECUTIVE,
    )
    complete(ceo)
    with pytest.raises(ValidationError, match="held locally"):
        board_submission_submit(actor=lead, appraisal=ceo)
