import json

from django.core.management.base import BaseCommand, CommandError

from carelead.standards import exchange
from carelead.standards.models import FrameworkVersion


class Command(BaseCommand):
    help = "Write a framework version to standard output as CASE 1.0 JSON or carelead CSV."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("version")
        parser.add_argument("--format", choices=["case", "csv"], default="case")

    def handle(self, *args, slug, version, format, **options):
        found = (
            FrameworkVersion.objects.select_related("framework")
            .filter(framework__slug=slug, version=version)
            .first()
        )
        if found is None:
            raise CommandError(f"There is no version {version} of framework {slug!r}")
        if format == "case":
            self.stdout.write(
                json.dumps(exchange.version_to_case(found), indent=2, ensure_ascii=False)
            )
        else:
            self.stdout.write(exchange.version_to_csv(found), ending="")
