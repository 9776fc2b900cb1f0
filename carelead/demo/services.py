"""Writes the demo plan (see plan.py) into the database.

Organisations, their memberships, oversight segments and CQC ratings go through the
organisations services, one audited call each: there are about a hundred, and those services
are idempotent or are only called for what is missing or different.

People, employments and equality answers are written here with set-based upserts
(``bulk_create(update_conflicts=True)``), not through the people services: thousands of
single-row, individually audited writes would take minutes, and this is synthetic demo data,
not a change anybody made to a real record. The seed writes one summary audit event instead.

Idempotent: rows are matched on their natural keys (ODS code, person number, assignment
number, username) and brought up to date, so a second run with the same arguments changes
nothing, and rows that other apps hang off the demo people survive a reseed. Demo people
live in a reserved range of person numbers; any in that range the plan no longer has (after a
smaller reseed) are removed.
"""

import csv
import time
from dataclasses import dataclass, field
from io import StringIO

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

from carelead.accounts.models import User
from carelead.accounts.services import role_assignment_grant, role_assignment_revoke
from carelead.core.services.audit import audit_record
from carelead.demo import catalogue as cat
from carelead.demo.appraisals import appraisals_demo_clear, appraisals_demo_seed
from carelead.demo.learning import learning_demo_clear, learning_demo_seed
from carelead.demo.personas import DEMO_PASSWORD, PERSONAS
from carelead.demo.plan import DemoPlan, PlannedOrganisation, build_plan
from carelead.demo.talent import talent_demo_clear, talent_demo_seed
from carelead.organisations import services as organisation_services
from carelead.organisations.models import Organisation, OrganisationKind
from carelead.people.models import (
    Employment,
    EqualityMonitoring,
    EqualityOption,
    PayBand,
    Person,
    StaffGroup,
)

BATCH_SIZE = 500
EQUALITY_QUESTIONS = [q.value for q in EqualityOption.Question]
#: A fixed salt so the stored hash is the same on every run (the password is public anyway).
PASSWORD_SALT = "careleaddemo2026"


@dataclass
class SeedResult:
    people: int = 0
    employments: int = 0
    equality_records: int = 0
    organisations: int = 0
    logins: int = 0
    removed_people: int = 0
    #: What the learning demo wrote (enrolments, completions, credentials, applications...).
    learning: dict = field(default_factory=dict)
    #: What the appraisals demo wrote (cycles, appraisals by status, feedback...).
    appraisals: dict = field(default_factory=dict)
    #: What the talent demo wrote, by area (pools, sessions, succession plans...).
    talent: dict = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------

_REQUIRED_ORGANISATIONS = [
    cat.REGION_CODE,
    *cat.ICB_NAMES,
    cat.NATIONAL_BODY_CODE,
    cat.REGULATOR_CODE,
]


def _reference_data_missing() -> bool:
    present = Organisation.objects.filter(ods_code__in=_REQUIRED_ORGANISATIONS).count()
    return (
        present < len(_REQUIRED_ORGANISATIONS)
        or not StaffGroup.objects.exists()
        or not PayBand.objects.exists()
        or not EqualityOption.objects.exists()
    )


def _create_minimum_reference_data() -> None:
    """Only when load_reference_data cannot run: the region, its four ICBs, the two national
    bodies and the people code lists, enough for the demo and nothing more."""
    existing = set(
        Organisation.objects.filter(ods_code__in=_REQUIRED_ORGANISATIONS).values_list(
            "ods_code", flat=True
        )
    )
    if cat.REGION_CODE not in existing:
        organisation_services.organisation_create(
            ods_code=cat.REGION_CODE, name=cat.REGION_NAME, kind=OrganisationKind.REGION
        )
    for code, name in cat.ICB_NAMES.items():
        if code not in existing:
            organisation_services.organisation_create(
                ods_code=code, name=name, kind=OrganisationKind.ICB, region=cat.REGION_CODE
            )
    for code, kind in (
        (cat.NATIONAL_BODY_CODE, OrganisationKind.NATIONAL_BODY),
        (cat.REGULATOR_CODE, OrganisationKind.REGULATOR),
    ):
        if code not in existing:
            organisation_services.organisation_create(
                ods_code=code, name=cat.NATIONAL_NAMES[code], kind=kind
            )
    data = cat.PEOPLE_DATA_DIR
    with open(data / "staff_groups.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            StaffGroup.objects.get_or_create(
                code=row["code"], defaults={"name": row["name"], "sort_order": row["sort_order"]}
            )
    with open(data / "pay_bands.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            PayBand.objects.get_or_create(
                code=row["code"],
                defaults={"name": row["name"], "family": row["family"], "rank": row["rank"]},
            )
    with open(data / "equality_options.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            EqualityOption.objects.get_or_create(
                question=row["question"],
                code=row["code"],
                defaults={
                    "label": row["label"],
                    "group": row["group"],
                    "wres_group": row["wres_group"],
                    "sort_order": row["sort_order"],
                    "is_not_stated": row["is_not_stated"] == "1",
                },
            )


