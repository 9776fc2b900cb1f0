import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carelead.core.models import AuditEvent
from carelead.learning.models import Accreditation, Cohort, Enrolment, Programme
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    EnrolmentFactory,
    MidCareerProgrammeFactory,
    ModuleFactory,
    NationalInductionFactory,
    ProgrammeFactory,
    ProviderFactory,
)
from carelead.standards.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    """An open development bundle of the world's provider, accredited, with one cohort."""
    AccreditationFactory(provider=world.provider)
    programme = ProgrammeFactory(provider=world.provider, title="Leading teams")
    ModuleFactory(programme=programme, title="Leading yourself")
    CohortFactory(programme=programme, code="lt-2026-09", places=2)
    return programme


def _signed_in(client, world, persona):
    client.force_login(world.user(persona))
    return client


# Programme list ---------------------------------------------------------------------------


def test_programme_list_shows_provider_stage_accreditation_and_delivery(client, world, programme):
    ProgrammeFactory(title="Unaccredited bundle")
    response = _signed_in(client, world, "staff").get(reverse("learning:programme_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leading teams" in html and "Northern Leadership Academy" in html
    assert "Online, self-paced" in html
    # One programme's provider is accredited, the other's is not.
    assert html.count("Not accredited") == 1
    assert html.count("nhsuk-tag--green") == 1


def test_programme_list_filters_by_kind(client, world, programme):
    MidCareerProgrammeFactory(provider=world.provider, title="Mid-career")
    url = reverse("learning:programme_list") + "?kind=mid_career"
    html = _signed_in(client, world, "staff").get(url).content.decode()
    assert "Mid-career" in html and "Leading teams" not in html


def test_programme_list_costs_the_same_queries_for_few_or_many(client, world, programme):
    _signed_in(client, world, "staff")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("learning:programme_list")).status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        p = ProgrammeFactory()
        AccreditationFactory(provider=p.provider)
        ModuleFactory(programme=p)
        EnrolmentFactory(programme=p, cohort=CohortFactory(programme=p))
    assert count() == few


# Programme detail -------------------------------------------------------------------------


def test_programme_detail_shows_modules_outcomes_and_cohorts(client, world, programme):
    item = ItemFactory(version=programme.framework_version, code="S2.3", title="Lead with care")
    programme.outcomes.create(item=item, stage=programme.stage)
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    html = _signed_in(client, world, "staff").get(url).content.decode()
    assert "Leading yourself" in html
    assert "S2.3 Lead with care" in html
    assert "lt-2026-09" in html and "2 of 2" in html
    assert 'name="cohort"' in html


def test_a_draft_programme_answers_404_except_to_its_provider(client, world):
    draft = ProgrammeFactory(provider=world.provider, status=Programme.Status.DRAFT)
    url = reverse("learning:programme_detail", kwargs={"code": draft.code})
    assert _signed_in(client, world, "staff").get(url).status_code == 404
    assert _signed_in(client, world, "training_provider").get(url).status_code == 200


def test_staff_enrol_themselves_in_a_cohort(client, world, programme):
    cohort = programme.cohorts.get()
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    response = _signed_in(client, world, "staff").post(url, {"cohort": str(cohort.pk)})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    staff = world.employments["staff"]
    assert (enrolment.person, enrolment.cohort, enrolment.source) == (
        staff.person,
        cohort,
        Enrolment.Source.SELF,
    )
    assert enrolment.organisation == staff.organisation
    page = client.get(url).content.decode()
    assert "You are enrolled on this programme in cohort lt-2026-09" in page
    assert 'name="cohort"' not in page


def test_enrolling_without_choosing_a_cohort_shows_the_error_summary(client, world, programme):
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    response = _signed_in(client, world, "staff").post(url, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Choose a cohort to join" in html
    assert not Enrolment.objects.exists()


def test_a_full_cohort_is_not_offered_and_cannot_be_posted(client, world, programme):
    cohort = programme.cohorts.get()
    for _ in range(2):
        EnrolmentFactory(programme=programme, cohort=cohort)
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    _signed_in(client, world, "staff")
    html = client.get(url).content.decode()
    assert "No cohort of this programme has places left" in html
    assert client.post(url, {"cohort": str(cohort.pk)}).status_code == 403


def test_a_blocked_programme_says_exactly_why(client, world):
    programme = ProgrammeFactory(title="Unaccredited bundle")
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    html = _signed_in(client, world, "staff").get(url).content.decode()
    assert "No one can enrol at the moment" in html
    assert "is not accredited, so Unaccredited bundle cannot take new enrolments" in html


def test_national_induction_says_enrolment_is_automatic(client, world):
    induction = NationalInductionFactory(provider=world.provider)
    AccreditationFactory(provider=world.provider)
    url = reverse("learning:programme_detail", kwargs={"code": induction.code})
    html = _signed_in(client, world, "staff").get(url).content.decode()
    assert "Enrolment is automatic" in html


def test_mid_career_programme_does_not_offer_self_enrolment(client, world):
    programme = MidCareerProgrammeFactory(provider=world.provider)
    AccreditationFactory(provider=world.provider)
    CohortFactory(programme=programme)
    url = reverse("learning:programme_detail", kwargs={"code": programme.code})
    html = _signed_in(client, world, "staff").get(url).content.decode()
    assert "offered on application" in html and 'name="cohort"' not in html


# Accreditation ----------------------------------------------------------------------------


def test_accreditation_register_lists_providers(client, world):
    AccreditationFactory(provider=world.provider, accrediting_body="CMI")
    ProviderFactory(name="Southern Academy")
    html = (
        _signed_in(client, world, "implementation_office")
        .get(reverse("learning:accreditation_list"))
        .content.decode()
    )
    assert "Northern Leadership Academy" in html and "CMI" in html
    assert "Southern Academy" in html and "Not accredited" in html


def test_accreditation_create_records_one(client, world):
    _signed_in(client, world, "implementation_office")
    response = client.post(
        reverse("learning:accreditation_create"),
        {
            "provider": str(world.provider.pk),
            "accrediting_body": "CMI",
            "status": "accredited",
            "applied_on[day]": "1",
            "applied_on[month]": "1",
            "applied_on[year]": "2026",
            "valid_from[day]": "1",
            "valid_from[month]": "2",
            "valid_from[year]": "2026",
        },
    )
    assert response.status_code == 302
    assert Accreditation.objects.get().valid_from == datetime.date(2026, 2, 1)


def test_accreditation_create_shows_service_errors_beside_the_field(client, world):
    _signed_in(client, world, "implementation_office")
    response = client.post(
        reverse("learning:accreditation_create"),
        {
            "provider": str(world.provider.pk),
            "accrediting_body": "CMI",
            "status": "accredited",
            "applied_on[day]": "1",
            "applied_on[month]": "1",
            "applied_on[year]": "2026",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_valid_from-day"' in html
    assert "Enter the date the accreditation is valid from" in html


def test_accreditation_change_with_a_stale_version_keeps_the_input(client, world):
    accreditation = AccreditationFactory(provider=world.provider)
    url = reverse("learning:accreditation_change", kwargs={"pk": accreditation.pk})
    _signed_in(client, world, "implementation_office")
    first = {"version": "1", "status": "expired", "reason": "Not renewed"}
    assert client.post(url, first).status_code == 302
    stale = {"version": "1", "status": "suspended", "reason": "Complaints upheld"}
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone changed this accreditation" in html and "now expired" in html
    assert "Complaints upheld" in html
    assert 'name="version" value="2"' in html
    # Saving again, now that they have seen the change, applies on top of it.
    assert client.post(url, {**stale, "version": "2"}).status_code == 302
    accreditation.refresh_from_db()
    assert (accreditation.status, accreditation.version) == ("suspended", 3)


def test_accreditation_change_needs_a_reason_to_suspend(client, world):
    accreditation = AccreditationFactory(provider=world.provider)
    url = reverse("learning:accreditation_change", kwargs={"pk": accreditation.pk})
    response = _signed_in(client, world, "implementation_office").post(
        url, {"version": "1", "status": "suspended", "reason": ""}
    )
    assert "Enter why the accreditation is suspended" in response.content.decode()


# Provider cohorts -------------------------------------------------------------------------


def test_provider_cohorts_lists_places_taken_and_left(client, world, programme):
    cohort = programme.cohorts.get()
    EnrolmentFactory(programme=programme, cohort=cohort)
    CohortFactory(code="someone-elses")
    html = (
        _signed_in(client, world, "training_provider")
        .get(reverse("learning:provider_cohorts"))
        .content.decode()
    )
    assert "lt-2026-09" in html and "someone-elses" not in html


def test_another_providers_cohort_answers_404(client, world):
    theirs = CohortFactory()
    _signed_in(client, world, "training_provider")
    for name in ("learning:provider_cohort_detail", "learning:cohort_edit"):
        assert client.get(reverse(name, kwargs={"pk": theirs.pk})).status_code == 404


def test_cohort_roster_costs_the_same_queries_for_few_or_many(client, world, programme):
    cohort = programme.cohorts.get()
    Cohort.objects.filter(pk=cohort.pk).update(places=100)
    url = reverse("learning:provider_cohort_detail", kwargs={"pk": cohort.pk})
    _signed_in(client, world, "training_provider")

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    EnrolmentFactory(programme=programme, cohort=cohort)
    few = count()
    for _ in range(10):
        EnrolmentFactory(programme=programme, cohort=cohort)
    assert count() == few
    assert "11 enrolments" in client.get(url).content.decode()


def test_cohort_create_adds_a_cohort(client, world, programme):
    _signed_in(client, world, "training_provider")
    response = client.post(
        reverse("learning:cohort_create"),
        {
            "programme": str(programme.pk),
            "provider": str(world.provider.pk),
            "code": "lt-2027-01",
            "starts_on[day]": "10",
            "starts_on[month]": "1",
            "starts_on[year]": "2027",
            "ends_on[day]": "30",
            "ends_on[month]": "6",
            "ends_on[year]": "2027",
            "places": "12",
            "region": str(world.region.pk),
            "location": "Leeds",
        },
    )
    cohort = Cohort.objects.get(code="lt-2027-01")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "learning:provider_cohort_detail", kwargs={"pk": cohort.pk}
    )
    assert (cohort.places, cohort.region, cohort.is_online) == (12, world.region, False)


def test_cohort_create_shows_every_problem(client, world, programme):
    _signed_in(client, world, "training_provider")
    response = client.post(
        reverse("learning:cohort_create"),
        {
            "programme": str(programme.pk),
            "provider": str(world.provider.pk),
            "code": "lt-2027-01",
            "starts_on[day]": "10",
            "starts_on[month]": "1",
            "starts_on[year]": "2027",
            "ends_on[day]": "1",
            "ends_on[month]": "1",
            "ends_on[year]": "2027",
            "places": "0",
        },
    )
    html = response.content.decode()
    assert "The end date must be the same as or after the start date" in html
    assert "Places must be 1 or more" in html
    assert "Enter where the cohort meets, or say it is online" in html
    assert not Cohort.objects.filter(code="lt-2027-01").exists()


def test_cohort_edit_changes_places(client, world, programme):
    cohort = programme.cohorts.get()
    _signed_in(client, world, "training_provider")
    url = reverse("learning:cohort_edit", kwargs={"pk": cohort.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "provider": str(world.provider.pk),
            "starts_on[day]": "1",
            "starts_on[month]": "9",
            "starts_on[year]": "2026",
            "ends_on[day]": "31",
            "ends_on[month]": "3",
            "ends_on[year]": "2027",
            "places": "30",
            "is_online": "on",
        },
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.places == 30
    assert AuditEvent.objects.filter(action="cohort_updated").exists()
