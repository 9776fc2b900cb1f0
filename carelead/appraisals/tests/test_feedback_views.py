"""360 feedback pages: managing raters, the public one-time respond page, a signed-in
rater's own list, and the report that opens only once feedback has closed."""

import datetime
import re

import factory
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from markupsafe import escape

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.appraisals.models import FeedbackInvitation, FeedbackResponse, Relationship
from carelead.appraisals.selectors.feedback import questionnaire
from carelead.appraisals.tests.factories_feedback import (
    FeedbackInvitationFactory,
    FeedbackRequestFactory,
    add_response,
    feedback_appraisal,
)
from carelead.people.tests.factories import EmploymentFactory, PersonFactory


@pytest.fixture
def appraisal(db):
    return feedback_appraisal(employment__line_manager=EmploymentFactory(management_level=2))


@pytest.fixture
def appraisee(appraisal):
    return UserFactory(person=appraisal.person)


def manage_url(appraisal):
    return reverse("appraisals:feedback", kwargs={"pk": appraisal.pk})


def respond_url(token):
    return reverse("appraisals:feedback_respond", kwargs={"token": token})


def answers(appraisal, value="3"):
    data = {f"item_{q.item.pk}": value for q in questionnaire(appraisal).questions}
    data.update({"strengths": "Calm in a crisis", "development": ""})
    return data


# --- Managing raters ----------------------------------------------------------------------------


def test_appraisee_opens_feedback_and_invites_an_outside_rater(client, appraisal, appraisee):
    client.force_login(appraisee)
    response = client.get(manage_url(appraisal))
    assert response.status_code == 200
    assert "Ask for feedback" in response.text
    response = client.post(
        manage_url(appraisal),
        {
            "action": "open",
            "closes_on[day]": "1",
            "closes_on[month]": "1",
            "closes_on[year]": "2099",
        },
    )
    assert response.status_code == 302
    response = client.post(
        manage_url(appraisal),
        {"action": "invite", "relationship": "partner", "email": "sw@council.gov.uk", "name": ""},
    )
    assert response.status_code == 200
    assert "Enter the rater" in response.text and "not in carelead" in response.text
    response = client.post(
        manage_url(appraisal),
        {
            "action": "invite",
            "relationship": "partner",
            "email": "sw@council.gov.uk",
            "name": "Sue",
        },
        follow=True,
    )
    assert "Invitation sent to Sue" in response.text
    assert mail.outbox[0].to == ["sw@council.gov.uk"]


def test_the_manage_page_never_says_who_has_answered(client, appraisal, appraisee):
    request = FeedbackRequestFactory(appraisal=appraisal)
    FeedbackInvitationFactory(request=request, name="Ann Answered", status="responded")
    FeedbackInvitationFactory(request=request, name="Wes Waiting")
    add_response(request, Relationship.PEER, {})
    client.force_login(appraisee)
    text = client.get(manage_url(appraisal)).text
    assert "Ann Answered" in text and "Wes Waiting" in text
    assert "Responded" not in text and "responded" not in text.lower().replace("answered", "")
    # Both rows offer the same action, so which is which cannot be told.
    assert text.count("Withdraw<span") == 2


def test_people_lead_and_others_get_404_on_the_manage_page(client, appraisal):
    people_lead = UserFactory(person=PersonFactory())
    RoleAssignmentFactory(
        user=people_lead,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=appraisal.organisation,
    )
    for user in (people_lead, UserFactory(person=PersonFactory())):
        client.force_login(user)
        assert client.get(manage_url(appraisal)).status_code == 404


