"""360 feedback writes: tokens stored only as hashes, one-time use, withdraw, reminders sent
once, and nothing that links a response to its invitation."""

import datetime
import hashlib
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from carelead.accounts.tests.factories import UserFactory
from carelead.appraisals.models import (
    Appraisal,
    FeedbackComment,
    FeedbackInvitation,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    Relationship,
)
from carelead.appraisals.services import feedback as services
from carelead.appraisals.tests.factories_feedback import (
    FeedbackInvitationFactory,
    FeedbackRequestFactory,
    feedback_appraisal,
)
from carelead.core.models import AuditEvent
from carelead.people.tests.factories import EmploymentFactory, PersonFactory

TODAY = datetime.date(2026, 6, 1)
LINK = re.compile(r"https://carelead\.example/appraisals/feedback/respond/([\w-]+)/")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.CARELEAD_SITE_URL = "https://carelead.example"


@pytest.fixture
def appraisal(db):
    manager = EmploymentFactory(management_level=2)
    return feedback_appraisal(employment__line_manager=manager)


@pytest.fixture
def appraisee(appraisal):
    return UserFactory(person=appraisal.person)


@pytest.fixture
def appraiser(appraisal):
    return UserFactory(person=appraisal.appraiser)


@pytest.fixture
def request_(appraisal, appraisee):
    return services.feedback_request_open(
        actor=appraisee,
        appraisal=appraisal,
        closes_on=TODAY + datetime.timedelta(days=14),
        today=TODAY,
    )


def _invite(request_, actor, **kwargs):
    kwargs.setdefault("relationship", Relationship.PEER)
    kwargs.setdefault("email", "pat@example.org")
    kwargs.setdefault("name", "Pat Peer")
    return services.feedback_invitation_create(actor=actor, request=request_, today=TODAY, **kwargs)


def _token_from(message) -> str:
    return LINK.search(message.body).group(1)


def test_opening_takes_the_cycles_group_size_and_is_audited(appraisal, appraisee):
    appraisal.cycle.feedback_min_group_size = 4
    appraisal.cycle.save()
    request = services.feedback_request_open(
        actor=appraisee, appraisal=appraisal, closes_on=TODAY, today=TODAY
    )
    assert request.min_group_size == 4
    assert AuditEvent.objects.filter(action="feedback_request_opened").count() == 1


def test_only_the_appraisee_or_appraiser_may_open_and_only_while_live(appraisal):
    with pytest.raises(PermissionDenied):
        services.feedback_request_open(
            actor=UserFactory(person=PersonFactory()),
            appraisal=appraisal,
            closes_on=TODAY,
            today=TODAY,
        )
    appraisal.status = Appraisal.Status.COMPLETED
    appraisal.save()
    with pytest.raises(ValidationError, match="in progress"):
        services.feedback_request_open(
            actor=UserFactory(person=appraisal.person),
            appraisal=appraisal,
            closes_on=TODAY,
            today=TODAY,
        )


def test_invitation_stores_only_the_hash_of_the_emailed_token(request_, appraisee):
    invitation = _invite(request_, appraisee)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat@example.org"]
    token = _token_from(mail.outbox[0])
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(FeedbackInvitation.objects.values()))
    assert token not in str(list(AuditEvent.objects.values()))


def test_a_person_in_carelead_is_matched_by_email_and_named_for_them(request_, appraiser):
    person = PersonFactory(email="Colleague@Trust.nhs.uk", given_name="Cal", family_name="Lee")
    invitation = _invite(request_, appraiser, email="colleague@trust.nhs.uk", name="")
    assert invitation.rater == person and invitation.name == "Cal Lee"


def test_bad_invitations_say_what_is_wrong(request_, appraisee, appraisal):
    with pytest.raises(ValidationError) as no_name:
        _invite(request_, appraisee, email="nobody@example.org", name="")
    assert "name" in no_name.value.message_dict
    appraisal.person.email = "me@example.org"
    appraisal.person.save()
    with pytest.raises(ValidationError) as self_invite:
        _invite(request_, appraisee, email="me@example.org")
    assert "themselves" in str(self_invite.value)
    _invite(request_, appraisee)
    with pytest.raises(ValidationError, match="already been invited"):
        _invite(request_, appraisee, email="PAT@example.org")


def test_a_response_spends_the_token_and_is_not_linked_to_the_invitation(request_, appraisee):
    invitation = _invite(request_, appraisee, relationship=Relationship.DIRECT_REPORT)
    items = list(request_.appraisal.cycle.framework_version.items.values_list("pk", flat=True))
    services.feedback_response_submit(
        invitation=invitation,
        ratings={items[0]: 4, items[1]: None},
        strengths="Listens",
        development="",
        today=TODAY,
    )
    invitation.refresh_from_db()
    assert invitation.status == FeedbackInvitation.Status.RESPONDED
    assert invitation.responded_on == TODAY
    response = FeedbackResponse.objects.get()
    assert response.relationship == Relationship.DIRECT_REPORT
    assert {f.name for f in FeedbackResponse._meta.get_fields()} == {
        "id",
        "request",
        "relationship",
        "ratings",
    }
    assert sorted(FeedbackRating.objects.values_list("value", flat=True), key=str) == [4, None]
    assert list(FeedbackComment.objects.values_list("kind", "text")) == [("strengths", "Listens")]
    # No audit event names the response.
    assert not AuditEvent.objects.filter(object_id=str(response.pk)).exists()
    assert str(response.pk) not in str(list(AuditEvent.objects.values()))
    with pytest.raises(ValidationError, match="already been used"):
        services.feedback_response_submit(invitation=invitation, ratings={}, today=TODAY)
    assert FeedbackResponse.objects.count() == 1


