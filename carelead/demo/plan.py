"""The demo data as a plan: plain objects, no database. ``build_plan`` is a pure function of
its arguments, so the same size and seed always give the same organisations, people,
employments and equality answers; the services module only writes the plan down.

People are spread over the organisations by headcount weight. Within each organisation the
line management is a tree with exactly one root: the chair in a trust (the chief executive
and non-executive directors report to the chair), the top post elsewhere. Everybody else
reports to someone in the same organisation at a higher management level.
"""

import datetime
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from carelead.demo import catalogue as cat
from carelead.demo.personas import CQC_INSPECTOR_TRUSTS, PERSONAS_BY_USERNAME
from carelead.organisations.models import OrganisationKind as Kind

ROOT = "root"


@dataclass
class PlannedOrganisation:
    ods_code: str
    name: str
    kind: str
    icb: str | None = None
    pcn: str | None = None
    opened_on: datetime.date | None = None
    aliases: tuple[str, ...] = ()
    weight: int = 0
    minimum: int = 1
    #: (effective_from, segment), oldest first.
    segments: list[tuple[datetime.date, int]] = field(default_factory=list)
    #: (rated_on, overall, well_led), oldest first.
    ratings: list[tuple[datetime.date, str, str]] = field(default_factory=list)


@dataclass
class PlannedPerson:
    person_number: str
    given_name: str
    family_name: str
    email: str
    persona: str | None = None
    #: Question -> code ("" for unanswered); None for no equality record at all.
    equality: dict[str, str] | None = None


@dataclass
class PlannedEmployment:
    person: int
    organisation: str
    assignment_number: str
    job_title: str
    staff_group: str
    pay_band: str | None
    management_level: int | None
    manager: int | None
    start_date: datetime.date
    end_date: datetime.date | None
    fte: Decimal


@dataclass
class DemoPlan:
    organisations: list[PlannedOrganisation]
    persons: list[PlannedPerson]
    employments: list[PlannedEmployment]

    def persona_person(self, username: str) -> int:
        return next(i for i, p in enumerate(self.persons) if p.persona == username)


# ---------------------------------------------------------------------------------------------
# Organisations: fixed, whatever the seed, so the personas and documentation stay true.
# ---------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _well_led(rng: random.Random, overall: str) -> str:
    order = [rating for rating, _ in cat.CQC_RATINGS]
    if rng.random() < 0.7:
        return overall
    index = order.index(overall) + rng.choice((-1, 1))
    return order[min(max(index, 0), len(order) - 1)]


def _ratings(rng: random.Random, count: int) -> list[tuple[datetime.date, str, str]]:
    first = _day_between(rng, datetime.date(2018, 1, 1), datetime.date(2021, 12, 31))
    days = [first, _day_between(rng, datetime.date(2023, 1, 1), datetime.date(2026, 9, 30))]
    result = []
    for day in days[:count]:
        overall = _weighted(rng, cat.CQC_RATINGS)
        result.append((day, overall, _well_led(rng, overall)))
    return result


def _segments(rng: random.Random, ods_code: str) -> list[tuple[datetime.date, int]]:
    if ods_code == CQC_INSPECTOR_TRUSTS[0]:
        path = [3, 3, 4, 4, 4]
    elif ods_code == CQC_INSPECTOR_TRUSTS[1]:
        path = [3, 4, 4, 5, 5]
    else:
        path = [_weighted(rng, [(1, 12), (2, 38), (3, 40), (4, 10)])]
        for _ in cat.SEGMENT_DATES[1:]:
            step = rng.choice((-1, 0, 0, 0, 1)) if rng.random() < 0.5 else 0
            path.append(min(max(path[-1] + step, 1), 3))
    return list(zip(cat.SEGMENT_DATES, path, strict=True))


