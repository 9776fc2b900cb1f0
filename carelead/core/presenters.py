"""Display-ready values for core pages: the persona home page and the audit trail."""

import json
from dataclasses import dataclass, field

from django.urls import reverse

from carelead.accounts import scoping
from carelead.accounts.roles import Role


@dataclass
class HomeSection:
    """One persona's block on the home page: a heading, a line on what it is for and links."""

    key: str
    heading: str
    description: str
    links: list[dict] = field(default_factory=list)


def home_sections_for(user) -> list[HomeSection]:
    sections = []
    if user.person_id:
        sections.append(
            HomeSection(
                "staff",
                "Your work",
                "Your profile, employments and equality monitoring answers.",
                [
                    {"href": reverse("people:my_profile"), "text": "My profile"},
                    {"href": reverse("people:my_equality"), "text": "My equality monitoring"},
                ],
            )
        )
        if user.has_perm("people.view_team"):
            sections.append(
                HomeSection(
                    "line_manager",
                    "Your team",
                    "The people who report to you.",
                    [{"href": reverse("people:my_team"), "text": "My team"}],
                )
            )
    roles = scoping.roles_of(user)
    if Role.PEOPLE_LEAD in roles:
        sections.append(
            HomeSection(
                "people_lead",
                "People lead",
                "Your organisation's workforce records, imports and audit trail.",
                [
                    {"href": reverse("people:people_list"), "text": "People"},
                    {"href": reverse("people:import_list"), "text": "Import a workforce extract"},
                    {"href": reverse("core:audit"), "text": "Audit trail"},
                ],
            )
        )
    role_sections = {
        Role.BOARD_MEMBER: (
            "Board member",
            "Your board and your organisation's oversight segment and CQC ratings.",
        ),
        Role.REGIONAL_TALENT_LEAD: (
            "Regional talent lead",
            "The organisations in your region: oversight segments and challenged organisations.",
        ),
        Role.NED_APPOINTMENTS: (
            "NED appointments",
            "The organisations whose boards you appoint to.",
        ),
        Role.TRAINING_PROVIDER: ("Training provider", "Your organisation's record."),
        Role.CQC_INSPECTOR: (
            "CQC inspector",
            "The organisations assigned to you: ratings and oversight segments.",
        ),
        Role.IMPLEMENTATION_OFFICE: (
            "Review Implementation Office",
            "Every organisation in England, by region, ICB and segment.",
        ),
        Role.EQUALITY_ANALYST: (
            "Equality analyst",
            "Organisations in your scope. Equality indicators are only ever shown as "
            "suppressed aggregates.",
        ),
    }
    for role, (heading, description) in role_sections.items():
        if role in roles:
            orgs = [a.organisation for a in scoping._assignments(user, (role,)) if a.organisation]
            links = [
                {
                    "href": reverse("organisations:detail", args=[o.ods_code]),
                    "text": o.name,
                }
                for o in orgs
            ] or [{"href": reverse("organisations:directory"), "text": "Organisation directory"}]
            sections.append(HomeSection(role.value, heading, description, links))
    return sections


class AuditEventPresenter:
    def __init__(self, event):
        self.event = event

    @property
    def when(self):
        return self.event.occurred_at

    @property
    def actor(self) -> str:
        return self.event.actor_label

    @property
    def action(self) -> str:
        return self.event.action.replace("_", " ")

    @property
    def subject(self) -> str:
        return self.event.object_repr

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        before = self.event.before or {}
        after = self.event.after or {}
        keys = sorted(set(before) | set(after))
        return [
            (k, _fmt(before.get(k)), _fmt(after.get(k)))
            for k in keys
            if before.get(k) != after.get(k)
        ]


def _fmt(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
