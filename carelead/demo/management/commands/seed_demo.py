"""Seed the North East and Yorkshire demo: deterministic and safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from carelead.demo import services
from carelead.demo.personas import DEMO_PASSWORD, DEMO_URL


def _flat(counts: dict, prefix: str = ""):
    """(label, number) pairs from a dict of counts that may nest (by status, by kind)."""
    for what, count in counts.items():
        if isinstance(count, dict):
            yield from _flat(count, f"{prefix}{what} ")
        elif isinstance(count, (int, float)):
            yield f"{prefix}{what}", count


class Command(BaseCommand):
    help = (
        "Seed deterministic demo data for the North East and Yorkshire region and one login "
        "per persona. Runs load_reference_data first if the region or code lists are missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=5000, help="How many people (default 5000)."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed; the same seed gives the same data."
        )

    def handle(self, *args, **options):
        try:
            result = services.demo_seed(people=options["people"], seed=options["seed"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result.people:,} people, {result.employments:,} employments, "
                f"{result.equality_records:,} equality records, {result.organisations} "
                f"organisations and {result.logins} logins in {result.seconds:.1f} seconds."
            )
        )
        if result.learning:
            self.stdout.write(
                "Learning: "
                + ", ".join(f"{count:,} {what}" for what, count in result.learning.items())
                + "."
            )
        if result.appraisals:
            self.stdout.write(
                "Appraisals: "
                + ", ".join(f"{count:,} {what}" for what, count in _flat(result.appraisals))
                + "."
            )
        if result.talent:
            self.stdout.write(
                "Career and talent: "
                + "; ".join(
                    f"{area} ("
                    + ", ".join(f"{n:,} {what.replace('_', ' ')}" for what, n in _flat(counts))
                    + ")"
                    for area, counts in result.talent.items()
                )
                + "."
            )
        if result.removed_people:
            self.stdout.write(f"Removed {result.removed_people:,} demo people from an earlier run.")
        self.stdout.write(
            f"Sign in at {DEMO_URL} with any demo login and the password {DEMO_PASSWORD} "
            "(list them with: manage.py demo_logins)."
        )