def plan_organisations() -> list[PlannedOrganisation]:
    rng = random.Random("carelead-demo-organisations")
    synthetic = (cat.SYNTHETIC_ALIAS,)
    orgs = [
        PlannedOrganisation(
            cat.REGION_CODE, cat.REGION_NAME, Kind.REGION, weight=cat.WEIGHT_REGION, minimum=6
        ),
        PlannedOrganisation(
            cat.NATIONAL_BODY_CODE,
            cat.NATIONAL_NAMES[cat.NATIONAL_BODY_CODE],
            Kind.NATIONAL_BODY,
            weight=cat.WEIGHT_NATIONAL,
            minimum=3,
        ),
        PlannedOrganisation(
            cat.REGULATOR_CODE,
            cat.NATIONAL_NAMES[cat.REGULATOR_CODE],
            Kind.REGULATOR,
            weight=cat.WEIGHT_REGULATOR,
            minimum=3,
        ),
    ]
    orgs += [
        PlannedOrganisation(code, name, Kind.ICB, weight=cat.WEIGHT_ICB)
        for code, name in cat.ICB_NAMES.items()
    ]
    for trust in cat.TRUSTS:
        ratings = _ratings(rng, 2)
        if trust.ods_code in CQC_INSPECTOR_TRUSTS:
            worse = "requires_improvement"
            ratings[-1] = (
                ratings[-1][0],
                worse,
                worse if trust.ods_code == "RCB" else "inadequate",
            )
        orgs.append(
            PlannedOrganisation(
                trust.ods_code,
                trust.name,
                Kind.FOUNDATION_TRUST if trust.foundation else Kind.NHS_TRUST,
                icb=trust.icb,
                weight=trust.weight,
                minimum=40 if trust.ods_code == "RR8" else 6,
                segments=_segments(rng, trust.ods_code),
                ratings=ratings,
            )
        )
    places = list(cat.PRACTICE_PLACES)
    rng.shuffle(places)
    number = 0
    for pcn_code, pcn_name, icb in cat.PCNS:
        orgs.append(
            PlannedOrganisation(
                pcn_code,
                pcn_name,
                Kind.PCN,
                icb=icb,
                opened_on=datetime.date(2019, 7, 1),
                aliases=synthetic,
                weight=cat.WEIGHT_PCN,
            )
        )
        for _ in range(cat.PRACTICES_PER_PCN):
            number += 1
            orgs.append(
                PlannedOrganisation(
                    f"Z9{number:04d}",
                    rng.choice(cat.PRACTICE_FORMS).format(places.pop()),
                    Kind.GP_PRACTICE,
                    icb=icb,
                    pcn=pcn_code,
                    opened_on=_day_between(
                        rng, datetime.date(1974, 4, 1), datetime.date(2015, 3, 31)
                    ),
                    aliases=synthetic,
                    weight=cat.WEIGHT_PRACTICE,
                    ratings=_ratings(rng, rng.choice((1, 2))),
                )
            )
    icb_codes = list(cat.ICB_NAMES)
    asc_places = list(cat.ASC_PLACES)
    rng.shuffle(asc_places)
    used_codes = set()
    for index in range(cat.ASC_PROVIDER_COUNT):
        code = ""
        while not code or code in used_codes:
            code = "VZ" + "".join(rng.choice(cat.ASC_CODE_CHARS) for _ in range(3))
        used_codes.add(code)
        orgs.append(
            PlannedOrganisation(
                code,
                rng.choice(cat.ASC_FORMS).format(asc_places[index]),
                Kind.SOCIAL_CARE_PROVIDER,
                icb=icb_codes[index % len(icb_codes)],
                opened_on=_day_between(rng, datetime.date(1990, 1, 1), datetime.date(2022, 12, 31)),
                aliases=synthetic,
                weight=cat.WEIGHT_ASC,
                ratings=_ratings(rng, rng.choice((1, 2))),
            )
        )
    for code, name, icb in cat.LOCAL_AUTHORITIES:
        orgs.append(
            PlannedOrganisation(
                code, name, Kind.LOCAL_AUTHORITY, icb=icb, weight=cat.WEIGHT_LOCAL_AUTHORITY
            )
        )
    code, name = cat.TRAINING_PROVIDER
    orgs.append(
        PlannedOrganisation(
            code,
            name,
            Kind.TRAINING_PROVIDER,
            opened_on=datetime.date(2018, 4, 1),
            aliases=synthetic,
            weight=cat.WEIGHT_TRAINING_PROVIDER,
            minimum=3,
        )
    )
    return orgs


