import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carelead.accounts import scoping
from carelead.core.models import AuditEvent
from carelead.people.imports.services import workforce_import_run
from carelead.people.models import Employment, Person
from carelead.people.tests.factories import EmploymentFactory, PersonFactory
from carelead.people.tests.test_import_support import (
    SAMPLE,
    build_trusts,
    people_lead,
    row,
    sample_rows,
    table_counts,
    to_csv,
)

EXTRACT_DATE = datetime.date(2026, 4, 1)


@pytest.fixture
def trusts(reference_data):
    return build_trusts()


@pytest.fixture
def lead(trusts):
    return people_lead("lead", *trusts.values())


def run(content, actor, **options):
    options.setdefault("extract_date", EXTRACT_DATE)
    return workforce_import_run(content=content, actor=actor, **options)


def test_sample_extract_creates_people_employments_line_managers_and_audit(lead, trusts):
    result = run(SAMPLE.read_bytes(), lead)

    assert result.ok, result.errors
    assert result.counts() == {
        "people_created": 30,
        "people_updated": 0,
        "employments_created": 31,
        "employments_updated": 0,
        "employments_ended": 0,
        "employments_unchanged": 0,
    }
    # The sample is for the demo people lead's trust only.
    assert result.organisation_ids == [trusts["RR8"].pk]
    emma = Employment.objects.get(assignment_number="20100007-1")
    assert emma.line_manager.assignment_number == "20100006-1"
    assert emma.fte == Decimal("0.8") and emma.organisation == trusts["RR8"]
    secondment = Employment.objects.get(assignment_number="20100003-2")
    assert secondment.person == Person.objects.get(person_number="20100003")
    assert secondment.line_manager.assignment_number == "20200001-1"
    created = AuditEvent.objects.filter(action="employment_created")
    assert created.count() == 31
    assert set(created.values_list("organisation_id", flat=True)) == {trusts["RR8"].pk}
    # A new person is recorded in their employment's event rather than in one of their own.
    assert created.filter(after__person_number="20100003").count() == 2
    assert not AuditEvent.objects.filter(action="person_created").exists()
    assert created.filter(actor=lead).count() == 31


def test_reimporting_the_same_file_changes_nothing(lead):
    content = SAMPLE.read_bytes()
    run(content, lead)
    before = table_counts()

    result = run(content, lead)

    assert result.ok
    assert result.employments_unchanged == 31
    assert result.employments_created == result.employments_updated == 0
    assert result.people_created == result.people_updated == 0
    assert table_counts() == before


def test_changed_job_title_updates_the_employment_and_is_audited(lead):
    rows = sample_rows()
    run(to_csv(rows), lead)
    rows[6]["Job Title"] = "Senior Staff Nurse"

    result = run(to_csv(rows), lead)

    assert result.employments_updated == 1 and result.employments_unchanged == 30
    assert Employment.objects.get(assignment_number="20100007-1").job_title == "Senior Staff Nurse"
    event = AuditEvent.objects.get(action="employment_updated")
    assert event.before == {"job_title": "Staff Nurse"}
    assert event.after == {"job_title": "Senior Staff Nurse"}


def test_changed_name_updates_the_person(lead):
    run(to_csv([row()]), lead)

    result = run(to_csv([row(Last_Name="King")]), lead)

    assert result.people_updated == 1 and result.employments_unchanged == 1
    assert Person.objects.get(person_number="30000001").family_name == "King"
    assert AuditEvent.objects.filter(action="person_updated").count() == 1


def test_line_manager_change_counts_as_an_update(lead):
    rows = sample_rows()
    run(to_csv(rows), lead)
    rows[6]["Line Manager Assignment Number"] = "20100005-1"

    result = run(to_csv(rows), lead)

    assert result.employments_updated == 1
    emma = Employment.objects.get(assignment_number="20100007-1")
    assert emma.line_manager.assignment_number == "20100005-1"


def test_line_manager_can_be_an_assignment_already_in_carelead(lead, trusts):
    manager = EmploymentFactory(organisation=trusts["RR8"], assignment_number="99999999-1")

    result = run(to_csv([row(Line_Manager_Assignment_Number="99999999-1")]), lead)

    assert result.ok, result.errors
    assert Employment.objects.get(assignment_number="30000001-1").line_manager == manager


def test_without_end_missing_employments_left_out_are_untouched(lead):
    rows = sample_rows()
    run(to_csv(rows), lead)

    result = run(to_csv(rows[1:]), lead)

    assert result.employments_ended == 0
    assert Employment.objects.get(assignment_number="20100001-1").end_date is None


