import pytest

from carelead.accounts.models import RoleAssignment, User
from carelead.core.models import AuditEvent
from carelead.demo import catalogue as cat
from carelead.demo import services
from carelead.demo.personas import PERSONAS
from carelead.demo.services import demo_seed
from carelead.organisations.models import Organisation
from carelead.people.models import Employment, EqualityMonitoring, Person

from .conftest import SMALL


def _snapshot():
    return sorted(
        Employment.objects.values_list(
            "person__person_number",
            "assignment_number",
            "organisation__ods_code",
            "pay_band_id",
            "line_manager__assignment_number",
            "start_date",
            "end_date",
        )
    )


def _counts():
    return (
        Person.objects.count(),
        Employment.objects.count(),
        EqualityMonitoring.objects.count(),
        Organisation.objects.count(),
    )


def test_reseeding_leaves_the_same_data(seeded):
    first, counts = _snapshot(), _counts()
    assert counts[0] == SMALL

    demo_seed(people=SMALL, seed=42)

    assert _snapshot() == first
    assert _counts() == counts
    assert AuditEvent.objects.filter(action="demo_seeded").count() == 2


def test_a_smaller_reseed_removes_the_extra_demo_people(seeded):
    demo_seed(people=250, seed=42)
    assert Person.objects.count() == 250
    assert Employment.objects.filter(person__isnull=True).count() == 0


def test_seeding_falls_back_to_minimum_reference_rows_when_the_loader_fails(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("loader unavailable")

    monkeypatch.setattr(services, "call_command", broken)
    result = demo_seed(people=250, seed=1)
    assert result.people == 250
    assert any("loader unavailable" in note for note in result.notes)
    assert Organisation.objects.get(ods_code="QWO").region.ods_code == cat.REGION_CODE


@pytest.mark.parametrize("people", [0, 100])
def test_too_few_people_writes_nothing(db, people):
    with pytest.raises(ValueError):
        demo_seed(people=people, seed=42)
    assert not Person.objects.exists()


def test_persona_logins_are_rebuilt_not_duplicated_on_reseed(seeded):
    demo_seed(people=300, seed=42)
    assert User.objects.count() == len(PERSONAS)
    assert RoleAssignment.objects.filter(user__username="cqc_inspector").count() == 2