# ---------------------------------------------------------------------------------------------
# Jobs: (weight, title, staff group, pay bands to choose from) by kind of organisation.
# ---------------------------------------------------------------------------------------------

NN = ("NON-NHS",)
TRUST_STAFF = [
    (40, "Staff nurse", "nursing_midwifery", ("5",)),
    (6, "Midwife", "nursing_midwifery", ("5", "6")),
    (18, "Senior staff nurse", "nursing_midwifery", ("6",)),
    (6, "Specialist nurse", "nursing_midwifery", ("6", "7")),
    (10, "Clinical nurse specialist", "nursing_midwifery", ("7",)),
    (6, "Advanced nurse practitioner", "nursing_midwifery", ("7", "8a")),
    (22, "Healthcare support worker", "add_clinical", ("2",)),
    (38, "Healthcare assistant", "add_clinical", ("3",)),
    (18, "Assistant practitioner", "add_clinical", ("4",)),
    (12, "Nursing associate", "add_clinical", ("4",)),
    (6, "Receptionist", "admin_clerical", ("2",)),
    (10, "Ward clerk", "admin_clerical", ("3",)),
    (10, "Medical secretary", "admin_clerical", ("3", "4")),
    (10, "Administrator", "admin_clerical", ("3", "4")),
    (6, "Patient pathway coordinator", "admin_clerical", ("4",)),
    (4, "Finance officer", "admin_clerical", ("5",)),
    (3, "HR adviser", "admin_clerical", ("5", "6")),
    (4, "Business analyst", "admin_clerical", ("6",)),
    (4, "Project manager", "admin_clerical", ("7",)),
    (2, "Senior information analyst", "admin_clerical", ("8a",)),
    (3, "Foundation year 1 doctor", "medical_dental", ("FY1",)),
    (3, "Foundation year 2 doctor", "medical_dental", ("FY2",)),
    (4, "Core trainee", "medical_dental", ("CT",)),
    (8, "Specialty registrar", "medical_dental", ("StR",)),
    (3, "Specialty doctor", "medical_dental", ("SD",)),
    (1, "Specialist", "medical_dental", ("SPEC", "AS")),
    (10, "Consultant", "medical_dental", ("CONS",)),
    (4, "Physiotherapist", "ahp", ("5", "6")),
    (3, "Occupational therapist", "ahp", ("5", "6")),
    (3, "Radiographer", "ahp", ("5", "6", "7")),
    (2, "Speech and language therapist", "ahp", ("6", "7")),
    (2, "Dietitian", "ahp", ("5", "6")),
    (2, "Advanced practitioner", "ahp", ("7", "8a")),
    (2, "Pharmacy technician", "add_prof_sci_tech", ("4", "5")),
    (3, "Pharmacist", "add_prof_sci_tech", ("6", "7", "8a")),
    (1, "Clinical psychologist", "add_prof_sci_tech", ("7", "8a", "8b")),
    (1, "Biomedical scientist", "healthcare_scientists", ("5", "6")),
    (1, "Clinical scientist", "healthcare_scientists", ("7", "8a")),
    (6, "Domestic assistant", "estates_ancillary", ("2",)),
    (3, "Porter", "estates_ancillary", ("2",)),
    (2, "Catering assistant", "estates_ancillary", ("2",)),
    (2, "Maintenance technician", "estates_ancillary", ("3", "4")),
]
TRUST_MANAGERS = {
    4: [
        (1, "Chief nurse", "nursing_midwifery", ("VSM",)),
        (1, "Medical director", "medical_dental", ("VSM",)),
        (1, "Chief operating officer", "admin_clerical", ("VSM",)),
        (1, "Chief financial officer", "admin_clerical", ("VSM",)),
        (1, "Director of strategy", "admin_clerical", ("VSM",)),
        (1, "Chief people officer", "admin_clerical", ("VSM",)),
    ],
    3: [
        (3, "Head of nursing", "nursing_midwifery", ("8c", "8d")),
        (2, "Clinical director", "medical_dental", ("CONS",)),
        (3, "Associate director of operations", "admin_clerical", ("8c", "8d")),
        (1, "Head of therapies", "ahp", ("8c",)),
        (1, "Deputy director of finance", "admin_clerical", ("8d",)),
    ],
    2: [
        (4, "Matron", "nursing_midwifery", ("8a", "8b")),
        (3, "General manager", "admin_clerical", ("8a", "8b")),
        (2, "Clinical lead", "medical_dental", ("CONS",)),
        (1, "Therapy services manager", "ahp", ("8a",)),
        (1, "Facilities manager", "estates_ancillary", ("8a",)),
    ],
    1: [
        (5, "Ward manager", "nursing_midwifery", ("7",)),
        (2, "Team leader", "admin_clerical", ("5", "6")),
        (2, "Service manager", "admin_clerical", ("7",)),
        (1, "Therapy team lead", "ahp", ("7",)),
        (1, "Domestic services supervisor", "estates_ancillary", ("4",)),
    ],
}
OFFICE_STAFF = [
    (3, "Senior programme manager", "admin_clerical", ("8a",)),
    (5, "Project manager", "admin_clerical", ("7",)),
    (4, "Senior analyst", "admin_clerical", ("7",)),
    (4, "Analyst", "admin_clerical", ("6",)),
    (4, "Project officer", "admin_clerical", ("5",)),
    (3, "Business support officer", "admin_clerical", ("4",)),
    (2, "Quality lead nurse", "nursing_midwifery", ("8a",)),
    (1, "Medicines optimisation pharmacist", "add_prof_sci_tech", ("8a",)),
]
OFFICE_MANAGERS = {
    4: [
        (1, "Director", "admin_clerical", ("VSM",)),
        (1, "Medical director", "medical_dental", ("VSM",)),
    ],
    3: [(1, "Deputy director", "admin_clerical", ("8c", "8d"))],
    2: [(1, "Head of programmes", "admin_clerical", ("8b",))],
    1: [(1, "Programme manager", "admin_clerical", ("8a",))],
}
NON_NHS_STAFF = {
    Kind.REGULATOR: [
        (6, "Inspector", "admin_clerical", NN),
        (2, "Specialist adviser", "admin_clerical", NN),
        (2, "Inspection planning officer", "admin_clerical", NN),
    ],
    Kind.TRAINING_PROVIDER: [
        (4, "Programme facilitator", "admin_clerical", NN),
        (3, "Programme coordinator", "admin_clerical", NN),
        (1, "Learning technologist", "admin_clerical", NN),
        (2, "Executive coach", "admin_clerical", NN),
    ],
}
NON_NHS_MANAGERS = {
    Kind.REGULATOR: {
        3: [(1, "Head of inspection", "admin_clerical", NN)],
        2: [(1, "Inspection manager", "admin_clerical", NN)],
        1: [(1, "Senior inspector", "admin_clerical", NN)],
    },
    Kind.TRAINING_PROVIDER: {
        3: [(1, "Head of programmes", "admin_clerical", NN)],
        2: [(1, "Programme manager", "admin_clerical", NN)],
        1: [(1, "Programme lead", "admin_clerical", NN)],
    },
}
PRACTICE_STAFF = [
    (18, "Salaried GP", "medical_dental", ("GP",)),
    (6, "GP partner", "medical_dental", ("GP",)),
    (14, "Practice nurse", "nursing_midwifery", NN),
    (10, "Healthcare assistant", "add_clinical", NN),
    (30, "Receptionist", "admin_clerical", NN),
    (8, "Medical secretary", "admin_clerical", NN),
    (6, "Administrator", "admin_clerical", NN),
]
PRACTICE_MANAGERS = {
    2: [(1, "Practice manager", "admin_clerical", NN)],
    1: [(1, "Reception manager", "admin_clerical", NN)],
}
PCN_STAFF = [
    (4, "Clinical pharmacist", "add_prof_sci_tech", ("7", "8a")),
    (3, "Social prescribing link worker", "add_clinical", ("4", "5")),
    (3, "Care coordinator", "admin_clerical", ("4",)),
    (2, "First contact physiotherapist", "ahp", ("7",)),
    (1, "Paramedic", "ahp", ("7",)),
    (2, "Health and wellbeing coach", "add_clinical", ("4", "5")),
]
PCN_MANAGERS = {1: [(1, "PCN manager", "admin_clerical", ("8a",))]}
ASC_STAFF = [
    (58, "Care worker", "asc_direct_care", NN),
    (15, "Senior care worker", "asc_direct_care", NN),
    (8, "Support worker", "asc_direct_care", NN),
    (6, "Registered nurse", "asc_regulated", NN),
    (4, "Activities coordinator", "asc_other", NN),
    (3, "Cook", "asc_other", NN),
    (4, "Housekeeper", "asc_other", NN),
    (2, "Administrator", "asc_other", NN),
]
ASC_MANAGERS = {
    2: [(1, "Deputy manager", "asc_managerial", NN)],
    1: [(1, "Team leader", "asc_managerial", NN)],
}
LA_STAFF = [
    (40, "Social worker", "asc_regulated", NN),
    (10, "Occupational therapist", "asc_regulated", NN),
    (30, "Reablement support worker", "asc_direct_care", NN),
    (5, "Community support worker", "asc_direct_care", NN),
    (15, "Business support officer", "asc_other", NN),
]
LA_MANAGERS = {
    4: [(1, "Head of adult social care", "asc_managerial", NN)],
    3: [(1, "Service manager", "asc_managerial", NN)],
    2: [(1, "Team manager", "asc_managerial", NN)],
    1: [(1, "Senior practitioner", "asc_regulated", NN)],
}