def demo_reference_data_ensure(*, notes: list[str] | None = None) -> None:
    """Make sure the region, ICBs and code lists the demo builds on are there: run
    load_reference_data when they are not, and fall back to the minimum rows if it fails."""
    if not _reference_data_missing():
        return
    try:
        call_command("load_reference_data", stdout=StringIO())
    except Exception as error:  # noqa: BLE001 - any failure falls back to the minimum rows
        if notes is not None:
            notes.append(f"load_reference_data did not run ({error}); used the minimum rows")
    if _reference_data_missing():
        with transaction.atomic():
            _create_minimum_reference_data()


# ---------------------------------------------------------------------------------------------
# Organisations, through the organisations services
# ---------------------------------------------------------------------------------------------


def _organisations_write(planned: list[PlannedOrganisation]) -> dict[str, Organisation]:
    existing = {
        o.ods_code: o
        for o in Organisation.objects.filter(ods_code__in=[p.ods_code for p in planned])
    }
    codes_by_id = dict(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.REGION, OrganisationKind.ICB]
        ).values_list("id", "ods_code")
    )
    for org in planned:
        if org.kind in (
            OrganisationKind.REGION,
            OrganisationKind.ICB,
            OrganisationKind.NATIONAL_BODY,
            OrganisationKind.REGULATOR,
        ):
            continue  # reference data: load_reference_data owns these
        current = existing.get(org.ods_code)
        if current is None:
            existing[org.ods_code] = organisation_services.organisation_create(
                ods_code=org.ods_code,
                name=org.name,
                kind=org.kind,
                # With an ICB the service takes the region from it.
                region=cat.REGION_CODE if org.icb is None else None,
                icb=org.icb,
                pcn=org.pcn,
                opened_on=org.opened_on,
                aliases=org.aliases,
            )
            continue
        changes = {}
        if current.name != org.name:
            changes["name"] = org.name
        if current.opened_on != org.opened_on:
            changes["opened_on"] = org.opened_on
        if list(org.aliases) and not set(org.aliases) <= set(current.aliases):
            changes["aliases"] = [*current.aliases, *org.aliases]
        if org.icb and codes_by_id.get(current.icb_id) != org.icb:
            changes["icb"] = org.icb
        if changes:
            existing[org.ods_code] = organisation_services.organisation_update(
                organisation=current, memberships_from=cat.REFERENCE_DATE, **changes
            )
    return existing


def _history_write(planned: list[PlannedOrganisation], orgs: dict[str, Organisation]) -> None:
    for org in planned:
        target = orgs[org.ods_code]
        for effective_from, segment in org.segments:
            organisation_services.oversight_segment_record(
                organisation=target,
                segment=segment,
                effective_from=effective_from,
                source=cat.SEGMENT_SOURCE,
            )
        for rated_on, overall, well_led in org.ratings:
            organisation_services.cqc_rating_record(
                organisation=target, overall=overall, well_led=well_led, rated_on=rated_on
            )


# ---------------------------------------------------------------------------------------------
# People, employments and equality answers: set-based upserts
# ---------------------------------------------------------------------------------------------


