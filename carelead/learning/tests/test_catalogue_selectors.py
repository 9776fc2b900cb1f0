import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from carelead.learning.models import Accreditation, Enrolment, Programme
from carelead.learning.selectors import catalogue as selectors
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    EnrolmentFactory,
    ModuleFactory,
    ProgrammeFactory,
    ProviderFactory,
)

pytestmark = pytest.mark.django_db


def test_programmes_to_browse_hides_drafts_but_not_from_their_own_provider(world):
    open_one = ProgrammeFactory(provider=world.provider)
    draft = ProgrammeFactory(provider=world.provider, status=Programme.Status.DRAFT)
    ProgrammeFactory(status=Programme.Status.DRAFT)  # another provider's draft
    assert list(selectors.programmes_to_browse(world.user("staff"))) == [open_one]
    assert set(selectors.programmes_to_browse(world.user("training_provider"))) == {
        open_one,
        draft,
    }


def test_programmes_are_annotated_with_accreditation_in_force_today():
    accredited = ProgrammeFactory()
    AccreditationFactory(provider=accredited.provider)
    suspended = ProgrammeFactory()
    AccreditationFactory(provider=suspended.provider, status=Accreditation.Status.SUSPENDED)
    lapsed = ProgrammeFactory()
    AccreditationFactory(provider=lapsed.provider, valid_to=datetime.date(2020, 1, 1))
    flags = {p.pk: p.is_accredited for p in selectors.programmes_to_browse(None)}
    assert flags == {accredited.pk: True, suspended.pk: False, lapsed.pk: False}


def test_cohorts_carry_places_taken_and_left_not_counting_withdrawn():
    cohort = CohortFactory(places=3)
    EnrolmentFactory(programme=cohort.programme, cohort=cohort)
    EnrolmentFactory(programme=cohort.programme, cohort=cohort, status=Enrolment.Status.COMPLETED)
    EnrolmentFactory(programme=cohort.programme, cohort=cohort, status=Enrolment.Status.WITHDRAWN)
    programme = selectors.programme_for_viewer(None, cohort.programme.code)
    (annotated,) = programme.cohorts.all()
    assert (annotated.taken, annotated.places_left) == (2, 1)


def test_browsing_costs_the_same_queries_for_few_or_many_programmes():
    def add(n):
        for _ in range(n):
            programme = ProgrammeFactory()
            AccreditationFactory(provider=programme.provider)
            ModuleFactory(programme=programme)
            cohort = CohortFactory(programme=programme)
            EnrolmentFactory(programme=programme, cohort=cohort)

    def count():
        with CaptureQueriesContext(connection) as queries:
            for p in selectors.programmes_to_browse(None):
                seen = [c.places_left for c in p.cohorts.all()]
                seen += [m.delivery_mode for m in p.modules.all()]
                seen += [p.provider.name, p.stage.name, p.is_accredited]
        return len(queries)

    add(1)
    few = count()
    add(5)
    assert count() == few


def test_programme_for_viewer_answers_404_for_an_unknown_code_or_anothers_draft(world):
    draft = ProgrammeFactory(status=Programme.Status.DRAFT)
    with pytest.raises(Http404):
        selectors.programme_for_viewer(world.user("staff"), "no-such-programme")
    with pytest.raises(Http404):
        selectors.programme_for_viewer(world.user("training_provider"), draft.code)


def test_cohorts_for_provider_are_those_it_runs_or_whose_programme_it_owns(world):
    own = CohortFactory(programme=ProgrammeFactory(provider=world.provider))
    other_provider = ProviderFactory()
    AccreditationFactory(provider=world.provider)
    run_for_another = CohortFactory(
        programme=ProgrammeFactory(provider=other_provider), provider=world.provider
    )
    run_by_another = CohortFactory(
        programme=ProgrammeFactory(provider=world.provider), provider=other_provider
    )
    unrelated = CohortFactory()
    user = world.user("training_provider")
    assert set(selectors.cohorts_for_provider(user)) == {own, run_for_another, run_by_another}
    with pytest.raises(Http404):
        selectors.cohort_for_provider(user, unrelated.pk)
    assert not selectors.cohorts_for_provider(world.user("people_lead")).exists()


def test_programmes_for_cohorts_offers_others_only_to_an_accredited_provider(world):
    own_draft = ProgrammeFactory(provider=world.provider, status=Programme.Status.DRAFT)
    others = ProgrammeFactory()
    ProgrammeFactory(status=Programme.Status.CLOSED)
    user = world.user("training_provider")
    assert list(selectors.programmes_for_cohorts(user)) == [own_draft]
    AccreditationFactory(provider=world.provider)
    assert set(selectors.programmes_for_cohorts(user)) == {own_draft, others}


def test_accreditation_register_lists_every_provider_with_its_latest_accreditation():
    accredited = ProviderFactory(name="A provider")
    AccreditationFactory(provider=accredited, applied_on=datetime.date(2024, 1, 1))
    latest = AccreditationFactory(
        provider=accredited,
        applied_on=datetime.date(2026, 1, 1),
        status=Accreditation.Status.SUSPENDED,
    )
    never = ProviderFactory(name="B provider")
    with CaptureQueriesContext(connection) as queries:
        register = selectors.accreditation_register()
    assert register == [(accredited, latest), (never, None)]
    assert len(queries) == 2


def test_cohorts_to_browse_filters_by_programme_code():
    cohort = CohortFactory()
    CohortFactory()
    CohortFactory(programme=ProgrammeFactory(status=Programme.Status.DRAFT))
    assert list(selectors.cohorts_to_browse(None, programme_code=cohort.programme.code)) == [cohort]
    assert selectors.cohorts_to_browse(None).count() == 2