@dataclass(frozen=True)
class Profile:
    root: tuple[str, str, str | None, int]
    staff: list
    managers: dict
    #: Managers below the root whatever the headcount (a practice always has a manager).
    min_managers: int = 0


PROFILES = {
    Kind.NHS_TRUST: Profile(("Chair", "admin_clerical", None, 5), TRUST_STAFF, TRUST_MANAGERS),
    Kind.ICB: Profile(
        ("Chief executive", "admin_clerical", "VSM", 5),
        OFFICE_STAFF,
        OFFICE_MANAGERS,
        min_managers=1,
    ),
    Kind.REGION: Profile(
        ("Regional director", "admin_clerical", "VSM", 5),
        OFFICE_STAFF,
        OFFICE_MANAGERS,
        min_managers=1,
    ),
    Kind.NATIONAL_BODY: Profile(
        ("National director for leadership", "admin_clerical", "VSM", 5),
        OFFICE_STAFF,
        OFFICE_MANAGERS,
    ),
    Kind.REGULATOR: Profile(
        ("Deputy chief inspector", "admin_clerical", "NON-NHS", 4),
        NON_NHS_STAFF[Kind.REGULATOR],
        NON_NHS_MANAGERS[Kind.REGULATOR],
    ),
    Kind.TRAINING_PROVIDER: Profile(
        ("Managing director", "admin_clerical", "NON-NHS", 4),
        NON_NHS_STAFF[Kind.TRAINING_PROVIDER],
        NON_NHS_MANAGERS[Kind.TRAINING_PROVIDER],
    ),
    Kind.GP_PRACTICE: Profile(
        ("Senior GP partner", "medical_dental", "GP", 4),
        PRACTICE_STAFF,
        PRACTICE_MANAGERS,
        min_managers=1,
    ),
    Kind.PCN: Profile(
        ("PCN clinical director", "medical_dental", "GP", 3), PCN_STAFF, PCN_MANAGERS
    ),
    Kind.SOCIAL_CARE_PROVIDER: Profile(
        ("Registered manager", "asc_managerial", "NON-NHS", 3),
        ASC_STAFF,
        ASC_MANAGERS,
        min_managers=1,
    ),
    Kind.LOCAL_AUTHORITY: Profile(
        ("Director of adult social services", "asc_managerial", "NON-NHS", 5),
        LA_STAFF,
        LA_MANAGERS,
    ),
}
PROFILES[Kind.FOUNDATION_TRUST] = PROFILES[Kind.NHS_TRUST]
TRUST_KINDS = {Kind.NHS_TRUST, Kind.FOUNDATION_TRUST}
LEVEL_SHARE = {4: 0.07, 3: 0.15, 2: 0.30, 1: 0.48}


