"""A regional talent lead sees only their own region's talent records: the same kind of
record in another region answers 404 on every talent page that shows one, while their own
region's answers 200. One test across the talent areas, so a new page cannot forget it."""

import pytest
from django.urls import reverse

from carelead.talent.tests.factories import (
    CalibrationSessionFactory,
    CriticalRoleFactory,
    IncentivePackageFactory,
    TalentAssessmentFactory,
    TalentPoolFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


def _records(world, *, region, trust, facilitator):
    return {
        "talent:calibration": CalibrationSessionFactory(
            level="organisation", organisation=trust, facilitator=facilitator
        ),
        "talent:assessment": TalentAssessmentFactory(
            employment__organisation=trust, organisation=trust
        ),
        "talent:pool": TalentPoolFactory(owner=region),
        "talent:pool_makeup": TalentPoolFactory(owner=region),
        "talent:critical_role": CriticalRoleFactory(organisation=trust),
        "talent:vacancy": VacancyFactory(organisation=trust),
        "talent:matching": VacancyFactory(organisation=trust, is_challenged=True),
        "talent:package": IncentivePackageFactory(region=region),
    }


def test_records_in_another_region_answer_404_and_their_own_answer_200(client, world):
    own = _records(
        world, region=world.region, trust=world.trust, facilitator=world.user("people_lead")
    )
    other = _records(
        world,
        region=world.other_region,
        trust=world.other_trust,
        facilitator=world.user("superuser"),
    )
    client.force_login(world.user("regional_talent_lead"))

    for name, record in own.items():
        response = client.get(reverse(name, kwargs={"pk": record.pk}))
        assert response.status_code == 200, f"{name} in their own region"
    for name, record in other.items():
        response = client.get(reverse(name, kwargs={"pk": record.pk}))
        assert response.status_code == 404, f"{name} in another region"


@pytest.mark.parametrize(
    "name",
    ["talent:assessments_organisation", "talent:succession"],
)
def test_choosing_an_organisation_in_another_region_answers_404(client, world, name):
    client.force_login(world.user("regional_talent_lead"))

    response = client.get(reverse(name), {"organisation": world.other_trust.ods_code})

    assert response.status_code == 404


def test_the_vacancy_register_lists_only_their_own_region(client, world):
    own = VacancyFactory(organisation=world.trust)
    other = VacancyFactory(organisation=world.other_trust)
    client.force_login(world.user("regional_talent_lead"))

    page = client.get(reverse("talent:vacancies")).content.decode()
    filtered = client.get(
        reverse("talent:vacancies"), {"organisation": world.other_trust.ods_code}
    ).content.decode()

    assert own.reference in page
    assert other.reference not in page
    assert other.reference not in filtered
