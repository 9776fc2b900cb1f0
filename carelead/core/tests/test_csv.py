import pytest

from carelead.core.csv import spreadsheet_safe


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_is_quoted(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Leeds Teaching Hospitals", "", "1.5", "O'Neill"])
def test_other_cells_are_unchanged(text):
    assert spreadsheet_safe(text) == text