@dataclass
class Slot:
    """One current job being planned inside one organisation."""

    title: str
    staff_group: str
    pay_band: str | None
    level: int | None = None
    #: Board members report to the chair and manage nobody.
    board: bool = False
    #: Gets no reports by random assignment (its team is planned explicitly).
    closed_team: bool = False
    #: ROOT, an index into the organisation's slots, or None (assigned when linking).
    manager: int | str | None = None
    persona: str | None = None
    fte: Decimal | None = None
    start_date: datetime.date | None = None


def _job(rng, pairs, level=None, **extra) -> Slot:
    _, title, group, bands = rng.choices(pairs, weights=[p[0] for p in pairs])[0]
    return Slot(title, group, rng.choice(bands), level, **extra)


#: Organisations whose top post (chair of a trust) a persona login holds.
ROOT_PERSONAS = {"RR8": "board_member"}


def _persona_slots(ods_code: str, rng: random.Random) -> list[Slot]:
    """The jobs the persona logins hold. Managers given as an int point into this list; the
    organisation's own slots come first, so these are offset when the team is built."""
    if ods_code == "RR8":
        team = [
            Slot("Chief people officer", "admin_clerical", "VSM", 4, persona="people_lead"),
            Slot(
                "Ward manager",
                "nursing_midwifery",
                "7",
                1,
                closed_team=True,
                persona="line_manager",
                start_date=datetime.date(2015, 3, 2),
            ),
            Slot(
                "Staff nurse",
                "nursing_midwifery",
                "5",
                manager=1,
                persona="staff",
                start_date=datetime.date(2022, 9, 5),
            ),
        ]
        for _ in range(5):
            title, band = rng.choice(
                [("Staff nurse", "5"), ("Staff nurse", "5"), ("Senior staff nurse", "6")]
            )
            team.append(Slot(title, "nursing_midwifery", band, manager=1))
        # Last, so the indexes above (the nurses' manager) stay as they are.
        team.append(
            Slot(
                "Non-executive director",
                "admin_clerical",
                None,
                5,
                board=True,
                manager=ROOT,
                persona="ned",
                fte=Decimal("0.20"),
            )
        )
        return team
    if ods_code == cat.REGION_CODE:
        return [
            # Closed teams: the region's analysts report to its programme managers instead.
            Slot(
                "Regional talent lead",
                "admin_clerical",
                "8b",
                2,
                closed_team=True,
                persona="regional_talent_lead",
            ),
            Slot(
                "Head of NED appointments",
                "admin_clerical",
                "8a",
                1,
                closed_team=True,
                persona="ned_appointments",
            ),
            Slot("Senior equality analyst", "admin_clerical", "7", persona="equality_analyst"),
        ]
    if ods_code == cat.TRAINING_PROVIDER[0]:
        return [
            Slot("Programme director", "admin_clerical", "NON-NHS", 3, persona="training_provider")
        ]
    if ods_code == cat.REGULATOR_CODE:
        return [Slot("Inspector", "admin_clerical", "NON-NHS", persona="cqc_inspector")]
    if ods_code == cat.NATIONAL_BODY_CODE:
        return [
            Slot(
                "Head of review implementation",
                "admin_clerical",
                "8d",
                3,
                persona="implementation_office",
            )
        ]
    return []


