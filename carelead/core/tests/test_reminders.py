"""send_once: the row, its audit event and the email go together or not at all. A contrib
Group (whose name is unique) stands in for an app's reminder row."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from carelead.core.models import AuditEvent
from carelead.core.reminders import Outcome, send_once

pytestmark = pytest.mark.django_db


def _send(name="reminder-1"):
    return send_once(
        record=lambda: Group.objects.create(name=name),
        action="test_reminder_sent",
        after={"kind": name},
        organisation_id=None,
        to="sam@example.nhs.uk",
        subject="Reminder",
        body="Please do it.",
    )


def test_sends_once_with_its_row_and_audit_event():
    assert _send() == Outcome.SENT
    assert _send() == Outcome.ALREADY_SENT
    assert [m.to for m in mail.outbox] == [["sam@example.nhs.uk"]]
    assert Group.objects.count() == 1
    assert AuditEvent.objects.filter(action="test_reminder_sent").count() == 1


def test_a_failed_send_leaves_no_row_or_audit_and_is_logged(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("carelead.core.reminders.send_mail", broken)
    assert _send() == Outcome.FAILED
    assert not Group.objects.exists()
    assert not AuditEvent.objects.filter(action="test_reminder_sent").exists()
    assert "Reminder not sent: test_reminder_sent" in caplog.text
