import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.learning.models import Completion, Credential
from carelead.learning.selectors.records import (
    completion_for_verifier,
    learning_awaiting_verification,
    learning_record,
    people_meeting_prerequisite,
    person_meets_prerequisite,
    prerequisite_stage,
    team_learning,
)
from carelead.learning.tests.factories import (
    CompletionFactory,
    CredentialFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.standards.tests.factories import ml_version_with_stages

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages():
    version = ml_version_with_stages()
    return {s.rank: s for s in version.stages.all()}


def credential(person, stage, **kwargs):
    programme = ProgrammeFactory(framework_version=stage.version, stage=stage)
    return CredentialFactory(person=person, programme=programme, **kwargs)


# prerequisite -----------------------------------------------------------------------------------


def test_the_prerequisite_stage_is_the_next_lower_rank(stages):
    assert prerequisite_stage(stages[3]) == stages[2]
    assert prerequisite_stage(stages[0]) is None


def test_the_lowest_stage_has_no_prerequisite(stages):
    assert person_meets_prerequisite(PersonFactory(), stages[0])


def test_a_credential_for_the_stage_below_meets_it(stages):
    person = PersonFactory()
    assert not person_meets_prerequisite(person, stages[3])
    credential(person, stages[2])
    assert person_meets_prerequisite(person, stages[3])
    # A credential two stages below, or at the stage itself, is not the prerequisite.
    assert not person_meets_prerequisite(person, stages[4])


def test_a_revoked_credential_does_not_meet_it(stages):
    person = PersonFactory()
    credential(
        person,
        stages[1],
        status=Credential.Status.REVOKED,
        revoked_on=datetime.date(2026, 9, 1),
    )
    assert not person_meets_prerequisite(person, stages[2])
    # ... but it did on a day before it was revoked, and not before it was issued.
    assert person_meets_prerequisite(person, stages[2], on=datetime.date(2026, 8, 1))
    assert not person_meets_prerequisite(person, stages[2], on=datetime.date(2026, 1, 1))


def test_people_meeting_prerequisite_is_set_based(stages):
    holder, revoked, nobody = PersonFactory(), PersonFactory(), PersonFactory()
    credential(holder, stages[1])
    credential(
        revoked, stages[1], status=Credential.Status.REVOKED, revoked_on=datetime.date(2026, 7, 1)
    )
    ids = [holder.pk, revoked.pk, nobody.pk]

    with CaptureQueriesContext(connection) as queries:
        found = set(people_meeting_prerequisite(ids, stages[2]))
    assert found == {holder}
    assert len(queries) == 2  # the stage below, then the people
    assert set(people_meeting_prerequisite(ids, stages[0])) == {holder, revoked, nobody}


# learning record ------------------------------------------------------------------------------


def test_the_learning_record_follows_the_person_across_employers_in_constant_queries(
    django_assert_num_queries,
):
    person = EmploymentFactory().person
    EmploymentFactory(person=person, assignment_number="second")

    with django_assert_num_queries(3):
        learning_record(person)

    for _ in range(3):
        EnrolmentFactory(person=person)
        CompletionFactory(person=person)
        CompletionFactory(
            person=person,
            programme=None,
            provider=None,
            title="Declared",
            source=Completion.Source.SELF_DECLARED,
            status=Completion.Status.AWAITING_VERIFICATION,
        )
    CredentialFactory(person=person)
    with django_assert_num_queries(3):
        record = learning_record(person)
    assert len(record.enrolments) == 3
    assert len(record.completions) == 6
    assert len(record.credentials) == 1


# verification and team ------------------------------------------------------------------------


def declared(person):
    return CompletionFactory(
        person=person,
        programme=None,
        provider=None,
        title="Declared",
        source=Completion.Source.SELF_DECLARED,
        status=Completion.Status.AWAITING_VERIFICATION,
    )


def test_learning_awaiting_verification_is_for_reports_and_the_people_leads_organisation(world):
    mine = declared(world.employments["staff"].person)
    outsider = declared(world.outsider_employment.person)
    own = declared(world.employments["line_manager"].person)

    assert list(learning_awaiting_verification(world.user("line_manager"))) == [mine]
    assert set(learning_awaiting_verification(world.user("people_lead"))) == {mine, own}
    assert not learning_awaiting_verification(world.user("staff")).exists()
    with pytest.raises(Http404):
        completion_for_verifier(world.user("line_manager"), outsider.pk)
    with pytest.raises(Http404):
        completion_for_verifier(world.user("line_manager"), own.pk)


def test_team_learning_is_constant_in_queries(world, django_assert_max_num_queries):
    manager = world.employments["line_manager"]
    CompletionFactory(person=world.employments["staff"].person)

    def count():
        with CaptureQueriesContext(connection) as queries:
            team_learning(world.user("line_manager"))
        return len(queries)

    few = count()
    for _ in range(5):
        report = EmploymentFactory(organisation=world.trust, line_manager=manager)
        CompletionFactory(person=report.person)
        CredentialFactory(person=report.person)
    assert count() == few
    members = team_learning(world.user("line_manager"))
    assert len(members) == 6
