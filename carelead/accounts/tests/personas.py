"""A small two-region world with one user per persona, for the permission matrix, the
browser journeys and any test that needs "someone of each kind"."""

import datetime
from dataclasses import dataclass, field

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.organisations.models import OrganisationKind
from carelead.organisations.tests.factories import (
    IcbFactory,
    OrganisationFactory,
    RegionFactory,
    TrustFactory,
)
from carelead.people.tests.factories import EmploymentFactory, PersonFactory

PERSONAS = [
    "anonymous",
    "staff",
    "line_manager",
    "people_lead",
    "board_member",
    "regional_talent_lead",
    "ned_appointments",
    "training_provider",
    "cqc_inspector",
    "implementation_office",
    "equality_analyst",
    "superuser",
]


@dataclass
class World:
    region: object
    other_region: object
    icb: object
    other_icb: object
    trust: object
    sibling_trust: object
    other_trust: object
    provider: object
    users: dict = field(default_factory=dict)
    employments: dict = field(default_factory=dict)
    outsider_employment: object = None

    def user(self, persona: str):
        return self.users.get(persona)


def build_world() -> World:
    region = RegionFactory(ods_code="Y63", name="North East and Yorkshire")
    other_region = RegionFactory(ods_code="Y56", name="London")
    icb = IcbFactory(ods_code="QWO", name="NHS West Yorkshire ICB", region=region)
    other_icb = IcbFactory(ods_code="QMF", name="NHS North East London ICB", region=other_region)
    trust = TrustFactory(ods_code="RR8", name="Leeds Teaching Hospitals", icb=icb, region=region)
    sibling_trust = TrustFactory(
        ods_code="RXF", name="Mid Yorkshire Teaching", icb=icb, region=region
    )
    other_trust = TrustFactory(
        ods_code="R1H", name="Barts Health", icb=other_icb, region=other_region
    )
    provider = OrganisationFactory(
        ods_code="TP001",
        name="Northern Leadership Academy",
        kind=OrganisationKind.TRAINING_PROVIDER,
        region=region,
    )
    world = World(region, other_region, icb, other_icb, trust, sibling_trust, other_trust, provider)

    manager_emp = EmploymentFactory(
        organisation=trust,
        job_title="Matron",
        management_level=2,
        person=PersonFactory(given_name="Maria", family_name="Manager"),
    )
    staff_emp = EmploymentFactory(
        organisation=trust,
        job_title="Staff nurse",
        line_manager=manager_emp,
        person=PersonFactory(given_name="Sam", family_name="Staff"),
    )
    world.employments = {"line_manager": manager_emp, "staff": staff_emp}
    world.outsider_employment = EmploymentFactory(
        organisation=other_trust, person=PersonFactory(given_name="Olu", family_name="Outsider")
    )

    def person_user(persona, employment):
        return UserFactory(username=persona, person=employment.person)

    world.users["staff"] = person_user("staff", staff_emp)
    world.users["line_manager"] = person_user("line_manager", manager_emp)

    grants = {
        "people_lead": (Role.PEOPLE_LEAD, ScopeLevel.ORGANISATION, trust),
        "board_member": (Role.BOARD_MEMBER, ScopeLevel.ORGANISATION, trust),
        "regional_talent_lead": (Role.REGIONAL_TALENT_LEAD, ScopeLevel.REGION, region),
        "ned_appointments": (Role.NED_APPOINTMENTS, ScopeLevel.REGION, region),
        "training_provider": (Role.TRAINING_PROVIDER, ScopeLevel.ORGANISATION, provider),
        "cqc_inspector": (Role.CQC_INSPECTOR, ScopeLevel.ORGANISATION, trust),
        "implementation_office": (Role.IMPLEMENTATION_OFFICE, ScopeLevel.NATIONAL, None),
        "equality_analyst": (Role.EQUALITY_ANALYST, ScopeLevel.REGION, region),
    }
    for persona, (role, level, organisation) in grants.items():
        employer = (
            organisation
            if organisation is not None and organisation.kind not in (OrganisationKind.REGION,)
            else trust
        )
        employment = EmploymentFactory(
            organisation=employer,
            job_title=role.label,
            start_date=datetime.date(2019, 1, 1),
        )
        user = UserFactory(username=persona, person=employment.person)
        RoleAssignmentFactory(user=user, role=role, scope_level=level, organisation=organisation)
        world.users[persona] = user
        world.employments[persona] = employment

    world.users["superuser"] = UserFactory(username="superuser", is_superuser=True, is_staff=True)
    return world
