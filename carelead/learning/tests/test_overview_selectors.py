import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.accounts import scoping
from carelead.learning.models import Credential, Enrolment, Programme
from carelead.learning.selectors.overview import learning_overview, overview_scope, rate
from carelead.learning.tests.factories import (
    CohortFactory,
    CredentialFactory,
    EnrolmentFactory,
    NationalInductionFactory,
    ProgrammeFactory,
)
from carelead.organisations.tests.factories import TrustFactory
from carelead.people.tests.factories import EmploymentFactory

TODAY = datetime.date(2026, 11, 1)
E = Enrolment.Status


def day(month, dd, year=2026):
    return datetime.date(year, month, dd)


def induct(programme, organisation, *, due, status=E.ENROLLED, completed=None):
    return EnrolmentFactory(
        programme=programme,
        organisation=organisation,
        source=Enrolment.Source.AUTOMATIC,
        enrolled_on=due - datetime.timedelta(weeks=12),
        due_on=due,
        status=status,
        completed_on=completed,
    )


@pytest.fixture
def figures_world(world):
    """Induction at RR8 (six live, one withdrawn), RXF (one) and the other region (one)."""
    induction = NationalInductionFactory()
    trust = world.trust
    induct(induction, trust, due=day(10, 1), status=E.COMPLETED, completed=day(9, 30))
    induct(induction, trust, due=day(10, 1), status=E.COMPLETED, completed=day(10, 10))
    induct(induction, trust, due=day(10, 15))  # overdue
    induct(induction, trust, due=day(12, 1))  # not yet due
    induct(induction, trust, due=TODAY, status=E.COMPLETED, completed=TODAY)
    induct(induction, trust, due=day(10, 20), status=E.COMPLETED, completed=day(10, 19))
    induct(induction, trust, due=day(10, 20), status=E.WITHDRAWN)
    induct(induction, world.sibling_trust, due=day(10, 2))
    induct(induction, world.other_trust, due=day(10, 2), status=E.COMPLETED, completed=day(10, 1))

    bundle = ProgrammeFactory(title="Leading teams")
    cohort = CohortFactory(programme=bundle, region=world.region, places=20)
    CohortFactory(programme=bundle, region=world.other_region, places=10)
    for status in (E.ENROLLED, E.COMPLETED, E.WITHDRAWN):
        EnrolmentFactory(
            programme=bundle,
            cohort=cohort,
            organisation=trust,
            status=status,
            completed_on=day(10, 1) if status == E.COMPLETED else None,
        )
    CredentialFactory(programme=bundle, person=world.employments["staff"].person)
    CredentialFactory(programme=bundle, person=world.outsider_employment.person, status="revoked")
    return world


def test_rate_is_hidden_below_five():
    assert rate(3, 4) is None
    assert rate(3, 5) == 0.6


def test_regional_lead_sees_their_region_by_organisation(figures_world):
    user = figures_world.user("regional_talent_lead")
    scope = overview_scope(user)
    assert scope.region == figures_world.region
    figures = learning_overview(scope, today=TODAY)

    rows = {r.code: r for r in figures.induction}
    assert set(rows) == {"RR8", "RXF"}
    rr8 = rows["RR8"]
    assert (rr8.enrolled, rr8.due, rr8.on_time, rr8.overdue) == (6, 5, 3, 1)
    assert rr8.on_time_rate == pytest.approx(0.6)
    rxf = rows["RXF"]
    assert (rxf.enrolled, rxf.due, rxf.on_time, rxf.overdue) == (1, 1, 0, 1)
    assert rxf.on_time_rate is None
    total = figures.induction_total
    assert (total.enrolled, total.due, total.on_time, total.overdue) == (7, 6, 3, 2)

    (places,) = figures.places
    assert (places.kind, places.cohorts, places.places, places.enrolled) == (
        Programme.Kind.DEVELOPMENT_BUNDLE,
        1,
        20,
        2,
    )
    assert places.places_left == 18

    completions = {r.kind: r for r in figures.completions}
    bundle = completions[Programme.Kind.DEVELOPMENT_BUNDLE]
    assert (bundle.ended, bundle.completed, bundle.withdrawn) == (2, 1, 1)
    assert bundle.completion_rate is None
    induction = completions[Programme.Kind.NATIONAL_INDUCTION]
    assert (induction.ended, induction.completed) == (5, 4)

    # The outsider works in the other region, so only the staff member's credential counts.
    assert [(c.issued, c.active) for c in figures.credentials] == [(1, 1)]


def test_national_view_groups_by_region(figures_world):
    user = figures_world.user("implementation_office")
    scope = overview_scope(user)
    assert scope.national and scope.region is None
    figures = learning_overview(scope, today=TODAY)

    rows = {r.code: r for r in figures.induction}
    assert set(rows) == {"Y63", "Y56"}
    assert (rows["Y63"].enrolled, rows["Y63"].due, rows["Y63"].overdue) == (7, 6, 2)
    assert (rows["Y56"].enrolled, rows["Y56"].on_time) == (1, 1)
    assert figures.induction_total.enrolled == 8
    assert figures.places[0].places == 30
    assert [(c.issued, c.active, c.revoked) for c in figures.credentials] == [(2, 1, 1)]


def test_national_user_can_drill_into_any_region(figures_world):
    user = figures_world.user("implementation_office")
    scope = overview_scope(user, region_code="Y56")
    figures = learning_overview(scope, today=TODAY)
    assert [r.code for r in figures.induction] == ["R1H"]
    assert figures.places[0].places == 10


def test_region_outside_scope_is_not_found(figures_world):
    user = figures_world.user("regional_talent_lead")
    with pytest.raises(Http404):
        overview_scope(user, region_code="Y56")
    with pytest.raises(Http404):
        # A trust is not a region, even inside the scope.
        overview_scope(user, region_code="RR8")


def test_user_without_an_overview_role_gets_an_empty_overview(figures_world):
    scope = overview_scope(figures_world.user("superuser"))
    assert scope.is_empty
    assert learning_overview(scope, today=TODAY).induction == []


def _grow(world, organisations: int, induction, bundle):
    for _ in range(organisations):
        trust = TrustFactory(icb=world.icb, region=world.region)
        induct(induction, trust, due=day(10, 1), status=E.COMPLETED, completed=day(9, 1))
        induct(induction, trust, due=day(10, 2))
        cohort = CohortFactory(programme=bundle, region=world.region)
        EnrolmentFactory(programme=bundle, cohort=cohort, organisation=trust)
        employment = EmploymentFactory(organisation=trust)
        CredentialFactory(programme=bundle, person=employment.person)


def _queries(user, **kwargs) -> int:
    scoping.clear_cache(user)
    with CaptureQueriesContext(connection) as captured:
        learning_overview(overview_scope(user, **kwargs), today=TODAY)
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["regional_talent_lead", "implementation_office"])
def test_query_count_does_not_grow_with_organisations(world, persona):
    user = world.user(persona)
    induction, bundle = NationalInductionFactory(), ProgrammeFactory()
    _grow(world, 2, induction, bundle)
    few = _queries(user)
    _grow(world, 18, induction, bundle)
    many = _queries(user)
    assert few == many
    assert many <= 7
    assert Credential.objects.count() == 20
