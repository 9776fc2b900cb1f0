"""Send the national induction reminders that are due, for cron:

    uv run python manage.py send_induction_reminders
    uv run python manage.py send_induction_reminders --today 2026-09-01

Safe to run as often as you like: each reminder is sent once only.
"""

from carelead.core.management.reminders import ReminderCommand
from carelead.learning.services.induction import induction_reminders_send


class Command(ReminderCommand):
    help = "Email national induction reminders (before the due date and when overdue)."

    service = induction_reminders_send

    def describe(self, counts):
        return (
            f"Sent {counts['before_due']} before-due and {counts['overdue']} overdue "
            f"reminders; skipped {counts['skipped']} without an email address; "
            f"{counts['failed']} failed."
        )
