"""Send the appraisal deadline reminders that are due, for cron:

    uv run python manage.py send_appraisal_reminders
    uv run python manage.py send_appraisal_reminders --today 2026-07-01

Safe to run as often as you like: each reminder is sent once only.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from carelead.appraisals.services.cycles import appraisal_reminders_send


class Command(BaseCommand):
    help = "Email appraisal deadline reminders (before each deadline and once it has passed)."

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
                raise CommandError(f"--today {today!r} is not a date like 2026-07-01") from None
        counts = appraisal_reminders_send(today=today)
        sent = counts["sent"]
        self.stdout.write(
            f"Sent {sent} {'reminder' if sent == 1 else 'reminders'}; skipped "
            f"{counts['skipped']} without an email address; {counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} reminders could not be sent (see the log)")