def _level_counts(count: int, below: int) -> dict[int, int]:
    levels = [lvl for lvl in LEVEL_SHARE if lvl < below]
    if not levels or count <= 0:
        return {}
    total = sum(LEVEL_SHARE[lvl] for lvl in levels)
    counts = {lvl: int(count * LEVEL_SHARE[lvl] / total) for lvl in levels}
    counts[min(levels)] += count - sum(counts.values())
    return counts


def _team(org: PlannedOrganisation, size: int, rng: random.Random) -> list[Slot]:
    profile = PROFILES[org.kind]
    title, group, band, level = profile.root
    slots = [
        Slot(
            title,
            group,
            band,
            level,
            board=org.kind in TRUST_KINDS,
            fte=Decimal("0.60") if org.kind in TRUST_KINDS else None,
        )
    ]
    # A persona may hold the organisation's top post (the board member persona chairs RR8).
    slots[0].persona = ROOT_PERSONAS.get(org.ods_code)
    if org.kind in TRUST_KINDS:
        slots.append(Slot("Chief executive", "admin_clerical", "VSM", 5, manager=ROOT))
    personas = _persona_slots(org.ods_code, rng)
    offset = len(slots)
    for slot in personas:
        if isinstance(slot.manager, int):
            slot.manager += offset
        slots.append(slot)
    if org.kind in TRUST_KINDS:
        neds = (1 if size < 60 else 2 if size < 150 else 4) - sum(1 for s in personas if s.board)
        slots += [
            Slot(
                "Non-executive director",
                "admin_clerical",
                None,
                5,
                board=True,
                manager=ROOT,
                fte=Decimal("0.20"),
            )
            for _ in range(max(neds, 0))
        ]
    managers = max(round(size * cat.MANAGER_SHARE), 1)
    extra = managers - sum(1 for s in slots if s.level)
    extra = min(max(extra, profile.min_managers if size >= 4 else 0), size - len(slots))
    top = 5 if org.kind in TRUST_KINDS else level
    for lvl, count in sorted(_level_counts(extra, top).items(), reverse=True):
        available = profile.managers.get(lvl)
        if not available:
            # The profile has no job at this level: the next level down takes the posts.
            lower = [x for x in profile.managers if x < lvl]
            available = profile.managers[max(lower)] if lower else None
            lvl = max(lower) if lower else lvl
        for _ in range(count):
            slots.append(_job(rng, available, lvl) if available else _job(rng, profile.staff))
    while len(slots) < size:
        slots.append(_job(rng, profile.staff))
    _link(slots, rng, ceo=1 if org.kind in TRUST_KINDS else 0)
    return slots


