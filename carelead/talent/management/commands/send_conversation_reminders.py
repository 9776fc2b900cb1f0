"""Send the career conversation reminders that are due, for cron:

    uv run python manage.py send_conversation_reminders
    uv run python manage.py send_conversation_reminders --today 2026-12-01

Safe to run as often as you like: each reminder is sent once only.
"""

from carelead.core.management.reminders import ReminderCommand
from carelead.core.wording import plural
from carelead.talent.services.reminders import conversation_reminders_send


class Command(ReminderCommand):
    help = (
        "Email career conversation reminders (before the planned date, when it has passed "
        "without being held, and when a held conversation has no outcome)."
    )

    service = conversation_reminders_send

    def describe(self, counts):
        return (
            f"Sent {plural(counts['sent'], 'reminder')}; skipped {counts['skipped']} without "
            f"an email address; {counts['failed']} failed."
        )
