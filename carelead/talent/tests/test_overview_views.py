"""The regional overview page: who sees which regions, the region choice, the definitions,
and a query count that does not grow with regions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.organisations.tests.factories import RegionFactory
from carelead.talent.tests.factories_succession import role_at

pytestmark = pytest.mark.django_db
URL = "/talent/overview/"


def test_a_talent_lead_sees_their_region_only(client, world):
    client.force_login(world.user("regional_talent_lead"))
    body = client.get(URL).content.decode()
    assert "Talent overview: North East and Yorkshire" in body
    assert "London" not in body
    assert "What the figures mean" in body
    assert client.get(URL + "?region=Y56").status_code == 404


def test_the_implementation_office_sees_all_regions_or_chooses_one(client, world):
    client.force_login(world.user("implementation_office"))
    body = client.get(URL).content.decode()
    assert "London" in body and "North East and Yorkshire" in body
    one = client.get(URL + "?region=Y56").content.decode()
    assert "Talent overview: London" in one


def test_the_page_costs_the_same_queries_for_few_and_many_regions(client, world):
    client.force_login(world.user("implementation_office"))
    role_at(world.trust)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(3):
        region = RegionFactory(ods_code=f"Y9{n}", name=f"Region {n}")
        role_at(region, title="Regional director")
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


def test_the_url_is_named(world):
    assert reverse("talent:overview") == URL
