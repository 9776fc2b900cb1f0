"""Print the demo address and the table of persona logins."""

from django.core.management.base import BaseCommand

from carelead.demo.personas import DEMO_PASSWORD, DEMO_URL, PERSONAS


class Command(BaseCommand):
    help = "Print the demo URL and one line per persona: username, password, what to try first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default=DEMO_URL, help=f"The address the service runs at (default {DEMO_URL})."
        )

    def handle(self, *args, **options):
        rows = [("Persona", "Username", "Password", "Try first")]
        rows += [(p.label, p.username, DEMO_PASSWORD, p.try_first) for p in PERSONAS]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(f"carelead demo: {options['url']}")
        self.stdout.write("Demo data only. Never use these logins anywhere real.\n")
        for number, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in [*widths, len(row[3])]))
