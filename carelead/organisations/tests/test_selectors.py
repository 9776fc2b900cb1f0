"""The directory selector's filters and the organisation lookups."""

import datetime

import pytest
from django.http import Http404

from carelead.organisations import selectors
from carelead.organisations.services import oversight_segment_record
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def orgs():
    north = RegionFactory(ods_code="Y63", name="North East and Yorkshire")
    london = RegionFactory(ods_code="Y56", name="London")
    wy = IcbFactory(ods_code="QWO", name="NHS West Yorkshire ICB", region=north)
    nel = IcbFactory(ods_code="QMF", name="NHS North East London ICB", region=london)
    leeds = TrustFactory(
        ods_code="RR8", name="Leeds Teaching Hospitals", icb=wy, region=north, aliases=["LTHT"]
    )
    barts = TrustFactory(ods_code="R1H", name="Barts Health", icb=nel, region=london)
    closed = TrustFactory(
        ods_code="RXX", name="Old Leeds Trust", icb=wy, region=north, closed_on=D(2020, 3, 31)
    )
    oversight_segment_record(organisation=leeds, segment=2, effective_from=D(2024, 1, 1))
    oversight_segment_record(organisation=barts, segment=4, effective_from=D(2024, 1, 1))
    return {"leeds": leeds, "barts": barts, "closed": closed, "wy": wy}


def codes(queryset):
    return {o.ods_code for o in queryset}


def test_search_matches_name_code_and_alias(orgs):
    assert codes(selectors.organisation_directory(query="leeds")) == {"RR8", "RXX"}
    assert codes(selectors.organisation_directory(query="r1h")) == {"R1H"}
    assert codes(selectors.organisation_directory(query="ltht")) == {"RR8"}


def test_filters_by_region_icb_kind_and_segment(orgs):
    assert codes(selectors.organisation_directory(region="Y56")) == {"QMF", "R1H"}
    assert codes(selectors.organisation_directory(icb="QWO")) == {"RR8", "RXX"}
    assert codes(selectors.organisation_directory(kind="icb")) == {"QWO", "QMF"}
    assert codes(selectors.organisation_directory(segment=4)) == {"R1H"}


def test_on_date_leaves_out_organisations_closed_by_then(orgs):
    assert "RXX" not in codes(selectors.organisation_directory(on_date=D(2025, 1, 1)))
    assert "RXX" in codes(selectors.organisation_directory(on_date=D(2019, 1, 1)))


def test_the_directory_annotates_the_segment_in_force(orgs):
    leeds = selectors.organisation_directory(query="RR8").get()
    assert leeds.current_segment == 2
    assert (
        selectors.organisation_directory(query="RR8", on_date=D(2023, 6, 1)).get().current_segment
        is None
    )


def test_organisation_get_ignores_case_and_404s_unknown_codes(orgs):
    assert selectors.organisation_get(ods_code="rr8") == orgs["leeds"]
    with pytest.raises(Http404):
        selectors.organisation_get(ods_code="NOPE")


def test_current_segment_and_icb_history(orgs):
    assert selectors.current_segment(orgs["barts"]).segment == 4
    assert selectors.current_segment(orgs["closed"]) is None
    assert list(selectors.icb_history(orgs["leeds"])) == []
