import io

import pytest
from django.core.management import CommandError, call_command

from carelead.people.models import Employment
from carelead.people.tests.test_import_support import (
    SAMPLE,
    build_trusts,
    people_lead,
    row,
    table_counts,
    to_csv,
)


@pytest.fixture
def trusts(reference_data):
    return build_trusts()


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_workforce", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_system_import_of_the_sample_prints_the_counts(trusts):
    out, err = command(str(SAMPLE), "--system")

    assert "Imported: 31 rows." in out
    assert "employments created: 31" in out
    assert "Validating" in err and "Importing" in err
    assert Employment.objects.count() == 31


def test_dry_run_saves_nothing(trusts):
    out, _ = command(str(SAMPLE), "--system", "--dry-run")

    assert "Dry run" in out and "employments created: 31" in out
    assert not Employment.objects.exists()


def test_errors_are_listed_by_row_and_column_and_exit_non_zero(trusts, tmp_path):
    people_lead("leeds", trusts["RR8"])
    path = tmp_path / "bad.csv"
    path.write_bytes(to_csv([row(), row(Person_Number="2", Organisation_Code="RXF", FTE="x")]))
    before = table_counts()
    err = io.StringIO()

    with pytest.raises(CommandError, match="not imported"):
        call_command("import_workforce", str(path), "--as", "leeds", stderr=err)

    assert "3\tOrganisation Code\tYou cannot import staff of Mid Yorkshire" in err.getvalue()
    assert "3\tFTE\tFTE must be a number" in err.getvalue()
    assert table_counts() == before


def test_end_missing_option_ends_left_out_employments(trusts, tmp_path):
    command(str(SAMPLE), "--system")
    path = tmp_path / "rr8.csv"
    path.write_bytes(to_csv([row()]))

    out, _ = command(str(path), "--system", "--end-missing", "--extract-date", "2026-04-01")

    # 31 RR8 employments in the sample; two had already ended before the extract date.
    assert "employments ended: 29" in out


def test_unknown_user_and_missing_file_are_command_errors(trusts, tmp_path):
    with pytest.raises(CommandError, match="no user"):
        command(str(SAMPLE), "--as", "nobody")
    with pytest.raises(CommandError, match="Cannot read"):
        command(str(tmp_path / "missing.csv"), "--system")
