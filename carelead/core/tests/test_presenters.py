import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.accounts.roles import Role
from carelead.core.presenters import home_sections_for, scope_overview
from carelead.organisations.models import OversightSegment
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import EmploymentFactory


def test_a_regional_overview_counts_only_its_own_region(world):
    overview = scope_overview(world.user("regional_talent_lead"), Role.REGIONAL_TALENT_LEAD)
    assert overview.scope_label == "North East and Yorkshire"
    # Everyone in the world is employed in the region except the outsider at Barts.
    assert (
        overview.headcount == world.trust.employments.count() + world.provider.employments.count()
    )
    assert overview.directory_href.endswith("?region=Y63")


def test_organisations_in_segment_4_or_5_are_listed_as_challenged(world):
    OversightSegment.objects.create(
        organisation=world.sibling_trust, segment=5, effective_from=datetime.date(2025, 1, 1)
    )
    OversightSegment.objects.create(
        organisation=world.other_trust, segment=5, effective_from=datetime.date(2025, 1, 1)
    )
    overview = scope_overview(world.user("regional_talent_lead"), Role.REGIONAL_TALENT_LEAD)
    assert [c["name"] for c in overview.challenged] == [world.sibling_trust.name]


def test_the_overview_takes_the_same_number_of_queries_however_big_the_scope(world):
    user = world.user("implementation_office")
    with CaptureQueriesContext(connection) as few:
        home_sections_for(user)
    for _ in range(10):
        trust = TrustFactory(icb=world.icb, region=world.region)
        EmploymentFactory.create_batch(3, organisation=trust)
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as many:
        home_sections_for(user)
    assert len(many) == len(few)


def test_cqc_inspectors_see_the_latest_rating_of_each_assigned_organisation(world):
    from carelead.organisations.models import CqcRating

    CqcRating.objects.create(
        organisation=world.trust,
        overall="good",
        well_led="outstanding",
        rated_on=datetime.date(2024, 1, 1),
    )
    CqcRating.objects.create(
        organisation=world.trust,
        overall="inadequate",
        well_led="inadequate",
        rated_on=datetime.date(2021, 1, 1),
    )
    overview = scope_overview(world.user("cqc_inspector"), Role.CQC_INSPECTOR, with_ratings=True)
    assert overview.rated[0]["overall"] == "Good"
    assert overview.rated[0]["well_led"] == "Outstanding"
