"""Load the national appraisal templates (appraisals/data/templates.json), after the
frameworks they assess against:

    uv run python manage.py load_frameworks
    uv run python manage.py load_appraisal_templates

Safe to run again: templates already there are updated only where the file changed.
"""

from django.core.management.base import BaseCommand, CommandError

from carelead.appraisals.services.cycles import FrameworkMissing, appraisal_templates_load


class Command(BaseCommand):
    help = "Load the national staff and board member appraisal templates."

    def handle(self, *args, **options):
        try:
            result = appraisal_templates_load(actor=None)
        except FrameworkMissing as error:
            raise CommandError(str(error)) from None
        for outcome in ("created", "updated", "unchanged"):
            for code in result[outcome]:
                self.stdout.write(f"{outcome.capitalize()}: {code}")
