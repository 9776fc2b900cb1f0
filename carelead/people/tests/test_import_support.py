"""Builders shared by the workforce import tests (no tests of its own): the three trusts of
the sample extract, people leads over them, and CSV files made from row dicts."""

import csv
import io
from pathlib import Path

from carelead.accounts.roles import Role, ScopeLevel
from carelead.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from carelead.core.models import AuditEvent
from carelead.organisations.tests.factories import IcbFactory, RegionFactory, TrustFactory
from carelead.people.imports.extract import COLUMNS
from carelead.people.models import Employment, Person

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_workforce_extract.csv"


def build_trusts() -> dict:
    region = RegionFactory(ods_code="Y63", name="North East and Yorkshire")
    west = IcbFactory(ods_code="QWO", name="NHS West Yorkshire ICB", region=region)
    south = IcbFactory(ods_code="QF7", name="NHS South Yorkshire ICB", region=region)
    return {
        "RR8": TrustFactory(
            ods_code="RR8", name="Leeds Teaching Hospitals NHS Trust", icb=west, region=region
        ),
        "RXF": TrustFactory(
            ods_code="RXF", name="Mid Yorkshire Teaching NHS Trust", icb=west, region=region
        ),
        "RHQ": TrustFactory(
            ods_code="RHQ",
            name="Sheffield Teaching Hospitals NHS Foundation Trust",
            icb=south,
            region=region,
        ),
    }


def people_lead(username: str, *organisations):
    user = UserFactory(username=username)
    for organisation in organisations:
        RoleAssignmentFactory(
            user=user,
            role=Role.PEOPLE_LEAD,
            scope_level=ScopeLevel.ORGANISATION,
            organisation=organisation,
        )
    return user


def sample_rows() -> list[dict]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def to_csv(rows: list[dict], columns=COLUMNS, *, bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    text = out.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def row(**values) -> dict:
    """A valid row for RR8; keyword names are the columns with spaces as underscores."""
    base = {
        "Person Number": "30000001",
        "Assignment Number": "30000001-1",
        "First Name": "Ada",
        "Last Name": "Lovelace",
        "Email": "ada.lovelace@nhs.net",
        "Organisation Code": "RR8",
        "Job Title": "Staff Nurse",
        "Staff Group": "nursing_midwifery",
        "Pay Band": "5",
        "Management Level": "",
        "Line Manager Assignment Number": "",
        "Start Date": "2024-01-01",
        "End Date": "",
        "FTE": "1",
    }
    for name, value in values.items():
        base[name.replace("_", " ")] = value
    return base


def table_counts() -> tuple[int, int, int]:
    return Person.objects.count(), Employment.objects.count(), AuditEvent.objects.count()
