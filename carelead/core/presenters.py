"""Display-ready values for core pages: the persona home page and the audit trail."""

import json
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

# The home page is the one core page that composes other apps: it reads them only through
# their selectors and scoping, never their internals.
from carelead.accounts import scoping
from carelead.accounts.roles import Role, ScopeLevel
from carelead.organisations import selectors as org_selectors
from carelead.organisations.models import CqcRating, OrganisationKind
from carelead.people import selectors as people_selectors


@dataclass
class HomeSection:
    """One persona's block on the home page: a heading, a line on what it is for and links."""

    key: str
    heading: str
    description: str
    links: list[dict] = field(default_factory=list)
    overview: "ScopeOverview | None" = None


def home_sections_for(user) -> list[HomeSection]:
    sections = []
    if user.person_id:
        sections.append(
            HomeSection(
                "staff",
                "Your work",
                "Your profile, induction, learning and credentials.",
                [
                    {"href": reverse("people:my_profile"), "text": "My profile"},
                    {"href": reverse("people:my_equality"), "text": "My equality monitoring"},
                    {"href": reverse("appraisals:my_appraisals"), "text": "My appraisals"},
                    {
                        "href": reverse("appraisals:feedback_requests"),
                        "text": "Feedback you have been asked to give",
                    },
                    {"href": reverse("appraisals:my_evidence"), "text": "My evidence"},
                    {"href": reverse("learning:my_induction"), "text": "My induction"},
                    {"href": reverse("learning:my_learning"), "text": "My learning"},
                    {"href": reverse("learning:my_credentials"), "text": "My credentials"},
                    {"href": reverse("learning:programme_list"), "text": "Programmes"},
                    {
                        "href": reverse("learning:my_applications"),
                        "text": "Mid-career programme applications",
                    },
                    {"href": reverse("talent:conversations"), "text": "My career conversations"},
                    {"href": reverse("talent:pools_mine"), "text": "My talent pools"},
                    {
                        "href": reverse("talent:preferences"),
                        "text": "Who may approach you about roles",
                    },
                    {"href": reverse("talent:pathways"), "text": "Career pathways"},
                ],
            )
        )
        if user.has_perm("people.view_team"):
            sections.append(
                HomeSection(
                    "line_manager",
                    "Your team",
                    "The people who report to you, their induction and learning.",
                    [
                        {"href": reverse("people:my_team"), "text": "My team"},
                        {"href": reverse("learning:team_induction"), "text": "Team induction"},
                        {"href": reverse("learning:team_learning"), "text": "Team learning"},
                        {
                            "href": reverse("learning:team_applications"),
                            "text": "Applications to support",
                        },
                        {
                            "href": reverse("learning:verify_learning_list"),
                            "text": "Learning to verify",
                        },
                        {
                            "href": reverse("talent:conversations_held"),
                            "text": "Career conversations you hold",
                        },
                        {
                            "href": reverse("talent:assessments_team"),
                            "text": "Team talent assessments",
                        },
                    ],
                )
            )
        if user.has_perm("appraisals.appraise"):
            sections.append(
                HomeSection(
                    "appraiser",
                    "Appraisals you run",
                    "The appraisals you are the appraiser for, with their deadlines.",
                    [{"href": reverse("appraisals:appraising"), "text": "Appraisals you run"}],
                )
            )
    roles = scoping.roles_of(user)
    if Role.PEOPLE_LEAD in roles:
        sections.append(
            HomeSection(
                "people_lead",
                "People lead",
                "Your organisation's workforce records, imports, induction, programme places "
                "and audit trail.",
                [
                    {"href": reverse("people:people_list"), "text": "People"},
                    {"href": reverse("people:import_list"), "text": "Import a workforce extract"},
                    {"href": reverse("appraisals:cycle_list"), "text": "Appraisal cycles"},
                    {"href": reverse("appraisals:dashboard"), "text": "Appraisal dashboard"},
                    {
                        "href": reverse("appraisals:priority_list"),
                        "text": "Organisational priorities",
                    },
                    {
                        "href": reverse("learning:organisation_induction"),
                        "text": "Induction compliance",
                    },
                    {
                        "href": reverse("learning:organisation_places"),
                        "text": "Programme places",
                    },
                    {
                        "href": reverse("learning:verify_learning_list"),
                        "text": "Learning to verify",
                    },
                    {"href": reverse("talent:calibrations"), "text": "Talent calibration"},
                    {
                        "href": reverse("talent:succession"),
                        "text": "Critical roles and succession",
                    },
                    {"href": reverse("talent:vacancies"), "text": "Senior vacancies"},
                    {"href": reverse("core:audit"), "text": "Audit trail"},
                ],
            )
        )
    for role, (heading, description, show_ratings) in ROLE_SECTIONS.items():
        if role in roles:
            overview = scope_overview(user, role, with_ratings=show_ratings)
            links = [{"href": overview.directory_href, "text": "Organisations in your scope"}]
            links += [
                {"href": reverse(name), "text": text} for name, text in ROLE_LINKS.get(role, [])
            ]
            sections.append(HomeSection(role.value, heading, description, links, overview=overview))
    return sections


