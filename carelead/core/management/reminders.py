"""The shape every reminder command shares (for cron): an optional ``--today`` to catch up,
one line saying what was sent, and a failing exit when any email could not be sent."""

import datetime
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError


class ReminderCommand(BaseCommand):
    """Subclasses set ``help`` and ``service``: the reminders service, called as
    ``service(today=...)`` and returning its counts (with a ``failed`` key). They may
    override ``describe`` to word the line printed."""

    service: Callable[..., dict]

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Send as if today were this date (YYYY-MM-DD); for catching up.",
        )

    def describe(self, counts: dict) -> str:
        return "; ".join(f"{label.replace('_', ' ')}: {n}" for label, n in counts.items()) + "."

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today {today!r} is not a date like 2026-09-01") from None
        # The service is a plain function held on the class: call it unbound.
        counts = type(self).service(today=today)
        self.stdout.write(self.describe(counts))
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} reminders could not be sent (see the log)")
