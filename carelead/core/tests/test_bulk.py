import datetime
from decimal import Decimal

import pytest

from carelead.core.bulk import bulk_insert
from carelead.core.models import AuditEvent
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.models import Employment, Person
from carelead.people.tests.factories import PayBandFactory, StaffGroupFactory


@pytest.mark.django_db
def test_bulk_insert_returns_new_keys_in_row_order_and_fills_timestamps():
    rows = [
        {"person_number": f"7700{i:04d}", "given_name": f"P{i}", "family_name": "Test", "email": ""}
        for i in range(25)
    ]
    keys = bulk_insert(Person, rows, returning=True)
    assert len(keys) == 25
    for key, row in zip(keys, rows, strict=True):
        person = Person.objects.get(pk=key)
        assert person.person_number == row["person_number"]
        assert person.created_at is not None and person.updated_at is not None
    # The sequence moved on: an ordinary save after a bulk insert does not collide.
    later = Person.objects.create(person_number="77009999", given_name="A", family_name="B")
    assert later.pk not in keys


@pytest.mark.django_db
def test_bulk_insert_adapts_dates_decimals_foreign_keys_and_json():
    person = Person.objects.create(person_number="1", given_name="A", family_name="B")
    trust = TrustFactory()
    [key] = bulk_insert(
        Employment,
        [
            {
                "person_id": person.pk,
                "organisation_id": trust.pk,
                "assignment_number": "1-1",
                "job_title": "Nurse",
                "staff_group_id": StaffGroupFactory().pk,
                "pay_band_id": PayBandFactory().pk,
                "management_level": None,
                "start_date": datetime.date(2024, 4, 1),
                "end_date": None,
                "fte": Decimal("0.6"),
            }
        ],
        returning=True,
    )
    employment = Employment.objects.get(pk=key)
    assert employment.start_date == datetime.date(2024, 4, 1)
    assert employment.fte == Decimal("0.60")
    bulk_insert(
        AuditEvent,
        [
            {
                "actor_id": None,
                "actor_label": "system",
                "action": "x",
                "object_type": "t",
                "object_id": "1",
                "object_repr": "r",
                "organisation_id": None,
                "before": None,
                "after": {"nested": {"list": [1, 2]}, "text": 'it\'s "quoted"\\n\ttab\nline'},
            }
        ],
    )
    event = AuditEvent.objects.get(action="x")
    assert event.after == {"nested": {"list": [1, 2]}, "text": 'it\'s "quoted"\\n\ttab\nline'}
    assert event.before is None


@pytest.mark.django_db
def test_bulk_insert_of_nothing_does_nothing():
    assert bulk_insert(Person, [], returning=True) == []
