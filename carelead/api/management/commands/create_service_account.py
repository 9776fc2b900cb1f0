"""Create an API service account and print its token, once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from carelead.accounts.roles import Role, ScopeLevel
from carelead.api.services import service_account_create


class Command(BaseCommand):
    help = (
        "Create a service account (a login with no password) holding one role, and print its "
        "API token. The token is printed only this once."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Login name, for example payroll-sync.")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--scope-level", required=True, choices=ScopeLevel.values)
        parser.add_argument(
            "--organisation",
            metavar="ODS",
            help="ODS code of the organisation, ICB or region (not for national scope).",
        )

    def handle(self, *args, name, role, scope_level, organisation, **options):
        try:
            account = service_account_create(
                name=name,
                role=role,
                scope_level=scope_level,
                organisation_ods_code=organisation,
            )
        except ValidationError as error:
            messages = [
                f"{field}: {message}"
                for field, field_messages in error.message_dict.items()
                for message in field_messages
            ]
            raise CommandError("Service account not created. " + " ".join(messages)) from None

        self.stdout.write(
            self.style.SUCCESS(f"Created service account {account.user.username}: ")
            + str(account.assignment)
        )
        self.stdout.write("Its API token is below. It will not be shown again: store it now.")
        self.stdout.write(account.token_key)
