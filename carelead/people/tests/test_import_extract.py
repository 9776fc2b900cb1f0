"""Every kind of bad file is refused with the row and column of each problem, and writes
nothing; malformed input of any shape never raises and never writes part of a file."""

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carelead.people.imports.extract import COLUMNS, extract_parse
from carelead.people.imports.services import workforce_import_run
from carelead.people.tests.factories import EmploymentFactory
from carelead.people.tests.test_import_support import (
    build_trusts,
    people_lead,
    row,
    sample_rows,
    table_counts,
    to_csv,
)


@pytest.fixture
def trusts(reference_data):
    return build_trusts()


@pytest.fixture
def lead(trusts):
    return people_lead("lead", *trusts.values())


def errors_of(content, lead):
    before = table_counts()
    result = workforce_import_run(content=content, actor=lead)
    assert not result.ok
    assert table_counts() == before, "a refused file must change nothing"
    return [(e.row, e.column, e.message) for e in result.errors]


def only_error(content, lead):
    errors = errors_of(content, lead)
    assert len(errors) == 1, errors
    return errors[0]


BAD_ROWS = [
    (
        {"Organisation_Code": "ZZZ"},
        "Organisation Code",
        "'ZZZ' is not an organisation carelead knows",
    ),
    ({"Staff_Group": "wizards"}, "Staff Group", "'wizards' is not a known staff group code"),
    ({"Pay_Band": "10"}, "Pay Band", "'10' is not a known pay band code"),
    ({"Start_Date": "01/04/2024"}, "Start Date", "YYYY-MM-DD"),
    ({"Start_Date": "2024-02-30"}, "Start Date", "real date"),
    ({"End_Date": "2023-12-31"}, "End Date", "same as or after Start Date"),
    ({"End_Date": "soon"}, "End Date", "YYYY-MM-DD"),
    ({"FTE": "2.5"}, "FTE", "from 0 to 2"),
    ({"FTE": "-1"}, "FTE", "from 0 to 2"),
    ({"FTE": "one"}, "FTE", "from 0 to 2"),
    ({"FTE": "1.005"}, "FTE", "up to 2 decimal places"),
    ({"Management_Level": "6"}, "Management Level", "1, 2, 3, 4, 5 or blank"),
    ({"Management_Level": "two"}, "Management Level", "1, 2, 3, 4, 5 or blank"),
    ({"Line_Manager_Assignment_Number": "nobody-1"}, "Line Manager Assignment Number", "nobody-1"),
    ({"Line_Manager_Assignment_Number": "30000001-1"}, "Line Manager Assignment Number", "own"),
    ({"Person_Number": ""}, "Person Number", "Enter a value for Person Number"),
    ({"Assignment_Number": " "}, "Assignment Number", "Enter a value"),
    ({"First_Name": ""}, "First Name", "Enter a value"),
    ({"Last_Name": ""}, "Last Name", "Enter a value"),
    ({"Job_Title": ""}, "Job Title", "Enter a value"),
    ({"Staff_Group": ""}, "Staff Group", "Enter a value"),
    ({"Start_Date": ""}, "Start Date", "Enter a value"),
    ({"FTE": ""}, "FTE", "Enter a value"),
    ({"Organisation_Code": ""}, "Organisation Code", "Enter a value"),
    ({"Email": "not-an-email"}, "Email", "not a valid email address"),
    ({"Job_Title": "x" * 201}, "Job Title", "200 characters or fewer"),
    ({"Job_Title": "Nurse\x00"}, "Job Title", "control character"),
]


@pytest.mark.parametrize(("values", "column", "message"), BAD_ROWS)
def test_bad_cell_is_reported_on_its_row_and_column(lead, values, column, message):
    content = to_csv([row(Person_Number="30000009", Assignment_Number="30000009-1"), row(**values)])

    assert_row, assert_column, text = only_error(content, lead)

    assert (assert_row, assert_column) == (3, column)
    assert message in text


def test_line_manager_in_another_organisation_is_not_found(lead, trusts):
    EmploymentFactory(organisation=trusts["RXF"], assignment_number="77777777-1")

    error = only_error(to_csv([row(Line_Manager_Assignment_Number="77777777-1")]), lead)

    assert error[:2] == (2, "Line Manager Assignment Number")


def test_duplicate_person_and_assignment_is_reported_on_the_second_row(lead):
    error = only_error(to_csv([row(), row(Job_Title="Other")]), lead)

    assert error[:2] == (3, "Assignment Number")
    assert "already on row 2" in error[2]


def test_person_with_two_different_names_is_refused(lead):
    content = to_csv([row(), row(Assignment_Number="30000001-2", First_Name="Augusta")])

    error = only_error(content, lead)

    assert error[:2] == (3, "First Name")
    assert "'Ada' on row 2 but 'Augusta' here" in error[2]