def _people_write(plan: DemoPlan) -> list[int]:
    rows = [
        Person(
            person_number=p.person_number,
            given_name=p.given_name,
            family_name=p.family_name,
            email=p.email,
        )
        for p in plan.persons
    ]
    Person.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["person_number"],
        update_fields=["given_name", "family_name", "email", "updated_at"],
    )
    ids = dict(
        Person.objects.filter(person_number__regex=cat.PERSON_NUMBER_REGEX).values_list(
            "person_number", "id"
        )
    )
    return [ids[p.person_number] for p in plan.persons]


def _depths(plan: DemoPlan) -> list[int]:
    """How far each employment is below its organisation's root."""
    depth: list[int | None] = [None] * len(plan.employments)
    for start in range(len(plan.employments)):
        chain, index = [], start
        while depth[index] is None and plan.employments[index].manager is not None:
            chain.append(index)
            index = plan.employments[index].manager
        if depth[index] is None:
            depth[index] = 0
        value = depth[index]
        for item in reversed(chain):
            value += 1
            depth[item] = value
    return depth


def _employments_write(
    plan: DemoPlan, person_ids: list[int], orgs: dict[str, Organisation]
) -> list[int]:
    """Managers first, level by level, so each row can point at its manager's id."""
    depth = _depths(plan)
    ids: list[int | None] = [None] * len(plan.employments)
    fields = [
        "organisation",
        "job_title",
        "staff_group",
        "pay_band",
        "management_level",
        "line_manager",
        "start_date",
        "end_date",
        "fte",
        "updated_at",
    ]
    for level in range(max(depth) + 1):
        indexes = [i for i, d in enumerate(depth) if d == level]
        rows = []
        for i in indexes:
            e = plan.employments[i]
            rows.append(
                Employment(
                    person_id=person_ids[e.person],
                    organisation_id=orgs[e.organisation].pk,
                    assignment_number=e.assignment_number,
                    job_title=e.job_title,
                    staff_group_id=e.staff_group,
                    pay_band_id=e.pay_band,
                    management_level=e.management_level,
                    line_manager_id=None if e.manager is None else ids[e.manager],
                    start_date=e.start_date,
                    end_date=e.end_date,
                    fte=e.fte,
                )
            )
        Employment.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["person", "assignment_number"],
            update_fields=fields,
        )
        if any(row.pk is None for row in rows):
            # Backends that do not return ids from an upsert: look them up instead.
            found = dict(
                Employment.objects.filter(person_id__in={r.person_id for r in rows}).values_list(
                    "assignment_number", "id"
                )
            )
            for row in rows:
                row.pk = found[row.assignment_number]
        for i, row in zip(indexes, rows, strict=True):
            ids[i] = row.pk
    return ids


def _equality_write(plan: DemoPlan, person_ids: list[int]) -> int:
    rows = [
        EqualityMonitoring(
            person_id=person_ids[i],
            version=1,
            **{q: p.equality.get(q, "") for q in EQUALITY_QUESTIONS},
        )
        for i, p in enumerate(plan.persons)
        if p.equality is not None
    ]
    EqualityMonitoring.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["person"],
        update_fields=[*EQUALITY_QUESTIONS, "version", "updated_at"],
    )
    without = [person_ids[i] for i, p in enumerate(plan.persons) if p.equality is None]
    for start in range(0, len(without), BATCH_SIZE):
        EqualityMonitoring.objects.filter(
            person_id__in=without[start : start + BATCH_SIZE]
        ).delete()
    return len(rows)


def _stale_remove(person_ids: list[int], employment_ids: list[int]) -> int:
    """Remove demo rows the plan no longer has: a smaller reseed, or a move that changed."""
    demo_people = Person.objects.filter(person_number__regex=cat.PERSON_NUMBER_REGEX)
    keep_people = set(person_ids)
    keep_employments = set(employment_ids)
    stale_employments = [
        pk
        for pk in Employment.objects.filter(person__in=demo_people).values_list("id", flat=True)
        if pk not in keep_employments
    ]
    stale_people = [pk for pk in demo_people.values_list("id", flat=True) if pk not in keep_people]
    for start in range(0, len(stale_employments), BATCH_SIZE):
        Employment.objects.filter(id__in=stale_employments[start : start + BATCH_SIZE]).delete()
    for start in range(0, len(stale_people), BATCH_SIZE):
        batch = stale_people[start : start + BATCH_SIZE]
        EqualityMonitoring.objects.filter(person_id__in=batch).delete()
        Person.objects.filter(id__in=batch).delete()
    return len(stale_people)


