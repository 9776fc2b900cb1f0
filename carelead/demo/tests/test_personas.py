from django.contrib.auth import authenticate
from django.test import RequestFactory

from carelead.accounts import scoping
from carelead.accounts.models import RoleAssignment, User
from carelead.accounts.roles import Role, ScopeLevel
from carelead.demo.personas import CQC_INSPECTOR_TRUSTS, DEMO_PASSWORD, PERSONAS
from carelead.people.models import Employment


def _login(username):
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=DEMO_PASSWORD)


def test_every_persona_signs_in_with_the_demo_password_and_has_its_roles(seeded_readonly):
    assert len(DEMO_PASSWORD) >= 12
    for persona in PERSONAS:
        user = _login(persona.username)
        assert user is not None, persona.username
        expected = {(role, scope, code) for role, scope, code in persona.grants}
        actual = set(
            RoleAssignment.objects.filter(user=user).values_list(
                "role", "scope_level", "organisation__ods_code"
            )
        )
        assert actual == expected, persona.username
        assert (user.person_id is None) == persona.is_superuser


def test_the_admin_login_is_a_superuser(seeded_readonly):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_the_staff_nurse_is_managed_by_the_line_manager_login(seeded_readonly):
    staff = User.objects.get(username="staff")
    manager = User.objects.get(username="line_manager")
    job = Employment.objects.current().get(person=staff.person)
    assert job.organisation.ods_code == "RR8"
    assert job.job_title == "Staff nurse"
    assert job.line_manager.person_id == manager.person_id
    assert manager.has_perm("people.view_team")
    assert Employment.objects.current().filter(line_manager=job.line_manager).count() == 6


def test_the_cqc_inspector_has_two_trusts_and_the_people_lead_one(seeded_readonly):
    inspector = User.objects.get(username="cqc_inspector")
    codes = set(
        scoping.organisations_in_scope(inspector, Role.CQC_INSPECTOR).values_list(
            "ods_code", flat=True
        )
    )
    assert codes == set(CQC_INSPECTOR_TRUSTS)
    lead = User.objects.get(username="people_lead")
    assert list(scoping.people_lead_organisations(lead).values_list("ods_code", flat=True)) == [
        "RR8"
    ]
    assert RoleAssignment.objects.get(user=lead).scope_level == ScopeLevel.ORGANISATION
