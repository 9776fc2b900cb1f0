"""The learning demo on top of a small people seed."""

import pytest

from carelead.accounts.models import User
from carelead.demo import catalogue as cat
from carelead.demo.learning import learning_demo_clear, learning_demo_seed
from carelead.demo.services import demo_seed
from carelead.learning.models import (
    Accreditation,
    Application,
    ApplicationTransition,
    Cohort,
    Completion,
    Credential,
    Enrolment,
    Module,
    Programme,
    ProgrammeOutcome,
)
from carelead.learning.selectors.accreditation import enrolment_block_reason
from carelead.people.models import Employment

from .conftest import SMALL

TODAY = cat.REFERENCE_DATE
MODELS = [
    Accreditation,
    Programme,
    Module,
    ProgrammeOutcome,
    Cohort,
    Enrolment,
    Completion,
    Credential,
    Application,
    ApplicationTransition,
]


def _standards_ensure():
    """The standards helper's loader when it is there; otherwise a published version with
    its five stages, which is all the seed needs."""
    try:
        from carelead.standards.services import frameworks_load  # noqa: F401
    except ImportError:
        from carelead.standards.tests.factories import ItemFactory, ml_version_with_stages

        version = ml_version_with_stages(version="1.0")
        ItemFactory.create_batch(3, version=version)


@pytest.fixture
def learning_seeded(db):
    demo_seed(people=SMALL, seed=42)
    _standards_ensure()
    return learning_demo_seed(today=TODAY)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _persona(username):
    return User.objects.get(username=username)


def test_every_application_status_is_present_with_a_consistent_history(learning_seeded):
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    for application in Application.objects.prefetch_related("transitions"):
        steps = list(application.transitions.all())
        assert steps[0].from_status == "" and steps[0].to_status == "submitted"
        assert steps[-1].to_status == application.status
        for before, after in zip(steps, steps[1:], strict=False):
            assert after.from_status == before.to_status
            assert after.occurred_at >= before.occurred_at
    allocated = Application.objects.filter(status="allocated")
    assert all(a.cohort_id and a.enrolment_id for a in allocated)


def test_personas_have_something_to_see(learning_seeded):
    staff = _persona("staff").person
    assert Enrolment.objects.filter(
        person=staff, programme__kind=Programme.Kind.NATIONAL_INDUCTION
    ).exists()
    assert Credential.objects.filter(person=staff, status="active").exists()

    manager = _persona("line_manager").person
    reports = Employment.objects.current(on=TODAY).filter(line_manager__person=manager)
    report_people = reports.values("person")
    assert Enrolment.objects.filter(
        person__in=report_people,
        programme__kind=Programme.Kind.NATIONAL_INDUCTION,
        status=Enrolment.Status.ENROLLED,
        due_on__lt=TODAY,
    ).exists()
    assert Application.objects.filter(
        line_manager__person=manager, status=Application.Status.SUBMITTED
    ).exists()

    provider = _persona("training_provider").role_assignments.get().organisation
    assert Enrolment.objects.filter(cohort__provider=provider).count() > 10

    region = _persona("regional_talent_lead").role_assignments.get().organisation
    assert Application.objects.filter(
        region=region, status=Application.Status.MANAGER_SUPPORTED
    ).exists()


def test_inductions_cover_joiners_with_on_time_late_overdue_and_not_yet_due(learning_seeded):
    inductions = Enrolment.objects.filter(programme__kind=Programme.Kind.NATIONAL_INDUCTION)
    automatic = inductions.filter(source=Enrolment.Source.AUTOMATIC)
    assert automatic.exists()
    assert not automatic.filter(enrolled_on__lt="2024-04-01").exists()
    done = inductions.filter(status="completed")
    assert any(e.completed_on <= e.due_on for e in done)
    assert any(e.completed_on > e.due_on for e in done)
    assert inductions.filter(status="enrolled", due_on__lt=TODAY).exists()
    assert inductions.filter(due_on__gt=TODAY).exists()


def test_cohorts_are_never_over_their_places(learning_seeded):
    for cohort in Cohort.objects.all():
        taken = cohort.enrolments.exclude(status="withdrawn").count()
        assert taken <= cohort.places


def test_credentials_come_from_completions_of_credential_programmes(learning_seeded):
    assert Credential.objects.count() > 0
    for credential in Credential.objects.select_related("completion", "programme"):
        assert credential.programme.awards_credential
        assert credential.completion.person_id == credential.person_id
        assert credential.stage_id == credential.programme.stage_id


def test_the_suspended_provider_cannot_take_new_enrolments(learning_seeded):
    bundle = Programme.objects.get(code="pennine-leading-across-care")
    reason = enrolment_block_reason(bundle, on=TODAY)
    assert reason and "suspended" in reason
    main = Programme.objects.get(code="bundle-stage-1")
    assert enrolment_block_reason(main, on=TODAY) is None


def test_a_second_run_changes_no_counts_and_is_repeatable(learning_seeded):
    before = _counts()
    statuses = sorted(Application.objects.values_list("person__person_number", "status"))
    again = learning_demo_seed(today=TODAY)
    assert _counts() == before
    assert sorted(Application.objects.values_list("person__person_number", "status")) == statuses
    assert {k: v for k, v in again.items() if k != "seconds"} == {
        k: v for k, v in learning_seeded.items() if k != "seconds"
    }


def test_clearing_lets_a_smaller_people_reseed_remove_people(learning_seeded):
    learning_demo_clear()
    assert not Enrolment.objects.exists()
    demo_seed(people=250, seed=42)
    assert learning_demo_seed(today=TODAY)["applications"] > 0
