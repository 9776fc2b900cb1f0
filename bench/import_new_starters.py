"""Benchmark what automatic enrolment on the national induction adds to a workforce import.

    uv run python bench/import_new_starters.py                # 10,000 rows, throwaway SQLite
    uv run python bench/import_new_starters.py --rows 100000
    DATABASE_URL=postgres://user:pass@host/db uv run python bench/import_new_starters.py

Every row is a brand-new person whose first employment starts after the induction's
``enrol_joiners_from``, so with an open induction every row is enrolled (and audited). It
imports one extract with no national induction open (the baseline: the import alone), then
opens one and imports a second extract of other new people, on the same database in the
same process, and prints the ratio of the two times. Each import writes fresh people, so
neither is a re-import. The database is thrown away as in bench/import_workforce.py.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_workforce import (  # noqa: E402
    HEADER,
    STAFF_GROUPS,
    django_ready,
    peak_rss_mb,
)

JOINERS_FROM = datetime.date(2024, 4, 1)


def generate(rows: int, organisations: list[str], *, first_person: int) -> bytes:
    """One assignment per new person, starting between 1 May 2024 and mid 2026; managers
    ten to one within each organisation, each earlier in the file than their reports."""
    lines = [HEADER]
    per_org: dict[str, list[str]] = {code: [] for code in organisations}
    for i in range(rows):
        code = organisations[i % len(organisations)]
        assignments = per_org[code]
        person = f"{first_person + i}"
        assignment = f"{person}-1"
        manager = assignments[len(assignments) // 10] if assignments else ""
        group, bands = STAFF_GROUPS[i % len(STAFF_GROUPS)]
        start = datetime.date(2024, 5, 1) + datetime.timedelta(days=i % 750)
        lines.append(
            f"{person},{assignment},New,Starter {i},new.starter.{person}@nhs.net,{code},"
            f"Job {i % 300},{group},{bands[i % len(bands)]},,{manager},{start.isoformat()},,1.00"
        )
        assignments.append(assignment)
    return ("\n".join(lines) + "\n").encode()


def timed_import(content: bytes, label: str, rows: int) -> float:
    from carelead.learning.models import Enrolment
    from carelead.people.imports.services import workforce_import_run

    before = Enrolment.objects.count()
    start = time.perf_counter()
    result = workforce_import_run(content=content, actor=None, system=True)
    elapsed = time.perf_counter() - start
    if not result.ok:
        sys.exit(f"{label}: import refused: {result.errors[:5]}")
    enrolled = Enrolment.objects.count() - before
    print(
        f"{label:<22} {rows:>9,} rows {elapsed:8.2f} s {rows / elapsed:10,.0f} rows/s  "
        f"enrolled {enrolled:,}  peak RSS {peak_rss_mb():,.0f} MB"
    )
    return elapsed


def open_national_induction():
    """An open national induction from an accredited provider, as the service would have."""
    from carelead.learning.models import Accreditation, Programme
    from carelead.organisations.models import Organisation, OrganisationKind
    from carelead.standards.models import Framework, FrameworkVersion

    provider = Organisation.objects.create(
        ods_code="BNTP1", name="Bench Leadership Academy", kind=OrganisationKind.TRAINING_PROVIDER
    )
    Accreditation.objects.create(
        provider=provider,
        accrediting_body="Bench accrediting body",
        status=Accreditation.Status.ACCREDITED,
        applied_on=datetime.date(2023, 1, 1),
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2099, 12, 31),
    )
    framework = Framework.objects.create(
        slug="bench-framework", title="Bench framework", kind="management_leadership"
    )
    version = FrameworkVersion.objects.create(
        framework=framework, version="1", title="Bench framework 1", status="published"
    )
    return Programme.objects.create(
        code="bench-national-induction",
        title="National induction",
        kind=Programme.Kind.NATIONAL_INDUCTION,
        status=Programme.Status.OPEN,
        provider=provider,
        framework_version=version,
        enrol_joiners_from=JOINERS_FROM,
        due_weeks=12,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=20)
    args = parser.parse_args()

    cleanup = django_ready()
    from carelead.organisations.models import Organisation, OrganisationKind

    try:
        codes = [f"BN{i:03d}" for i in range(args.organisations)]
        Organisation.objects.bulk_create(
            Organisation(
                ods_code=code, name=f"Bench NHS Trust {code}", kind=OrganisationKind.NHS_TRUST
            )
            for code in codes
        )
        without = timed_import(
            generate(args.rows, codes, first_person=60_000_000),
            "no induction open",
            args.rows,
        )
        open_national_induction()
        with_induction = timed_import(
            generate(args.rows, codes, first_person=70_000_000),
            "induction open",
            args.rows,
        )
        print(
            f"ratio (with ÷ without) {with_induction / without:.2f}x: automatic enrolment adds "
            f"{with_induction - without:.2f} s for {args.rows:,} new starters"
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
