"""Automatic enrolment of new starters on the national induction."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.core.models import AuditEvent
from carelead.learning.models import Accreditation, Enrolment, Programme
from carelead.learning.services import induction as induction_services
from carelead.learning.services.enrolments import enrolment_withdraw
from carelead.learning.services.induction import induction_enrol_new_starters
from carelead.learning.tests.factories import EnrolmentFactory
from carelead.learning.tests.factories_induction import open_induction
from carelead.people.imports.services import workforce_import_run
from carelead.people.models import Employment, Person
from carelead.people.services import employment_create, reference_data_load
from carelead.people.tests.factories import (
    EmploymentFactory,
    PersonFactory,
    StaffGroupFactory,
)
from carelead.people.tests.test_import_support import build_trusts, row, to_csv


@pytest.fixture
def programme(db):
    return open_induction()


def hire(person, organisation, start, number="1"):
    return employment_create(
        actor=None,
        person=person,
        organisation=organisation,
        assignment_number=f"{person.person_number}-{number}",
        job_title="Care assistant",
        staff_group=StaffGroupFactory(),
        start_date=start,
    )


def inductions(person):
    return Enrolment.objects.filter(person=person, programme__kind="national_induction")


def test_a_new_starter_added_by_hand_is_enrolled_due_twelve_weeks_after_their_first_day(
    programme,
):
    person = PersonFactory()
    employment = hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))

    enrolment = inductions(person).get()
    assert enrolment.programme == programme
    assert enrolment.source == Enrolment.Source.AUTOMATIC
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.employment == employment
    assert enrolment.organisation == employment.organisation
    assert enrolment.due_on == datetime.date(2025, 8, 25)
    event = AuditEvent.objects.get(action="enrolment_created", object_id=str(enrolment.pk))
    assert event.organisation_id == employment.organisation_id
    assert event.after["due_on"] == "2025-08-25"
    assert (event.object_type, event.object_repr) == ("learning.enrolment", str(enrolment))


def test_the_programme_due_weeks_wins_and_the_setting_is_the_fallback(db, settings):
    settings.CARELEAD_INDUCTION_DUE_WEEKS = 4
    programme = open_induction(due_weeks=None)
    person = PersonFactory()
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))

    assert inductions(person).get().due_on == datetime.date(2025, 6, 30)
    assert programme.due_weeks is None


def test_a_second_job_does_not_enrol_the_person_again(programme):
    person = PersonFactory()
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 9, 1), number="2")

    assert inductions(person).count() == 1


def test_someone_who_completed_the_induction_is_not_enrolled_again(programme):
    person = PersonFactory()
    EnrolmentFactory(
        person=person, programme=programme, status=Enrolment.Status.COMPLETED, source="automatic"
    )
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))

    assert inductions(person).count() == 1


def test_someone_whose_enrolment_was_withdrawn_is_enrolled_again_on_a_new_job(programme):
    person = PersonFactory()
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))
    enrolment_withdraw(actor=None, enrolment=inductions(person).get(), reason="Left in a week")
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 9, 1), number="2")

    assert inductions(person).exclude(status="withdrawn").count() == 1


def test_long_serving_staff_starting_a_new_job_are_not_enrolled(programme):
    person = PersonFactory()
    EmploymentFactory(person=person, start_date=datetime.date(2015, 1, 5))
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2), number="2")

    assert not inductions(person).exists()


def test_nobody_is_enrolled_when_no_national_induction_is_open(db):
    open_induction(status=Programme.Status.CLOSED)
    person = PersonFactory()
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))

    assert not inductions(person).exists()


def test_enrolment_is_paused_while_the_provider_is_not_accredited(db):
    programme = open_induction()
    Accreditation.objects.filter(provider=programme.provider).update(
        status=Accreditation.Status.SUSPENDED
    )
    person = PersonFactory()
    hire(person, EmploymentFactory().organisation, datetime.date(2025, 6, 2))

    assert not inductions(person).exists()
    assert (
        induction_enrol_new_starters(actor=None, employment_ids=[person.employments.get().pk]) == 0
    )


@pytest.fixture
def trusts(db):
    reference_data_load()
    return build_trusts()


def extract(*rows):
    return to_csv(list(rows))


def test_the_workforce_import_enrols_its_new_starters_only(programme, trusts):
    veteran = EmploymentFactory(
        person=PersonFactory(person_number="30000009"),
        organisation=trusts["RR8"],
        assignment_number="30000009-1",
        start_date=datetime.date(2010, 1, 1),
    )
    content = extract(
        row(**{"Start Date": "2024-05-06"}),
        row(
            **{
                "Person Number": "30000002",
                "Assignment Number": "30000002-1",
                "Start Date": "2024-05-06",
            }
        ),
        row(
            **{
                "Person Number": "30000003",
                "Assignment Number": "30000003-1",
                "Start Date": "2023-01-01",
            }
        ),
        # The long-serving person's second job, new in this file.
        row(
            **{
                "Person Number": "30000009",
                "Assignment Number": "30000009-2",
                "First Name": veteran.person.given_name,
                "Last Name": veteran.person.family_name,
                "Email": veteran.person.email,
                "Start Date": "2025-01-01",
            }
        ),
    )

    result = workforce_import_run(content=content, actor=None, system=True)

    assert result.ok, result.errors
    enrolled = Enrolment.objects.filter(programme=programme)
    assert sorted(enrolled.values_list("person__person_number", flat=True)) == [
        "30000001",
        "30000002",
    ]
    assert set(enrolled.values_list("organisation__ods_code", flat=True)) == {"RR8"}
    assert set(enrolled.values_list("due_on", flat=True)) == {datetime.date(2024, 7, 29)}
    assert AuditEvent.objects.filter(action="enrolment_created", actor=None).count() == 2

    # Importing the same file again enrols nobody twice.
    workforce_import_run(content=content, actor=None, system=True)
    assert enrolled.count() == 2


def test_a_failed_import_enrols_nobody(programme, trusts):
    def fail_at_the_end(phase, done, total):
        # The last progress call comes after the enrolments, inside the transaction.
        if phase == "importing" and done == total:
            raise RuntimeError("the import fails after enrolling")

    with pytest.raises(RuntimeError):
        workforce_import_run(
            content=extract(row(**{"Start Date": "2024-05-06"})),
            actor=None,
            system=True,
            progress=fail_at_the_end,
        )

    assert not Person.objects.exists()
    assert not Enrolment.objects.exists()
    assert not AuditEvent.objects.filter(action="enrolment_created").exists()


def test_a_person_with_jobs_in_several_chunks_is_enrolled_once_from_the_earliest(
    programme, monkeypatch
):
    monkeypatch.setattr(induction_services, "CHUNK", 2)
    person = PersonFactory()
    later = EmploymentFactory(person=person, start_date=datetime.date(2025, 3, 1))
    others = [EmploymentFactory(start_date=datetime.date(2025, 1, 6)) for _ in range(3)]
    first = EmploymentFactory(
        person=person, assignment_number="x-2", start_date=datetime.date(2025, 1, 6)
    )

    count = induction_enrol_new_starters(
        actor=None, employment_ids=[e.pk for e in [later, *others, first]]
    )

    assert count == 4
    enrolment = inductions(person).get()
    assert enrolment.due_on == datetime.date(2025, 3, 31)


def test_enrolling_takes_the_same_queries_for_few_and_many_starters(programme):
    def queries_for(n):
        ids = [EmploymentFactory(start_date=datetime.date(2025, 1, 6)).pk for _ in range(n)]
        with CaptureQueriesContext(connection) as captured:
            assert induction_enrol_new_starters(actor=None, employment_ids=ids) == n
        return len(captured)

    assert queries_for(2) == queries_for(25)


def test_nobody_new_means_no_writes(programme):
    ids = list(
        Employment.objects.filter(
            pk__in=[EmploymentFactory(start_date=datetime.date(2019, 1, 1)).pk]
        ).values_list("pk", flat=True)
    )

    assert induction_enrol_new_starters(actor=None, employment_ids=ids) == 0
    assert not AuditEvent.objects.filter(action="enrolment_created").exists()
