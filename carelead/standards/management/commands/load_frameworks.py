from django.core.management.base import BaseCommand

from carelead.standards.services import frameworks_load


class Command(BaseCommand):
    help = "Load the shipped frameworks (standards/data/*.csv); versions already there are kept."

    def handle(self, *args, **options):
        result = frameworks_load(actor=None)
        for label in result["loaded"]:
            self.stdout.write(f"Loaded {label}")
        for label in result["skipped"]:
            self.stdout.write(f"Already there: {label}")
