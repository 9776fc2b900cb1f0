"""Load talent reference data: the grid presets (the HEE nine-box and the Scope for Growth
framework) and the criteria potential is judged against (talent/data/grids.json), then the
career pathways (talent/data/pathways.json).

    uv run python manage.py load_talent_reference

Safe to run again: only what changed in the files is written. The pathways need the
Management and Leadership Framework (``load_frameworks``) for their credential stages.
"""

from django.core.management.base import BaseCommand, CommandError

from carelead.talent.services.pathways import pathways_load
from carelead.talent.services.reference import ReferenceDataError, talent_reference_load


class Command(BaseCommand):
    help = "Load the talent grid presets, potential criteria and career pathways."

    def handle(self, *args, **options):
        try:
            result = talent_reference_load(actor=None)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        self._report(result)
        try:
            result = pathways_load(actor=None)
        except ReferenceDataError as error:
            raise CommandError(f"Pathways not loaded: {error}") from None
        self._report(result, prefix="pathway ")

    def _report(self, result, prefix: str = "") -> None:
        for outcome in ("created", "updated", "unchanged"):
            for code in result[outcome]:
                self.stdout.write(f"{outcome.capitalize()}: {prefix}{code}")
