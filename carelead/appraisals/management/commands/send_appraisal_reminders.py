"""Send the appraisal deadline reminders that are due, for cron:

    uv run python manage.py send_appraisal_reminders
    uv run python manage.py send_appraisal_reminders --today 2026-07-01

Safe to run as often as you like: each reminder is sent once only.
"""

from carelead.appraisals.services.cycles import appraisal_reminders_send
from carelead.core.management.reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Email appraisal deadline reminders (before each deadline and once it has passed)."

    service = appraisal_reminders_send

    def describe(self, counts):
        sent = counts["sent"]
        return (
            f"Sent {sent} {'reminder' if sent == 1 else 'reminders'}; skipped "
            f"{counts['skipped']} without an email address; {counts['failed']} failed."
        )
