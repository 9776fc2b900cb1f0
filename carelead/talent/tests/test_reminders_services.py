"""Career conversation reminders: who gets which email and when, once each (again for a new
planned date), nothing private in the email, people without an address skipped, a failed
send retried, the windows from settings, and the command and task that run them."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from carelead.core.models import AuditEvent
from carelead.people.tests.factories import PersonFactory
from carelead.talent.models import CareerConversation, ConversationReminder
from carelead.talent.services.reminders import conversation_reminders_send
from carelead.talent.tasks import conversation_reminders_process
from carelead.talent.tests.factories import CareerConversationFactory
from carelead.talent.tests.factories_conversations import held_values, staff_conversation

pytestmark = pytest.mark.django_db

Status = CareerConversation.Status
TODAY = datetime.date(2026, 11, 26)


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_both_people_are_reminded_before_the_planned_date_once(world):
    conversation = staff_conversation(
        world, planned_on=_days(5), individual_reflection="I want to lead."
    )
    CareerConversationFactory(planned_on=_days(20))  # too far ahead
    CareerConversationFactory(planned_on=_days(2), status=Status.CANCELLED)

    counts = conversation_reminders_send(today=TODAY)

    assert counts == {"sent": 2, "skipped": 0, "failed": 0, "upcoming": 2}
    sam, maria = conversation.person, conversation.held_with
    [to_sam] = _to(sam.email)
    [to_maria] = _to(maria.email)
    assert (
        to_sam.subject == f"Reminder: career conversation with {maria.full_name} on 1 December 2026"
    )
    assert "You can write your reflection" in to_sam.body
    assert "your preparation notes" in to_maria.body and sam.full_name in to_maria.body
    assert f"/talent/conversations/{conversation.pk}/" in to_sam.body
    # Nothing private goes by email.
    assert "I want to lead" not in to_sam.body + to_maria.body
    assert conversation_reminders_send(today=TODAY)["sent"] == 0
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="career_conversation_reminder_sent").count() == 2


def test_a_new_planned_date_is_reminded_again(world):
    conversation = staff_conversation(world, planned_on=_days(5))
    conversation_reminders_send(today=TODAY)
    conversation.planned_on = _days(6)
    conversation.save()
    assert conversation_reminders_send(today=TODAY)["upcoming"] == 2
    assert ConversationReminder.objects.filter(conversation=conversation).count() == 4


def test_a_planned_date_long_passed_asks_whether_it_was_held(world):
    conversation = staff_conversation(world, planned_on=_days(-8))
    staff_conversation(world, planned_on=_days(-3))  # not yet a week late

    assert conversation_reminders_send(today=TODAY)["not_held"] == 2
    [to_sam] = _to(conversation.person.email)
    assert to_sam.subject.startswith("Was your career conversation with")
    assert "record it as held" in to_sam.body
    assert "change the planned date where you write your reflection" in to_sam.body
    [to_maria] = _to(conversation.held_with.email)
    assert f"{conversation.person.full_name} can change the planned date" in to_maria.body


def test_a_held_conversation_without_an_outcome_is_chased(world):
    waiting = staff_conversation(
        world, status=Status.HELD, **held_values(held_on=_days(-15), impact=2)
    )
    staff_conversation(world, status=Status.HELD, **held_values(held_on=_days(-5)))
    staff_conversation(world, status=Status.RECORDED, **held_values(held_on=_days(-60)))

    assert conversation_reminders_send(today=TODAY)["outcome"] == 2
    [to_maria] = _to(waiting.held_with.email)
    assert to_maria.subject == (
        f"Record the outcome of the career conversation with {waiting.person.full_name}"
    )
    assert "held on 11 November 2026" in to_maria.body
    assert "ward manager" not in to_maria.body  # where next stays private


def test_people_without_an_address_are_skipped_and_looked_at_again(world):
    conversation = CareerConversationFactory(planned_on=_days(3), held_with=PersonFactory(email=""))
    counts = conversation_reminders_send(today=TODAY)
    assert counts["sent"] == 1 and counts["skipped"] == 1
    conversation.held_with.email = "coach@example.nhs.uk"
    conversation.held_with.save()
    assert conversation_reminders_send(today=TODAY)["sent"] == 1
    assert _to("coach@example.nhs.uk")


def test_a_failed_send_is_counted_and_tried_again(world, monkeypatch):
    staff_conversation(world, planned_on=_days(3))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("carelead.core.reminders.send_mail", broken)
    assert conversation_reminders_send(today=TODAY)["failed"] == 2
    assert not ConversationReminder.objects.exists()
    monkeypatch.undo()
    assert conversation_reminders_send(today=TODAY)["sent"] == 2


def test_the_windows_come_from_settings(world, settings):
    settings.CARELEAD_CONVERSATION_REMIND_DAYS_BEFORE = 2
    settings.CARELEAD_CONVERSATION_OUTCOME_REMIND_DAYS = 3
    staff_conversation(world, planned_on=_days(3))
    staff_conversation(world, status=Status.HELD, **held_values(held_on=_days(-4)))
    counts = conversation_reminders_send(today=TODAY)
    assert "upcoming" not in counts and counts["outcome"] == 2


def test_the_command_says_what_it_sent_and_fails_when_a_send_failed(world, monkeypatch):
    staff_conversation(world, planned_on=_days(3))
    out = io.StringIO()
    call_command("send_conversation_reminders", today="2026-11-26", stdout=out)
    assert out.getvalue() == "Sent 2 reminders; skipped 0 without an email address; 0 failed.\n"
    staff_conversation(world, planned_on=_days(4))
    monkeypatch.setattr("carelead.core.reminders.send_mail", _broken)
    with pytest.raises(CommandError, match="2 reminders could not be sent"):
        call_command("send_conversation_reminders", today="2026-11-26", stdout=io.StringIO())
    with pytest.raises(CommandError, match="is not a date like"):
        call_command("send_conversation_reminders", today="26/11/2026")


def test_the_task_sends_what_is_due_today(world):
    staff_conversation(world, planned_on=datetime.date.today() + datetime.timedelta(days=1))
    result = conversation_reminders_process.enqueue()
    assert result.return_value["sent"] == 2


def _broken(*args, **kwargs):
    raise ConnectionRefusedError("no mail server")
