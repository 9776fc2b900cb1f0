"""The "Career and talent" page: what each of the user's roles can do here, as links."""

from dataclasses import dataclass

from django.urls import reverse

from carelead.accounts.roles import Role
from carelead.accounts.scoping import has_role


@dataclass
class HubSection:
    key: str
    heading: str
    description: str
    links: list[dict]


def _links(*pairs: tuple[str, str]) -> list[dict]:
    return [{"href": reverse(name), "text": text} for name, text in pairs]


def hub_sections_for(user) -> list[HubSection]:
    sections = []
    if getattr(user, "person_id", None):
        sections.append(
            HubSection(
                "individual",
                "Your career",
                "Career conversations you own, talent pools, who may approach you about roles, "
                "and the routes into leadership.",
                _links(
                    ("talent:conversations", "My career conversations"),
                    ("talent:pools_mine", "My talent pools"),
                    ("talent:pools_open", "Talent pools you can join"),
                    ("talent:preferences", "Who may approach you about roles"),
                    ("talent:approaches_mine", "Approaches to you"),
                    ("talent:assessment_mine", "Your talent assessment"),
                    ("talent:pathways", "Career pathways"),
                ),
            )
        )
    if user.has_perm("talent.manage_team"):
        sections.append(
            HubSection(
                "line_manager",
                "Your team",
                "Career conversations you hold and talent assessments for the people who "
                "report to you.",
                _links(
                    ("talent:conversations_held", "Career conversations you hold"),
                    ("talent:assessments_team", "Team talent assessments"),
                ),
            )
        )
    if has_role(user, Role.PEOPLE_LEAD):
        sections.append(
            HubSection(
                "people_lead",
                "Your organisation",
                "Talent assessments and calibration, critical roles and succession, and "
                "senior vacancies.",
                _links(
                    ("talent:assessments_organisation", "Talent assessments"),
                    ("talent:calibrations", "Calibration sessions"),
                    ("talent:conversations_organisation", "Career conversations: figures"),
                    ("talent:succession", "Critical roles and succession"),
                    ("talent:vacancies", "Senior vacancies"),
                ),
            )
        )
    if has_role(user, Role.REGIONAL_TALENT_LEAD):
        sections.append(
            HubSection(
                "regional_talent_lead",
                "Your region",
                "The regional talent function: pools, calibration, succession risk, challenged "
                "organisations, incentives, matching and placements.",
                _links(
                    ("talent:overview", "Regional overview"),
                    ("talent:pools", "Talent pools"),
                    ("talent:calibrations", "Calibration sessions"),
                    ("talent:assessments_organisation", "Talent assessments"),
                    ("talent:succession_risk", "Succession risk across the region"),
                    ("talent:succession", "Critical roles and succession"),
                    ("talent:vacancies", "Senior vacancy register"),
                    ("talent:packages", "Incentive packages"),
                    ("talent:matching_vacancies", "Match people to challenged vacancies"),
                    ("talent:approaches", "Approaches"),
                    ("talent:placements", "Placements and outcomes"),
                ),
            )
        )
    if has_role(user, Role.IMPLEMENTATION_OFFICE):
        sections.append(
            HubSection(
                "implementation_office",
                "Across England",
                "Regional talent figures, national talent pools and career pathways.",
                _links(
                    ("talent:overview", "Regional overview"),
                    ("talent:pools", "Talent pools"),
                    ("talent:pathways", "Career pathways"),
                ),
            )
        )
    return sections