# ---------------------------------------------------------------------------------------------
# Persona logins
# ---------------------------------------------------------------------------------------------


def _personas_write(plan: DemoPlan, person_ids: list[int], orgs: dict[str, Organisation]) -> int:
    # One hash for every demo login: hashing is deliberately slow, and the password is public.
    password = make_password(DEMO_PASSWORD, salt=PASSWORD_SALT)
    by_code = {**orgs}
    for persona in PERSONAS:
        person_id = None
        if not persona.is_superuser:
            person_id = person_ids[plan.persona_person(persona.username)]
        user = User.objects.filter(username=persona.username).first() or User(
            username=persona.username
        )
        user.person_id = person_id
        user.first_name = persona.given_name
        user.last_name = persona.family_name
        user.is_superuser = persona.is_superuser
        user.is_staff = persona.is_superuser
        user.is_active = True
        user.is_service_account = False
        user.password = password
        user.save()
        wanted = []
        for role, scope, code in persona.grants:
            if code is not None and code not in by_code:
                by_code[code] = Organisation.objects.get(ods_code=code)
            wanted.append((role, scope, by_code[code].pk if code else None))
        by_id = {o.pk: o for o in by_code.values()}
        have = {(a.role, a.scope_level, a.organisation_id): a for a in user.role_assignments.all()}
        for key, assignment in have.items():
            if key not in wanted:
                role_assignment_revoke(actor=None, assignment=assignment)
        for role, scope, organisation_id in wanted:
            if (role, scope, organisation_id) not in have:
                role_assignment_grant(
                    actor=None,
                    user=user,
                    role=role,
                    scope_level=scope,
                    organisation=by_id.get(organisation_id),
                )
    return len(PERSONAS)


# ---------------------------------------------------------------------------------------------
# The whole seed
# ---------------------------------------------------------------------------------------------


def demo_seed(*, people: int = 5000, seed: int = 42, actor=None) -> SeedResult:
    """Seed the North East and Yorkshire demo: organisations, ``people`` people with their
    employments, line management and equality answers, and one login per persona.

    Deterministic for a given ``people`` and ``seed``, and idempotent. All or nothing (apart
    from load_reference_data, which commits its own work first when it has to run).
    Raises ValueError when ``people`` is below the minimum the demo structure needs.
    """
    started = time.perf_counter()
    plan = build_plan(people=people, seed=seed)
    result = SeedResult()
    demo_reference_data_ensure(notes=result.notes)
    with transaction.atomic():
        orgs = _organisations_write(plan.organisations)
        _history_write(plan.organisations, orgs)
        person_ids = _people_write(plan)
        employment_ids = _employments_write(plan, person_ids, orgs)
        result.equality_records = _equality_write(plan, person_ids)
        # Learning rows point at demo people, so they go before any stale person does and
        # are written again once the people and personas are in place.
        talent_demo_clear()
        appraisals_demo_clear()
        learning_demo_clear()
        result.removed_people = _stale_remove(person_ids, employment_ids)
        result.logins = _personas_write(plan, person_ids, orgs)
        result.learning = learning_demo_seed(actor=actor)
        result.appraisals = appraisals_demo_seed(actor=actor)
        result.talent = talent_demo_seed(actor=actor)
        result.people = len(person_ids)
        result.employments = len(employment_ids)
        result.organisations = len(plan.organisations)
        region = orgs.get(cat.REGION_CODE) or Organisation.objects.get(ods_code=cat.REGION_CODE)
        audit_record(
            actor=actor,
            action="demo_seeded",
            obj=region,
            after={
                "people": result.people,
                "seed": seed,
                "employments": result.employments,
                "equality_records": result.equality_records,
                "organisations": result.organisations,
                "logins": result.logins,
                "removed_people": result.removed_people,
            },
            organisation_id=region.pk,
        )
    result.seconds = time.perf_counter() - started
    return result
