"""Import an ESR-style workforce extract from the command line (see docs/workforce-import.md)."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carelead.people.imports.services import workforce_import_run


class Command(BaseCommand):
    help = (
        "Import a workforce extract CSV. Every row is checked first; a file with any error "
        "changes nothing, and the errors are listed by row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file (UTF-8, with or without BOM).")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="Import as this people lead: only their organisations' rows are allowed.",
        )
        who.add_argument(
            "--system",
            action="store_true",
            help="Import as the system, for any organisation.",
        )
        parser.add_argument(
            "--end-missing",
            action="store_true",
            help="A full extract: end the employments of its organisations that it leaves out.",
        )
        parser.add_argument(
            "--extract-date",
            type=datetime.date.fromisoformat,
            help="The date of the extract (YYYY-MM-DD), used as the end date with "
            "--end-missing. Default: today.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, then roll everything back."
        )

    def handle(
        self, *args, path: Path, username, system, end_missing, extract_date, dry_run, **options
    ):
        actor = None
        if username:
            try:
                actor = get_user_model().objects.get_by_natural_key(username)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user called {username!r}.") from None
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None

        bars: dict[str, tqdm] = {}
        show = options.get("verbosity", 1) > 0

        def progress(phase: str, done: int, total: int) -> None:
            if not show:
                return
            bar = bars.get(phase)
            if bar is None:
                for other in bars.values():
                    other.close()
                bar = bars[phase] = tqdm(
                    total=total, desc=phase.capitalize(), unit="row", file=self.stderr._out
                )
            bar.update(min(done, total) - bar.n)

        result = workforce_import_run(
            content=content,
            actor=actor,
            system=system,
            end_missing=end_missing,
            extract_date=extract_date,
            dry_run=dry_run,
            progress=progress,
        )
        for bar in bars.values():
            bar.close()

        if not result.ok:
            self.stderr.write(f"{result.error_count} errors; nothing was changed.")
            self.stderr.write("row\tcolumn\tmessage")
            for error in result.errors:
                self.stderr.write(f"{error.row}\t{error.column or '-'}\t{error.message}")
            if result.error_count > len(result.errors):
                self.stderr.write(f"... and {result.error_count - len(result.errors)} more.")
            raise CommandError("The extract was not imported.")

        heading = "Dry run, nothing was saved" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{heading}: {result.total_rows} rows."))
        for name, count in result.counts().items():
            self.stdout.write(f"  {name.replace('_', ' ')}: {count}")
        for note in result.notes:
            self.stdout.write(note)
