"""Load the reference data files: organisations first (people's data does not depend on them,
but a fresh database wants both), then staff groups, pay bands and equality options. Safe to
run again; each run updates rows in place."""

from django.core.management.base import BaseCommand, CommandError

from carelead.people import services


class Command(BaseCommand):
    help = "Load (or refresh) organisations and people reference data from the data files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-organisations",
            action="store_true",
            help="Load only the people reference data (staff groups, pay bands, equality options).",
        )

    def handle(self, *args, **options):
        if not options["skip_organisations"]:
            # Imported here so that the people data can still be loaded (with
            # --skip-organisations) while the organisations loader is unavailable.
            try:
                from carelead.organisations.services import reference_data_load as load_orgs
            except ImportError as error:
                raise CommandError(
                    "The organisations reference data loader "
                    "(carelead.organisations.services.reference_data_load) is not available: "
                    f"{error}. Use --skip-organisations to load only the people data."
                ) from error
            self._report("Organisations", load_orgs())
        try:
            counts = services.reference_data_load()
        except (OSError, ValueError) as error:
            raise CommandError(f"People reference data not loaded: {error}") from error
        self._report("People", counts)

    def _report(self, heading, counts):
        self.stdout.write(self.style.SUCCESS(f"{heading} reference data loaded:"))
        for line in _lines(counts):
            self.stdout.write(line)


def _lines(counts, indent="  "):
    """Counts as indented lines; nested dicts (e.g. organisations by kind) indent further."""
    if not isinstance(counts, dict):
        return [f"{indent}{counts}"]
    lines = []
    for name, value in counts.items():
        label = str(name).replace("_", " ")
        if isinstance(value, dict):
            lines.append(f"{indent}{label}:")
            lines.extend(_lines(value, indent + "  "))
        elif isinstance(value, (list, tuple)):
            lines.append(f"{indent}{label}: {len(value)}")
        else:
            lines.append(f"{indent}{label}: {value}")
    return lines