def _link(slots: list[Slot], rng: random.Random, *, ceo: int) -> None:
    """Give every slot but the root a manager in the same organisation, always at a higher
    management level (so the tree cannot have a cycle)."""
    line = [i for i, s in enumerate(slots) if s.level and not s.board and not s.closed_team]
    for index, slot in enumerate(slots):
        if index == 0:
            slot.manager = None
            continue
        if slot.manager == ROOT:
            slot.manager = 0
            continue
        if slot.manager is not None:
            continue
        if slot.level:
            higher = [i for i in line if slots[i].level > slot.level]
            if not higher:
                slot.manager = ceo if ceo and index != ceo else 0
                continue
            lowest = min(slots[i].level for i in higher)
            slot.manager = rng.choice([i for i in higher if slots[i].level == lowest])
        elif not line:
            slot.manager = ceo or 0
        else:
            lowest = min(slots[i].level for i in line)
            slot.manager = rng.choice([i for i in line if slots[i].level == lowest])


# ---------------------------------------------------------------------------------------------
# Headcount, people, equality and moves between employers
# ---------------------------------------------------------------------------------------------


def minimum_people(orgs: list[PlannedOrganisation] | None = None) -> int:
    return sum(o.minimum for o in orgs or plan_organisations() if o.weight)


def _allocate(orgs: list[PlannedOrganisation], people: int) -> list[int]:
    """Headcount per organisation: each its minimum, the rest by weight (largest remainder)."""
    employers = [o for o in orgs if o.weight]
    spare = people - sum(o.minimum for o in employers)
    total = sum(o.weight for o in employers)
    shares = [spare * o.weight / total for o in employers]
    counts = [o.minimum + int(share) for o, share in zip(employers, shares, strict=True)]
    order = sorted(range(len(employers)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: people - sum(counts)]:
        counts[i] += 1
    return counts


def _slug(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _equality(rng: random.Random) -> dict[str, str] | None:
    if rng.random() >= cat.EQUALITY_RECORD_SHARE:
        return None
    ethnic = _weighted(rng, cat.ETHNIC_CATEGORY)
    answers = {"ethnic_category": ethnic, "ethnicity_2021": cat.ETHNIC_TO_2021[ethnic]}
    for question, weights in cat.EQUALITY_WEIGHTS.items():
        answers[question] = _weighted(rng, weights)
    for question in list(answers):
        if rng.random() < cat.EQUALITY_BLANK_SHARE:
            answers[question] = ""
    return answers


def _fte(rng: random.Random) -> Decimal:
    if rng.random() < 0.72:
        return Decimal("1.00")
    return Decimal(rng.choice(("0.40", "0.50", "0.60", "0.70", "0.80", "0.90")))


def _sector(kind: str) -> str:
    if kind in (Kind.SOCIAL_CARE_PROVIDER, Kind.LOCAL_AUTHORITY):
        return "social_care"
    if kind in (Kind.GP_PRACTICE, Kind.PCN):
        return "primary_care"
    return "hospital"


def _earlier_band(band: str | None, rng: random.Random) -> str | None:
    afc = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d"]
    # Only from band 6 up: below that the job itself would have been a different one.
    if band in afc[4:] and rng.random() < 0.5:
        return afc[afc.index(band) - 1]
    return band


def build_plan(*, people: int, seed: int) -> DemoPlan:
    orgs = plan_organisations()
    needed = minimum_people(orgs)
    if people < needed:
        raise ValueError(f"The demo needs at least {needed} people; {people} were asked for")
    rng = random.Random(seed)
    employers = [o for o in orgs if o.weight]
    persons: list[PlannedPerson] = []
    employments: list[PlannedEmployment] = []
    ref = cat.REFERENCE_DATE
    for org, size in zip(employers, _allocate(orgs, people), strict=True):
        slots = _team(org, size, rng)
        first = len(employments)
        for slot in slots:
            number = str(cat.PERSON_NUMBER_BASE + len(persons) + 1)
            if slot.persona:
                persona = PERSONAS_BY_USERNAME[slot.persona]
                given, family = persona.given_name, persona.family_name
            else:
                given, family = rng.choice(cat.GIVEN_NAMES), rng.choice(cat.FAMILY_NAMES)
            equality = _equality(rng)
            if slot.persona == "staff" and equality is None:
                # The staff persona's first stop is their own answers, so they have some.
                equality = {"ethnic_category": "A", "ethnicity_2021": "W1", "sex": "F"}
            persons.append(
                PlannedPerson(
                    number,
                    given,
                    family,
                    f"{_slug(given)}.{_slug(family)}.{number}@example.com",
                    slot.persona,
                    equality,
                )
            )
            start = slot.start_date or ref - datetime.timedelta(days=rng.randint(30, 9000))
            employments.append(
                PlannedEmployment(
                    person=len(persons) - 1,
                    organisation=org.ods_code,
                    assignment_number=f"{number}-1",
                    job_title=slot.title,
                    staff_group=slot.staff_group,
                    pay_band=slot.pay_band,
                    management_level=slot.level,
                    manager=None if slot.manager is None else first + slot.manager,
                    start_date=start,
                    end_date=None,
                    fte=slot.fte or _fte(rng),
                )
            )
    _add_moves(employments, persons, orgs, rng)
    return DemoPlan(orgs, persons, employments)


def _add_moves(employments, persons, orgs, rng: random.Random) -> None:
    """Some people moved here from another employer in the same sector: their earlier job
    ended the day before (or a little before) the current one started."""
    by_sector: dict[str, list[str]] = {}
    kinds = {o.ods_code: o.kind for o in orgs}
    for org in orgs:
        if org.kind in TRUST_KINDS or org.kind in (
            Kind.GP_PRACTICE,
            Kind.SOCIAL_CARE_PROVIDER,
            Kind.LOCAL_AUTHORITY,
        ):
            by_sector.setdefault(_sector(org.kind), []).append(org.ods_code)
    ref = cat.REFERENCE_DATE
    for current in list(employments):
        person = persons[current.person]
        if person.persona or current.manager is None or rng.random() >= cat.MOVER_SHARE:
            continue
        choices = [
            c for c in by_sector[_sector(kinds[current.organisation])] if c != current.organisation
        ]
        current.start_date = ref - datetime.timedelta(days=rng.randint(60, 2200))
        end = current.start_date - datetime.timedelta(days=rng.randint(1, 90))
        number = person.person_number
        current.assignment_number = f"{number}-2"
        employments.append(
            PlannedEmployment(
                person=current.person,
                organisation=rng.choice(choices),
                assignment_number=f"{number}-1",
                job_title=current.job_title,
                staff_group=current.staff_group,
                pay_band=_earlier_band(current.pay_band, rng),
                management_level=None,
                manager=None,
                start_date=end - datetime.timedelta(days=rng.randint(365, 3650)),
                end_date=end,
                fte=current.fte,
            )
        )
