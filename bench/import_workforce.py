"""Benchmark the workforce import on a synthetic ESR-style extract.

    uv run python bench/import_workforce.py               # 100,000 rows, throwaway SQLite
    uv run python bench/import_workforce.py --rows 1500000
    DATABASE_URL=postgres://user:pass@host/db uv run python bench/import_workforce.py

It never touches the development database: without DATABASE_URL it uses a SQLite file in a
temporary folder; with a PostgreSQL DATABASE_URL it creates a throwaway database beside the
one named (the user needs CREATEDB) and drops it at the end. It migrates, loads the
reference data, generates the extract, then times a first import (all rows created), a
re-import (all rows unchanged) and an update (every job title changed). On PostgreSQL it
also times COPY of the same file into a bare temporary table, as the floor to compare with.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STAFF_GROUPS = [
    ("nursing_midwifery", ["5", "6", "7", "8a"]),
    ("add_clinical", ["2", "3", "4"]),
    ("admin_clerical", ["2", "3", "4", "5", "6", "7", "8a", "8b"]),
    ("ahp", ["5", "6", "7"]),
    ("medical_dental", ["FY1", "FY2", "CT", "StR", "SD", "CONS"]),
    ("estates_ancillary", ["1", "2", "3"]),
    ("healthcare_scientists", ["5", "6", "7", "8a"]),
]
FIRST = ["Aisha", "Tom", "Priya", "Gareth", "Joanne", "Daniel", "Emma", "Mohammed", "Sophie"]
LAST = ["Rahman", "Whitaker", "Chauhan", "Holmes", "Fletcher", "Okafor", "Iqbal", "Barker"]
HEADER = (
    "Person Number,Assignment Number,First Name,Last Name,Email,Organisation Code,Job Title,"
    "Staff Group,Pay Band,Management Level,Line Manager Assignment Number,Start Date,End Date,FTE"
)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(rows: int, organisations: list[str], *, job_suffix: str = "") -> bytes:
    """One assignment per person, managers ten to one within each organisation, each row's
    manager earlier in the file."""
    rng = random.Random(20260401)
    lines = [HEADER]
    per_org: dict[str, list[str]] = {code: [] for code in organisations}
    for i in range(rows):
        code = organisations[i % len(organisations)]
        assignments = per_org[code]
        person = f"{50_000_000 + i}"
        assignment = f"{person}-1"
        manager = assignments[len(assignments) // 10] if assignments else ""
        level = "" if assignments and len(assignments) % 7 else str(rng.randint(1, 5))
        group, bands = STAFF_GROUPS[i % len(STAFF_GROUPS)]
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        start = f"{2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(
            f"{person},{assignment},{first},{last},{first}.{last}.{person}@nhs.net,{code},"
            f"Job {i % 500}{job_suffix},{group},{bands[i % len(bands)]},{level},{manager},"
            f"{start},,{'1.00' if i % 4 else '0.60'}"
        )
        assignments.append(assignment)
    return ("\n".join(lines) + "\n").encode()


def throwaway_database(url: str | None):
    """(DATABASE_URL to use, cleanup function)."""
    if not url:
        folder = tempfile.mkdtemp(prefix="carelead-bench-")
        return f"sqlite:///{folder}/bench.sqlite3", lambda: None
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Only SQLite (no DATABASE_URL) and PostgreSQL are supported.")
    import psycopg
    from psycopg import sql

    base, _, _ = url.rpartition("/")
    name = f"carelead_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    return f"{base}/{name}", drop


def django_ready() -> callable:
    """Point Django at a throwaway database (or DATABASE_URL's server, in a new database),
    set it up as production runs (DEBUG off), migrate and load the reference data; returns
    the cleanup function. Shared by every bench script."""
    url, cleanup = throwaway_database(os.environ.get("DATABASE_URL"))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "carelead.config.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # As in production: with DEBUG on, Django keeps every query's SQL in memory.
    os.environ["DEBUG"] = "0"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="carelead-bench-media-")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from carelead.people.services import reference_data_load

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    reference_data_load()
    return cleanup


def timed_import(content: bytes, label: str, rows: int):
    from carelead.people.imports.services import workforce_import_run

    phases: dict[str, float] = {}

    def progress(phase, done, total):
        phases.setdefault(phase, time.perf_counter())

    start = time.perf_counter()
    result = workforce_import_run(content=content, actor=None, system=True, progress=progress)
    elapsed = time.perf_counter() - start
    if not result.ok:
        sys.exit(f"{label}: import refused: {result.errors[:5]}")
    validate = phases.get("importing", start) - start
    print(
        f"{label:<12} {elapsed:8.2f} s  {rows / elapsed:10,.0f} rows/s  "
        f"(validate {validate:.2f} s, write {elapsed - validate:.2f} s)  "
        f"peak RSS {peak_rss_mb():,.0f} MB"
    )
    print(f"{'':<12} {result.counts()}")
    return elapsed


def copy_baseline(content: bytes) -> float:
    """COPY the same CSV into a bare temporary table: the fastest PostgreSQL can take it in."""
    from django.db import connection

    columns = ", ".join(f"c{i} text" for i in range(14))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE bench_copy ({columns})")
        start = time.perf_counter()
        with cursor.copy("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)") as copy:
            copy.write(content)
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=20)
    args = parser.parse_args()

    cleanup = django_ready()
    from django.db import connection

    from carelead.organisations.models import Organisation, OrganisationKind

    try:
        codes = [f"BN{i:03d}" for i in range(args.organisations)]
        Organisation.objects.bulk_create(
            Organisation(
                ods_code=code, name=f"Bench NHS Trust {code}", kind=OrganisationKind.NHS_TRUST
            )
            for code in codes
        )
        content = generate(args.rows, codes)
        print(f"Extract: {args.rows:,} rows, {len(content) / 1e6:.1f} MB")

        first = timed_import(content, "create", args.rows)
        timed_import(content, "re-import", args.rows)
        timed_import(generate(args.rows, codes, job_suffix="b"), "update", args.rows)

        if connection.vendor == "postgresql":
            copy = copy_baseline(content)
            print(
                f"COPY baseline {copy:.2f} s ({args.rows / copy:,.0f} rows/s); "
                f"first import takes {first / copy:.1f}x as long"
            )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
