"""Send the national induction reminders that are due, for cron:

    uv run python manage.py send_induction_reminders
    uv run python manage.py send_induction_reminders --today 2026-09-01

Safe to run as often as you like: each reminder is sent once only.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from carelead.learning.services.induction import induction_reminders_send


class Command(BaseCommand):
    help = "Email national induction reminders (before the due date and when overdue)."

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
        counts = induction_reminders_send(today=today)
        self.stdout.write(
            f"Sent {counts['before_due']} before-due and {counts['overdue']} overdue "
            f"reminders; skipped {counts['skipped']} without an email address; "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} reminders could not be sent (see the log)")
