import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.appraisals import workflow
from carelead.appraisals.models import (
    Appraisal,
    AppraisalTransition,
    Cycle,
    CycleException,
    Template,
)
from carelead.appraisals.selectors.access import appraisal_for_viewer
from carelead.appraisals.services import cycles as services
from carelead.appraisals.tests.factories import AppraisalFactory, BoardTemplateFactory, CycleFactory
from carelead.appraisals.tests.factories_cycles import (
    CycleExceptionFactory,
    draft_cycle,
    ml_version_with_mappings,
)
from carelead.core.models import AuditEvent
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.models import FrameworkVersion
from carelead.standards.tests.factories import FrameworkFactory, FrameworkVersionFactory

OPENS = datetime.date(2026, 4, 1)


def people_lead(organisation):
    user = UserFactory(person=EmploymentFactory(organisation=organisation).person)
    RoleAssignmentFactory(
        user=user,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=organisation,
    )
    return user


@pytest.fixture
def trust(db):
    return TrustFactory()


@pytest.fixture
def lead(trust):
    return people_lead(trust)


def job(trust, **kwargs):
    kwargs.setdefault("start_date", datetime.date(2020, 4, 1))
    return EmploymentFactory(organisation=trust, **kwargs)


# --- templates -------------------------------------------------------------------------------


def test_templates_load_creates_both_templates_then_changes_nothing(db):
    FrameworkFactory(slug="management-leadership")
    FrameworkFactory(slug="board-lcf-2024", title="Board framework")
    assert services.appraisal_templates_load() == {
        "created": ["staff", "board"],
        "updated": [],
        "unchanged": [],
    }
    staff = Template.objects.get(code="staff")
    assert staff.kind == Template.Kind.STAFF
    assert staff.framework.slug == "management-leadership"
    assert staff.edi_objective_from_management_level == 1
    assert "behaviour" in staff.guidance
    board = Template.objects.get(code="board")
    assert board.framework.slug == "board-lcf-2024"
    assert "30 June" in board.guidance and "30 September" in board.guidance
    again = services.appraisal_templates_load()
    assert again["unchanged"] == ["staff", "board"] and not again["created"]


def test_templates_load_tells_to_load_the_frameworks_first(db):
    FrameworkFactory(slug="management-leadership")
    with pytest.raises(services.FrameworkMissing, match="load_frameworks"):
        services.appraisal_templates_load()
    assert not Template.objects.exists()


# --- cycle_create ----------------------------------------------------------------------------


def cycle_dates(**overrides):
    dates = {
        "opens_on": OPENS,
        "preparation_due_on": datetime.date(2026, 6, 30),
        "discussion_due_on": datetime.date(2026, 9, 30),
        "sign_off_due_on": datetime.date(2026, 10, 31),
        "closes_on": datetime.date(2027, 3, 31),
    }
    dates.update(overrides)
    return dates


def test_cycle_create_fixes_the_version_in_force_on_the_opening_date(trust, lead):
    old = ml_version_with_mappings()
    template = Template.objects.create(
        code="staff", title="Staff", kind="staff", framework=old.framework
    )
    # A framework has one published version at a time: the old one is retired.
    old.status = FrameworkVersion.Status.RETIRED
    old.save()
    newer = FrameworkVersionFactory(
        framework=old.framework, version="2.0", effective_from=datetime.date(2027, 4, 1)
    )
    cycle = services.cycle_create(
        actor=lead, organisation=trust, template=template, title="Appraisals 2026", **cycle_dates()
    )
    assert cycle.status == Cycle.Status.DRAFT
    assert cycle.framework_version == old
    later = services.cycle_create(
        actor=lead,
        organisation=trust,
        template=template,
        title="Appraisals 2027",
        **cycle_dates(
            opens_on=datetime.date(2027, 4, 1),
            preparation_due_on=datetime.date(2027, 6, 30),
            discussion_due_on=datetime.date(2027, 9, 30),
            sign_off_due_on=datetime.date(2027, 10, 31),
            closes_on=datetime.date(2028, 3, 31),
        ),
    )
    assert later.framework_version == newer
    assert AuditEvent.objects.filter(action="cycle_created").count() == 2


def test_cycle_create_says_which_dates_are_out_of_order(trust, lead):
    version = ml_version_with_mappings()
    template = Template.objects.create(
        code="staff", title="Staff", kind="staff", framework=version.framework
    )
    with pytest.raises(ValidationError) as error:
        services.cycle_create(
            actor=lead,
            organisation=trust,
            template=template,
            title="",
            **cycle_dates(discussion_due_on=datetime.date(2026, 5, 1)),
        )
    messages = error.value.message_dict
    assert set(messages) == {"title", "discussion_due_on"}
    assert "on or after the preparation deadline" in messages["discussion_due_on"][0]


