"""Adding a new starter by hand: the people lead's page and people.services.new_starter_add."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carelead.core.models import AuditEvent
from carelead.people import services
from carelead.people.models import Employment, Person
from carelead.people.tests.factories import PersonFactory, StaffGroupFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    StaffGroupFactory()
    data = {
        "person_number": "55500001",
        "given_name": "Nia",
        "family_name": "Newman",
        "email": "nia.newman@example.nhs.uk",
        "assignment_number": "55500001-1",
        "job_title": "Healthcare assistant",
        "staff_group": "admin_clerical",
        "pay_band": "",
        "management_level": "",
        "line_manager_assignment": "",
        "start_date[day]": "1",
        "start_date[month]": "9",
        "start_date[year]": "2026",
        "fte": "1",
    }
    data.update(overrides)
    return data


def test_people_lead_adds_a_new_starter_and_lands_on_their_record(client, world):
    client.force_login(world.user("people_lead"))
    manager = world.employments["line_manager"]
    response = client.post(
        reverse("people:new_starter"),
        _form(line_manager_assignment=manager.assignment_number),
    )
    person = Person.objects.get(person_number="55500001")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    employment = Employment.objects.get(person=person)
    assert employment.organisation == world.trust
    assert employment.line_manager == manager
    assert employment.start_date == datetime.date(2026, 9, 1)
    assert set(
        AuditEvent.objects.filter(object_id__in=[str(person.pk), str(employment.pk)]).values_list(
            "action", flat=True
        )
    ) == {"person_created", "employment_created"}
    page = client.get(response["Location"])
    assert "Nia Newman has been added as Healthcare assistant" in page.content.decode()


def test_every_problem_is_shown_at_once_and_nothing_is_saved(client, world):
    client.force_login(world.user("people_lead"))
    response = client.post(
        reverse("people:new_starter"),
        _form(given_name="", job_title="", fte="lots", line_manager_assignment="NOPE-1"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    for message in [
        "Enter a given name",
        "Enter a job title",
        "FTE must be a number, like 1 or 0.6",
        "has a current employment with assignment number NOPE-1",
    ]:
        assert message in body
    assert not Person.objects.filter(person_number="55500001").exists()


def test_a_person_number_already_in_carelead_moves_with_its_person(world):
    mover = PersonFactory(person_number="55500002", given_name="Ade", family_name="Mover")
    employment, _ = services.new_starter_add(
        actor=world.user("people_lead"),
        organisation=world.trust,
        person_number="55500002",
        given_name="ade",
        family_name="MOVER",
        assignment_number="55500002-9",
        job_title="Ward clerk",
        staff_group=StaffGroupFactory(),
        start_date=datetime.date(2026, 10, 1),
    )
    assert employment.person == mover
    assert Person.objects.filter(person_number="55500002").count() == 1


def test_a_person_number_under_another_name_is_refused(world):
    PersonFactory(person_number="55500003", given_name="Ade", family_name="Mover")
    with pytest.raises(ValidationError) as refused:
        services.new_starter_add(
            actor=world.user("people_lead"),
            organisation=world.trust,
            person_number="55500003",
            given_name="Someone",
            family_name="Else",
            assignment_number="X-1",
            job_title="Porter",
            staff_group=StaffGroupFactory(),
            start_date=datetime.date(2026, 10, 1),
        )
    assert "already in carelead under another name" in str(refused.value.message_dict)
    assert not Employment.objects.filter(assignment_number="X-1").exists()


def test_an_organisation_outside_the_people_leads_scope_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.new_starter_add(
            actor=world.user("people_lead"),
            organisation=world.other_trust,
            person_number="55500004",
            given_name="Out",
            family_name="Side",
            assignment_number="55500004-1",
            job_title="Porter",
            staff_group=StaffGroupFactory(),
            start_date=datetime.date(2026, 10, 1),
        )
    assert "organisation" in refused.value.message_dict
    assert not Person.objects.filter(person_number="55500004").exists()
