"""Send the 360 feedback reminders that are due, for cron (daily):

    uv run python manage.py send_feedback_reminders
    uv run python manage.py send_feedback_reminders --today 2026-09-01

Raters who have not answered are reminded 7 and 2 days before feedback closes, each once,
however often this runs.
"""

from carelead.appraisals.services.feedback import feedback_reminders_send
from carelead.core.management.reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Email 360 feedback reminders to raters who have not answered (7 and 2 days before)."

    service = feedback_reminders_send

    def describe(self, counts):
        return f"Sent {counts['sent']} feedback reminder(s); {counts['failed']} failed."