def test_cycle_create_refuses_a_date_before_any_version(trust, lead):
    version = ml_version_with_mappings()
    template = Template.objects.create(
        code="staff", title="Staff", kind="staff", framework=version.framework
    )
    with pytest.raises(ValidationError) as error:
        services.cycle_create(
            actor=lead,
            organisation=trust,
            template=template,
            title="Too early",
            **cycle_dates(opens_on=datetime.date(2025, 4, 1)),
        )
    assert "No version" in error.value.message_dict["opens_on"][0]


def test_cycle_create_is_for_the_organisations_people_lead_only(trust):
    version = ml_version_with_mappings()
    template = Template.objects.create(
        code="staff", title="Staff", kind="staff", framework=version.framework
    )
    other_lead = people_lead(TrustFactory())
    with pytest.raises(PermissionDenied):
        services.cycle_create(
            actor=other_lead, organisation=trust, template=template, title="X", **cycle_dates()
        )


# --- cycle_open ------------------------------------------------------------------------------


def test_open_creates_the_right_appraisals_and_exceptions(trust, lead):
    cycle = draft_cycle(trust)
    manager = job(trust, management_level=2)
    ok = job(trust, line_manager=manager)
    no_manager = job(trust)
    leaver_manager = job(trust, end_date=datetime.date(2026, 1, 31))
    manager_left = job(trust, line_manager=leaver_manager)
    two_jobs = PersonFactory()
    job(
        trust,
        person=two_jobs,
        assignment_number="A-1",
        line_manager=manager,
        start_date=datetime.date(2019, 1, 1),
    )
    senior_job = job(
        trust, person=two_jobs, assignment_number="A-2", line_manager=manager, management_level=1
    )
    no_stage = job(trust, line_manager=manager, management_level=5)
    job(trust, line_manager=manager, end_date=datetime.date(2026, 3, 1))  # left before
    job(trust, line_manager=manager, start_date=datetime.date(2026, 5, 1))  # starts after
    EmploymentFactory(line_manager=manager)  # another organisation

    result = services.cycle_open(actor=lead, cycle=cycle)

    # The people lead works at the trust with no line manager too.
    lead_job = lead.person.employments.get()
    assert result == services.OpenResult(created=2, exceptions=5)
    appraisals = {a.employment_id: a for a in Appraisal.objects.filter(cycle=cycle)}
    assert set(appraisals) == {ok.pk, senior_job.pk}
    assert appraisals[ok.pk].appraiser_id == manager.person_id
    assert appraisals[ok.pk].stage.code == "fundamental"
    assert appraisals[ok.pk].organisation_id == trust.pk
    assert appraisals[ok.pk].status == Appraisal.Status.NOT_STARTED
    assert appraisals[ok.pk].version == 1
    assert appraisals[senior_job.pk].stage.code == "stage-1"
    exceptions = {e.employment_id: e.reason for e in CycleException.objects.filter(cycle=cycle)}
    assert exceptions == {
        manager.pk: CycleException.Reason.NO_LINE_MANAGER,
        no_manager.pk: CycleException.Reason.NO_LINE_MANAGER,
        manager_left.pk: CycleException.Reason.MANAGER_NOT_CURRENT,
        no_stage.pk: CycleException.Reason.NO_STAGE,
        lead_job.pk: CycleException.Reason.NO_LINE_MANAGER,
    }
    transitions = AppraisalTransition.objects.filter(appraisal__cycle=cycle)
    assert transitions.count() == 2
    assert {(t.action, t.from_status, t.to_status, t.actor_label) for t in transitions} == {
        (workflow.CREATE, "", Appraisal.Status.NOT_STARTED, lead.get_username())
    }
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN and cycle.opened_by == lead
    assert AuditEvent.objects.filter(action="appraisal_created").count() == 2
    assert AuditEvent.objects.filter(action="cycle_exception_raised").count() == 5
    assert AuditEvent.objects.filter(action="cycle_opened", organisation_id=trust.pk).exists()


def test_open_lists_every_exception(trust, lead):
    """The people lead's own job (no manager) is an exception like any other."""
    cycle = draft_cycle(trust)
    services.cycle_open(actor=lead, cycle=cycle)
    assert list(CycleException.objects.values_list("employment_id", "reason")) == [
        (lead.person.employments.get().pk, CycleException.Reason.NO_LINE_MANAGER)
    ]


def test_open_refuses_a_second_time(trust, lead):
    cycle = draft_cycle(trust)
    manager = job(trust, management_level=2)
    job(trust, line_manager=manager)
    services.cycle_open(actor=lead, cycle=cycle)
    with pytest.raises(ValidationError, match="already been opened"):
        services.cycle_open(actor=lead, cycle=cycle)
    assert Appraisal.objects.filter(cycle=cycle).count() == 1


