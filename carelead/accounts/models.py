from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from carelead.accounts.roles import ALLOWED_SCOPES, Role, ScopeLevel
from carelead.core.models import BaseModel
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import Person


class User(AbstractUser):
    """A login. Staff logins are linked to their Person; service accounts (API clients) have
    no person and authenticate with a token."""

    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_service_account = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.person.full_name if self.person_id else self.get_username()

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return self.get_full_name() or self.get_username()


class RoleAssignment(BaseModel):
    """A role held over a scope: one organisation, an ICB (and its organisations), a region
    (and its ICBs and organisations), or the nation (no organisation)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    scope_level = models.CharField(max_length=16, choices=ScopeLevel.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            # Two partial constraints rather than nulls_distinct, which SQLite lacks.
            models.UniqueConstraint(
                fields=["user", "role", "scope_level", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="role_assignment_unique_scoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "scope_level"],
                condition=models.Q(organisation__isnull=True),
                name="role_assignment_unique_national",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope_level=ScopeLevel.NATIONAL, organisation__isnull=True)
                    | (
                        ~models.Q(scope_level=ScopeLevel.NATIONAL)
                        & models.Q(organisation__isnull=False)
                    )
                ),
                name="role_assignment_scope_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation.name if self.organisation_id else "England"
        return f"{self.get_role_display()} – {where}"

    def clean(self):
        if self.scope_level not in ALLOWED_SCOPES.get(self.role, set()):
            raise ValidationError({"scope_level": "This role cannot be granted at this scope."})
        expected_kind = {
            ScopeLevel.REGION: OrganisationKind.REGION,
            ScopeLevel.ICB: OrganisationKind.ICB,
        }.get(self.scope_level)
        if expected_kind and self.organisation and self.organisation.kind != expected_kind:
            raise ValidationError(
                {"organisation": f"Choose an organisation of kind {expected_kind.label}."}
            )