def test_missing_and_extra_columns_are_reported_on_the_header(lead):
    columns = [c for c in COLUMNS if c != "FTE"] + ["Shoe Size"]

    errors = errors_of(to_csv([row()], columns), lead)

    assert sorted(errors) == sorted(
        [
            (1, "Shoe Size", "'Shoe Size' is not a column of a workforce extract."),
            (1, "FTE", "The column 'FTE' is missing."),
        ]
    )


def test_repeated_column_is_reported(lead):
    errors = errors_of(to_csv([row()], [*COLUMNS, "Email"]), lead)

    assert errors == [(1, "Email", "The column 'Email' appears more than once.")]


def test_file_that_is_not_utf8_is_refused_with_its_line(lead):
    content = to_csv([row(), row(Person_Number="2", Last_Name="Brontë")]).decode()
    content = content.encode("latin-1")

    error = only_error(content, lead)

    assert error[0] == 3 and "not UTF-8" in error[2]


def test_byte_order_mark_is_accepted_and_columns_may_come_in_any_order(lead):
    columns = list(reversed(COLUMNS))

    result = workforce_import_run(content=to_csv([row()], columns, bom=True), actor=lead)

    assert result.ok, result.errors


def test_row_with_the_wrong_number_of_cells_is_refused(lead):
    content = to_csv([row()]) + b"1,2,3\n"

    assert only_error(content, lead) == (3, "", "This row has 3 cells but the header has 14.")


def test_unclosed_quote_is_refused(lead):
    content = to_csv([row()]) + b'"30000002,broken\n'

    error = only_error(content, lead)

    assert "not valid CSV" in error[2]


def test_empty_file_and_header_only_file_are_refused(lead):
    assert "empty" in only_error(b"", lead)[2]
    assert "no rows of staff" in only_error(to_csv([]), lead)[2]


def test_blank_lines_are_skipped_but_still_count_as_rows(lead):
    content = to_csv([row()]) + b"\n" + to_csv([row(Person_Number="")]).split(b"\n", 1)[1]

    assert only_error(content, lead)[:2] == (4, "Person Number")


def test_every_error_in_the_file_is_reported(lead):
    content = to_csv([row(FTE="9", Pay_Band="Z"), row(Person_Number="2", Start_Date="x")])

    errors = errors_of(content, lead)

    assert [(r, c) for r, c, _ in errors] == [(2, "Pay Band"), (2, "FTE"), (3, "Start Date")]


def test_one_bad_row_among_good_ones_writes_nothing(lead):
    rows = sample_rows()
    rows[20]["FTE"] = "3"

    errors = errors_of(to_csv(rows), lead)

    assert [(r, c) for r, c, _ in errors] == [(22, "FTE")]


# Malformed input, generated.

_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _import_in_savepoint(content, lead):
    """Import, check the all-or-nothing property, and undo, so examples do not interact."""
    with transaction.atomic():
        before = table_counts()
        result = workforce_import_run(content=content, actor=lead)
        if not result.ok:
            assert result.errors
            assert all(e.row >= 0 and isinstance(e.column, str) for e in result.errors)
            assert table_counts() == before
        transaction.set_rollback(True)
    return result


@_settings
@given(content=st.binary(max_size=2000))
def test_random_bytes_never_raise_or_write(lead, content):
    _import_in_savepoint(content, lead)


_cell = st.text(max_size=12) | st.sampled_from(["RR8", "5", "1", "2024-01-01", "", '"', ","])


@_settings
@given(cells=st.lists(st.lists(_cell, min_size=0, max_size=16), max_size=6))
def test_random_csv_cells_under_a_valid_header_never_raise(lead, cells):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(cells)
    _import_in_savepoint(out.getvalue().encode("utf-8", "surrogatepass"), lead)


@_settings
@given(
    data=st.data(),
    count=st.integers(min_value=1, max_value=5),
)
def test_mutated_valid_rows_are_imported_whole_or_not_at_all(lead, data, count):
    rows = sample_rows()
    for _ in range(count):
        target = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
        column = data.draw(st.sampled_from(COLUMNS))
        rows[target][column] = data.draw(_cell)
    result = _import_in_savepoint(to_csv(rows), lead)
    if result.ok:
        assert result.employments_created + result.employments_updated > 0


def test_parse_reports_progress(trusts):
    calls = []
    rows = [row(Person_Number=str(i), Assignment_Number=f"{i}-1", Email="") for i in range(2500)]

    parsed = extract_parse(
        to_csv(rows), allowed_organisation_ids=None, progress=lambda *a: calls.append(a)
    )

    assert parsed.ok
    assert calls[0] == ("validating", 1000, 2501)
    assert calls[-1] == ("validating", 2501, 2501)