def test_open_a_board_cycle_creates_no_appraisals(trust, lead):
    version = ml_version_with_mappings()
    cycle = CycleFactory(
        organisation=trust,
        template=BoardTemplateFactory(framework=version.framework),
        framework_version=version,
        status=Cycle.Status.DRAFT,
    )
    job(trust, line_manager=job(trust, management_level=2))
    assert services.cycle_open(actor=lead, cycle=cycle) == services.OpenResult(0, 0)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.OPEN
    assert not Appraisal.objects.filter(cycle=cycle).exists()


def test_open_is_for_the_organisations_people_lead_only(trust):
    cycle = draft_cycle(trust)
    with pytest.raises(PermissionDenied):
        services.cycle_open(actor=people_lead(TrustFactory()), cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.DRAFT


def _open_queries(size: int) -> int:
    trust = TrustFactory()
    lead = people_lead(trust)
    cycle = draft_cycle(trust)
    manager = job(trust, management_level=2)
    for index in range(size):
        job(trust, line_manager=manager if index % 5 else None)
    with CaptureQueriesContext(connection) as queries:
        services.cycle_open(actor=lead, cycle=cycle)
    return len(queries)


def test_open_is_set_based(db):
    """The number of queries does not grow with the number of employments."""
    assert _open_queries(5) == _open_queries(50)


def test_a_person_who_moves_employer_keeps_the_appraisal(trust, lead):
    cycle = draft_cycle(trust)
    manager = job(trust, management_level=2)
    mover = job(trust, line_manager=manager)
    services.cycle_open(actor=lead, cycle=cycle)
    appraisal = Appraisal.objects.get(cycle=cycle, person=mover.person)

    mover.end_date = datetime.date(2026, 7, 31)
    mover.save()
    EmploymentFactory(
        person=mover.person, assignment_number="NEW-1", start_date=datetime.date(2026, 8, 1)
    )

    appraisal.refresh_from_db()
    assert appraisal.status == Appraisal.Status.NOT_STARTED
    assert appraisal.employment == mover
    mover_user = UserFactory(person=mover.person)
    assert appraisal_for_viewer(mover_user, appraisal.pk).viewer_roles == {workflow.APPRAISEE}


# --- exceptions ------------------------------------------------------------------------------


@pytest.fixture
def exception(trust):
    cycle = draft_cycle(trust)
    cycle.status = Cycle.Status.OPEN
    cycle.save()
    return CycleExceptionFactory(cycle=cycle)


def test_resolving_with_an_appraiser_creates_the_appraisal(exception, trust, lead):
    appraiser = job(trust, management_level=2)
    appraisal = services.exception_resolve(
        actor=lead, exception=exception, appraiser_employment=appraiser
    )
    assert appraisal.appraiser_id == appraiser.person_id
    assert appraisal.person_id == exception.person_id
    assert appraisal.stage.code == "fundamental"
    assert appraisal.transitions.get().action == workflow.CREATE
    exception.refresh_from_db()
    assert exception.resolution == CycleException.Resolution.APPRAISER_ASSIGNED
    assert exception.resolved_by == lead
    with pytest.raises(ValidationError, match="already been resolved"):
        services.exception_resolve(actor=lead, exception=exception, exclude_reason="x")


def test_resolving_by_excluding_records_the_reason(exception, lead):
    assert (
        services.exception_resolve(
            actor=lead, exception=exception, exclude_reason="On long-term leave"
        )
        is None
    )
    exception.refresh_from_db()
    assert exception.resolution == CycleException.Resolution.EXCLUDED
    assert exception.resolution_note == "On long-term leave"
    assert not Appraisal.objects.exists()


def test_resolving_needs_exactly_one_choice(exception, trust, lead):
    with pytest.raises(ValidationError, match="Choose an appraiser"):
        services.exception_resolve(actor=lead, exception=exception)
    with pytest.raises(ValidationError):
        services.exception_resolve(
            actor=lead,
            exception=exception,
            appraiser_employment=job(trust),
            exclude_reason="both",
        )


def test_the_assigned_appraiser_must_work_at_the_organisation_now(exception, trust, lead):
    for appraiser in (
        EmploymentFactory(),
        job(trust, end_date=datetime.date(2024, 1, 1)),
    ):
        with pytest.raises(ValidationError, match="current job at the same organisation"):
            services.exception_resolve(
                actor=lead, exception=exception, appraiser_employment=appraiser
            )


def test_a_role_with_no_stage_needs_one_chosen(trust, lead):
    cycle = draft_cycle(trust)
    exception = CycleExceptionFactory(
        cycle=cycle,
        employment=job(trust, management_level=5),
        reason=CycleException.Reason.NO_STAGE,
    )
    appraiser = job(trust, management_level=2)
    with pytest.raises(ValidationError) as error:
        services.exception_resolve(actor=lead, exception=exception, appraiser_employment=appraiser)
    assert "stage" in error.value.message_dict
    stage = cycle.framework_version.stages.get(code="stage-4")
    appraisal = services.exception_resolve(
        actor=lead, exception=exception, appraiser_employment=appraiser, stage=stage
    )
    assert appraisal.stage == stage


# --- delegation ------------------------------------------------------------------------------


@pytest.fixture
def appraisal(trust):
    version = ml_version_with_mappings()
    cycle = CycleFactory(
        organisation=trust,
        template=Template.objects.create(
            code="staff", title="Staff", kind="staff", framework=version.framework
        ),
        framework_version=version,
    )
    manager = job(trust, management_level=2)
    return AppraisalFactory(
        cycle=cycle,
        employment=job(trust, line_manager=manager),
        stage=version.stages.get(code="fundamental"),
    )


def test_the_appraiser_can_delegate(appraisal, trust):
    appraiser_user = UserFactory(person=appraisal.appraiser)
    delegate = job(trust, management_level=2)
    changed = services.appraiser_delegate(
        actor=appraiser_user,
        appraisal=appraisal,
        appraiser_person=delegate.person,
        reason="On leave until October",
        expected_version=1,
    )
    assert changed.appraiser == delegate.person
    assert changed.delegated_by == appraiser_user.person
    assert changed.delegation_reason == "On leave until October"
    assert changed.version == 2
    event = AuditEvent.objects.get(action="appraiser_delegated")
    assert event.before["appraiser"] == appraiser_user.person_id
    assert event.organisation_id == trust.pk


def test_a_people_lead_can_delegate(appraisal, trust, lead):
    delegate = job(trust)
    services.appraiser_delegate(
        actor=lead, appraisal=appraisal, appraiser_person=delegate.person, reason="Restructure"
    )
    appraisal.refresh_from_db()
    assert appraisal.appraiser == delegate.person
    assert appraisal.delegated_by == lead.person


def test_the_appraisee_and_others_cannot_delegate(appraisal, trust):
    delegate = job(trust)
    for actor in (UserFactory(person=appraisal.person), people_lead(TrustFactory())):
        with pytest.raises(PermissionDenied):
            services.appraiser_delegate(
                actor=actor, appraisal=appraisal, appraiser_person=delegate.person, reason="x"
            )


def test_the_delegate_must_work_at_the_same_organisation(appraisal, lead):
    with pytest.raises(ValidationError, match="same organisation"):
        services.appraiser_delegate(
            actor=lead,
            appraisal=appraisal,
            appraiser_person=EmploymentFactory().person,
            reason="x",
        )


def test_delegation_needs_a_reason_and_a_fresh_page(appraisal, trust, lead):
    delegate = job(trust)
    with pytest.raises(ValidationError, match="reason"):
        services.appraiser_delegate(
            actor=lead, appraisal=appraisal, appraiser_person=delegate.person, reason=" "
        )
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.appraiser_delegate(
            actor=lead,
            appraisal=appraisal,
            appraiser_person=delegate.person,
            reason="x",
            expected_version=7,
        )


def test_a_completed_appraisal_keeps_its_appraiser(appraisal, trust, lead):
    appraisal.status = Appraisal.Status.COMPLETED
    appraisal.save()
    with pytest.raises(ValidationError, match="completed"):
        services.appraiser_delegate(
            actor=lead, appraisal=appraisal, appraiser_person=job(trust).person, reason="x"
        )


def test_close_an_open_cycle(appraisal, lead):
    services.cycle_close(actor=lead, cycle=appraisal.cycle)
    appraisal.cycle.refresh_from_db()
    assert appraisal.cycle.status == Cycle.Status.CLOSED
    with pytest.raises(ValidationError):
        services.cycle_close(actor=lead, cycle=appraisal.cycle)


# --- priorities ------------------------------------------------------------------------------


def test_priorities_are_created_and_deactivated_by_the_people_lead(trust, lead):
    priority = services.priority_create(
        actor=lead, organisation=trust, title="  Cut waiting times  ", description="By March"
    )
    assert priority.title == "Cut waiting times" and priority.is_active
    services.priority_update(actor=lead, priority=priority, is_active=False)
    priority.refresh_from_db()
    assert not priority.is_active
    assert (
        AuditEvent.objects.filter(
            action__in=["priority_created", "priority_updated"], organisation_id=trust.pk
        ).count()
        == 2
    )
    with pytest.raises(ValidationError):
        services.priority_create(actor=lead, organisation=trust, title=" ")
    with pytest.raises(PermissionDenied):
        services.priority_update(
            actor=people_lead(TrustFactory()), priority=priority, is_active=True
        )
