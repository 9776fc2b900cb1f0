import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from carelead.accounts.models import RoleAssignment
from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import UserFactory
from carelead.organisations.tests.factories import TrustFactory


@pytest.mark.django_db
def test_a_role_cannot_be_granted_at_a_scope_it_does_not_allow():
    assignment = RoleAssignment(
        user=UserFactory(),
        role=Role.PEOPLE_LEAD,
        scope_level=ScopeLevel.NATIONAL,
    )
    with pytest.raises(ValidationError):
        assignment.full_clean()


@pytest.mark.django_db
def test_a_region_scope_must_name_a_region():
    assignment = RoleAssignment(
        user=UserFactory(),
        role=Role.REGIONAL_TALENT_LEAD,
        scope_level=ScopeLevel.REGION,
        organisation=TrustFactory(),
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert "organisation" in error.value.message_dict


@pytest.mark.django_db
def test_a_national_assignment_has_no_organisation_and_is_unique():
    user = UserFactory()
    RoleAssignment.objects.create(
        user=user, role=Role.IMPLEMENTATION_OFFICE, scope_level=ScopeLevel.NATIONAL
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=user, role=Role.IMPLEMENTATION_OFFICE, scope_level=ScopeLevel.NATIONAL
        )


@pytest.mark.django_db
def test_a_scoped_assignment_must_name_an_organisation():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=UserFactory(), role=Role.PEOPLE_LEAD, scope_level=ScopeLevel.ORGANISATION
        )
