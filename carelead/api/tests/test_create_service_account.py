import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from carelead.accounts.models import RoleAssignment, User
from carelead.accounts.roles import Role, ScopeLevel
from carelead.core.models import AuditEvent


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("create_service_account", *args, stdout=out)
    return out.getvalue()


def test_command_creates_a_scoped_service_account_and_prints_its_token(world, api_client):
    output = _run(
        "payroll-sync",
        "--role",
        "people_lead",
        "--scope-level",
        "organisation",
        "--organisation",
        "rr8",
    )
    user = User.objects.get(username="payroll-sync")
    assert user.is_service_account
    assert not user.has_usable_password()
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.scope_level, assignment.organisation) == (
        Role.PEOPLE_LEAD,
        ScopeLevel.ORGANISATION,
        world.trust,
    )
    token = Token.objects.get(user=user)
    assert output.strip().splitlines()[-1] == token.key
    assert set(
        AuditEvent.objects.filter(object_id__in=[str(user.pk), str(assignment.pk)]).values_list(
            "action", flat=True
        )
    ) == {"service_account_created", "role_granted"}
    assert token.key not in str(list(AuditEvent.objects.values("before", "after")))

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/people/").json()["count"] > 0


@pytest.mark.django_db
def test_national_account_needs_no_organisation():
    _run("delivery-dashboard", "--role", "implementation_office", "--scope-level", "national")
    assignment = RoleAssignment.objects.get(user__username="delivery-dashboard")
    assert assignment.organisation is None


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--role", "people_lead", "--scope-level", "organisation", "--organisation", "NOPE"],
            "No organisation has the ODS code 'NOPE'",
        ),
        (
            ["--role", "people_lead", "--scope-level", "organisation"],
            "needs an organisation ODS code",
        ),
        (
            ["--role", "people_lead", "--scope-level", "region", "--organisation", "Y63"],
            "can only be granted at: organisation",
        ),
        (
            ["--role", "cqc_inspector", "--scope-level", "region", "--organisation", "RR8"],
            "Choose an organisation of kind NHS England region",
        ),
        (
            [
                "--role",
                "implementation_office",
                "--scope-level",
                "national",
                "--organisation",
                "RR8",
            ],
            "A national scope has no organisation",
        ),
    ],
)
def test_bad_arguments_say_what_is_wrong_and_create_nothing(world, args, message):
    with pytest.raises(CommandError, match=message):
        _run("broken", *args)
    assert not User.objects.filter(username="broken").exists()


def test_a_taken_name_is_refused(world):
    with pytest.raises(CommandError, match="A login called 'people_lead' already exists"):
        _run("people_lead", "--role", "implementation_office", "--scope-level", "national")
