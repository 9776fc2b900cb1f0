"""Sending a reminder email once only. Each app records a sent reminder as a row with a unique
constraint (one per thing and kind); this writes that row, its audit event and the email in
one transaction, so that:

- a second worker racing this one hits the constraint instead of sending again;
- a send that fails leaves no row, so the next run tries again;
- one bad address or a mail server hiccup does not stop the other reminders.
"""

import logging
from collections.abc import Callable
from enum import StrEnum

from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction

from carelead.core.services.audit import audit_record

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    FAILED = "failed"


def send_once(
    *,
    record: Callable[[], models.Model],
    action: str,
    after: dict,
    organisation_id: int | None,
    to: str,
    subject: str,
    body: str,
) -> Outcome:
    """Create the reminder row with ``record()``, audit it as ``action`` and send the email.
    Returns whether it was sent, had already been sent, or failed (logged)."""
    try:
        with transaction.atomic():
            reminder = record()
            audit_record(
                actor=None,
                action=action,
                obj=reminder,
                after=after,
                organisation_id=organisation_id,
            )
            send_mail(subject, body, None, [to])
    except IntegrityError:
        return Outcome.ALREADY_SENT
    except Exception:
        logger.exception("Reminder not sent: %s %s", action, after)
        return Outcome.FAILED
    return Outcome.SENT