#: Persona blocks built from a role's scope: heading, what it is for, whether to list CQC
#: ratings (for roles that look at a few named organisations rather than a region).
ROLE_SECTIONS = {
    Role.BOARD_MEMBER: (
        "Board member",
        "Your organisation at a glance: oversight segment, CQC ratings and workforce.",
        True,
    ),
    Role.REGIONAL_TALENT_LEAD: (
        "Regional talent lead",
        "Your region: its organisations, workforce and the organisations in oversight "
        "segments 4 and 5 that need leadership support.",
        False,
    ),
    Role.NED_APPOINTMENTS: (
        "NED appointments",
        "The NHS boards you appoint non-executive directors to, and those under the most pressure.",
        False,
    ),
    Role.TRAINING_PROVIDER: (
        "Training provider",
        "Your accredited programmes, cohorts, completions and the credentials you issue.",
        False,
    ),
    Role.CQC_INSPECTOR: (
        "CQC inspector",
        "The organisations assigned to you, with their latest CQC ratings and oversight segment.",
        True,
    ),
    Role.IMPLEMENTATION_OFFICE: (
        "Review Implementation Office",
        "Every organisation in England: how many there are and which need recovery support.",
        False,
    ),
    Role.EQUALITY_ANALYST: (
        "Equality analyst",
        "The organisations and workforce in your scope. Equality indicators are only ever "
        "shown as suppressed totals; no page shows an individual's answers.",
        False,
    ),
}

#: Further links per role, after "Organisations in your scope".
ROLE_LINKS = {
    Role.REGIONAL_TALENT_LEAD: [
        ("learning:panel_applications", "Mid-career programme applications"),
        ("learning:overview", "Learning figures"),
        ("appraisals:rollup", "Appraisals across the region"),
        ("appraisals:heatmap", "Capability heatmap"),
        ("appraisals:demand", "Demand for development"),
        ("appraisals:board_submissions", "Board appraisal submissions"),
        ("talent:overview", "Regional talent overview"),
        ("talent:pools", "Talent pools"),
        ("talent:succession_risk", "Succession risk"),
        ("talent:vacancies", "Senior vacancy register"),
        ("talent:matching_vacancies", "Match people to challenged vacancies"),
    ],
    Role.NED_APPOINTMENTS: [
        ("appraisals:board_submissions", "Board appraisal submissions"),
    ],
    Role.TRAINING_PROVIDER: [
        ("learning:provider_cohorts", "Your programmes and cohorts"),
        ("learning:completions_upload", "Upload completions"),
        ("learning:provider_credentials", "Credentials you have issued"),
    ],
    Role.IMPLEMENTATION_OFFICE: [
        ("learning:overview", "Learning figures"),
        ("appraisals:rollup", "Appraisals across England"),
        ("appraisals:heatmap", "Capability heatmap"),
        ("appraisals:demand", "Demand for development"),
        ("appraisals:board_submissions", "Board appraisal submissions"),
        ("learning:accreditation_list", "Training provider accreditation"),
        ("talent:overview", "Regional talent figures"),
        ("talent:pools", "National talent pools"),
        ("talent:pathways", "Career pathways"),
        ("standards:framework_list", "Leadership and management standards"),
    ],
}

#: Kinds that have an NHS Oversight Framework segment and a board.
BOARD_KINDS = [
    OrganisationKind.NHS_TRUST,
    OrganisationKind.FOUNDATION_TRUST,
    OrganisationKind.ICB,
]


@dataclass
class ScopeOverview:
    scope_label: str
    directory_href: str
    counts: list[tuple[str, int]]
    headcount: int
    challenged: list[dict]
    rated: list[dict]


def _scope_label(user, role) -> tuple[str, str]:
    assignments = scoping.assignments(user, role)
    if any(a.scope_level == ScopeLevel.NATIONAL for a in assignments):
        return "England", reverse("organisations:directory")
    names = [a.organisation.name for a in assignments if a.organisation]
    href = reverse("organisations:directory")
    regions = [a.organisation for a in assignments if a.scope_level == ScopeLevel.REGION]
    if len(regions) == 1 and len(assignments) == 1:
        href += f"?region={regions[0].ods_code}"
    return ", ".join(names), href


def scope_overview(user, role, *, with_ratings: bool = False) -> ScopeOverview:
    """Counts for one role's scope, in a fixed number of queries however big the scope."""
    today = timezone.localdate()
    organisations = scoping.organisations_in_scope(user, role).open_on(today)
    label, href = _scope_label(user, role)
    kind_labels = dict(OrganisationKind.choices)
    counts = [
        (kind_labels[row["kind"]], row["n"])
        for row in organisations.exclude(kind=OrganisationKind.REGION)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    ]
    headcount = people_selectors.headcount(organisations, on=today)
    challenged = [
        {
            "name": o.name,
            "href": reverse("organisations:detail", args=[o.ods_code]),
            "segment": o.current_segment,
        }
        for o in org_selectors.with_current_segment(
            organisations.filter(kind__in=BOARD_KINDS), on_date=today
        )
        .filter(current_segment__gte=4)
        .order_by("-current_segment", "name")
    ]
    rated = []
    if with_ratings:
        latest = CqcRating.objects.filter(organisation=OuterRef("pk")).order_by("-rated_on")
        for o in (
            org_selectors.with_current_segment(
                organisations.exclude(kind=OrganisationKind.REGION), on_date=today
            )
            .annotate(
                overall=Subquery(latest.values("overall")[:1]),
                well_led=Subquery(latest.values("well_led")[:1]),
                rated_on=Subquery(latest.values("rated_on")[:1]),
            )
            .order_by("name")[:20]
        ):
            rated.append(
                {
                    "name": o.name,
                    "href": reverse("organisations:detail", args=[o.ods_code]),
                    "segment": o.current_segment,
                    "overall": CqcRating.Rating(o.overall).label if o.overall else "Not rated",
                    "well_led": CqcRating.Rating(o.well_led).label if o.well_led else "–",
                    "rated_on": o.rated_on,
                }
            )
    return ScopeOverview(label, href, counts, headcount, challenged, rated)


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
