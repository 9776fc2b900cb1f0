"""Apply an organisation change file (mergers, closures, re-homing, new ONS codes) that is not
shipped in carelead/organisations/data/changes/, e.g. one prepared from an ODS download."""

from django.core.management.base import BaseCommand, CommandError

from carelead.organisations.services import ReferenceDataError, organisation_changes_apply


class Command(BaseCommand):
    help = "Apply one organisation change file (see docs/organisations.md): all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The change file (CSV).")

    def handle(self, *args, path, **options):
        try:
            counts = organisation_changes_apply(path=path)
        except ReferenceDataError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(f"{path} was not applied: nothing changed.") from error
        self.stdout.write(f"Applied {counts['rows']} rows from {path}.")
        self.stdout.write(f"Audit events written: {counts['audit_events']}.")
