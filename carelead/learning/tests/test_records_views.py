import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.learning.models import Completion, Credential, Enrolment
from carelead.learning.tests.factories import CompletionFactory, CredentialFactory
from carelead.learning.tests.factories_records import a_course, enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    return a_course(provider=world.provider, rank=2, code="leading-teams")


def signed_in(client, world, persona):
    client.force_login(world.user(persona))
    return client


def test_staff_declare_learning_and_see_it_waiting(client, world):
    signed_in(client, world, "staff")
    response = client.post(
        reverse("learning:declare_learning"),
        {
            "title": "Coaching for managers",
            "provider_name": "Local college",
            "completed_on[day]": "3",
            "completed_on[month]": "3",
            "completed_on[year]": "2026",
            "hours": "7.5",
            "evidence": "Certificate",
            "evidence_url": "",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert "Coaching for managers" in page
    assert "Waiting for verification" in page


def test_declare_learning_shows_errors_for_missing_fields(client, world):
    signed_in(client, world, "staff")
    response = client.post(reverse("learning:declare_learning"), {"evidence_url": "not a url"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the name of the learning" in page
    assert "Enter a web address in the right format" in page
    assert not Completion.objects.exists()


def test_line_manager_verifies_a_reports_learning(client, world):
    completion = CompletionFactory(
        person=world.employments["staff"].person,
        programme=None,
        provider=None,
        title="Coaching",
        source=Completion.Source.SELF_DECLARED,
        status=Completion.Status.AWAITING_VERIFICATION,
    )
    signed_in(client, world, "line_manager")
    assert "Coaching" in client.get(reverse("learning:verify_learning_list")).content.decode()
    url = reverse("learning:verify_learning", kwargs={"pk": completion.pk})
    response = client.post(url, {"decision": "rejected", "note": ""})
    assert "Enter why you cannot verify this learning" in response.content.decode()
    response = client.post(url, {"decision": "verified", "note": ""})
    assert response.status_code == 302
    completion.refresh_from_db()
    assert completion.status == Completion.Status.VERIFIED
    # Done: no longer waiting, so the page is gone.
    assert client.get(url).status_code == 404


def test_verify_is_404_for_someone_outside_the_managers_team(client, world):
    completion = CompletionFactory(
        person=world.outsider_employment.person,
        programme=None,
        provider=None,
        title="Coaching",
        source=Completion.Source.SELF_DECLARED,
        status=Completion.Status.AWAITING_VERIFICATION,
    )
    signed_in(client, world, "line_manager")
    url = reverse("learning:verify_learning", kwargs={"pk": completion.pk})
    assert client.get(url).status_code == 404


def test_provider_records_a_completion_from_the_roster(client, world, course):
    enrolment = enrol(course)
    signed_in(client, world, "training_provider")
    url = reverse("learning:provider_completions", kwargs={"pk": course.cohort.pk})
    page = client.get(url).content.decode()
    assert escape(enrolment.person.full_name) in page
    response = client.post(
        url,
        {
            "enrolment": str(enrolment.pk),
            "completed_on[day]": "30",
            "completed_on[month]": "6",
            "completed_on[year]": "2026",
        },
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Credential.objects.get(person=enrolment.person).issuer == world.provider


def test_another_providers_cohort_is_404(client, world):
    other = a_course()
    signed_in(client, world, "training_provider")
    url = reverse("learning:provider_completions", kwargs={"pk": other.cohort.pk})
    assert client.get(url).status_code == 404


def test_the_roster_is_constant_in_queries(client, world, course):
    signed_in(client, world, "training_provider")
    url = reverse("learning:provider_completions", kwargs={"pk": course.cohort.pk})
    enrol(course)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        enrol(course)
    assert count() == few


def test_upload_with_errors_shows_the_table_and_records_nothing(client, world, course):
    person = enrol(course).person
    signed_in(client, world, "training_provider")
    content = (
        "person_number,programme_code,module_code,completed_on,reference\n"
        f"{person.person_number},leading-teams,,2026-06-30,r1\n"
        f"{person.person_number},leading-teams,,not-a-date,r2\n"
    ).encode()
    response = client.post(
        reverse("learning:completions_upload"),
        {"completions": SimpleUploadedFile("c.csv", content, content_type="text/csv")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was recorded" in page
    assert "Problems in the file" in page
    assert "not a date written as YYYY-MM-DD" in page
    assert not Completion.objects.exists()


def test_upload_of_a_good_file_records_it(client, world, course):
    person = enrol(course).person
    signed_in(client, world, "training_provider")
    content = (
        "person_number,programme_code,module_code,completed_on,reference\n"
        f"{person.person_number},leading-teams,,2026-06-30,r1\n"
    ).encode()
    response = client.post(
        reverse("learning:completions_upload"),
        {"completions": SimpleUploadedFile("c.csv", content, content_type="text/csv")},
        follow=True,
    )
    assert "1 completions recorded" in response.content.decode()
    assert Completion.objects.get().source == Completion.Source.PROVIDER_FILE


def test_my_credentials_links_to_the_public_page_and_badge(client, world):
    credential = CredentialFactory(person=world.employments["staff"].person)
    signed_in(client, world, "staff")
    page = client.get(reverse("learning:my_credentials")).content.decode()
    assert reverse("learning:credential_verify", kwargs={"public_id": credential.public_id}) in page
    assert reverse("learning:credential_badge", kwargs={"public_id": credential.public_id}) in page


def test_public_page_shows_only_name_credential_issuer_date_and_status(client, world):
    person = world.employments["staff"].person
    credential = CredentialFactory(person=person, revoked_reason="")
    page = client.get(
        reverse("learning:credential_verify", kwargs={"public_id": credential.public_id})
    ).content.decode()
    assert escape(person.full_name) in page
    assert "Management and Leadership Framework — Stage 1" in page
    assert credential.issuer.name in page
    assert "30 June 2026" in page
    assert "Valid" in page
    assert person.person_number not in page
    assert person.email not in page
    assert world.trust.name not in page


def test_public_page_shows_revocation_date_but_not_the_reason(client, world):
    credential = CredentialFactory(
        status=Credential.Status.REVOKED,
        revoked_on=datetime.date(2026, 8, 1),
        revoked_reason="Recorded against the wrong person",
    )
    page = client.get(
        reverse("learning:credential_verify", kwargs={"public_id": credential.public_id})
    ).content.decode()
    assert "Revoked on 1 August 2026" in page
    assert "wrong person" not in page


def test_an_unknown_credential_is_404(client):
    url = reverse("learning:credential_verify", kwargs={"public_id": uuid.uuid4()})
    assert client.get(url).status_code == 404


def test_revoke_by_the_issuing_provider(client, world):
    credential = CredentialFactory(issuer=world.provider)
    signed_in(client, world, "training_provider")
    url = reverse("learning:credential_revoke", kwargs={"public_id": credential.public_id})
    response = client.post(url, {"reason": ""})
    assert "Enter why the credential is revoked" in response.content.decode()
    response = client.post(url, {"reason": "Recorded in error"})
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.status == Credential.Status.REVOKED


def test_revoke_is_404_for_other_providers_credentials(client, world):
    credential = CredentialFactory()
    signed_in(client, world, "training_provider")
    url = reverse("learning:credential_revoke", kwargs={"public_id": credential.public_id})
    assert client.get(url).status_code == 404


def test_team_learning_lists_reports_credentials(client, world):
    CredentialFactory(person=world.employments["staff"].person)
    signed_in(client, world, "line_manager")
    page = client.get(reverse("learning:team_learning")).content.decode()
    assert "Sam Staff" in page
    assert "Stage 1" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_credentials_issued_is_constant_in_queries(client, world):
    signed_in(client, world, "training_provider")
    url = reverse("learning:provider_credentials")
    CredentialFactory(issuer=world.provider)
    few = _queries(client, url)
    for _ in range(5):
        CredentialFactory(issuer=world.provider)
    assert _queries(client, url) == few


def test_learning_to_verify_and_my_learning_are_constant_in_queries(client, world):
    staff = world.employments["staff"].person

    def declare():
        CompletionFactory(
            person=staff,
            programme=None,
            provider=None,
            title="Coaching",
            source=Completion.Source.SELF_DECLARED,
            status=Completion.Status.AWAITING_VERIFICATION,
        )
        CompletionFactory(person=staff)

    declare()
    signed_in(client, world, "line_manager")
    few_verify = _queries(client, reverse("learning:verify_learning_list"))
    signed_in(client, world, "staff")
    few_mine = _queries(client, reverse("learning:my_learning"))
    for _ in range(5):
        declare()
    assert _queries(client, reverse("learning:my_learning")) == few_mine
    signed_in(client, world, "line_manager")
    assert _queries(client, reverse("learning:verify_learning_list")) == few_verify
