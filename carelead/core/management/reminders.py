"""The shape every reminder command shares (for cron): an optional ``--today`` to catch up,
one line saying what was sent, and a failing exit when any email could not be sent."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class ReminderCommand(BaseCommand):
    """Subclasses set ``help`` and implement ``send(today)`` (returning the service's counts,
    with a ``failed`` key) and ``describe(counts)`` (the line to print)."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Send as if today were this date (YYYY-MM-DD); for catching up.",
        )

    def send(self, today: datetime.date | None) -> dict:
        raise NotImplementedError

    def describe(self, counts: dict) -> str:
        raise NotImplementedError

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today {today!r} is not a date like 2026-09-01") from None
        counts = self.send(today)
        self.stdout.write(self.describe(counts))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} reminders could not be sent (see the log)")