def test_no_answers_after_closing(request_, appraisee):
    invitation = _invite(request_, appraisee)
    with pytest.raises(ValidationError, match="closed"):
        services.feedback_response_submit(
            invitation=invitation, ratings={}, today=request_.closes_on + datetime.timedelta(1)
        )
    assert not FeedbackResponse.objects.exists()


def test_withdraw_kills_the_link_and_keeps_any_answers(request_, appraisee):
    waiting = _invite(request_, appraisee)
    answered = _invite(request_, appraisee, email="b@example.org", name="B")
    services.feedback_response_submit(invitation=answered, ratings={}, today=TODAY)
    old_hash = waiting.token_hash
    services.feedback_invitation_withdraw(actor=appraisee, invitation=waiting, today=TODAY)
    services.feedback_invitation_withdraw(actor=appraisee, invitation=answered, today=TODAY)
    waiting.refresh_from_db()
    assert waiting.status == FeedbackInvitation.Status.WITHDRAWN
    assert waiting.token_hash != old_hash
    assert FeedbackResponse.objects.count() == 1
    # Withdrawn addresses may be invited again.
    _invite(request_, appraisee)


def test_manual_reminders_go_once_a_day_with_a_fresh_link(request_, appraisee):
    invitation = _invite(request_, appraisee)
    first_token = _token_from(mail.outbox[0])
    answered = _invite(request_, appraisee, email="b@example.org", name="B")
    services.feedback_response_submit(invitation=answered, ratings={}, today=TODAY)
    assert services.feedback_invitations_remind(actor=appraisee, request=request_, today=TODAY) == 1
    assert services.feedback_invitations_remind(actor=appraisee, request=request_, today=TODAY) == 0
    invitation.refresh_from_db()
    assert invitation.reminded_on == TODAY
    new_token = _token_from(mail.outbox[-1])
    assert new_token != first_token
    assert invitation.token_hash == services.token_hash(new_token)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert (
        services.feedback_invitations_remind(actor=appraisee, request=request_, today=tomorrow) == 1
    )


def test_automatic_reminders_go_7_and_2_days_before_closing_each_once(db):
    request = FeedbackRequestFactory(closes_on=TODAY + datetime.timedelta(days=7))
    waiting = FeedbackInvitationFactory(request=request)
    FeedbackInvitationFactory(request=request, status=FeedbackInvitation.Status.RESPONDED)
    FeedbackInvitationFactory(
        request=FeedbackRequestFactory(
            closes_on=TODAY + datetime.timedelta(days=7), status="closed"
        )
    )
    FeedbackInvitationFactory(request__closes_on=TODAY + datetime.timedelta(days=30))

    assert services.feedback_reminders_send(today=TODAY) == {"sent": 1, "failed": 0}
    assert mail.outbox[0].to == [waiting.email]
    assert services.feedback_reminders_send(today=TODAY) == {"sent": 0, "failed": 0}
    # Days 6 to 3: nothing new.
    for day in range(1, 5):
        today = TODAY + datetime.timedelta(days=day)
        assert services.feedback_reminders_send(today=today)["sent"] == 0
    two_before = TODAY + datetime.timedelta(days=5)
    assert services.feedback_reminders_send(today=two_before)["sent"] == 1
    assert services.feedback_reminders_send(today=two_before)["sent"] == 0
    assert len(mail.outbox) == 2


def test_a_missed_run_catches_up_with_one_reminder_not_two(db):
    request = FeedbackRequestFactory(closes_on=TODAY + datetime.timedelta(days=1))
    FeedbackInvitationFactory(request=request)
    assert services.feedback_reminders_send(today=TODAY)["sent"] == 1
    assert services.feedback_reminders_send(today=TODAY + datetime.timedelta(1))["sent"] == 0


def test_the_command_reports_its_counts(db):
    FeedbackInvitationFactory(request__closes_on=TODAY + datetime.timedelta(days=2))
    out = StringIO()
    call_command("send_feedback_reminders", "--today", TODAY.isoformat(), stdout=out)
    assert "Sent 1 feedback reminder" in out.getvalue()


def test_closing_is_audited_and_idempotent(request_, appraiser):
    services.feedback_request_close(actor=appraiser, request=request_)
    services.feedback_request_close(actor=appraiser, request=request_)
    request_.refresh_from_db()
    assert request_.status == FeedbackRequest.Status.CLOSED
    assert AuditEvent.objects.filter(action="feedback_request_closed").count() == 1


def test_no_new_raters_once_the_appraisal_is_finished(request_, appraisee, appraisal):
    appraisal.status = Appraisal.Status.CANCELLED
    appraisal.save()
    with pytest.raises(ValidationError, match="in progress"):
        _invite(request_, appraisee)
    assert not mail.outbox
