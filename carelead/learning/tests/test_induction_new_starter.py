"""A new starter added by hand is enrolled on the national induction, and the people lead
is told (people shows the sentence the learning receiver returns)."""

import datetime

import pytest
from django.urls import reverse

from carelead.learning.models import Enrolment
from carelead.learning.tests.factories_induction import open_induction
from carelead.people.tests.factories import StaffGroupFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    StaffGroupFactory()
    data = {
        "person_number": "66600001",
        "given_name": "Nia",
        "family_name": "Newman",
        "assignment_number": "66600001-1",
        "job_title": "Care assistant",
        "staff_group": "admin_clerical",
        "start_date[day]": "1",
        "start_date[month]": "9",
        "start_date[year]": "2026",
        "fte": "1",
    }
    data.update(overrides)
    return data


def test_the_people_lead_is_told_the_new_starter_was_enrolled(client, world):
    open_induction()
    client.force_login(world.user("people_lead"))
    response = client.post(reverse("people:new_starter"), _form(), follow=True)
    enrolment = Enrolment.objects.get(person__person_number="66600001")
    assert enrolment.due_on == datetime.date(2026, 11, 24)
    assert "1 new starter enrolled on the national induction." in response.content.decode()


def test_the_people_lead_is_told_when_enrolment_is_paused(client, world):
    open_induction(accredited=False)
    client.force_login(world.user("people_lead"))
    response = client.post(reverse("people:new_starter"), _form(), follow=True)
    assert not Enrolment.objects.exists()
    assert "Automatic enrolment on the national induction is paused" in response.content.decode()