def test_end_missing_ends_left_out_employments_of_the_files_organisations_only(lead, trusts):
    rows = sample_rows()
    run(to_csv(rows), lead)
    rr8_only = [r for r in rows if r["Organisation Code"] == "RR8"]

    result = run(to_csv(rr8_only[1:]), lead, end_missing=True)

    assert result.employments_ended == 1
    assert Employment.objects.get(assignment_number="20100001-1").end_date == EXTRACT_DATE
    # RXF and RHQ are not in the file, so their employments are not "missing" from it.
    assert not Employment.objects.exclude(organisation=trusts["RR8"]).filter(end_date=EXTRACT_DATE)
    event = AuditEvent.objects.get(action="employment_ended")
    assert event.organisation_id == trusts["RR8"].pk
    assert event.after == {"end_date": "2026-04-01"}
    # Ending again is a no-op.
    assert run(to_csv(rr8_only[1:]), lead, end_missing=True).employments_ended == 0


def test_end_missing_never_ends_before_the_start(lead, trusts):
    future = EmploymentFactory(
        organisation=trusts["RR8"], start_date=datetime.date(2026, 6, 1), end_date=None
    )

    run(to_csv([row()]), lead, end_missing=True)

    future.refresh_from_db()
    assert future.end_date == datetime.date(2026, 6, 1)


def test_dry_run_reports_counts_and_writes_nothing(lead):
    before = table_counts()

    result = run(SAMPLE.read_bytes(), lead, dry_run=True)

    assert result.ok and result.employments_created == 31
    assert table_counts() == before


def test_people_lead_cannot_import_rows_for_another_organisation(trusts):
    leeds_lead = people_lead("leeds", trusts["RR8"])
    before = table_counts()

    result = run(to_csv([row(), row(Person_Number="2", Organisation_Code="RXF")]), leeds_lead)

    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "Organisation Code")]
    assert "not an organisation you are the people lead for" in result.errors[0].message
    assert table_counts() == before


def test_user_without_people_lead_role_can_import_nothing(trusts):
    nobody = people_lead("nobody")

    result = run(to_csv([row()]), nobody)

    assert result.error_count == 1 and result.errors[0].column == "Organisation Code"


def test_system_import_covers_every_organisation(trusts):
    result = run(SAMPLE.read_bytes(), None, system=True)

    assert result.ok and result.employments_created == 31
    assert AuditEvent.objects.filter(actor__isnull=True, actor_label="system").exists()


def test_an_actor_or_system_is_required(trusts):
    with pytest.raises(ValueError):
        run(SAMPLE.read_bytes(), None)


def test_assignment_cannot_move_to_another_organisation(lead, trusts):
    person = PersonFactory(person_number="30000001")
    EmploymentFactory(person=person, organisation=trusts["RXF"], assignment_number="30000001-1")
    before = table_counts()

    result = run(to_csv([row(Job_Title="Changed")]), lead)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Organisation Code")]
    assert "belongs to RXF" in result.errors[0].message
    assert table_counts() == before


def _queries_for(lead, n):
    rows = [
        row(
            Person_Number=f"4{i:07d}",
            Assignment_Number=f"4{i:07d}-1",
            Email="",
            Line_Manager_Assignment_Number="40000000-1" if i else "",
        )
        for i in range(n)
    ]
    scoping.clear_cache(lead)
    with CaptureQueriesContext(connection) as queries:
        result = run(to_csv(rows), lead)
    assert result.ok, result.errors
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_rows(lead):
    few = _queries_for(lead, 5)
    Employment.objects.all().delete()
    Person.objects.all().delete()
    many = _queries_for(lead, 400)
    assert many == few


def test_progress_while_importing_is_visible_outside_the_import_transaction(db):
    """The worker's writes are invisible until commit, so the run page reads the percentage
    from the shared progress cache while the run is importing."""
    from django.core.cache import caches

    from carelead.people.imports.models import WorkforceImport
    from carelead.people.imports.selectors import import_run_progress
    from carelead.people.imports.services import _RunProgress, progress_key

    run = WorkforceImport(pk=987654, status=WorkforceImport.Status.IMPORTING, progress=50)
    reporter = _RunProgress(run.pk)
    reporter("importing", 500, 1000)
    assert caches["progress"].get(progress_key(run.pk)) == 75
    assert import_run_progress(run) == 75
    run.status = WorkforceImport.Status.DONE
    run.progress = 100
    assert import_run_progress(run) == 100
