"""Load talent reference data: the grid presets (the HEE nine-box and the Scope for Growth
framework) and the criteria potential is judged against (talent/data/grids.json).

    uv run python manage.py load_talent_reference

Safe to run again: only what changed in the file is written.
"""

from django.core.management.base import BaseCommand, CommandError

from carelead.talent.services.reference import ReferenceDataError, talent_reference_load


class Command(BaseCommand):
    help = "Load the talent grid presets and potential criteria."

    def handle(self, *args, **options):
        try:
            result = talent_reference_load(actor=None)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        for outcome in ("created", "updated", "unchanged"):
            for code in result[outcome]:
                self.stdout.write(f"{outcome.capitalize()}: {code}")