def test_manage_page_query_count_does_not_grow_with_invitations(client, appraisal, appraisee):
    request = FeedbackRequestFactory(appraisal=appraisal)
    FeedbackInvitationFactory.create_batch(2, request=request)
    client.force_login(appraisee)
    client.get(manage_url(appraisal))  # warm caches (sessions, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(manage_url(appraisal))
    FeedbackInvitationFactory.create_batch(
        10,
        request=request,
        relationship=Relationship.DIRECT_REPORT,
        rater=factory.SubFactory(PersonFactory),
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(manage_url(appraisal)).status_code == 200
    assert len(few) == len(many)


# --- Responding ---------------------------------------------------------------------------------


def test_an_outside_rater_answers_once_through_the_link_without_signing_in(client, appraisal):
    invitation = FeedbackInvitationFactory(request__appraisal=appraisal, token="secret-one")
    response = client.get(respond_url("secret-one"))
    assert response.status_code == 200
    assert escape(f"Feedback for {appraisal.person.full_name}") in response.text
    assert "What good looks like: I lead well on competency 1." in response.text
    assert "Not observed" in response.text
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    response = client.post(respond_url("secret-one"), answers(appraisal))
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.text
    invitation.refresh_from_db()
    assert invitation.status == FeedbackInvitation.Status.RESPONDED
    assert FeedbackResponse.objects.get().relationship == Relationship.PEER

    again = client.get(respond_url("secret-one"))
    assert again.status_code == 410
    assert "already given your feedback" in again.text
    assert client.post(respond_url("secret-one"), answers(appraisal)).status_code == 410
    assert FeedbackResponse.objects.count() == 1


def test_a_missing_rating_is_named_and_the_answers_are_kept(client, appraisal):
    FeedbackInvitationFactory(request__appraisal=appraisal, token="t")
    data = answers(appraisal, "4")
    first = questionnaire(appraisal).questions[0].item
    del data[f"item_{first.pk}"]
    response = client.post(respond_url("t"), data)
    assert response.status_code == 200
    assert f"Choose a rating for {first.code} {first.title}" in response.text
    assert "Calm in a crisis" in response.text
    assert not FeedbackResponse.objects.exists()


def test_unknown_withdrawn_and_closed_links_say_why(client, appraisal):
    assert client.get(respond_url("nope")).status_code == 404
    FeedbackInvitationFactory(request__appraisal=appraisal, token="gone", status="withdrawn")
    assert client.get(respond_url("gone")).status_code == 410
    closed = FeedbackRequestFactory(
        appraisal=feedback_appraisal(), closes_on=datetime.date.today() - datetime.timedelta(1)
    )
    FeedbackInvitationFactory(request=closed, token="late")
    late = client.get(respond_url("late"))
    assert late.status_code == 410 and "Feedback has closed" in late.text


def test_a_signed_in_rater_answers_from_their_own_list(client, appraisal):
    rater = UserFactory(person=PersonFactory())
    invitation = FeedbackInvitationFactory(request__appraisal=appraisal, rater=rater.person)
    client.force_login(rater)
    page = client.get(reverse("appraisals:feedback_requests"))
    link = reverse("appraisals:feedback_respond_internal", kwargs={"pk": invitation.pk})
    assert link in page.text and escape(appraisal.person.full_name) in page.text
    assert client.post(link, answers(appraisal)).status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == FeedbackInvitation.Status.RESPONDED
    assert link not in client.get(reverse("appraisals:feedback_requests")).text

    client.force_login(UserFactory(person=PersonFactory()))
    assert client.get(link).status_code == 404


# --- The report -------------------------------------------------------------------------------


@pytest.fixture
def answered(appraisal):
    """A request with 1 line manager, 3 peers and 2 direct reports answering."""
    request = FeedbackRequestFactory(appraisal=appraisal)
    items = [q.item.pk for q in questionnaire(appraisal).questions]
    add_response(request, Relationship.LINE_MANAGER, dict.fromkeys(items, 1))
    for _ in range(3):
        add_response(request, Relationship.PEER, dict.fromkeys(items, 4))
    for _ in range(2):
        add_response(request, Relationship.DIRECT_REPORT, dict.fromkeys(items, 2))
    return request


def report_url(appraisal, name="appraisals:feedback_report"):
    return reverse(name, kwargs={"pk": appraisal.pk})


def test_report_waits_until_feedback_closes(client, appraisal, appraisee, answered):
    client.force_login(appraisee)
    response = client.get(report_url(appraisal))
    assert response.status_code == 200
    assert "opens once feedback has closed" in response.text
    assert "Average rating" not in response.text
    assert client.get(report_url(appraisal, "appraisals:feedback_report_pdf")).status_code == 404


def test_report_pools_small_groups_and_never_shows_the_line_manager_alone(
    client, appraisal, appraisee, answered
):
    appraisal.wellbeing_note = "Private wellbeing words"
    appraisal.save()
    from carelead.appraisals.models import BehaviourAssessment
    from carelead.standards.models import RatingLevel

    for q in questionnaire(appraisal).questions:
        BehaviourAssessment.objects.create(
            appraisal=appraisal, item=q.item, self_rating=RatingLevel.objects.get(value=3)
        )
    answered.status = "closed"
    answered.save()
    client.force_login(appraisee)
    text = client.get(report_url(appraisal)).text
    assert "Appraisee&#39;s own rating" in text and "3: Meets" in text
    assert "Private wellbeing words" not in text
    assert "Peers" in text and "Other raters" in text and "All raters" in text
    assert "Line managers" not in text
    # Peers 4.0 on their own; LM (1) and direct reports (2) pooled: mean 5/3.
    assert "4.0 (3 rated)" in text and "1.7 (3 rated)" in text


def test_report_is_for_the_appraisee_and_appraiser_only(client, appraisal, answered):
    answered.status = "closed"
    answered.save()
    client.force_login(UserFactory(person=appraisal.appraiser))
    assert client.get(report_url(appraisal)).status_code == 200
    people_lead = UserFactory(person=PersonFactory())
    RoleAssignmentFactory(
        user=people_lead,
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.ORGANISATION,
        organisation=appraisal.organisation,
    )
    client.force_login(people_lead)
    assert client.get(report_url(appraisal)).status_code == 404


def test_report_pdf_is_a_tagged_pdf(client, appraisal, appraisee, answered, monkeypatch):
    from carelead.appraisals.views import feedback as views
    from carelead.core.pdf import render_pdf

    # Uncompressed, so the structure tree can be seen in the bytes.
    monkeypatch.setattr(
        views, "render_pdf", lambda *a, **kw: render_pdf(*a, uncompressed_pdf=True, **kw)
    )
    answered.status = "closed"
    answered.save()
    client.force_login(appraisee)
    response = client.get(report_url(appraisal, "appraisals:feedback_report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert re.search(rb"/StructTreeRoot", response.content)
