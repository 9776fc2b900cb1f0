"""Send the 360 feedback reminders that are due, for cron (daily):

    uv run python manage.py send_feedback_reminders
    uv run python manage.py send_feedback_reminders --today 2026-09-01

Raters who have not answered are reminded 7 and 2 days before feedback closes, each once,
however often this runs.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from carelead.appraisals.services.feedback import feedback_reminders_send


class Command(BaseCommand):
    help = "Email 360 feedback reminders to raters who have not answered (7 and 2 days before)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Send as if today were this date (YYYY-MM-DD); for catching up.",
        )

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today {today!r} is not a date like 2026-09-01") from None
        counts = feedback_reminders_send(today=today)
        self.stdout.write(f"Sent {counts['sent']} feedback reminder(s); {counts['failed']} failed.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} reminders could not be sent (see the log)")
