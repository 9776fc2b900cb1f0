"""The directory and organisation pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.accounts.tests.factories import UserFactory
from carelead.organisations.services import (
    cqc_rating_record,
    oversight_segment_record,
    reference_data_load,
)
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())
    return client


def directory(client, **params):
    return client.get(reverse("organisations:directory"), params)


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 302


def test_directory_lists_and_filters_by_region(signed_in):
    north = RegionFactory(ods_code="Y63", name="North East and Yorkshire")
    london = RegionFactory(ods_code="Y56", name="London")
    TrustFactory(
        ods_code="RR8", name="Leeds Teaching Hospitals", icb=IcbFactory(region=north), region=north
    )
    TrustFactory(ods_code="R1H", name="Barts Health", icb=IcbFactory(region=london), region=london)

    everything = directory(signed_in).content.decode()
    assert "Leeds Teaching Hospitals" in everything and "Barts Health" in everything

    page = directory(signed_in, region="Y56", kind="nhs_trust").content.decode()
    assert "Barts Health" in page and "Leeds Teaching Hospitals" not in page
    assert "1 organisation found" in page


def test_directory_searches_and_reports_a_bad_filter(signed_in):
    TrustFactory(ods_code="RR8", name="Leeds Teaching Hospitals")
    page = directory(signed_in, q="rr8").content.decode()
    assert "Leeds Teaching Hospitals" in page
    bad = directory(signed_in, segment="9").content.decode()
    assert "There is a problem" in bad
    assert 'href="#id_segment"' in bad


def test_directory_hides_closed_organisations_unless_asked(signed_in):
    TrustFactory(name="Gone Trust", closed_on=D(2020, 3, 31))
    assert "Gone Trust" not in directory(signed_in).content.decode()
    assert "Gone Trust" in directory(signed_in, include_closed="on").content.decode()


def test_directory_query_count_does_not_grow_with_rows(signed_in):
    region = RegionFactory()
    icb = IcbFactory(region=region)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert directory(signed_in).status_code == 200
        return len(queries)

    trusts = TrustFactory.create_batch(5, icb=icb, region=region)
    for trust in trusts:
        oversight_segment_record(organisation=trust, segment=2, effective_from=D(2024, 1, 1))
    few = count_queries()
    TrustFactory.create_batch(45, icb=icb, region=region)
    assert count_queries() == few


def test_organisation_page_shows_history_segments_and_ratings(signed_in):
    trust = TrustFactory(ods_code="RR8", name="Leeds Teaching Hospitals", aliases=["LTHT"])
    oversight_segment_record(organisation=trust, segment=3, effective_from=D(2024, 4, 1))
    oversight_segment_record(
        organisation=trust, segment=2, effective_from=D(2025, 4, 1), source="NOF"
    )
    cqc_rating_record(
        organisation=trust, overall="good", well_led="outstanding", rated_on=D(2023, 6, 1)
    )

    page = signed_in.get(reverse("organisations:detail", args=["rr8"])).content.decode()

    assert "<h1>Leeds Teaching Hospitals</h1>" in page
    assert "LTHT" in page
    assert "2 – good performance" in page and "31 March 2025" in page
    assert "Outstanding" in page and "1 June 2023" in page


def test_a_closed_icb_page_says_where_it_went(signed_in):
    reference_data_load()
    page = signed_in.get(reverse("organisations:detail", args=["QNQ"])).content.decode()
    assert "This organisation has closed" in page
    assert "31 March 2026" in page
    for successor in ("S0E4D", "S9B9J", "QRL"):
        assert reverse("organisations:detail", args=[successor]) in page
    assert "(part, from 1 April 2026)" in page
    qrl = signed_in.get(reverse("organisations:detail", args=["QRL"])).content.decode()
    assert "E54000042" in qrl and "E54000067" in qrl
    assert reverse("organisations:detail", args=["QNQ"]) in qrl


def test_an_unknown_code_answers_404(signed_in):
    response = signed_in.get(reverse("organisations:detail", args=["NOPE1"]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
