from django.db import models


class Role(models.TextChoices):
    """The personas of docs/architecture.md. Staff member and line manager come from a
    person's own employments; the rest are granted as role assignments with a scope."""

    PEOPLE_LEAD = "people_lead", "Organisation people lead"
    BOARD_MEMBER = "board_member", "Board member"
    REGIONAL_TALENT_LEAD = "regional_talent_lead", "Regional talent lead"
    NED_APPOINTMENTS = "ned_appointments", "NED appointments team"
    TRAINING_PROVIDER = "training_provider", "Training provider"
    CQC_INSPECTOR = "cqc_inspector", "CQC inspector"
    IMPLEMENTATION_OFFICE = "implementation_office", "Implementation office"
    EQUALITY_ANALYST = "equality_analyst", "Equality analyst"


class ScopeLevel(models.TextChoices):
    ORGANISATION = "organisation", "Organisation"
    ICB = "icb", "ICB"
    REGION = "region", "Region"
    NATIONAL = "national", "National"


#: Which scope levels each role may be granted at.
ALLOWED_SCOPES: dict[str, set[str]] = {
    Role.PEOPLE_LEAD: {ScopeLevel.ORGANISATION},
    Role.BOARD_MEMBER: {ScopeLevel.ORGANISATION},
    Role.REGIONAL_TALENT_LEAD: {ScopeLevel.REGION},
    Role.NED_APPOINTMENTS: {ScopeLevel.REGION, ScopeLevel.NATIONAL},
    Role.TRAINING_PROVIDER: {ScopeLevel.ORGANISATION},
    Role.CQC_INSPECTOR: {ScopeLevel.ORGANISATION, ScopeLevel.ICB, ScopeLevel.REGION},
    Role.IMPLEMENTATION_OFFICE: {ScopeLevel.NATIONAL},
    Role.EQUALITY_ANALYST: {ScopeLevel.REGION, ScopeLevel.NATIONAL},
}
