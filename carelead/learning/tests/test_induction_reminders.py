"""National induction reminders: before the due date and when overdue, each sent once."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from carelead.learning.models import Enrolment, Reminder
from carelead.learning.services.induction import induction_reminders_send
from carelead.learning.tasks import induction_reminders_process
from carelead.learning.tests.factories import EnrolmentFactory
from carelead.learning.tests.factories_induction import open_induction
from carelead.people.tests.factories import PersonFactory

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture
def programme(db):
    return open_induction(modules=False)


def due_in(programme, days, **kwargs):
    return EnrolmentFactory(
        programme=programme,
        source=Enrolment.Source.AUTOMATIC,
        enrolled_on=datetime.date(2026, 6, 1),
        due_on=TODAY + datetime.timedelta(days=days),
        **kwargs,
    )


def test_due_soon_and_long_overdue_get_one_email_each_and_nobody_else(programme, settings):
    settings.CARELEAD_SITE_URL = "https://carelead.example"
    soon = due_in(programme, 14)
    today = due_in(programme, 0)
    overdue = due_in(programme, -7)
    due_in(programme, 15)  # not yet within the reminder window
    due_in(programme, -6)  # overdue, but not for long enough
    due_in(programme, 3, status=Enrolment.Status.COMPLETED, completed_on=TODAY)
    due_in(programme, 3, status=Enrolment.Status.WITHDRAWN)

    counts = induction_reminders_send(today=TODAY)

    assert counts == {"before_due": 2, "overdue": 1, "skipped": 0, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        e.person.email for e in (soon, today, overdue)
    )
    assert set(Reminder.objects.values_list("enrolment_id", "kind")) == {
        (soon.pk, "before_due"),
        (today.pk, "before_due"),
        (overdue.pk, "overdue"),
    }
    overdue_mail = next(m for m in mail.outbox if m.to == [overdue.person.email])
    assert "overdue" in overdue_mail.subject
    assert "7 days ago" in overdue_mail.body
    assert "https://carelead.example/learning/induction/" in overdue_mail.body


def test_running_again_sends_nothing_twice(programme):
    due_in(programme, 5)
    induction_reminders_send(today=TODAY)
    mail.outbox.clear()

    counts = induction_reminders_send(today=TODAY + datetime.timedelta(days=1))

    assert counts["before_due"] == 0
    assert mail.outbox == []


def test_an_overdue_reminder_follows_a_before_due_one(programme):
    enrolment = due_in(programme, 5)
    induction_reminders_send(today=TODAY)

    induction_reminders_send(today=TODAY + datetime.timedelta(days=12))

    assert sorted(enrolment.reminders.values_list("kind", flat=True)) == ["before_due", "overdue"]
    assert len(mail.outbox) == 2


def test_people_without_an_email_are_skipped_and_tried_again_later(programme):
    enrolment = due_in(programme, 5, person=PersonFactory(email=""))

    assert induction_reminders_send(today=TODAY)["skipped"] == 1
    assert not enrolment.reminders.exists()
    assert mail.outbox == []


def test_a_failed_send_records_no_reminder(programme, monkeypatch):
    enrolment = due_in(programme, 5)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("carelead.core.reminders.send_mail", broken)

    assert induction_reminders_send(today=TODAY)["failed"] == 1
    assert not enrolment.reminders.exists()


def test_the_reminder_window_comes_from_settings(programme, settings):
    settings.CARELEAD_INDUCTION_REMIND_DAYS_BEFORE = 3
    settings.CARELEAD_INDUCTION_REMIND_DAYS_AFTER = 1
    due_in(programme, 5)
    due_in(programme, -1)

    assert induction_reminders_send(today=TODAY) == {
        "before_due": 0,
        "overdue": 1,
        "skipped": 0,
        "failed": 0,
    }


def test_the_command_sends_and_prints_the_counts(programme):
    due_in(programme, 5)
    out = StringIO()

    call_command("send_induction_reminders", "--today", TODAY.isoformat(), stdout=out)

    assert "Sent 1 before-due and 0 overdue reminders" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_induction_reminders", "--today", "1 September")


def test_the_task_sends_the_reminders_due_today(programme):
    EnrolmentFactory(
        programme=programme,
        source=Enrolment.Source.AUTOMATIC,
        due_on=timezone.localdate() + datetime.timedelta(days=2),
    )

    result = induction_reminders_process.enqueue()

    assert result.return_value["before_due"] == 1
    assert len(mail.outbox) == 1
