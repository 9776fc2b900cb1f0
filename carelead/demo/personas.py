"""The demo logins: one per persona, all with the same password. The seeder, the
``demo_logins`` command and the /demo/logins/ page all read this one list."""

from dataclasses import dataclass

from carelead.accounts.roles import Role, ScopeLevel

DEMO_PASSWORD = "carelead-demo-2026"
DEMO_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Persona:
    username: str
    label: str
    #: Who the login is, in words, for the logins table.
    who: str
    try_first: str
    given_name: str = ""
    family_name: str = ""
    #: Role assignments: (role, scope level, ODS code or None for national).
    grants: tuple[tuple[str, str, str | None], ...] = ()
    is_superuser: bool = False


#: The CQC inspector's two trusts are the two the demo puts in segments 4 and 5.
CQC_INSPECTOR_TRUSTS = ("RCB", "RFF")

PERSONAS: list[Persona] = [
    Persona(
        "staff",
        "Staff member",
        "Sam Taylor, staff nurse at Leeds Teaching Hospitals (RR8)",
        "Your profile and your own equality monitoring answers",
        "Sam",
        "Taylor",
    ),
    Persona(
        "line_manager",
        "Line manager",
        "Maria Hughes, ward manager at RR8 with six direct reports (Sam among them)",
        "My team: your direct reports",
        "Maria",
        "Hughes",
    ),
    Persona(
        "people_lead",
        "Organisation people lead",
        "Priya Shah, chief people officer at RR8",
        "People at RR8, the workforce import and the audit trail",
        "Priya",
        "Shah",
        ((Role.PEOPLE_LEAD, ScopeLevel.ORGANISATION, "RR8"),),
    ),
    Persona(
        "board_member",
        "Board member",
        "David Armitage, chair of RR8 (appraises the chief executive and NEDs)",
        "Your trust at a glance: segment, CQC ratings, workforce",
        "David",
        "Armitage",
        ((Role.BOARD_MEMBER, ScopeLevel.ORGANISATION, "RR8"),),
    ),
    Persona(
        "regional_talent_lead",
        "Regional talent lead",
        "Grace Mensah, NHS England North East and Yorkshire (Y63)",
        "Organisations in the region, with their oversight segments",
        "Grace",
        "Mensah",
        ((Role.REGIONAL_TALENT_LEAD, ScopeLevel.REGION, "Y63"),),
    ),
    Persona(
        "ned_appointments",
        "NED appointments team",
        "Tom Whitfield, NED appointments, North East and Yorkshire (Y63)",
        "The region's NHS boards, and those in segments 4 and 5",
        "Tom",
        "Whitfield",
        ((Role.NED_APPOINTMENTS, ScopeLevel.REGION, "Y63"),),
    ),
    Persona(
        "training_provider",
        "Training provider",
        "Hannah Brooks, programme director at Northern Leadership Academy",
        "Your organisation's record in the directory",
        "Hannah",
        "Brooks",
        ((Role.TRAINING_PROVIDER, ScopeLevel.ORGANISATION, "TPY6301"),),
    ),
    Persona(
        "cqc_inspector",
        "CQC inspector",
        "Imran Qureshi, Care Quality Commission, assigned York and Scarborough (RCB) "
        "and Barnsley (RFF)",
        "Latest CQC ratings and segments of your two trusts",
        "Imran",
        "Qureshi",
        tuple((Role.CQC_INSPECTOR, ScopeLevel.ORGANISATION, code) for code in CQC_INSPECTOR_TRUSTS),
    ),
    Persona(
        "implementation_office",
        "Implementation office",
        "Claire Donovan, Review Implementation Office, NHS England (national)",
        "Every organisation in England, and those needing support",
        "Claire",
        "Donovan",
        ((Role.IMPLEMENTATION_OFFICE, ScopeLevel.NATIONAL, None),),
    ),
    Persona(
        "equality_analyst",
        "Equality analyst",
        "Joseph Adeyemi, equality analyst for North East and Yorkshire (Y63)",
        "The region's organisations and workforce (aggregates only)",
        "Joseph",
        "Adeyemi",
        ((Role.EQUALITY_ANALYST, ScopeLevel.REGION, "Y63"),),
    ),
    Persona(
        "ned",
        "Non-executive director",
        "Aisha Rahman, non-executive director at RR8, appraised by the chair",
        "Your board appraisal: reflection, behaviours and objectives",
        "Aisha",
        "Rahman",
        ((Role.BOARD_MEMBER, ScopeLevel.ORGANISATION, "RR8"),),
    ),
    Persona(
        "admin",
        "Administrator",
        "Superuser, not linked to a person",
        "The Django admin at /admin/",
        is_superuser=True,
    ),
]

PERSONAS_BY_USERNAME = {p.username: p for p in PERSONAS}
