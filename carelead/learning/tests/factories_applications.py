"""A ready-made mid-career scene for the applications tests: an open programme whose
provider is accredited, a region with a trust, an applicant with a line manager, the
region's selection panel and a cohort with places."""

import datetime
from dataclasses import dataclass

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.learning.models import Application
from carelead.learning.services.applications import application_submit
from carelead.learning.tests.factories import (
    AccreditationFactory,
    CohortFactory,
    MidCareerProgrammeFactory,
)
from carelead.organisations.tests.factories import RegionFactory, TrustFactory
from carelead.people.tests.factories import EmploymentFactory

APPLICANT_START = datetime.date(2020, 1, 1)


@dataclass
class Scene:
    programme: object
    region: object
    trust: object
    cohort: object
    applicant: object
    manager: object
    panel: object
    applicant_employment: object
    manager_employment: object

    def apply(self, statement: str = "I want to lead across the system.") -> Application:
        return application_submit(
            actor=self.applicant,
            programme=self.programme,
            employment=self.applicant_employment,
            statement=statement,
        )


def panel_user(region, **kwargs):
    user = UserFactory(**kwargs)
    RoleAssignmentFactory(
        user=user,
        role=Role.REGIONAL_TALENT_LEAD,
        scope_level=ScopeLevel.REGION,
        organisation=region,
    )
    return user


def build_scene(*, places: int = 20, region=None) -> Scene:
    programme = MidCareerProgrammeFactory(
        applications_open_on=datetime.date(2020, 1, 1),
        applications_close_on=datetime.date(2099, 12, 31),
    )
    AccreditationFactory(
        provider=programme.provider,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2099, 12, 31),
    )
    region = region or RegionFactory()
    trust = TrustFactory(icb__region=region)
    manager_employment = EmploymentFactory(organisation=trust, management_level=3)
    applicant_employment = EmploymentFactory(
        organisation=trust,
        management_level=2,
        line_manager=manager_employment,
        start_date=APPLICANT_START,
    )
    return Scene(
        programme=programme,
        region=region,
        trust=trust,
        cohort=CohortFactory(programme=programme, region=region, places=places),
        applicant=UserFactory(person=applicant_employment.person),
        manager=UserFactory(person=manager_employment.person),
        panel=panel_user(region),
        applicant_employment=applicant_employment,
        manager_employment=manager_employment,
    )
